// The profile spec (provider/profiles/spec.ts) and every profile described with it: what
// defineProfile derives, and the conventions each spec in PROFILE_SPECS must keep for its schema,
// its wire names and the resources the provider registers.
import type { AttributeSchema, Schema } from '../../../provider/plugin/kit';
import { createProvider } from '../../../provider/provider';
import { dataSourceSchema, resourceSchema } from '../../../provider/profiles/schema';
import {
  changedIn,
  defineProfile,
  fieldsOfGroup,
  inGroup,
  top,
  type ProfileSpecInput,
} from '../../../provider/profiles/spec';
import { PARTNER_NETWORK, PROFILE_SPECS } from '../../../provider/profiles/specs';

const SAMPLE: ProfileSpecInput = {
  name: 'sample',
  typeName: 'partnercenter_sample_profile',
  title: 'sample profile',
  changedIn: 'in the dashboard',
  description: { resource: 'A sample.', data: 'Reads a sample.' },
  readPath: '/v1/profiles/sample?version=Current',
  writePath: '/v1/profiles/sample',
  etag: 'optional',
  groups: [{ attr: 'home_address', key: 'homeAddress', description: { resource: 'Home.', data: 'Home.' } }],
  fields: [
    top('partner_id', 'partnerId', { aliases: ['mpnId'], readOnly: true, description: 'Id.' }),
    top('day', 'day', { kind: 'number', description: 'Day.' }),
    inGroup('home_address', 'city', 'city', { description: 'City.' }),
    inGroup('home_address', 'country', 'country', { readOnly: true, changedIn: 'elsewhere', description: 'Country.' }),
  ],
};

describe('defineProfile', () => {
  const spec = defineProfile(SAMPLE);

  it('derives the writable fields (the ones not read-only, in spec order), the capitalised title and managed', () => {
    expect(spec.writable.map((f) => f.path)).toEqual(['day', 'home_address.city']);
    expect(spec.Title).toBe('Sample profile');
    expect(spec.managed).toBe(true);
    expect(fieldsOfGroup(spec, undefined).map((f) => f.path)).toEqual(['partner_id', 'day']);
    expect(fieldsOfGroup(spec, 'home_address').map((f) => f.path)).toEqual([
      'home_address.city',
      'home_address.country',
    ]);
    expect(changedIn(spec, spec.fields[0])).toBe('in the dashboard');
    expect(changedIn(spec, spec.fields[3])).toBe('elsewhere');
  });

  it('gives the client the paths, the etag mode and the fields by wire name, grouped, with their older names', () => {
    expect(spec.shape).toEqual({
      title: 'sample profile',
      readPath: '/v1/profiles/sample?version=Current',
      writePath: '/v1/profiles/sample',
      etag: 'optional',
      fields: [
        { key: 'partnerId', kind: 'string', aliases: ['mpnId'] },
        { key: 'day', kind: 'number' },
      ],
      groups: [
        {
          key: 'homeAddress',
          fields: [
            { key: 'city', kind: 'string' },
            { key: 'country', kind: 'string' },
          ],
        },
      ],
    });
  });

  it('is not managed without a PUT path or without a resource description', () => {
    expect(defineProfile({ ...SAMPLE, writePath: undefined }).managed).toBe(false);
    expect(defineProfile({ ...SAMPLE, description: { data: 'Reads a sample.' } }).managed).toBe(false);
  });

  it('refuses a field in a group the spec does not declare, naming the type, the field and the group', () => {
    const stray = inGroup('work_address', 'city', 'city', { description: 'City.' });
    expect(() => defineProfile({ ...SAMPLE, fields: [...SAMPLE.fields, stray] })).toThrow(
      'partnercenter_sample_profile: field work_address.city names the undeclared group work_address',
    );
  });
});

