// Our own definitions of the tfplugin6 messages. Field numbers of protocol 6.5, plus what 6.6 to
// 6.11 added to the messages we serve: client capabilities in requests (6.6+), resource identity
// (6.9+: GetResourceIdentitySchemas, UpgradeResourceIdentity, the identity fields of
// Read/Plan/Apply/Import) and PlanResourceChange's planned_private (6.11). Fields added later
// than these are skipped by the decoder (message.ts). OpenTofu uses the same numbers for
// everything it has. Field names follow the protocol's snake_case names so a message reads like
// the protocol documentation (docs/architecture.md §8, rules 13 and 14: what the provider does with
// the newer fields).
import { message, type MessageCodec } from './message';

// ---------- shared messages ----------

export interface DynamicValue {
  msgpack: Uint8Array;
  json: Uint8Array;
}
export const DynamicValue = message<DynamicValue>([
  { name: 'msgpack', no: 1, kind: 'bytes' },
  { name: 'json', no: 2, kind: 'bytes' },
]);

export enum Severity {
  Invalid = 0,
  Error = 1,
  Warning = 2,
}

/** One step: exactly one of the three selectors is set (a oneof, so presence matters). */
export interface PathStep {
  attribute_name?: string;
  element_key_string?: string;
  element_key_int?: number;
}
export const PathStep = message<PathStep>([
  { name: 'attribute_name', no: 1, kind: 'string', presence: true },
  { name: 'element_key_string', no: 2, kind: 'string', presence: true },
  { name: 'element_key_int', no: 3, kind: 'int64', presence: true },
]);

export interface AttributePath {
  steps: PathStep[];
}
export const AttributePath = message<AttributePath>([{ name: 'steps', no: 1, kind: PathStep, repeated: true }]);

export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail: string;
  attribute?: AttributePath;
}
export const Diagnostic = message<Diagnostic>([
  { name: 'severity', no: 1, kind: 'enum' },
  { name: 'summary', no: 2, kind: 'string' },
  { name: 'detail', no: 3, kind: 'string' },
  { name: 'attribute', no: 4, kind: AttributePath },
]);

export interface RawState {
  json: Uint8Array;
  flatmap: { [key: string]: string };
}
export const RawState = message<RawState>([
  { name: 'json', no: 1, kind: 'bytes' },
  { name: 'flatmap', no: 2, kind: { map: 'string' } },
]);

// ---------- schema ----------

export enum StringKind {
  Plain = 0,
  Markdown = 1,
}

/** Nesting of a nested block (GROUP exists only for blocks). */
export enum BlockNesting {
  Invalid = 0,
  Single = 1,
  List = 2,
  Set = 3,
  Map = 4,
  Group = 5,
}

/** Nesting of a nested attribute's object type. */
export enum ObjectNesting {
  Invalid = 0,
  Single = 1,
  List = 2,
  Set = 3,
  Map = 4,
}

export interface SchemaObject {
  attributes: SchemaAttribute[];
  nesting: ObjectNesting;
}

export interface SchemaAttribute {
  name: string;
  /** The cty type as compact JSON bytes; empty when nested_type is used. */
  type: Uint8Array;
  nested_type?: SchemaObject;
  description: string;
  required: boolean;
  optional: boolean;
  computed: boolean;
  sensitive: boolean;
  description_kind: StringKind;
  deprecated: boolean;
}

export interface SchemaNestedBlock {
  type_name: string;
  block: SchemaBlock;
  nesting: BlockNesting;
  min_items: number;
  max_items: number;
}

export interface SchemaBlock {
  version: number;
  attributes: SchemaAttribute[];
  block_types: SchemaNestedBlock[];
  description: string;
  description_kind: StringKind;
  deprecated: boolean;
}

export interface Schema {
  version: number;
  block: SchemaBlock;
}

export const SchemaObject: MessageCodec<SchemaObject> = message<SchemaObject>([
  { name: 'attributes', no: 1, kind: () => SchemaAttribute, repeated: true },
  { name: 'nesting', no: 3, kind: 'enum' },
]);

export const SchemaAttribute: MessageCodec<SchemaAttribute> = message<SchemaAttribute>([
  { name: 'name', no: 1, kind: 'string' },
  { name: 'type', no: 2, kind: 'bytes' },
  { name: 'description', no: 3, kind: 'string' },
  { name: 'required', no: 4, kind: 'bool' },
  { name: 'optional', no: 5, kind: 'bool' },
  { name: 'computed', no: 6, kind: 'bool' },
  { name: 'sensitive', no: 7, kind: 'bool' },
  { name: 'description_kind', no: 8, kind: 'enum' },
  { name: 'deprecated', no: 9, kind: 'bool' },
  { name: 'nested_type', no: 10, kind: SchemaObject },
]);

