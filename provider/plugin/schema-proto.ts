// Kit schemas -> tfplugin6 Schema messages (GetProviderSchema, GetResourceIdentitySchemas). Names are emitted sorted so the
// response is deterministic; every block and nested block carries a block message, because
// Terraform dereferences it without a nil check.
import type { AttributeSchema, BlockSchema, IdentitySchema, NestingMode, Schema } from './kit';
import { typeToJson } from './cty/type-json';
import * as pb from './proto/tfplugin6';

const encoder = new TextEncoder();

const OBJECT_NESTING: Record<NestingMode, pb.ObjectNesting> = {
  single: pb.ObjectNesting.Single,
  list: pb.ObjectNesting.List,
  set: pb.ObjectNesting.Set,
  map: pb.ObjectNesting.Map,
};

const BLOCK_NESTING: Record<NestingMode | 'group', pb.BlockNesting> = {
  single: pb.BlockNesting.Single,
  list: pb.BlockNesting.List,
  set: pb.BlockNesting.Set,
  map: pb.BlockNesting.Map,
  group: pb.BlockNesting.Group,
};

function sortedEntries<T>(record: { [name: string]: T } | undefined): [string, T][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function attributeToProto(name: string, a: AttributeSchema): pb.SchemaAttribute {
  return {
    name,
    type: a.type !== undefined ? encoder.encode(typeToJson(a.type)) : new Uint8Array(0),
    nested_type: a.nested
      ? {
          attributes: sortedEntries(a.nested.attributes).map(([n, child]) => attributeToProto(n, child)),
          nesting: OBJECT_NESTING[a.nested.nesting],
        }
      : undefined,
    description: a.description,
    description_kind: pb.StringKind.Plain,
    required: a.required === true,
    optional: a.optional === true,
    computed: a.computed === true,
    sensitive: a.sensitive === true,
    deprecated: a.deprecated === true,
  };
}

function blockToProto(b: BlockSchema, version: number): pb.SchemaBlock {
  return {
    version,
    attributes: sortedEntries(b.attributes).map(([n, a]) => attributeToProto(n, a)),
    block_types: sortedEntries(b.blockTypes).map(([typeName, nb]) => ({
      type_name: typeName,
      block: blockToProto(nb.block, 0),
      nesting: BLOCK_NESTING[nb.nesting],
      min_items: nb.minItems ?? 0,
      max_items: nb.maxItems ?? 0,
    })),
    description: b.description ?? '',
    description_kind: pb.StringKind.Plain,
    deprecated: b.deprecated === true,
  };
}

export function schemaToProto(s: Schema): pb.Schema {
  return { version: s.version, block: blockToProto(s.block, s.version) };
}

/** GetResourceIdentitySchemas: attributes sorted by name, like the schema's. */
export function identitySchemaToProto(s: IdentitySchema): pb.ResourceIdentitySchema {
  return {
    version: s.version,
    identity_attributes: sortedEntries(s.attributes).map(([name, a]) => ({
      name,
      type: encoder.encode(typeToJson(a.type)),
      required_for_import: a.requiredForImport === true,
      optional_for_import: a.optionalForImport === true,
      description: a.description,
    })),
  };
}
