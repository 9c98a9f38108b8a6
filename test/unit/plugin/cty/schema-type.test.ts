import type { BlockSchema } from '../../../../provider/plugin/kit';
import { impliedType } from '../../../../provider/plugin/cty/schema-type';

const str = { type: 'string' as const, description: 'x', optional: true };

describe('impliedType', () => {
  it('maps attributes to their types', () => {
    const block: BlockSchema = {
      attributes: {
        id: { type: 'string', description: 'id', computed: true },
        n: { type: ['list', 'number'], description: 'n', optional: true },
      },
    };
    expect(impliedType(block)).toEqual(['object', { id: 'string', n: ['list', 'number'] }]);
  });

  it('maps nested attributes by nesting mode', () => {
    const nested = (nesting: 'single' | 'list' | 'set' | 'map') => ({
      description: 'n',
      optional: true,
      nested: { nesting, attributes: { city: str } },
    });
    const block: BlockSchema = {
      attributes: { single: nested('single'), list: nested('list'), set: nested('set'), map: nested('map') },
    };
    const obj = ['object', { city: 'string' }];
    expect(impliedType(block)).toEqual([
      'object',
      { single: obj, list: ['list', obj], set: ['set', obj], map: ['map', obj] },
    ]);
  });

  it('maps nested attributes inside nested attributes', () => {
    const block: BlockSchema = {
      attributes: {
        outer: {
          description: 'o',
          optional: true,
          nested: {
            nesting: 'single',
            attributes: {
              inner: { description: 'i', optional: true, nested: { nesting: 'list', attributes: { v: str } } },
            },
          },
        },
      },
    };
    expect(impliedType(block)).toEqual([
      'object',
      { outer: ['object', { inner: ['list', ['object', { v: 'string' }]] }] },
    ]);
  });

  it('maps nested blocks by nesting mode', () => {
    const inner: BlockSchema = { attributes: { v: str } };
    const block: BlockSchema = {
      attributes: {},
      blockTypes: {
        single: { nesting: 'single', block: inner },
        group: { nesting: 'group', block: inner },
        list: { nesting: 'list', block: inner },
        set: { nesting: 'set', block: inner },
        map: { nesting: 'map', block: inner },
      },
    };
    const obj = ['object', { v: 'string' }];
    expect(impliedType(block)).toEqual([
      'object',
      { single: obj, group: obj, list: ['list', obj], set: ['set', obj], map: ['map', obj] },
    ]);
  });

  it('types list and map blocks that contain dynamic as dynamic, as Terraform does', () => {
    const inner: BlockSchema = { attributes: { v: { type: 'dynamic', description: 'd', optional: true } } };
    const block: BlockSchema = {
      attributes: {},
      blockTypes: {
        list: { nesting: 'list', block: inner },
        map: { nesting: 'map', block: inner },
        single: { nesting: 'single', block: inner },
      },
    };
    expect(impliedType(block)).toEqual([
      'object',
      { list: 'dynamic', map: 'dynamic', single: ['object', { v: 'dynamic' }] },
    ]);
  });

  it('rejects an attribute with both or neither of type and nested', () => {
    expect(() => impliedType({ attributes: { a: { description: 'a', optional: true } } })).toThrow(/attribute a/);
    expect(() =>
      impliedType({
        attributes: {
          a: { type: 'string', nested: { nesting: 'single', attributes: {} }, description: 'a', optional: true },
        },
      }),
    ).toThrow(/not both/);
  });
});