export const SchemaBlock: MessageCodec<SchemaBlock> = message<SchemaBlock>([
  { name: 'version', no: 1, kind: 'int64' },
  { name: 'attributes', no: 2, kind: SchemaAttribute, repeated: true },
  { name: 'block_types', no: 3, kind: () => SchemaNestedBlock, repeated: true },
  { name: 'description', no: 4, kind: 'string' },
  { name: 'description_kind', no: 5, kind: 'enum' },
  { name: 'deprecated', no: 6, kind: 'bool' },
]);

export const SchemaNestedBlock: MessageCodec<SchemaNestedBlock> = message<SchemaNestedBlock>([
  { name: 'type_name', no: 1, kind: 'string' },
  { name: 'block', no: 2, kind: SchemaBlock },
  { name: 'nesting', no: 3, kind: 'enum' },
  { name: 'min_items', no: 4, kind: 'int64' },
  { name: 'max_items', no: 5, kind: 'int64' },
]);

export const Schema = message<Schema>([
  { name: 'version', no: 1, kind: 'int64' },
  { name: 'block', no: 2, kind: SchemaBlock },
]);

export interface ServerCapabilities {
  plan_destroy: boolean;
  get_provider_schema_optional: boolean;
  move_resource_state: boolean;
  /** 6.10: the provider serves GenerateResourceConfig (we do not). */
  generate_resource_config: boolean;
}
export const ServerCapabilities = message<ServerCapabilities>([
  { name: 'plan_destroy', no: 1, kind: 'bool' },
  { name: 'get_provider_schema_optional', no: 2, kind: 'bool' },
  { name: 'move_resource_state', no: 3, kind: 'bool' },
  { name: 'generate_resource_config', no: 4, kind: 'bool' },
]);

/**
 * What the engine can handle (6.6+), sent in most requests. The kit passes store_planned_private
 * to a resource's plan; the provider uses no other flag (it never defers, has no write-only
 * attributes and no computed blocks).
 */
export interface ClientCapabilities {
  deferral_allowed: boolean;
  /** 6.8 */
  write_only_attributes_allowed: boolean;
  /** 6.11: the engine sends the plan's private state back as PlanResourceChange.planned_private. */
  store_planned_private: boolean;
  /** 6.11 */
  computed_blocks_allowed: boolean;
}
export const ClientCapabilities = message<ClientCapabilities>([
  { name: 'deferral_allowed', no: 1, kind: 'bool' },
  { name: 'write_only_attributes_allowed', no: 2, kind: 'bool' },
  { name: 'store_planned_private', no: 3, kind: 'bool' },
  { name: 'computed_blocks_allowed', no: 4, kind: 'bool' },
]);

// ---------- resource identity (6.9+) ----------

/** One identity attribute: a primitive or a list of primitives, as cty type JSON. */
export interface IdentityAttribute {
  name: string;
  type: Uint8Array;
  required_for_import: boolean;
  optional_for_import: boolean;
  description: string;
}
export const IdentityAttribute = message<IdentityAttribute>([
  { name: 'name', no: 1, kind: 'string' },
  { name: 'type', no: 2, kind: 'bytes' },
  { name: 'required_for_import', no: 3, kind: 'bool' },
  { name: 'optional_for_import', no: 4, kind: 'bool' },
  { name: 'description', no: 5, kind: 'string' },
]);

/** Versioned apart from the resource schema. */
export interface ResourceIdentitySchema {
  version: number;
  identity_attributes: IdentityAttribute[];
}
export const ResourceIdentitySchema = message<ResourceIdentitySchema>([
  { name: 'version', no: 1, kind: 'int64' },
  { name: 'identity_attributes', no: 2, kind: IdentityAttribute, repeated: true },
]);

/** An identity object, encoded with the identity schema's implied object type. */
export interface ResourceIdentityData {
  identity_data?: DynamicValue;
}
export const ResourceIdentityData = message<ResourceIdentityData>([
  { name: 'identity_data', no: 1, kind: DynamicValue },
]);

// ---------- requests and responses ----------

/** Request with no fields (GetProviderSchema, GetMetadata, GetFunctions, StopProvider). */
export type EmptyRequest = Record<string, never>;
export const EmptyRequest = message<EmptyRequest>([]);

