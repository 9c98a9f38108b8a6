import { decodeMsgpack, encodeMsgpack } from '../../../../provider/plugin/cty/msgpack';
import { Decimal, DynamicValue, UNKNOWN, type CtyType, type Value } from '../../../../provider/plugin/cty/types';

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const hexOfText = (s: string): string => Buffer.from(s, 'utf8').toString('hex');

describe('decodeMsgpack: primitives', () => {
  it('decodes c0 as null and empty bytes as null', () => {
    expect(decodeMsgpack(bytes('c0'), 'string')).toBeNull();
    expect(decodeMsgpack(new Uint8Array(0), ['object', { a: 'string' }])).toBeNull();
  });

  it.each([
    ['05', 5],
    ['7f', 127],
    ['cc c8', 200],
    ['cd 03 e8', 1000],
    ['ce 00 01 86 a0', 100000],
    ['cf 00 00 00 00 00 00 00 07', 7],
    ['ff', -1],
    ['e0', -32],
    ['d0 9c', -100],
    ['d1 fc 18', -1000],
    ['d2 ff fe 79 60', -100000],
    ['d3 ff ff ff ff ff ff ff f9', -7],
  ])('decodes the int form %s as %p', (hex, expected) => {
    expect(decodeMsgpack(bytes(hex), 'number')).toBe(expected);
  });

  it('keeps 64-bit integers beyond 2^53 exact as bigint', () => {
    expect(decodeMsgpack(bytes('cf 00 20 00 00 00 00 00 01'), 'number')).toBe(9007199254740993n);
    expect(decodeMsgpack(bytes('d3 ff df ff ff ff ff ff ff'), 'number')).toBe(-9007199254740993n);
    expect(decodeMsgpack(bytes('cf ff ff ff ff ff ff ff ff'), 'number')).toBe(18446744073709551615n);
  });

  it('decodes float64 and float32', () => {
    expect(decodeMsgpack(bytes('cb 3f f8 00 00 00 00 00 00'), 'number')).toBe(1.5);
    expect(decodeMsgpack(bytes('cb 3f b9 99 99 99 99 99 9a'), 'number')).toBe(0.1);
    expect(decodeMsgpack(bytes('ca 3f c0 00 00'), 'number')).toBe(1.5);
    expect(decodeMsgpack(bytes('cb 7f f0 00 00 00 00 00 00'), 'number')).toBe(Infinity);
  });

  it('decodes decimal strings: fractions as Decimal (verbatim), integers as number or bigint', () => {
    const tenth = decodeMsgpack(bytes('a3 30 2e 31'), 'number');
    expect(tenth).toBeInstanceOf(Decimal);
    expect(String(tenth as Decimal)).toBe('0.1');
    expect(decodeMsgpack(bytes(`a2 ${hexOfText('42')}`), 'number')).toBe(42);
    const big = '123456789012345678901234567890';
    expect(decodeMsgpack(bytes(`be ${hexOfText(big)}`), 'number')).toBe(BigInt(big));
    expect(decodeMsgpack(bytes(`a3 ${hexOfText('Inf')}`), 'number')).toBe(Infinity);
  });

  it('rejects number text that is not a number, and NaN', () => {
    expect(() => decodeMsgpack(bytes(`a3 ${hexOfText('abc')}`), 'number')).toThrow(/invalid number text "abc"/);
    expect(() => decodeMsgpack(bytes('cb 7f f8 00 00 00 00 00 00'), 'number')).toThrow(/NaN/);
  });

  it('decodes strings, binary strings and bools', () => {
    expect(decodeMsgpack(bytes(`a5 ${hexOfText('hello')}`), 'string')).toBe('hello');
    expect(decodeMsgpack(bytes(`c4 02 ${hexOfText('hi')}`), 'string')).toBe('hi');
    expect(decodeMsgpack(bytes(`a5 ${hexOfText('café')}`), 'string')).toBe('café');
    expect(decodeMsgpack(bytes('c3'), 'bool')).toBe(true);
    expect(decodeMsgpack(bytes('c2'), 'bool')).toBe(false);
  });

  it('throws with the path when the wire kind does not match the type', () => {
    const type: CtyType = ['object', { address: ['object', { city: 'string' }] }];
    // {"address": {"city": 5}}
    const wire = bytes(`81 a7 ${hexOfText('address')} 81 a4 ${hexOfText('city')} 05`);
    expect(() => decodeMsgpack(wire, type)).toThrow('.address.city: expected string, got msgpack number');
  });
});