/** A schema's attributes, nested ones by dotted path. */
function attributesOf(schema: Schema): Map<string, AttributeSchema> {
  const out = new Map<string, AttributeSchema>();
  for (const [name, a] of Object.entries(schema.block.attributes ?? {})) {
    out.set(name, a);
    for (const [inner, b] of Object.entries(a.nested?.attributes ?? {})) out.set(`${name}.${inner}`, b);
  }
  return out;
}

describe('every profile spec', () => {
  it('has its own name and Terraform type name', () => {
    const types = PROFILE_SPECS.map((s) => s.typeName);
    expect(new Set(types).size).toBe(types.length);
    expect(new Set(PROFILE_SPECS.map((s) => s.name)).size).toBe(PROFILE_SPECS.length);
    for (const t of types) expect(t).toMatch(/^partnercenter_[a-z_]+_profile$/);
  });

  describe.each(PROFILE_SPECS.map((s) => [s.typeName, s] as const))('%s', (_type, spec) => {
    // A data source only (no PUT) has no resource schema.
    const schemas: [string, Schema][] = [
      ...(spec.managed ? [['resource', resourceSchema(spec)] as [string, Schema]] : []),
      ['data source', dataSourceSchema(spec)],
    ];

    it('names attributes in snake_case and API fields in camelCase, each path once', () => {
      for (const f of spec.fields) {
        expect(f.attr).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
        expect(f.key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        expect(f.path).toBe(f.group ? `${f.group}.${f.attr}` : f.attr);
        for (const alias of f.aliases ?? []) expect(alias).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      }
      for (const g of spec.groups) {
        expect(g.attr).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
        expect(g.key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      }
      const paths = spec.fields.map((f) => f.path);
      expect(new Set(paths).size).toBe(paths.length);
    });

    it.each(schemas)('%s schema: id and tenant_id, etag unless the profile has none, every field', (_kind, schema) => {
      const attrs = attributesOf(schema);
      expect(attrs.get('id')).toBeDefined();
      expect(attrs.get('tenant_id')).toMatchObject({ computed: true });
      expect(attrs.has('etag')).toBe(spec.etag !== 'none');
      for (const f of spec.fields) expect(attrs.get(f.path)).toBeDefined();
      const undescribed = [...attrs].filter(([, a]) => a.description.trim() === '').map(([path]) => path);
      expect(undescribed).toEqual([]);
    });

    it.each(schemas)('%s schema: a read-only field is computed only and says where it is changed', (kind, schema) => {
      const attrs = attributesOf(schema);
      for (const f of spec.fields.filter((x) => x.readOnly)) {
        const a = attrs.get(f.path)!;
        expect({ path: f.path, optional: a.optional }).toEqual({ path: f.path, optional: undefined });
        expect(a.computed).toBe(true);
        expect(a.description).toContain(`It is changed ${changedIn(spec, f)}.`);
        if (kind === 'resource') expect(a.description).toMatch(/^Read-only\. /);
      }
      if (kind === 'resource')
        for (const f of spec.writable) expect(attrs.get(f.path)).toMatchObject({ optional: true, computed: true });
    });
  });

  it('the partner network profile is a data source only: no resource is registered for it', () => {
    expect(PARTNER_NETWORK.managed).toBe(false);
    expect(PARTNER_NETWORK.writable).toEqual([]);
    const provider = createProvider({});
    const resources = provider.resources.map((r) => r.typeName);
    expect(resources).not.toContain(PARTNER_NETWORK.typeName);
    expect(resources.sort()).toEqual(
      PROFILE_SPECS.filter((s) => s.managed)
        .map((s) => s.typeName)
        .sort(),
    );
    expect(provider.dataSources.map((d) => d.typeName).sort()).toEqual(PROFILE_SPECS.map((s) => s.typeName).sort());
    expect(PROFILE_SPECS.filter((s) => s.managed).map((s) => s.name)).toEqual([
      'billing',
      'support',
      'organization',
      'legalbusiness',
    ]);
  });
});