export interface GetProviderSchemaResponse {
  provider?: Schema;
  resource_schemas: { [typeName: string]: Schema };
  data_source_schemas: { [typeName: string]: Schema };
  diagnostics: Diagnostic[];
  provider_meta?: Schema;
  server_capabilities?: ServerCapabilities;
}
export const GetProviderSchemaResponse = message<GetProviderSchemaResponse>([
  { name: 'provider', no: 1, kind: Schema },
  { name: 'resource_schemas', no: 2, kind: { map: Schema } },
  { name: 'data_source_schemas', no: 3, kind: { map: Schema } },
  { name: 'diagnostics', no: 4, kind: Diagnostic, repeated: true },
  { name: 'provider_meta', no: 5, kind: Schema },
  { name: 'server_capabilities', no: 6, kind: ServerCapabilities },
]);

export interface TypeNameEntry {
  type_name: string;
}
const TypeNameEntry = message<TypeNameEntry>([{ name: 'type_name', no: 1, kind: 'string' }]);

export interface GetMetadataResponse {
  server_capabilities?: ServerCapabilities;
  diagnostics: Diagnostic[];
  data_sources: TypeNameEntry[];
  resources: TypeNameEntry[];
}
export const GetMetadataResponse = message<GetMetadataResponse>([
  { name: 'server_capabilities', no: 1, kind: ServerCapabilities },
  { name: 'diagnostics', no: 2, kind: Diagnostic, repeated: true },
  { name: 'data_sources', no: 3, kind: TypeNameEntry, repeated: true },
  { name: 'resources', no: 4, kind: TypeNameEntry, repeated: true },
]);

export interface GetFunctionsResponse {
  diagnostics: Diagnostic[];
}
export const GetFunctionsResponse = message<GetFunctionsResponse>([
  { name: 'diagnostics', no: 2, kind: Diagnostic, repeated: true },
]);

export interface ValidateProviderConfigRequest {
  config?: DynamicValue;
}
export const ValidateProviderConfigRequest = message<ValidateProviderConfigRequest>([
  { name: 'config', no: 1, kind: DynamicValue },
]);

/** Diagnostics are field 2 here, unlike every other Validate response. */
export interface ValidateProviderConfigResponse {
  diagnostics: Diagnostic[];
}
export const ValidateProviderConfigResponse = message<ValidateProviderConfigResponse>([
  { name: 'diagnostics', no: 2, kind: Diagnostic, repeated: true },
]);

export interface ValidateConfigRequest {
  type_name: string;
  config?: DynamicValue;
  /** Sent in ValidateResourceConfig only; ValidateDataResourceConfig has no field 3. */
  client_capabilities?: ClientCapabilities;
}
/** ValidateResourceConfig and ValidateDataResourceConfig share one shape. */
export const ValidateConfigRequest = message<ValidateConfigRequest>([
  { name: 'type_name', no: 1, kind: 'string' },
  { name: 'config', no: 2, kind: DynamicValue },
  { name: 'client_capabilities', no: 3, kind: ClientCapabilities },
]);

export interface DiagnosticsResponse {
  diagnostics: Diagnostic[];
}
/** Responses that carry only diagnostics at field 1 (ValidateResourceConfig, ConfigureProvider…). */
export const DiagnosticsResponse = message<DiagnosticsResponse>([
  { name: 'diagnostics', no: 1, kind: Diagnostic, repeated: true },
]);

export interface UpgradeResourceStateRequest {
  type_name: string;
  version: number;
  raw_state?: RawState;
}
export const UpgradeResourceStateRequest = message<UpgradeResourceStateRequest>([
  { name: 'type_name', no: 1, kind: 'string' },
  { name: 'version', no: 2, kind: 'int64' },
  { name: 'raw_state', no: 3, kind: RawState },
]);

export interface UpgradeResourceStateResponse {
  upgraded_state?: DynamicValue;
  diagnostics: Diagnostic[];
}
export const UpgradeResourceStateResponse = message<UpgradeResourceStateResponse>([
  { name: 'upgraded_state', no: 1, kind: DynamicValue },
  { name: 'diagnostics', no: 2, kind: Diagnostic, repeated: true },
]);

export interface GetResourceIdentitySchemasResponse {
  identity_schemas: { [typeName: string]: ResourceIdentitySchema };
  diagnostics: Diagnostic[];
}
export const GetResourceIdentitySchemasResponse = message<GetResourceIdentitySchemasResponse>([
  { name: 'identity_schemas', no: 1, kind: { map: ResourceIdentitySchema } },
  { name: 'diagnostics', no: 2, kind: Diagnostic, repeated: true },
]);