describe('decodeMsgpack: unknown values (any extension)', () => {
  it.each([
    ['fixext1 type 0 (what TF writes)', 'd4 00 00'],
    ['ext8 with empty payload', 'c7 00 00'],
    ['refined unknown (ext 12) with nullness and a string prefix', 'c7 09 0c 82 01 c2 02 a4 70 72 65 2d'],
    ['an extension code we do not know (5)', 'd5 05 01 02'],
    ['the timestamp code (-1) with a payload that is no timestamp', 'd4 ff 00'],
  ])('decodes %s as UNKNOWN', (_name, hex) => {
    expect(decodeMsgpack(bytes(hex), 'string')).toBe(UNKNOWN);
  });

  it('decodes unknowns for every type, including inside collections and as dynamic', () => {
    expect(decodeMsgpack(bytes('d4 00 00'), ['list', 'string'])).toBe(UNKNOWN);
    expect(decodeMsgpack(bytes('d4 00 00'), 'dynamic')).toBe(UNKNOWN);
    expect(decodeMsgpack(bytes('92 a1 61 d4 00 00'), ['list', 'string'])).toEqual(['a', UNKNOWN]);
  });
});

describe('decodeMsgpack: collections and structural types', () => {
  it('decodes objects keyed by attribute name and fills missing attributes with null', () => {
    const type: CtyType = ['object', { a: 'string', b: 'number', c: 'bool' }];
    expect(decodeMsgpack(bytes(`82 a1 61 a1 78 a1 62 c0`), type)).toEqual({ a: 'x', b: null, c: null });
  });

  it('throws a clear error for an attribute the type does not have', () => {
    const type: CtyType = ['object', { a: 'string' }];
    expect(() => decodeMsgpack(bytes('82 a1 61 a1 78 a1 7a a1 78'), type)).toThrow(/unsupported attribute "z"/);
  });

  it('decodes lists, sets, maps and tuples', () => {
    expect(decodeMsgpack(bytes('90'), ['list', 'string'])).toEqual([]);
    expect(decodeMsgpack(bytes('92 01 02'), ['set', 'number'])).toEqual([1, 2]);
    expect(decodeMsgpack(bytes('82 a1 62 01 a1 61 02'), ['map', 'number'])).toEqual({ a: 2, b: 1 });
    expect(decodeMsgpack(bytes('92 a1 61 c3'), ['tuple', ['string', 'bool']])).toEqual(['a', true]);
  });

  it('names the element in errors inside lists and maps', () => {
    expect(() => decodeMsgpack(bytes('92 01 c3'), ['list', 'number'])).toThrow(
      '[1]: expected number, got msgpack bool',
    );
    expect(() => decodeMsgpack(bytes('81 a1 6b c3'), ['map', 'string'])).toThrow(
      '["k"]: expected string, got msgpack bool',
    );
  });

  it('rejects a tuple of the wrong length and non-string map keys', () => {
    expect(() => decodeMsgpack(bytes('91 a1 61'), ['tuple', ['string', 'bool']])).toThrow(/tuple of 2 elements/);
    expect(() => decodeMsgpack(bytes('81 01 a1 61'), ['map', 'string'])).toThrow(/map keys must be strings/);
  });

  it('decodes dynamic values: [bin type JSON, value], str type JSON too, bare nil and ext', () => {
    const typeJson = hexOfText('"string"');
    expect(decodeMsgpack(bytes(`92 c4 08 ${typeJson} a2 68 69`), 'dynamic')).toEqual(new DynamicValue('string', 'hi'));
    expect(decodeMsgpack(bytes(`92 a8 ${typeJson} a2 68 69`), 'dynamic')).toEqual(new DynamicValue('string', 'hi'));
    expect(decodeMsgpack(bytes('c0'), 'dynamic')).toBeNull();
    expect(decodeMsgpack(bytes('d4 00 00'), 'dynamic')).toBe(UNKNOWN);
    const listJson = hexOfText('["list","number"]');
    const decoded = decodeMsgpack(bytes(`92 c4 11 ${listJson} 92 01 cf 00 20 00 00 00 00 00 01`), 'dynamic');
    expect(decoded).toEqual(new DynamicValue(['list', 'number'], [1, 9007199254740993n]));
  });

  it('rejects malformed dynamic values', () => {
    expect(() => decodeMsgpack(bytes('a1 61'), 'dynamic')).toThrow(/2-element array/);
    expect(() => decodeMsgpack(bytes(`92 c4 03 ${hexOfText('"x"')} c0`), 'dynamic')).toThrow(/invalid cty type/);
  });

  it('reports malformed msgpack as a decode error', () => {
    expect(() => decodeMsgpack(bytes('92 01'), ['list', 'number'])).toThrow(/cannot decode msgpack value/);
  });
});

