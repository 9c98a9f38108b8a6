import { parseTypeJson, typeToJson } from '../../../../provider/plugin/cty/type-json';
import { typeName, typesEqual } from '../../../../provider/plugin/cty/type-info';
import type { CtyType } from '../../../../provider/plugin/cty/types';

describe('parseTypeJson', () => {
  it('parses every kind of type from JSON text', () => {
    expect(parseTypeJson('"string"')).toBe('string');
    expect(parseTypeJson('"dynamic"')).toBe('dynamic');
    expect(parseTypeJson('["list","number"]')).toEqual(['list', 'number']);
    expect(parseTypeJson('["set",["map","bool"]]')).toEqual(['set', ['map', 'bool']]);
    expect(parseTypeJson('["tuple",["string",["list","number"]]]')).toEqual(['tuple', ['string', ['list', 'number']]]);
    expect(parseTypeJson('["object",{"b":"string","a":["list","number"]}]')).toEqual([
      'object',
      { a: ['list', 'number'], b: 'string' },
    ]);
    expect(parseTypeJson('["object",{}]')).toEqual(['object', {}]);
  });

  it('accepts UTF-8 bytes, already-parsed JSON and a bare primitive name', () => {
    expect(parseTypeJson(Buffer.from('["map","string"]'))).toEqual(['map', 'string']);
    expect(parseTypeJson(['list', 'bool'])).toEqual(['list', 'bool']);
    expect(parseTypeJson('number')).toBe('number');
  });

  it.each([
    ['not JSON', '["list"'],
    ['an unknown primitive', '"int"'],
    ['an unknown kind', '["array","string"]'],
    ['a list without element type', '["list"]'],
    ['a tuple without an array', '["tuple","string"]'],
    ['an object without attribute map', '["object",["a"]]'],
    ['optional attribute markers', '["object",{"a":"string"},["a"]]'],
    ['a bad nested type', '["list",["map","int"]]'],
    ['a number', '1'],
  ])('throws on %s', (_name, json) => {
    expect(() => parseTypeJson(json)).toThrow(/invalid cty type/);
  });
});

describe('typeToJson', () => {
  it.each<[CtyType, string]>([
    ['string', '"string"'],
    [['list', 'string'], '["list","string"]'],
    [['map', ['set', 'number']], '["map",["set","number"]]'],
    [['tuple', ['string', 'bool']], '["tuple",["string","bool"]]'],
    [
      ['object', { zeta: 'string', alpha: ['list', 'number'] }],
      '["object",{"alpha":["list","number"],"zeta":"string"}]',
    ],
  ])('writes %p compactly as %s', (type, json) => {
    expect(typeToJson(type)).toBe(json);
    expect(parseTypeJson(json)).toEqual(type);
  });
});

describe('typesEqual and typeName', () => {
  it('compares structurally, objects regardless of key order', () => {
    expect(typesEqual(['object', { a: 'string', b: 'number' }], ['object', { b: 'number', a: 'string' }])).toBe(true);
    expect(typesEqual(['object', { a: 'string' }], ['object', { a: 'string', b: 'number' }])).toBe(false);
    expect(typesEqual(['list', 'string'], ['set', 'string'])).toBe(false);
    expect(typesEqual(['tuple', ['string']], ['tuple', ['string', 'bool']])).toBe(false);
    expect(typesEqual('string', ['list', 'string'])).toBe(false);
  });

  it('names types briefly for messages', () => {
    expect(typeName(['list', ['map', 'string']])).toBe('list(map(string))');
    expect(typeName(['object', { a: 'string' }])).toBe('object');
  });
});
