// The "Schema" section of a docs page, rendered from a kit schema in the layout of HashiCorp's
// tfplugindocs (what the Terraform registry's provider pages look like): attributes grouped under
// "### Required", "### Optional" and "### Read-Only", sorted by name, each as
// "- `name` (Type[, Sensitive][, Deprecated]) description"; every nested attribute, nested block
// or object-typed attribute gets its own "### Nested Schema for `a.b`" section below, with an
// anchor the parent's line links to.
import type { AttributeSchema, BlockSchema, IdentitySchema, NestingMode } from '../../provider/plugin/kit';
import type { CtyType } from '../../provider/plugin/cty/types';

type Group = 'Required' | 'Optional' | 'Read-Only';
const GROUPS: readonly Group[] = ['Required', 'Optional', 'Read-Only'];

/** One line of a list, and the nested section it points to (if any). */
interface Entry {
  name: string;
  group: Group;
  line: string;
  nested?: Nested;
}

/** A nested section still to write: its address, its anchor and its entries. */
interface Nested {
  address: string;
  anchor: string;
  entries: () => Entry[];
}

const TYPE_NAMES: Record<string, string> = { string: 'String', number: 'Number', bool: 'Boolean', dynamic: 'Dynamic' };

function typeName(t: CtyType): string {
  if (typeof t === 'string') return TYPE_NAMES[t];
  switch (t[0]) {
    case 'list':
    case 'set':
    case 'map': {
      const kind = { list: 'List', set: 'Set', map: 'Map' }[t[0]];
      return `${kind} of ${typeName(t[1])}`;
    }
    case 'object':
      return 'Object';
    case 'tuple':
      return 'Tuple';
  }
}

/** The object type an attribute's type holds (itself, or the element of a collection). */
function objectOf(t: CtyType): { [attr: string]: CtyType } | undefined {
  if (typeof t === 'string') return undefined;
  if (t[0] === 'object') return t[1];
  if (t[0] === 'list' || t[0] === 'set' || t[0] === 'map') return objectOf(t[1]);
  return undefined;
}

function groupOf(a: { required?: boolean; optional?: boolean }): Group {
  if (a.required) return 'Required';
  if (a.optional) return 'Optional';
  return 'Read-Only';
}

const NESTED_ATTRIBUTE_LABEL: Record<NestingMode, string> = {
  single: 'Attributes',
  list: 'Attributes List',
  set: 'Attributes Set',
  map: 'Attributes Map',
};

function line(name: string, label: string[], description: string | undefined, nested?: Nested): string {
  const text = (description ?? '').trim();
  const link = nested ? ` (see [below for nested schema](#${nested.anchor}))` : '';
  return `- \`${name}\` (${label.join(', ')})${text ? ` ${text}` : ''}${link}`;
}

function flags(a: { sensitive?: boolean; deprecated?: boolean }): string[] {
  return [...(a.sensitive ? ['Sensitive'] : []), ...(a.deprecated ? ['Deprecated'] : [])];
}

function anchorPath(address: string): string {
  return address.split('.').join('--');
}

function attributeEntry(name: string, a: AttributeSchema, parent: string, parentGroup?: Group): Entry {
  const address = parent ? `${parent}.${name}` : name;
  // Inside an object type every field shares the attribute's own group, as tfplugindocs lists them.
  const group = parentGroup ?? groupOf(a);
  if (a.nested) {
    const attrs = a.nested.attributes;
    const nested: Nested = {
      address,
      anchor: `nestedatt--${anchorPath(address)}`,
      entries: () => Object.entries(attrs).map(([n, child]) => attributeEntry(n, child, address)),
    };
    return {
      name,
      group,
      nested,
      line: line(name, [NESTED_ATTRIBUTE_LABEL[a.nested.nesting], ...flags(a)], a.description, nested),
    };
  }
  const t = a.type ?? 'dynamic';
  const fields = objectOf(t);
  const nested: Nested | undefined = fields && {
    address,
    anchor: `nestedobjatt--${anchorPath(address)}`,
    entries: () =>
      Object.entries(fields).map(([n, ft]) => attributeEntry(n, { type: ft, description: '' }, address, group)),
  };
  return { name, group, nested, line: line(name, [typeName(t), ...flags(a)], a.description, nested) };
}

function blockEntries(block: BlockSchema, parent: string): Entry[] {
  const entries = Object.entries(block.attributes).map(([n, a]) => attributeEntry(n, a, parent));
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const address = parent ? `${parent}.${name}` : name;
    const nested: Nested = {
      address,
      anchor: `nestedblock--${anchorPath(address)}`,
      entries: () => blockEntries(bt.block, address),
    };
    const kind = { single: 'Block', group: 'Block', list: 'Block List', set: 'Block Set', map: 'Block Map' }[
      bt.nesting
    ];
    const label = [
      kind,
      ...(bt.minItems ? [`Min: ${bt.minItems}`] : []),
      ...(bt.maxItems ? [`Max: ${bt.maxItems}`] : []),
    ];
    if (bt.block.deprecated) label.push('Deprecated');
    const group: Group = bt.minItems ? 'Required' : 'Optional';
    entries.push({ name, group, nested, line: line(name, [label.join(', ')], bt.block.description, nested) });
  }
  return entries;
}

/** The lists of `entries` by group, with `heading` turning a group name into its heading line. */
function groupedLists(entries: Entry[], heading: (g: Group) => string): { text: string[]; order: Entry[] } {
  const text: string[] = [];
  const order: Entry[] = [];
  for (const g of GROUPS) {
    const inGroup = entries
      .filter((e) => e.group === g)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (inGroup.length === 0) continue;
    text.push(heading(g), '', ...inGroup.map((e) => e.line), '');
    order.push(...inGroup);
  }
  return { text, order };
}

/**
 * The whole "## Schema" section for a block (a provider's, resource's or data source's), ending
 * without a trailing newline.
 */
export function schemaMarkdown(block: BlockSchema): string {
  const top = groupedLists(blockEntries(block, ''), (g) => `### ${g}`);
  const out = ['## Schema', '', ...top.text];
  // Breadth first, in the order the lists show them, as tfplugindocs writes them.
  const queue = top.order.flatMap((e) => (e.nested ? [e.nested] : []));
  for (let n = queue.shift(); n; n = queue.shift()) {
    const lists = groupedLists(n.entries(), (g) => `${g}:`);
    out.push(`<a id="${n.anchor}"></a>`, `### Nested Schema for \`${n.address}\``, '', ...lists.text);
    queue.push(...lists.order.flatMap((e) => (e.nested ? [e.nested] : [])));
  }
  return out.join('\n').trimEnd();
}

/**
 * The "## Identity Schema" section of a resource with an identity (Terraform and OpenTofu 1.12+:
 * `import { identity = { … } }`), grouped by what an import by identity must give.
 */
export function identitySchemaMarkdown(identity: IdentitySchema): string {
  const entries: Entry[] = Object.entries(identity.attributes).map(([name, a]) => ({
    name,
    group: a.requiredForImport ? 'Required' : 'Optional',
    line: line(name, [typeName(a.type)], a.description),
  }));
  const lists = groupedLists(entries, (g) =>
    g === 'Required' ? '### Required for import' : '### Optional for import',
  );
  return ['## Identity Schema', '', ...lists.text].join('\n').trimEnd();
}