describe('encodeMsgpack', () => {
  it.each<[Value, CtyType, string]>([
    [null, 'string', 'c0'],
    [UNKNOWN, 'string', 'd4 00 00'],
    [UNKNOWN, ['object', { a: 'string' }], 'd4 00 00'],
    [true, 'bool', 'c3'],
    ['hi', 'string', 'a2 68 69'],
    [5, 'number', '05'],
    [200, 'number', 'cc c8'],
    [1000, 'number', 'cd 03 e8'],
    [100000, 'number', 'ce 00 01 86 a0'],
    [5_000_000_000, 'number', 'cf 00 00 00 01 2a 05 f2 00'],
    [-1, 'number', 'ff'],
    [-100, 'number', 'd0 9c'],
    [-1000, 'number', 'd1 fc 18'],
    [-100000, 'number', 'd2 ff fe 79 60'],
    [-5_000_000_000, 'number', 'd3 ff ff ff fe d5 fa 0e 00'],
    [7n, 'number', '07'],
    [9007199254740993n, 'number', 'cf 00 20 00 00 00 00 00 01'],
    [-9007199254740993n, 'number', 'd3 ff df ff ff ff ff ff ff'],
    [1.5, 'number', 'cb 3f f8 00 00 00 00 00 00'],
    [0.1, 'number', 'cb 3f b9 99 99 99 99 99 9a'],
    [1e20, 'number', 'cb 44 15 af 1d 78 b5 8c 40'],
    [new Decimal('0.1'), 'number', 'a3 30 2e 31'],
    [[], ['list', 'string'], '90'],
    [{ b: 1, a: 2 }, ['map', 'number'], '82 a1 61 02 a1 62 01'],
    [['a', true], ['tuple', ['string', 'bool']], '92 a1 61 c3'],
  ])('encodes %p as %s', (value, type, hex) => {
    expect(hexOf(encodeMsgpack(value, type))).toBe(hex.replace(/\s+/g, ''));
  });

  it('writes big integers beyond 64 bits as decimal text', () => {
    const big = 123456789012345678901234567890n;
    expect(hexOf(encodeMsgpack(big, 'number'))).toBe(`be${hexOfText(String(big))}`);
  });

  it('writes every attribute of an object, null for missing ones, in sorted key order', () => {
    const type: CtyType = ['object', { zeta: 'string', alpha: 'number', mid: ['list', 'string'] }];
    const encoded = encodeMsgpack({ zeta: 'z' }, type);
    expect(hexOf(encoded)).toBe(`83a5${hexOfText('alpha')}c0a3${hexOfText('mid')}c0a4${hexOfText('zeta')}a17a`);
  });

  it('writes dynamic values as [bin(type JSON), value], bare null and bare unknown', () => {
    const typeJson = hexOfText('["list","string"]');
    expect(hexOf(encodeMsgpack(new DynamicValue(['list', 'string'], ['a']), 'dynamic'))).toBe(
      `92c411${typeJson}91a161`,
    );
    expect(hexOf(encodeMsgpack(new DynamicValue('string', null), 'dynamic'))).toBe(`92c408${hexOfText('"string"')}c0`);
    expect(hexOf(encodeMsgpack(null, 'dynamic'))).toBe('c0');
    expect(hexOf(encodeMsgpack(UNKNOWN, 'dynamic'))).toBe('d40000');
    expect(hexOf(encodeMsgpack(new DynamicValue('dynamic', UNKNOWN), 'dynamic'))).toBe('d40000');
  });

  it('writes long strings and non-ASCII text with the right length headers', () => {
    const long = 'x'.repeat(40);
    expect(hexOf(encodeMsgpack(long, 'string'))).toBe(`d928${hexOfText(long)}`);
    expect(hexOf(encodeMsgpack('café', 'string'))).toBe(`a5${hexOfText('café')}`);
    expect(hexOf(encodeMsgpack('😀', 'string'))).toBe(`a4${hexOfText('😀')}`);
    const veryLong = 'é'.repeat(200);
    expect(hexOf(encodeMsgpack(veryLong, 'string'))).toBe(`da0190${hexOfText(veryLong)}`);
  });

  it('throws an error naming the path when the value does not conform', () => {
    const type: CtyType = ['object', { address: ['object', { city: 'string' }] }];
    expect(() => encodeMsgpack({ address: { city: 5 } }, type)).toThrow('.address.city: expected string, got number');
    expect(() => encodeMsgpack({ other: 'x' }, type)).toThrow(/unsupported attribute "other"/);
    expect(() => encodeMsgpack(['a', 1], ['list', 'string'])).toThrow('[1]: expected string, got number');
    expect(() => encodeMsgpack('x', 'dynamic')).toThrow(/DynamicValue/);
    expect(() => encodeMsgpack(NaN, 'number')).toThrow(/NaN/);
  });
});

