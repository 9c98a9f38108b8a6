// Which docs pages the provider has and what each holds, in the Terraform registry's layout:
// docs/index.md for the provider, docs/resources/<name>.md and docs/data-sources/<name>.md for
// every resource and data source the provider registers (<name> without the "partnercenter_"
// prefix). A page comes from its template (templates/index.md.tmpl,
// templates/resources/<name>.md.tmpl, templates/data-sources/<name>.md.tmpl) or, for a registered
// type without one, from a default layout: title, description, example, schema, import. Examples
// live where tfplugindocs looks for them: examples/provider/provider.tf,
// examples/resources/<type>/{resource.tf,import.sh,import-by-string-id.tf,import-by-identity.tf},
// examples/data-sources/<type>/data-source.tf. A template or example folder for a type the
// provider does not register is an error: it is left over from a rename or a removal.
import type { BlockSchema, IdentitySchema, Schema } from '../../provider/plugin/kit';
import { identitySchemaMarkdown, schemaMarkdown } from './schema-markdown';
import { codeBlock, renderTemplate, type Field } from './template';

/** The repository files the generator reads (paths relative to the repository root, "/"-separated). */
export interface DocsSource {
  readFile(relPath: string): string | undefined;
  /** Names of the entries of a folder (files and folders), or [] when it does not exist. */
  list(relDir: string): string[];
}

/** What the pages are made from: the parts of a ProviderDefinition (provider/plugin/kit.ts) docs read. */
export interface DocumentedProvider {
  typeName: string;
  schema: Schema;
  resources: readonly { typeName: string; schema: Schema; identity?: IdentitySchema }[];
  dataSources: readonly { typeName: string; schema: Schema }[];
}

/** The command that writes the pages, named in every generated page and every message. */
export const DOCS_COMMAND = 'npm run docs';

interface Kind {
  folder: 'resources' | 'data-sources';
  title: 'Resource' | 'Data Source';
  example: string;
}

const RESOURCES: Kind = { folder: 'resources', title: 'Resource', example: 'resource.tf' };
const DATA_SOURCES: Kind = { folder: 'data-sources', title: 'Data Source', example: 'data-source.tf' };

/** One page to render: its output path (relative to docs/) and the fields its template sees. */
interface PageSpec {
  out: string;
  template: string;
  fields: Record<string, Field>;
  /** The attributes the page must name (each as `name`), leaf names of the schema. */
  attributes: string[];
  defaultBody: () => string;
}

function leafNames(block: BlockSchema): string[] {
  const names: string[] = [];
  const walk = (attrs: BlockSchema['attributes']) => {
    for (const [name, a] of Object.entries(attrs)) {
      names.push(name);
      if (a.nested) walk(a.nested.attributes);
    }
  };
  walk(block.attributes);
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) names.push(name, ...leafNames(bt.block));
  return names;
}

function frontMatter(title: string, description: string): string {
  const lines = description.trim() ? description.trim().split('\n') : [''];
  return [
    '---',
    `page_title: ${JSON.stringify(title)}`,
    'subcategory: ""',
    'description: |-',
    ...lines.map((l) => `  ${l}`.trimEnd()),
    '---',
  ].join('\n');
}

function optionalFile(source: DocsSource, rel: string): Field {
  return source.readFile(rel) === undefined ? { unavailable: `${rel} does not exist` } : rel;
}

function fileText(source: DocsSource, field: Field | undefined): string | undefined {
  return typeof field === 'string' ? source.readFile(field) : undefined;
}

function typePage(
  source: DocsSource,
  provider: string,
  kind: Kind,
  typeName: string,
  block: BlockSchema,
  identity?: IdentitySchema,
): PageSpec {
  const prefix = `${provider}_`;
  if (!typeName.startsWith(prefix)) throw new Error(`${typeName} does not start with "${prefix}"`);
  const name = typeName.slice(prefix.length);
  const examples = `examples/${kind.folder}/${typeName}`;
  const description = block.description?.trim() ?? '';
  const fields: Record<string, Field> = {
    Name: typeName,
    ShortName: name,
    Type: kind.title,
    ProviderName: provider,
    Description: description || { unavailable: `${typeName} has no schema description` },
    SchemaMarkdown: schemaMarkdown(block),
    IdentitySchemaMarkdown: identity
      ? identitySchemaMarkdown(identity)
      : { unavailable: `${typeName} has no identity` },
    ExampleFile: optionalFile(source, `${examples}/${kind.example}`),
  };
  if (kind === RESOURCES) {
    fields.ImportFile = optionalFile(source, `${examples}/import.sh`);
    fields.ImportIDConfigFile = optionalFile(source, `${examples}/import-by-string-id.tf`);
    fields.ImportIdentityConfigFile = optionalFile(source, `${examples}/import-by-identity.tf`);
  }
  const defaultBody = () => {
    const parts = [frontMatter(`${typeName} ${kind.title}`, description), `# ${typeName} (${kind.title})`];
    if (description) parts.push(description);
    const example = fileText(source, fields.ExampleFile);
    if (example !== undefined) parts.push('## Example usage', codeBlock('terraform', example));
    parts.push(schemaMarkdown(block));
    if (identity) parts.push(identitySchemaMarkdown(identity));
    const imports = [
      fileText(source, fields.ImportIDConfigFile),
      fileText(source, fields.ImportIdentityConfigFile),
    ].flatMap((t) => (t === undefined ? [] : [codeBlock('terraform', t)]));
    const importSh = fileText(source, fields.ImportFile);
    if (importSh !== undefined) imports.push(codeBlock('shell', importSh));
    if (imports.length > 0) parts.push('## Import', 'Import is supported using the following syntax:', ...imports);
    return parts.join('\n\n');
  };
  return {
    out: `${kind.folder}/${name}.md`,
    template: `templates/${kind.folder}/${name}.md.tmpl`,
    fields,
    attributes: [...leafNames(block), ...(identity ? Object.keys(identity.attributes) : [])],
    defaultBody,
  };
}

