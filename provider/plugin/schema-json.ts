// The provider's schemas in the format of `terraform providers schema -json` (format 1.0), for
// generators such as @cdktf/provider-generator that must work without an engine. Key order and
// omitted fields follow Terraform's Go structs: empty/false/zero fields are left out (omitempty)
// except `version` and `description_kind`; map keys are sorted as Go's encoding/json sorts them.
// Resource identities are listed as Terraform >= 1.12 and OpenTofu >= 1.12 list them, after the
// data sources; older engines know none and leave the key out.
import type { AttributeSchema, BlockSchema, IdentitySchema, ProviderDefinition, Schema } from './kit';
import { typeToJson } from './cty/type-json';

type Json = { [key: string]: unknown };

function sortedObject<T>(record: { [name: string]: T } | undefined, map: (v: T) => unknown): Json | undefined {
  const names = Object.keys(record ?? {}).sort();
  if (names.length === 0) return undefined;
  const out: Json = {};
  for (const n of names) out[n] = map(record![n]);
  return out;
}

function attributeJson(a: AttributeSchema): Json {
  const out: Json = {};
  // typeToJson writes object attributes sorted, as Go's encoding/json does.
  if (a.type !== undefined) out.type = JSON.parse(typeToJson(a.type));
  if (a.nested) {
    out.nested_type = {
      attributes: sortedObject(a.nested.attributes, attributeJson),
      nesting_mode: a.nested.nesting,
    };
  }
  if (a.description) out.description = a.description;
  out.description_kind = 'plain';
  if (a.deprecated) out.deprecated = true;
  if (a.required) out.required = true;
  if (a.optional) out.optional = true;
  if (a.computed) out.computed = true;
  if (a.sensitive) out.sensitive = true;
  return out;
}

function blockJson(b: BlockSchema): Json {
  const out: Json = {};
  const attributes = sortedObject(b.attributes, attributeJson);
  if (attributes) out.attributes = attributes;
  const blockTypes = sortedObject(b.blockTypes, (nb) => {
    const t: Json = { nesting_mode: nb.nesting, block: blockJson(nb.block) };
    if (nb.minItems) t.min_items = nb.minItems;
    if (nb.maxItems) t.max_items = nb.maxItems;
    return t;
  });
  if (blockTypes) out.block_types = blockTypes;
  if (b.description) out.description = b.description;
  out.description_kind = 'plain';
  if (b.deprecated) out.deprecated = true;
  return out;
}

function schemaJson(s: Schema): Json {
  return { version: s.version, block: blockJson(s.block) };
}

function identityJson(s: IdentitySchema): Json {
  const out: Json = { version: s.version };
  const attributes = sortedObject(s.attributes, (a) => {
    const attr: Json = { type: JSON.parse(typeToJson(a.type)) };
    if (a.description) attr.description = a.description;
    if (a.requiredForImport) attr.required_for_import = true;
    if (a.optionalForImport) attr.optional_for_import = true;
    return attr;
  });
  if (attributes) out.attributes = attributes;
  return out;
}

export function providerSchemaJson(def: ProviderDefinition, sourceAddress: string): object {
  const entry: Json = { provider: schemaJson(def.schema) };
  const resources = sortedObject(Object.fromEntries(def.resources.map((r) => [r.typeName, r.schema])), schemaJson);
  if (resources) entry.resource_schemas = resources;
  const dataSources = sortedObject(Object.fromEntries(def.dataSources.map((d) => [d.typeName, d.schema])), schemaJson);
  if (dataSources) entry.data_source_schemas = dataSources;
  const identities = sortedObject(
    Object.fromEntries(def.resources.flatMap((r) => (r.identity ? [[r.typeName, r.identity]] : []))),
    identityJson,
  );
  if (identities) entry.resource_identity_schemas = identities;
  return { format_version: '1.0', provider_schemas: { [sourceAddress]: entry } };
}

/** Serialises like Go's encoding/json: compact, with <, >, &, U+2028 and U+2029 escaped. */
export function goJsonStringify(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
