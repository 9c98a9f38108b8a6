// The rewrite of the generators' registry links (scripts/bindings/doc-links.ts) on the lines they
// write: each names the shipped docs page it meant, an attribute only where that page documents
// it, the import section only where the page has one, and a link to a page that does not exist
// stops the generation.
import { PACKAGE_DOCS, registryDocsLinks, rewriteDocLinks } from '../../../../scripts/bindings/doc-links';

const BASE = 'https://terraform.local/providers/partnercenter/partnercenter/0.1.0/docs';
const PAGES = new Map([
  ['index.md', '# Provider\n\n| `base_url` | … |\n'],
  ['resources/billing_profile.md', '# Resource\n\n- `tax_id` (String)\n\n## Import\n\n`billing`\n'],
  ['data-sources/billing_profile.md', '# Data source\n\n- `tax_id` (String)\n'],
]);

test('an attribute link names the attribute and the page that documents it', () => {
  expect(
    rewriteDocLinks(
      `  * Docs at Terraform Registry: {@link ${BASE}/resources/billing_profile#tax_id BillingProfile#tax_id}`,
      PAGES,
    ),
  ).toBe(`  * Docs: \`tax_id\` in ${PACKAGE_DOCS}/resources/billing_profile.md`);
  expect(
    rewriteDocLinks(`* Docs at Terraform Registry: {@link ${BASE}#base_url PartnercenterProvider#base_url}`, PAGES),
  ).toBe(`* Docs: \`base_url\` in ${PACKAGE_DOCS}/index.md`);
});

test('an attribute the page does not document (the generated alias) names the page only', () => {
  expect(
    rewriteDocLinks(`* Docs at Terraform Registry: {@link ${BASE}#alias PartnercenterProvider#alias}`, PAGES),
  ).toBe(`* Docs: ${PACKAGE_DOCS}/index.md`);
});

test('the import sentence names the Import section where the page has one, and is dropped where not', () => {
  const sentence = (p: string) =>
    `@param importFromId The id that should be imported. Refer to the {@link ${BASE}${p}#import import section} in the documentation of this resource for the id to use`;
  expect(rewriteDocLinks(sentence('/resources/billing_profile'), PAGES)).toBe(
    `@param importFromId The id that should be imported. Refer to the Import section of ${PACKAGE_DOCS}/resources/billing_profile.md for the id to use`,
  );
  expect(rewriteDocLinks(sentence('/data-sources/billing_profile'), PAGES)).toBe(
    '@param importFromId The id that should be imported.',
  );
});

test('other links and the header URL name the page', () => {
  const text = `// ${BASE}/data-sources/billing_profile\n* Represents a {@link ${BASE}/data-sources/billing_profile partnercenter_billing_profile}`;
  const out = rewriteDocLinks(text, PAGES);
  expect(out).toBe(
    `// Docs: ${PACKAGE_DOCS}/data-sources/billing_profile.md\n* Represents a partnercenter_billing_profile (docs: ${PACKAGE_DOCS}/data-sources/billing_profile.md)`,
  );
  expect(registryDocsLinks(out)).toEqual([]);
  expect(registryDocsLinks(text)).toHaveLength(2);
});

test('a link to a page that does not exist stops the generation', () => {
  expect(() => rewriteDocLinks(`{@link ${BASE}/resources/other_thing other}`, PAGES)).toThrow(
    'generated bindings link to docs/resources/other_thing.md, which does not exist',
  );
});