/** raw_identity holds JSON only (no flatmap: identity is newer than that format). */
export interface UpgradeResourceIdentityRequest {
  type_name: string;
  version: number;
  raw_identity?: RawState;
}
export const UpgradeResourceIdentityRequest = message<UpgradeResourceIdentityRequest>([
  { name: 'type_name', no: 1, kind: 'string' },
  { name: 'version', no: 2, kind: 'int64' },
  { name: 'raw_identity', no: 3, kind: RawState },
]);

export interface UpgradeResourceIdentityResponse {
  upgraded_identity?: ResourceIdentityData;
  diagnostics: Diagnostic[];
}
export const UpgradeResourceIdentityResponse = message<UpgradeResourceIdentityResponse>([
  { name: 'upgraded_identity', no: 1, kind: ResourceIdentityData },
  { name: 'diagnostics', no: 2, kind: Diagnostic, repeated: true },
]);

export interface ConfigureProviderRequest {
  terraform_version: string;
  config?: DynamicValue;
  client_capabilities?: ClientCapabilities;
}
export const ConfigureProviderRequest = message<ConfigureProviderRequest>([
  { name: 'terraform_version', no: 1, kind: 'string' },
  { name: 'config', no: 2, kind: DynamicValue },
  { name: 'client_capabilities', no: 3, kind: ClientCapabilities },
]);

export interface ReadResourceRequest {
  type_name: string;
  current_state?: DynamicValue;
  private: Uint8Array;
  provider_meta?: DynamicValue;
  client_capabilities?: ClientCapabilities;
  current_identity?: ResourceIdentityData;
}
export const ReadResourceRequest = message<ReadResourceRequest>([
  { name: 'type_name', no: 1, kind: 'string' },
  { name: 'current_state', no: 2, kind: DynamicValue },
  { name: 'private', no: 3, kind: 'bytes' },
  { name: 'provider_meta', no: 4, kind: DynamicValue },
  { name: 'client_capabilities', no: 5, kind: ClientCapabilities },
  { name: 'current_identity', no: 6, kind: ResourceIdentityData },
]);

/** Field 4 (deferred) is never sent: this provider does not defer. */
export interface ReadResourceResponse {
  new_state?: DynamicValue;
  diagnostics: Diagnostic[];
  private: Uint8Array;
  new_identity?: ResourceIdentityData;
}
export const ReadResourceResponse = message<ReadResourceResponse>([
  { name: 'new_state', no: 1, kind: DynamicValue },
  { name: 'diagnostics', no: 2, kind: Diagnostic, repeated: true },
  { name: 'private', no: 3, kind: 'bytes' },
  { name: 'new_identity', no: 5, kind: ResourceIdentityData },
]);

export interface PlanResourceChangeRequest {
  type_name: string;
  prior_state?: DynamicValue;
  proposed_new_state?: DynamicValue;
  config?: DynamicValue;
  prior_private: Uint8Array;
  provider_meta?: DynamicValue;
  client_capabilities?: ClientCapabilities;
  prior_identity?: ResourceIdentityData;
  /** 6.11, with store_planned_private: the private state of the earlier plan of this change. */
  planned_private: Uint8Array;
}
export const PlanResourceChangeRequest = message<PlanResourceChangeRequest>([
  { name: 'type_name', no: 1, kind: 'string' },
  { name: 'prior_state', no: 2, kind: DynamicValue },
  { name: 'proposed_new_state', no: 3, kind: DynamicValue },
  { name: 'config', no: 4, kind: DynamicValue },
  { name: 'prior_private', no: 5, kind: 'bytes' },
  { name: 'provider_meta', no: 6, kind: DynamicValue },
  { name: 'client_capabilities', no: 7, kind: ClientCapabilities },
  { name: 'prior_identity', no: 8, kind: ResourceIdentityData },
  { name: 'planned_private', no: 9, kind: 'bytes' },
]);

/** Field 6 (deferred) is never sent. */
export interface PlanResourceChangeResponse {
  planned_state?: DynamicValue;
  requires_replace: AttributePath[];
  planned_private: Uint8Array;
  diagnostics: Diagnostic[];
  legacy_type_system: boolean;
  planned_identity?: ResourceIdentityData;
}
export const PlanResourceChangeResponse = message<PlanResourceChangeResponse>([
  { name: 'planned_state', no: 1, kind: DynamicValue },
  { name: 'requires_replace', no: 2, kind: AttributePath, repeated: true },
  { name: 'planned_private', no: 3, kind: 'bytes' },
  { name: 'diagnostics', no: 4, kind: Diagnostic, repeated: true },
  { name: 'legacy_type_system', no: 5, kind: 'bool' },
  { name: 'planned_identity', no: 7, kind: ResourceIdentityData },
]);

