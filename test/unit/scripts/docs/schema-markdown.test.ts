// The "Schema" section in tfplugindocs' layout, from a kit schema: groups, order, type labels,
// Sensitive, nested sections with anchors (two levels deep too), object types, blocks, identity.
import type { BlockSchema } from '../../../../provider/plugin/kit';
import { identitySchemaMarkdown, schemaMarkdown } from '../../../../scripts/docs/schema-markdown';

const BLOCK: BlockSchema = {
  attributes: {
    zeta: { type: 'string', description: 'Last by name.', optional: true },
    name: { type: 'string', description: 'Required name.', required: true },
    secret: { type: 'string', description: 'A secret.', optional: true, sensitive: true },
    old: { type: 'number', description: 'Old.', optional: true, deprecated: true },
    id: { type: 'string', description: 'The id.', computed: true },
    tags: { type: ['map', 'string'], description: 'Tags.', optional: true, computed: true },
    flag: { type: 'bool', description: 'A flag.', computed: true },
    point: { type: ['object', { x: 'number', y: 'number' }], description: 'A point.', computed: true },
    address: {
      description: 'An address.',
      optional: true,
      computed: true,
      nested: {
        nesting: 'single',
        attributes: {
          city: { type: 'string', description: 'City.', optional: true },
          country: { type: 'string', description: 'Country.', computed: true },
          geo: {
            description: 'Where.',
            computed: true,
            nested: {
              nesting: 'list',
              attributes: { lat: { type: 'number', description: 'Latitude.', computed: true } },
            },
          },
        },
      },
    },
  },
  blockTypes: {
    timeouts: {
      nesting: 'list',
      maxItems: 1,
      block: {
        description: 'Timeouts.',
        attributes: { create: { type: 'string', description: 'Create.', optional: true } },
      },
    },
  },
};

describe('schemaMarkdown', () => {
  const md = schemaMarkdown(BLOCK);

  it('lists Required, Optional and Read-Only attributes by name, each with its type and flags', () => {
    expect(md).toContain(
      [
        '## Schema',
        '',
        '### Required',
        '',
        '- `name` (String) Required name.',
        '',
        '### Optional',
        '',
        '- `address` (Attributes) An address. (see [below for nested schema](#nestedatt--address))',
        '- `old` (Number, Deprecated) Old.',
        '- `secret` (String, Sensitive) A secret.',
        '- `tags` (Map of String) Tags.',
        '- `timeouts` (Block List, Max: 1) Timeouts. (see [below for nested schema](#nestedblock--timeouts))',
        '- `zeta` (String) Last by name.',
        '',
        '### Read-Only',
        '',
        '- `flag` (Boolean) A flag.',
        '- `id` (String) The id.',
        '- `point` (Object) A point. (see [below for nested schema](#nestedobjatt--point))',
        '',
      ].join('\n'),
    );
  });

  it('gives each nested attribute, block and object its own anchored section, breadth first', () => {
    const sections = [...md.matchAll(/<a id="([\w-]+)"><\/a>\n### Nested Schema for `([\w.]+)`/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(sections).toEqual([
      ['nestedatt--address', 'address'],
      ['nestedblock--timeouts', 'timeouts'],
      ['nestedobjatt--point', 'point'],
      ['nestedatt--address--geo', 'address.geo'],
    ]);
    expect(md).toContain(
      [
        '### Nested Schema for `address`',
        '',
        'Optional:',
        '',
        '- `city` (String) City.',
        '',
        'Read-Only:',
        '',
        '- `country` (String) Country.',
        '- `geo` (Attributes List) Where. (see [below for nested schema](#nestedatt--address--geo))',
      ].join('\n'),
    );
    // The fields of an object type share the attribute's group.
    expect(md).toContain('### Nested Schema for `point`\n\nRead-Only:\n\n- `x` (Number)\n- `y` (Number)');
    expect(md.endsWith('- `lat` (Number) Latitude.')).toBe(true);
  });

  it('renders an identity as what an import by identity must or may give', () => {
    expect(
      identitySchemaMarkdown({
        version: 0,
        attributes: {
          tenant_id: { type: 'string', description: 'Tenant.', requiredForImport: true },
          region: { type: 'string', description: 'Region.', optionalForImport: true },
        },
      }),
    ).toBe(
      '## Identity Schema\n\n### Required for import\n\n- `tenant_id` (String) Tenant.\n\n### Optional for import\n\n- `region` (String) Region.',
    );
  });
});
