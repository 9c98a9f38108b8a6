import type { ProviderDefinition, Schema } from '../../../provider/plugin/kit';
import {
  validateIdentitySchema,
  validateProviderSchemas,
  validateSchema,
} from '../../../provider/plugin/schema-validate';
import { kitProvider } from '../../fixtures/kit-provider';

const block = (attributes: Schema['block']['attributes'], blockTypes?: Schema['block']['blockTypes']): Schema => ({
  version: 0,
  block: { attributes, blockTypes },
});

describe("validateSchema (the engines' InternalValidate rules)", () => {
  test('the fixture provider is valid', () => {
    expect(validateProviderSchemas(kitProvider)).toEqual([]);
  });

  test('attribute flags: one of required/optional/computed, or optional+computed', () => {
    expect(
      validateSchema('r', block({ a: { type: 'string', description: '', required: true, computed: true } })),
    ).toEqual(['r: a: cannot be both required and computed']);
    expect(
      validateSchema('r', block({ a: { type: 'string', description: '', required: true, optional: true } })),
    ).toEqual(['r: a: cannot be both required and optional']);
    expect(validateSchema('r', block({ a: { type: 'string', description: '' } }))).toEqual([
      'r: a: must be one of required, optional or computed',
    ]);
  });

  test('exactly one of type and nested; names are lower-case identifiers, also nested', () => {
    expect(validateSchema('r', block({ a: { description: '', optional: true } }))).toEqual([
      'r: a: exactly one of type and nested must be set',
    ]);
    const nested = block({
      Bad: {
        description: '',
        optional: true,
        nested: { nesting: 'single', attributes: { 'x-y': { type: 'string', description: '', optional: true } } },
      },
    });
    expect(validateSchema('r', nested)).toEqual([
      'r: Bad: name must match /^[a-z0-9_]+$/',
      'r: Bad.x-y: name must match /^[a-z0-9_]+$/',
    ]);
  });

  test('nested block item counts and name clashes', () => {
    const inner = { attributes: { v: { type: 'dynamic' as const, description: '', optional: true } } };
    const s = block(
      { dup: { type: 'string', description: '', optional: true } },
      {
        dup: { nesting: 'list', block: { attributes: {} } },
        one: { nesting: 'single', block: { attributes: {} }, minItems: 1, maxItems: 2 },
        grp: { nesting: 'group', block: { attributes: {} }, maxItems: 1 },
        lst: { nesting: 'list', block: { attributes: {} }, minItems: 3, maxItems: 2 },
        st: { nesting: 'set', block: inner },
      },
    );
    expect(validateSchema('r', s)).toEqual([
      'r: dup: a block type cannot have the name of an attribute',
      'r: one: a single block needs min = max items, both 0 or both 1',
      'r: grp: a group block cannot set min or max items',
      'r: lst: min items must not exceed max items',
      'r: st.v: a set block cannot contain a dynamic type',
    ]);
  });

  test('resource type names start with the provider type and are unique; versions are not negative', () => {
    const def: ProviderDefinition = {
      ...kitProvider,
      resources: [
        { ...kitProvider.resources[0], typeName: 'other_thing' },
        { ...kitProvider.resources[0], schema: { ...kitProvider.resources[0].schema, version: -1 } },
        kitProvider.resources[0],
      ],
    };
    expect(validateProviderSchemas(def)).toEqual([
      'resource other_thing: type name must start with "kitfixture_"',
      'resource kitfixture_thing: schema version must be a non-negative integer',
      'resource kitfixture_thing: defined twice',
    ]);
  });
});

describe('validateIdentitySchema (what the engines accept in GetResourceIdentitySchemas)', () => {
  test('types: primitives and lists of them only; exactly one import flag; a name rule; a version', () => {
    expect(
      validateIdentitySchema('resource r', {
        version: -1,
        attributes: {
          ok_list: { type: ['list', 'string'], description: '', requiredForImport: true },
          obj: { type: ['object', { a: 'string' }], description: '', optionalForImport: true },
          set: { type: ['set', 'string'], description: '', optionalForImport: true },
          dyn: { type: 'dynamic', description: '', optionalForImport: true },
          both: { type: 'bool', description: '', requiredForImport: true, optionalForImport: true },
          neither: { type: 'number', description: '' },
          'Bad-Name': { type: 'string', description: '', requiredForImport: true },
        },
      }),
    ).toEqual([
      'resource r: identity version must be a non-negative integer',
      'resource r: identity.obj: type must be string, number, bool or a list of one of them',
      'resource r: identity.set: type must be string, number, bool or a list of one of them',
      'resource r: identity.dyn: type must be string, number, bool or a list of one of them',
      'resource r: identity.both: exactly one of requiredForImport and optionalForImport must be set',
      'resource r: identity.neither: exactly one of requiredForImport and optionalForImport must be set',
      'resource r: identity.Bad-Name: name must match /^[a-z0-9_]+$/',
    ]);
    expect(validateIdentitySchema('resource r', { version: 0, attributes: {} })).toEqual([
      'resource r: an identity needs at least one attribute',
    ]);
  });

  test("a resource's identity problems reach validateProviderSchemas (GetProviderSchema reports them)", () => {
    const thing = kitProvider.resources[0];
    const def: ProviderDefinition = {
      ...kitProvider,
      resources: [{ ...thing, identity: { version: 0, attributes: { id: { type: 'string', description: '' } } } }],
    };
    expect(validateProviderSchemas(def)).toEqual([
      'resource kitfixture_thing: identity.id: exactly one of requiredForImport and optionalForImport must be set',
    ]);
  });
});