describe('msgpack round trips', () => {
  const roundTrip = (hex: string, type: CtyType) => hexOf(encodeMsgpack(decodeMsgpack(bytes(hex), type), type));

  it('re-encodes what the engine sent byte for byte', () => {
    expect(roundTrip('cf 00 20 00 00 00 00 00 01', 'number')).toBe('cf0020000000000001');
    expect(roundTrip('a3 30 2e 31', 'number')).toBe('a3302e31');
    expect(roundTrip('cb 3f b9 99 99 99 99 99 9a', 'number')).toBe('cb3fb999999999999a');
    expect(roundTrip('d3 ff df ff ff ff ff ff ff', 'number')).toBe('d3ffdfffffffffffff');
  });

  it('turns refined unknowns into the plain unknown', () => {
    expect(roundTrip('c7 09 0c 82 01 c2 02 a4 70 72 65 2d', 'string')).toBe('d40000');
  });

  it('round-trips a nested resource object', () => {
    const type: CtyType = [
      'object',
      {
        id: 'string',
        address: ['object', { city: 'string', country: 'string' }],
        tags: ['map', 'string'],
        ports: ['set', 'number'],
        blocks: ['list', ['object', { n: 'number' }]],
        extra: 'dynamic',
      },
    ];
    const value: Value = {
      id: 'billing',
      address: { city: 'Lyon', country: UNKNOWN },
      tags: { env: 'prod', 'a key': 'v' },
      ports: [80, 443],
      blocks: [{ n: new Decimal('0.5') }, { n: 9007199254740993n }],
      extra: new DynamicValue(['object', { x: 'bool' }], { x: true }),
    };
    const encoded = encodeMsgpack(value, type);
    expect(decodeMsgpack(encoded, type)).toEqual(value);
    expect(hexOf(encodeMsgpack(decodeMsgpack(encoded, type), type))).toBe(hexOf(encoded));
  });

  it('does not let a previous failed encode leak bytes into the next one', () => {
    expect(() => encodeMsgpack({ a: 1 }, ['object', { a: 'string' }])).toThrow();
    expect(hexOf(encodeMsgpack('x', 'string'))).toBe('a178');
  });
});