function indexPage(source: DocsSource, def: DocumentedProvider): PageSpec {
  const description = def.schema.block.description?.trim() ?? '';
  const fields: Record<string, Field> = {
    Name: def.typeName,
    ShortName: def.typeName,
    Type: 'Provider',
    ProviderName: def.typeName,
    Description: description || { unavailable: 'the provider has no schema description' },
    SchemaMarkdown: schemaMarkdown(def.schema.block),
    ExampleFile: optionalFile(source, 'examples/provider/provider.tf'),
  };
  return {
    out: 'index.md',
    template: 'templates/index.md.tmpl',
    fields,
    attributes: leafNames(def.schema.block),
    defaultBody: () => {
      const parts = [frontMatter(`Provider: ${def.typeName}`, description), `# ${def.typeName} Provider`];
      if (description) parts.push(description);
      const example = fileText(source, fields.ExampleFile);
      if (example !== undefined) parts.push('## Example usage', codeBlock('terraform', example));
      parts.push(schemaMarkdown(def.schema.block));
      return parts.join('\n\n');
    },
  };
}

/** Errors for templates and example folders that no registered type uses. */
function staleSources(source: DocsSource, pages: PageSpec[], def: DocumentedProvider): string[] {
  const templates = new Set(pages.map((p) => p.template));
  const registered = (kind: Kind) =>
    (kind === RESOURCES ? def.resources : def.dataSources).map((d) => d.typeName).join(', ') || 'none';
  const problems: string[] = [];
  for (const entry of source.list('templates')) {
    if (entry === 'resources' || entry === 'data-sources' || entry === 'index.md.tmpl') continue;
    problems.push(
      `templates/${entry} is not a docs template: expected templates/index.md.tmpl, templates/resources/<name>.md.tmpl or templates/data-sources/<name>.md.tmpl`,
    );
  }
  for (const kind of [RESOURCES, DATA_SOURCES]) {
    for (const entry of source.list(`templates/${kind.folder}`)) {
      const rel = `templates/${kind.folder}/${entry}`;
      if (templates.has(rel)) continue;
      problems.push(
        entry.endsWith('.md.tmpl')
          ? `${rel} is for ${def.typeName}_${entry.slice(0, -'.md.tmpl'.length)}, which the provider does not register as a ${kind.title.toLowerCase()} (registered: ${registered(kind)}); remove or rename the template`
          : `${rel} is not a docs template: its name must be <name>.md.tmpl`,
      );
    }
    const typeNames = new Set((kind === RESOURCES ? def.resources : def.dataSources).map((d) => d.typeName));
    for (const entry of source.list(`examples/${kind.folder}`)) {
      if (typeNames.has(entry)) continue;
      problems.push(
        `examples/${kind.folder}/${entry} is for ${entry}, which the provider does not register as a ${kind.title.toLowerCase()} (registered: ${registered(kind)}); remove or rename the folder`,
      );
    }
  }
  return problems;
}

/** The comment that says a page is generated, placed after its front matter. */
export function generatedComment(template: string | undefined): string {
  return template
    ? `<!-- Generated by ${DOCS_COMMAND} from ${template}; edit the template -->`
    : `<!-- Generated by ${DOCS_COMMAND} from the provider schema and examples/ (no template); to change it, add a template -->`;
}

function withComment(out: string, text: string, template: string | undefined): string {
  const m = /^---\n[\s\S]*?\n---\n/.exec(text);
  if (!m)
    throw new Error(
      `${template ?? out}: must start with front matter (--- page_title: … ---), which the registry reads`,
    );
  const rest = text.slice(m[0].length).replace(/^\n+/, '');
  return `${m[0]}\n${generatedComment(template)}\n\n${rest.replace(/\s+$/, '')}\n`;
}

/**
 * Every page (path relative to docs/ -> text). Throws one Error listing every problem: a stale
 * template or example folder, a template error, a page that leaves an attribute unnamed.
 */
export function renderDocs(source: DocsSource, def: DocumentedProvider): Map<string, string> {
  const specs = [
    indexPage(source, def),
    ...def.resources.map((r) => typePage(source, def.typeName, RESOURCES, r.typeName, r.schema.block, r.identity)),
    ...def.dataSources.map((d) => typePage(source, def.typeName, DATA_SOURCES, d.typeName, d.schema.block)),
  ];
  const problems = staleSources(source, specs, def);
  const pages = new Map<string, string>();
  for (const spec of specs) {
    const template = source.readFile(spec.template);
    let text: string;
    try {
      const body =
        template === undefined
          ? spec.defaultBody()
          : renderTemplate({
              source: spec.template,
              text: template,
              fields: spec.fields,
              readFile: (p) => source.readFile(p),
            });
      text = withComment(spec.out, body, template === undefined ? undefined : spec.template);
    } catch (err) {
      problems.push((err as Error).message);
      continue;
    }
    const unnamed = spec.attributes.filter((a) => !text.includes(`\`${a}\``));
    if (unnamed.length > 0)
      problems.push(
        `${spec.template}: docs/${spec.out} does not name ${unnamed.map((a) => `\`${a}\``).join(', ')}; add {{ .SchemaMarkdown }} to the template`,
      );
    pages.set(spec.out, text);
  }
  if (problems.length > 0) throw new Error(`cannot generate docs/:\n- ${problems.join('\n- ')}`);
  return pages;
}
