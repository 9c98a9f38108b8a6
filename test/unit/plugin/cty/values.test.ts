import {
  completeObject,
  conformsTo,
  containsUnknown,
  nullValueOf,
  valuesEqual,
} from '../../../../provider/plugin/cty/values';
import { Decimal, DynamicValue, UNKNOWN, type CtyType, type ObjectValue } from '../../../../provider/plugin/cty/types';

describe('valuesEqual', () => {
  it('compares numbers by exact value across representations', () => {
    expect(valuesEqual(1, 1n, 'number')).toBe(true);
    expect(valuesEqual(1, new Decimal('1'), 'number')).toBe(true);
    expect(valuesEqual(new Decimal('1.000'), 1n, 'number')).toBe(true);
    expect(valuesEqual(new Decimal('0.10'), 0.1, 'number')).toBe(true);
    expect(valuesEqual(new Decimal('1e-1'), new Decimal('0.1'), 'number')).toBe(true);
    expect(valuesEqual(new Decimal('-0.0'), 0, 'number')).toBe(true);
    expect(valuesEqual(9007199254740993n, 9007199254740992, 'number')).toBe(false);
    expect(valuesEqual(9007199254740993n, new Decimal('9007199254740993.0'), 'number')).toBe(true);
    expect(valuesEqual(new Decimal('0.1000000000000000055511151231257827'), 0.1, 'number')).toBe(false);
    expect(valuesEqual(new Decimal('-0.1'), 0.1, 'number')).toBe(false);
    expect(valuesEqual(Infinity, Infinity, 'number')).toBe(true);
    expect(valuesEqual(Infinity, new Decimal('1e400'), 'number')).toBe(false);
    expect(valuesEqual(1e21, new Decimal('1000000000000000000000'), 'number')).toBe(true);
  });

  it('treats unknown as equal only to unknown, and null only to null', () => {
    expect(valuesEqual(UNKNOWN, UNKNOWN, 'string')).toBe(true);
    expect(valuesEqual(UNKNOWN, 'x', 'string')).toBe(false);
    expect(valuesEqual(UNKNOWN, null, 'string')).toBe(false);
    expect(valuesEqual(null, null, ['list', 'string'])).toBe(true);
    expect(valuesEqual(null, [], ['list', 'string'])).toBe(false);
    expect(valuesEqual(null, '', 'string')).toBe(false);
  });

  it('compares sets regardless of order but lists in order', () => {
    expect(valuesEqual([1, 2, 3], [3, 1, 2], ['set', 'number'])).toBe(true);
    expect(valuesEqual([1, 1, 2], [1, 2, 2], ['set', 'number'])).toBe(false);
    expect(valuesEqual([1, 2], [2, 1], ['list', 'number'])).toBe(false);
    expect(valuesEqual([{ a: 'x' }, { a: 'y' }], [{ a: 'y' }, { a: 'x' }], ['set', ['object', { a: 'string' }]])).toBe(
      true,
    );
  });

  it('compares maps by key and objects attribute by attribute (missing = null)', () => {
    expect(valuesEqual({ a: 1, b: 2 }, { b: 2, a: 1 }, ['map', 'number'])).toBe(true);
    expect(valuesEqual({ a: 1 }, { a: 1, b: 2 }, ['map', 'number'])).toBe(false);
    const type: CtyType = ['object', { a: 'string', b: ['object', { c: 'number' }] }];
    expect(valuesEqual({ a: 'x', b: { c: new Decimal('2.0') } }, { a: 'x', b: { c: 2 } }, type)).toBe(true);
    expect(valuesEqual({ a: 'x' }, { a: 'x', b: null }, type)).toBe(true);
    expect(valuesEqual({ a: 'x', b: { c: 1 } }, { a: 'x', b: { c: 2 } }, type)).toBe(false);
  });

  it('compares tuples element-wise and dynamic values by type and value', () => {
    expect(valuesEqual(['a', 1], ['a', 1n], ['tuple', ['string', 'number']])).toBe(true);
    expect(valuesEqual(new DynamicValue('number', 1), new DynamicValue('number', new Decimal('1.0')), 'dynamic')).toBe(
      true,
    );
    expect(valuesEqual(new DynamicValue('string', '1'), new DynamicValue('number', 1), 'dynamic')).toBe(false);
  });

  it('returns false rather than throwing for values of the wrong shape', () => {
    expect(valuesEqual('1', 1, 'number')).toBe(false);
    expect(valuesEqual([1], { 0: 1 }, ['list', 'number'])).toBe(false);
  });
});

