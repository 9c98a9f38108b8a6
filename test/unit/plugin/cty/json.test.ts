import { decodeJsonState, decodeJsonValue, encodeJsonValue } from '../../../../provider/plugin/cty/json';
import { Decimal, DynamicValue, UNKNOWN, type CtyType, type Value } from '../../../../provider/plugin/cty/types';

describe('decodeJsonState (UpgradeResourceState RawState)', () => {
  const type: CtyType = ['object', { id: 'string', n: 'number', d: 'number', missing: 'string' }];

  it('drops unknown attributes, fills missing ones with null and keeps numbers exact', () => {
    const state = decodeJsonState('{"id":"x","extra":1,"n":9007199254740993,"d":0.1}', type);
    expect(state).toEqual({ id: 'x', n: 9007199254740993n, d: new Decimal('0.1'), missing: null });
    expect(Object.keys(state).sort()).toEqual(['d', 'id', 'missing', 'n']);
  });

  it('accepts UTF-8 bytes and indented text as the engine stores it', () => {
    const json = Buffer.from('{\n  "id": "x",\n  "n": 42\n}', 'utf8');
    expect(decodeJsonState(json, type)).toEqual({ id: 'x', n: 42, d: null, missing: null });
  });

  it('drops unknown attributes of nested objects too, also inside lists', () => {
    const nested: CtyType = [
      'object',
      { address: ['object', { city: 'string' }], items: ['list', ['object', { k: 'string' }]] },
    ];
    const json = '{"address":{"city":"Lyon","old":true},"items":[{"k":"a","gone":1}],"removed":{}}';
    expect(decodeJsonState(json, nested)).toEqual({ address: { city: 'Lyon' }, items: [{ k: 'a' }] });
  });

  it('rejects a state that is not a JSON object, and invalid JSON', () => {
    expect(() => decodeJsonState('null', type)).toThrow(/expected a JSON object/);
    expect(() => decodeJsonState('[1]', type)).toThrow(/expected a JSON object/);
    expect(() => decodeJsonState('{"id":', type)).toThrow(/invalid JSON/);
    expect(() => decodeJsonState('{}', 'string')).toThrow(/object type/);
  });

  it('reports a wrongly typed attribute with its path', () => {
    expect(() => decodeJsonState('{"id":["x"]}', type)).toThrow('.id: expected string, got JSON array');
  });
});

describe('decodeJsonValue', () => {
  it('rejects attributes the type does not have', () => {
    expect(() => decodeJsonValue('{"a":"x","b":1}', ['object', { a: 'string' }])).toThrow(/unsupported attribute "b"/);
  });

  it('decodes primitives with cty leniency (numbers and bools as strings and back)', () => {
    expect(decodeJsonValue('12', 'string')).toBe('12');
    expect(decodeJsonValue('true', 'string')).toBe('true');
    expect(decodeJsonValue('"12"', 'number')).toBe(12);
    expect(decodeJsonValue('"false"', 'bool')).toBe(false);
    expect(() => decodeJsonValue('"abc"', 'number')).toThrow(/invalid number text "abc"/);
    expect(() => decodeJsonValue('1', 'bool')).toThrow(/expected bool, got JSON number/);
  });

  it('decodes numbers losslessly', () => {
    expect(decodeJsonValue('123456789012345678901234567890', 'number')).toBe(123456789012345678901234567890n);
    expect(decodeJsonValue('-7', 'number')).toBe(-7);
    expect(decodeJsonValue('1.50', 'number')).toEqual(new Decimal('1.50'));
    expect(decodeJsonValue('1e3', 'number')).toEqual(new Decimal('1e3'));
  });

  it('decodes collections, tuples and null', () => {
    expect(decodeJsonValue('null', ['list', 'string'])).toBeNull();
    expect(decodeJsonValue('["a",null]', ['list', 'string'])).toEqual(['a', null]);
    expect(decodeJsonValue('{"k":1}', ['map', 'number'])).toEqual({ k: 1 });
    expect(decodeJsonValue('["a",true]', ['tuple', ['string', 'bool']])).toEqual(['a', true]);
    expect(() => decodeJsonValue('["a"]', ['tuple', ['string', 'bool']])).toThrow(/tuple of 2 elements/);
    expect(() => decodeJsonValue('[1,"x"]', ['set', 'number'])).toThrow('[1]: invalid number text "x"');
  });

  it('keeps a map key named __proto__ as an own key', () => {
    const v = decodeJsonValue('{"__proto__":"x"}', ['map', 'string']) as Record<string, Value>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });

  it('decodes dynamic values written as {"value","type"}', () => {
    expect(decodeJsonValue('{"value":["a"],"type":["list","string"]}', 'dynamic')).toEqual(
      new DynamicValue(['list', 'string'], ['a']),
    );
    expect(decodeJsonValue('null', 'dynamic')).toBeNull();
    expect(() => decodeJsonValue('"a"', 'dynamic')).toThrow(/"value"/);
    expect(() => decodeJsonValue('{"value":1,"type":"number","x":1}', 'dynamic')).toThrow(/invalid key "x"/);
  });
});

describe('encodeJsonValue', () => {
  it('writes every object attribute in sorted order with exact numbers', () => {
    const type: CtyType = ['object', { z: 'number', a: 'number', m: 'string', d: 'number' }];
    const value = { z: 9007199254740993n, a: 0.1, d: new Decimal('0.10') };
    expect(encodeJsonValue(value, type)).toBe('{"a":0.1,"d":0.10,"m":null,"z":9007199254740993}');
  });

  it('writes maps sorted, sets and tuples as arrays, dynamic as {"value","type"}', () => {
    expect(encodeJsonValue({ b: 'x', a: 'y' }, ['map', 'string'])).toBe('{"a":"y","b":"x"}');
    expect(encodeJsonValue([1, 2], ['set', 'number'])).toBe('[1,2]');
    expect(encodeJsonValue(['a', false], ['tuple', ['string', 'bool']])).toBe('["a",false]');
    expect(encodeJsonValue(new DynamicValue(['list', 'bool'], [true]), 'dynamic')).toBe(
      '{"value":[true],"type":["list","bool"]}',
    );
  });

  it('writes decimal text that is not valid JSON in a valid JSON form', () => {
    expect(encodeJsonValue(new Decimal('.5'), 'number')).toBe('5e-1');
    expect(encodeJsonValue(new Decimal('+1.'), 'number')).toBe('1');
  });

  it('refuses unknowns, non-conforming values and infinities', () => {
    expect(() => encodeJsonValue({ a: UNKNOWN }, ['object', { a: 'string' }])).toThrow(/unknown/);
    expect(() => encodeJsonValue({ a: true }, ['object', { a: 'string' }])).toThrow('.a: expected string, got bool');
    expect(() => encodeJsonValue(Infinity, 'number')).toThrow(/JSON/);
  });

  it('round-trips through decodeJsonValue', () => {
    const type: CtyType = [
      'object',
      { n: 'number', tags: ['map', 'string'], list: ['list', 'number'], dyn: 'dynamic' },
    ];
    const value: Value = {
      n: 123456789012345678901234567890n,
      tags: { x: 'y' },
      list: [new Decimal('2.5'), 3],
      dyn: new DynamicValue('string', 'd'),
    };
    expect(decodeJsonValue(encodeJsonValue(value, type), type)).toEqual(value);
  });
});