export interface ApplyResourceChangeRequest {
  type_name: string;
  prior_state?: DynamicValue;
  planned_state?: DynamicValue;
  config?: DynamicValue;
  planned_private: Uint8Array;
  provider_meta?: DynamicValue;
  planned_identity?: ResourceIdentityData;
}
export const ApplyResourceChangeRequest = message<ApplyResourceChangeRequest>([
  { name: 'type_name', no: 1, kind: 'string' },
  { name: 'prior_state', no: 2, kind: DynamicValue },
  { name: 'planned_state', no: 3, kind: DynamicValue },
  { name: 'config', no: 4, kind: DynamicValue },
  { name: 'planned_private', no: 5, kind: 'bytes' },
  { name: 'provider_meta', no: 6, kind: DynamicValue },
  { name: 'planned_identity', no: 7, kind: ResourceIdentityData },
]);

export interface ApplyResourceChangeResponse {
  new_state?: DynamicValue;
  private: Uint8Array;
  diagnostics: Diagnostic[];
  legacy_type_system: boolean;
  new_identity?: ResourceIdentityData;
}
export const ApplyResourceChangeResponse = message<ApplyResourceChangeResponse>([
  { name: 'new_state', no: 1, kind: DynamicValue },
  { name: 'private', no: 2, kind: 'bytes' },
  { name: 'diagnostics', no: 3, kind: Diagnostic, repeated: true },
  { name: 'legacy_type_system', no: 4, kind: 'bool' },
  { name: 'new_identity', no: 5, kind: ResourceIdentityData },
]);

/** By id (`terraform import`, `import { id }`) or, 6.9+, by identity (`import { identity }`). */
export interface ImportResourceStateRequest {
  type_name: string;
  id: string;
  client_capabilities?: ClientCapabilities;
  identity?: ResourceIdentityData;
}
export const ImportResourceStateRequest = message<ImportResourceStateRequest>([
  { name: 'type_name', no: 1, kind: 'string' },
  { name: 'id', no: 2, kind: 'string' },
  { name: 'client_capabilities', no: 3, kind: ClientCapabilities },
  { name: 'identity', no: 4, kind: ResourceIdentityData },
]);

export interface ImportedResource {
  type_name: string;
  state?: DynamicValue;
  private: Uint8Array;
  identity?: ResourceIdentityData;
}
export const ImportedResource = message<ImportedResource>([
  { name: 'type_name', no: 1, kind: 'string' },
  { name: 'state', no: 2, kind: DynamicValue },
  { name: 'private', no: 3, kind: 'bytes' },
  { name: 'identity', no: 4, kind: ResourceIdentityData },
]);

/** Field 3 (deferred) is never sent. */
export interface ImportResourceStateResponse {
  imported_resources: ImportedResource[];
  diagnostics: Diagnostic[];
}
export const ImportResourceStateResponse = message<ImportResourceStateResponse>([
  { name: 'imported_resources', no: 1, kind: ImportedResource, repeated: true },
  { name: 'diagnostics', no: 2, kind: Diagnostic, repeated: true },
]);

export interface ReadDataSourceRequest {
  type_name: string;
  config?: DynamicValue;
  provider_meta?: DynamicValue;
  client_capabilities?: ClientCapabilities;
}
export const ReadDataSourceRequest = message<ReadDataSourceRequest>([
  { name: 'type_name', no: 1, kind: 'string' },
  { name: 'config', no: 2, kind: DynamicValue },
  { name: 'provider_meta', no: 3, kind: DynamicValue },
  { name: 'client_capabilities', no: 4, kind: ClientCapabilities },
]);

export interface ReadDataSourceResponse {
  state?: DynamicValue;
  diagnostics: Diagnostic[];
}
export const ReadDataSourceResponse = message<ReadDataSourceResponse>([
  { name: 'state', no: 1, kind: DynamicValue },
  { name: 'diagnostics', no: 2, kind: Diagnostic, repeated: true },
]);

/** StopProvider.Response: the protocol names its one field `Error` (empty = stopped fine). */
export interface StopProviderResponse {
  Error: string;
}
export const StopProviderResponse = message<StopProviderResponse>([{ name: 'Error', no: 1, kind: 'string' }]);
