// The generators link every JSDoc to registry pages (https://<host>/providers/<namespace>/<type>/
// <version>/docs/…), which do not exist for a provider of the local source address
// terraform.local. The docs pages the npm package ships (docs/*.md, package.json "files") say the
// same, so each link is rewritten to the page it meant, named by its path in the package: the
// provider's docs/index.md, docs/resources/<name>.md, docs/data-sources/<name>.md. An anchor stays
// as the attribute it names when the page documents it; the import section is named only where
// the page has one.

/** How a page is named in the bindings: its path inside the installed package. */
export const PACKAGE_DOCS = 'terraform-provider-partnercenter/docs';

/** What the rewrite needs to know of each page: its text (to keep only anchors it documents). */
export type DocsPages = ReadonlyMap<string, string>;

const REGISTRY_DOCS = /https:\/\/[^/\s]+\/providers\/[^/\s]+\/[^/\s]+\/[^/\s]+\/docs((?:\/[\w-]+)*)/;

/** The package-relative page (e.g. "resources/billing_profile.md") a registry docs path means. */
export function pageOf(registryPath: string): string {
  return registryPath === '' ? 'index.md' : `${registryPath.replace(/^\//, '')}.md`;
}

function hasSection(page: string | undefined, heading: string): boolean {
  return page !== undefined && new RegExp(`^#+ ${heading}\\s*$`, 'im').test(page);
}

function documents(page: string | undefined, attribute: string): boolean {
  return page !== undefined && page.includes(`\`${attribute}\``);
}

/**
 * `text` with every registry docs link replaced by the shipped page it meant. Throws when a link
 * names a page that `pages` (path relative to docs/ -> text) does not hold: a dead reference would
 * otherwise ship again.
 */
export function rewriteDocLinks(text: string, pages: DocsPages): string {
  const page = (registryPath: string): { name: string; text: string } => {
    const rel = pageOf(registryPath);
    const found = pages.get(rel);
    if (found === undefined) throw new Error(`generated bindings link to docs/${rel}, which does not exist`);
    return { name: `${PACKAGE_DOCS}/${rel}`, text: found };
  };
  const url = REGISTRY_DOCS.source;
  return (
    text
      // "Docs at Terraform Registry: {@link <url>#attr Class#attr}" on every attribute.
      .replace(
        new RegExp(`Docs at Terraform Registry: \\{@link ${url}#([\\w-]+) [^}]*\\}`, 'g'),
        (_m, p: string, a: string) => {
          const { name, text: body } = page(p);
          return documents(body, a) ? `Docs: \`${a}\` in ${name}` : `Docs: ${name}`;
        },
      )
      // "Refer to the {@link <url>#import import section} in the documentation of this resource for the id to use"
      .replace(
        new RegExp(
          ` Refer to the \\{@link ${url}#import import section\\} in the documentation of this resource for the id to use`,
          'g',
        ),
        (_m, p: string) => {
          const { name, text: body } = page(p);
          return hasSection(body, 'Import') ? ` Refer to the Import section of ${name} for the id to use` : '';
        },
      )
      // "{@link <url> partnercenter_billing_profile}" and any other link.
      .replace(new RegExp(`\\{@link ${url}(?:#[\\w-]+)? ([^}]*)\\}`, 'g'), (_m, p: string, label: string) => {
        return `${label} (docs: ${page(p).name})`;
      })
      // The header comment's bare URL.
      .replace(new RegExp(`^// ${url}$`, 'gm'), (_m, p: string) => `// Docs: ${page(p).name}`)
  );
}

/** Any registry docs URL left in `text`, for the check that none ships. */
export function registryDocsLinks(text: string): string[] {
  return text.match(new RegExp(REGISTRY_DOCS.source, 'g')) ?? [];
}