describe('containsUnknown and nullValueOf', () => {
  it('finds unknowns at any depth', () => {
    expect(containsUnknown(UNKNOWN)).toBe(true);
    expect(containsUnknown({ a: { b: [1, UNKNOWN] } })).toBe(true);
    expect(containsUnknown(new DynamicValue(['list', 'string'], [UNKNOWN]))).toBe(true);
    expect(containsUnknown({ a: { b: [1, null, new Decimal('0.5'), 7n] } })).toBe(false);
    expect(containsUnknown(null)).toBe(false);
  });

  it('gives null as the null value of every type', () => {
    expect(nullValueOf(['object', { a: 'string' }])).toBeNull();
  });
});

describe('conformsTo', () => {
  const type: CtyType = [
    'object',
    {
      id: 'string',
      address: ['object', { city: 'string' }],
      tags: ['map', 'string'],
      items: ['list', ['object', { n: 'number' }]],
      pair: ['tuple', ['string', 'bool']],
      any: 'dynamic',
    },
  ];

  it('accepts conforming values, with null, unknown and missing attributes anywhere', () => {
    expect(
      conformsTo(
        {
          id: 'x',
          address: { city: UNKNOWN },
          tags: { a: 'b' },
          items: [{ n: 1n }, { n: new Decimal('0.5') }],
          pair: ['a', true],
          any: new DynamicValue('number', 1),
        },
        type,
      ),
    ).toBeNull();
    expect(conformsTo({ id: null }, type)).toBeNull();
    expect(conformsTo(UNKNOWN, type)).toBeNull();
  });

  it.each<[string, unknown, string]>([
    ['a nested attribute', { address: { city: 5 } }, '.address.city: expected string, got number'],
    ['an attribute not in the type', { address: { town: 'x' } }, '.address: unsupported attribute "town"'],
    ['a map value', { tags: { 'a b': true } }, '.tags["a b"]: expected string, got bool'],
    ['a list element', { items: [{ n: 1 }, { n: 'two' }] }, '.items[1].n: expected number, got string'],
    ['a tuple length', { pair: ['a'] }, '.pair: expected a tuple of 2 elements, got 1'],
    ['a list given an object', { items: {} }, '.items: expected list(object), got object'],
    ['a bare value for dynamic', { any: 'x' }, '.any: expected a DynamicValue for type dynamic, got string'],
    ['an invalid Decimal', { items: [{ n: new Decimal('abc') }] }, '.items[0].n: invalid decimal text "abc"'],
    ['NaN', { items: [{ n: NaN }] }, '.items[0].n: NaN is not a cty number'],
    ['a Date where an object is expected', { address: new Date(0) }, '.address: expected object, got Date'],
    ['an undefined map value', { tags: { a: undefined } }, '.tags["a"]: expected string, got undefined'],
  ])('reports %s with its path', (_name, value, message) => {
    expect(conformsTo(value as never, type)).toBe(message);
  });

  it('reports a root mismatch as (root)', () => {
    expect(conformsTo(1, 'string')).toBe('(root): expected string, got number');
  });
});

describe('completeObject', () => {
  const type: CtyType = [
    'object',
    {
      id: 'string',
      address: ['object', { city: 'string', zip: 'string' }],
      items: ['list', ['object', { a: 'string', b: 'string' }]],
    },
  ];

  it('adds every missing attribute as null, recursively', () => {
    const complete = completeObject({ address: { city: 'Lyon' }, items: [{ a: 'x' }] }, type);
    expect(complete).toEqual({ id: null, address: { city: 'Lyon', zip: null }, items: [{ a: 'x', b: null }] });
    expect(Object.keys(complete).sort()).toEqual(['address', 'id', 'items']);
    expect(Object.keys(complete.address as object).sort()).toEqual(['city', 'zip']);
  });

  it('leaves null, unknown and the input untouched, and keeps extra attributes for conformance to report', () => {
    const input: ObjectValue = { id: 'x', address: UNKNOWN, extra: 1 };
    const complete = completeObject(input, type);
    expect(complete).toEqual({ id: 'x', address: UNKNOWN, items: null, extra: 1 });
    expect(input).toEqual({ id: 'x', address: UNKNOWN, extra: 1 });
    expect(conformsTo(complete, type)).toBe('(root): unsupported attribute "extra"');
  });

  it('rejects a type that is not an object type', () => {
    expect(() => completeObject({}, ['map', 'string'])).toThrow(/object type/);
  });
});
