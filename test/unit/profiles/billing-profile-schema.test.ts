import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AttributeSchema } from '../../../provider/plugin/kit';
import { BILLING } from '../../../provider/profiles/specs';
import { dataSourceSchema, resourceSchema } from '../../../provider/profiles/schema';

function flatten(attrs: Record<string, AttributeSchema>, prefix = ''): [string, AttributeSchema][] {
  return Object.entries(attrs).flatMap(([name, a]) => {
    const self: [string, AttributeSchema] = [prefix + name, a];
    return a.nested ? [self, ...flatten(a.nested.attributes, `${prefix}${name}.`)] : [self];
  });
}

const resourceAttrs = Object.fromEntries(flatten(resourceSchema(BILLING).block.attributes));

describe('billing profile schema', () => {
  it('has exactly the docs/architecture.md §3.1 attributes, each with a description', () => {
    expect(Object.keys(resourceAttrs).sort()).toEqual(
      [
        'id',
        'purchase_order_number',
        'tax_id',
        'company_name',
        'billing_currency',
        'billing_day',
        'profile_type',
        'etag',
        'tenant_id',
        'address',
        'address.address_line1',
        'address.address_line2',
        'address.city',
        'address.state',
        'address.region',
        'address.postal_code',
        'address.first_name',
        'address.last_name',
        'address.phone_number',
        'address.country',
        'primary_contact',
        'primary_contact.first_name',
        'primary_contact.last_name',
        'primary_contact.email',
        'primary_contact.phone_number',
      ].sort(),
    );
    for (const [name, a] of Object.entries(resourceAttrs))
      expect([name, a.description.length > 10]).toEqual([name, true]);
    expect(resourceAttrs.billing_day.type).toBe('number');
  });

  const READ_ONLY = ['address.country', 'billing_currency', 'billing_day', 'company_name', 'profile_type'];

  it('makes id, etag, tenant_id and the read-only fields computed-only, everything else optional+computed', () => {
    for (const [name, a] of Object.entries(resourceAttrs)) {
      const expected = ['id', 'etag', 'tenant_id', ...READ_ONLY].includes(name)
        ? { optional: undefined, computed: true }
        : { optional: true, computed: true };
      expect([name, { optional: a.optional, computed: a.computed }]).toEqual([name, expected]);
    }
  });

  it('marks the read-only fields in their descriptions, saying where they are changed', () => {
    const readOnly = Object.entries(resourceAttrs)
      .filter(([, a]) => a.description.startsWith('Read-only.'))
      .map(([n]) => n);
    expect(readOnly.sort()).toEqual(READ_ONLY);
    for (const name of READ_ONLY) expect(resourceAttrs[name].description).toContain('Partner Center dashboard');
  });

  it('gives the data source the same attributes, all computed-only, with descriptions of its own', () => {
    const ds = Object.fromEntries(flatten(dataSourceSchema(BILLING).block.attributes));
    expect(Object.keys(ds).sort()).toEqual(Object.keys(resourceAttrs).sort());
    // Sentences about managing the resource say nothing true of a read.
    const resourceOnly = [
      'managed',
      'Set to ""',
      'If-Match',
      'leave it out',
      'Read-only.',
      'cannot be cleared',
      'refused',
    ];
    for (const [name, a] of Object.entries(ds)) {
      expect([name, a.computed, a.optional, a.description.length > 10]).toEqual([name, true, undefined, true]);
      for (const phrase of resourceOnly) expect([name, a.description.includes(phrase)]).toEqual([name, false]);
    }
    for (const name of ['purchase_order_number', 'address', 'primary_contact', 'etag', 'address.address_line2'])
      expect([name, ds[name].description]).not.toEqual([name, resourceAttrs[name].description]);
    for (const name of READ_ONLY) expect(ds[name].description).toContain('Partner Center dashboard');
  });
});

describe('billing profile docs', () => {
  const read = (p: string) => readFileSync(path.join(__dirname, '..', '..', '..', p), 'utf8');

  it.each([
    ['docs/resources/billing_profile.md', resourceSchema(BILLING)],
    ['docs/data-sources/billing_profile.md', dataSourceSchema(BILLING)],
  ])('%s documents every attribute', (file, schema) => {
    const doc = read(file);
    for (const [name] of flatten(schema.block.attributes)) {
      const leaf = name.split('.').pop()!;
      expect([name, doc.includes(`\`${leaf}\``)]).toEqual([name, true]);
    }
  });
});
