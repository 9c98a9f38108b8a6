import type { ProviderDefinition } from '../../../provider/plugin/kit';
import { goJsonStringify, providerSchemaJson } from '../../../provider/plugin/schema-json';

const def: ProviderDefinition = {
  typeName: 'ex',
  version: '1.0.0',
  schema: {
    version: 0,
    block: { attributes: { token: { type: 'string', description: 'A <token>.', optional: true, sensitive: true } } },
  },
  configure: async () => ({ diagnostics: [] }),
  resources: [
    {
      typeName: 'ex_thing',
      schema: {
        version: 2,
        block: {
          description: 'A thing.',
          attributes: {
            z: { type: ['object', { b: 'number', a: 'string' }], description: '', computed: true },
            a: { type: ['list', 'string'], description: 'A list.', required: true, deprecated: true },
            nested: {
              description: 'N.',
              optional: true,
              computed: true,
              nested: {
                nesting: 'single',
                attributes: {
                  y: { type: 'bool', description: '', optional: true },
                  x: { type: 'string', description: 'X.', computed: true },
                },
              },
            },
          },
          blockTypes: {
            rule: {
              nesting: 'list',
              minItems: 1,
              block: { attributes: { port: { type: 'number', description: '', required: true } } },
            },
          },
        },
      },
      read: async () => ({ state: null, diagnostics: [] }),
      plan: async ({ proposed }) => ({ planned: proposed, diagnostics: [] }),
      apply: async () => ({ state: null, diagnostics: [] }),
    },
  ],
  dataSources: [],
};

describe('providerSchemaJson', () => {
  const json = providerSchemaJson(def, 'example.com/ns/ex');

  test('matches the terraform providers schema -json layout, with omitempty rules', () => {
    expect(json).toEqual({
      format_version: '1.0',
      provider_schemas: {
        'example.com/ns/ex': {
          provider: {
            version: 0,
            block: {
              attributes: {
                token: {
                  type: 'string',
                  description: 'A <token>.',
                  description_kind: 'plain',
                  optional: true,
                  sensitive: true,
                },
              },
              description_kind: 'plain',
            },
          },
          resource_schemas: {
            ex_thing: {
              version: 2,
              block: {
                attributes: {
                  a: {
                    type: ['list', 'string'],
                    description: 'A list.',
                    description_kind: 'plain',
                    deprecated: true,
                    required: true,
                  },
                  nested: {
                    nested_type: {
                      attributes: {
                        x: { type: 'string', description: 'X.', description_kind: 'plain', computed: true },
                        y: { type: 'bool', description_kind: 'plain', optional: true },
                      },
                      nesting_mode: 'single',
                    },
                    description: 'N.',
                    description_kind: 'plain',
                    optional: true,
                    computed: true,
                  },
                  z: { type: ['object', { a: 'string', b: 'number' }], description_kind: 'plain', computed: true },
                },
                block_types: {
                  rule: {
                    nesting_mode: 'list',
                    block: {
                      attributes: { port: { type: 'number', description_kind: 'plain', required: true } },
                      description_kind: 'plain',
                    },
                    min_items: 1,
                  },
                },
                description: 'A thing.',
                description_kind: 'plain',
              },
            },
          },
        },
      },
    });
  });

  test('keys come in Go order: struct fields as declared, map keys sorted', () => {
    const text = JSON.stringify(json);
    const thing = (json as any).provider_schemas['example.com/ns/ex'].resource_schemas.ex_thing.block;
    expect(Object.keys(thing)).toEqual(['attributes', 'block_types', 'description', 'description_kind']);
    expect(Object.keys(thing.attributes)).toEqual(['a', 'nested', 'z']);
    expect(Object.keys(thing.attributes.a)).toEqual([
      'type',
      'description',
      'description_kind',
      'deprecated',
      'required',
    ]);
    expect(text).toContain('["object",{"a":"string","b":"number"}]');
    expect(Object.keys((json as any).provider_schemas['example.com/ns/ex'])).toEqual(['provider', 'resource_schemas']);
  });

  test('resource identities: listed after the data sources, in the layout of Terraform/OpenTofu >= 1.12', () => {
    const withIdentity: ProviderDefinition = {
      ...def,
      resources: [
        {
          ...def.resources[0],
          identity: {
            version: 1,
            attributes: {
              zone: { type: 'string', description: '', optionalForImport: true },
              ids: { type: ['list', 'number'], description: 'Ids.', requiredForImport: true },
            },
          },
        },
      ],
      dataSources: [
        {
          typeName: 'ex_info',
          schema: { version: 0, block: { attributes: {} } },
          read: async () => ({ state: null, diagnostics: [] }),
        },
      ],
    };
    const entry = (providerSchemaJson(withIdentity, 'example.com/ns/ex') as any).provider_schemas['example.com/ns/ex'];
    expect(Object.keys(entry)).toEqual([
      'provider',
      'resource_schemas',
      'data_source_schemas',
      'resource_identity_schemas',
    ]);
    expect(goJsonStringify(entry.resource_identity_schemas)).toBe(
      '{"ex_thing":{"version":1,"attributes":{"ids":{"type":["list","number"],"description":"Ids.","required_for_import":true},"zone":{"type":"string","optional_for_import":true}}}}',
    );
  });

  test('goJsonStringify escapes like Go encoding/json', () => {
    expect(goJsonStringify({ s: 'a<b>&c\u2028' })).toBe('{"s":"a\\u003cb\\u003e\\u0026c\\u2028"}');
  });
});
