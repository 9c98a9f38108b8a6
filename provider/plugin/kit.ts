// The resource kit: what a provider, a resource and a data source implement. The plugin server
// (provider/plugin/) drives these; it knows nothing of Partner Center. Adding a resource is one
// new file implementing ResourceDefinition plus one line in the provider's `resources` list.
import type { CtyType, ObjectValue, Value } from './cty/types';

// ---------- schema ----------

export type NestingMode = 'single' | 'list' | 'set' | 'map';

export interface AttributeSchema {
  /** Exactly one of `type` and `nested` is set. */
  type?: CtyType;
  /** A nested attribute (protocol 6), e.g. a single nested object. */
  nested?: { nesting: NestingMode; attributes: { [name: string]: AttributeSchema } };
  description: string;
  /** Exactly one of required / optional / computed, except optional + computed together. */
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
}

export interface BlockSchema {
  attributes: { [name: string]: AttributeSchema };
  /** Nested blocks (rarely needed; prefer nested attributes). */
  blockTypes?: {
    [name: string]: { nesting: NestingMode | 'group'; block: BlockSchema; minItems?: number; maxItems?: number };
  };
  description?: string;
  deprecated?: boolean;
}

export interface Schema {
  version: number;
  block: BlockSchema;
}

// ---------- resource identity ----------

/**
 * A resource's identity (protocol 6.9+: Terraform >= 1.12, OpenTofu >= 1.12): the few values that
 * name one remote object for good. The engine stores it beside the state and accepts it in
 * `import { to = ..., identity = { ... } }`; engines before it never ask (docs/architecture.md §8,
 * rule 14).
 */
export interface IdentitySchema {
  /** Versioned apart from the resource schema: bump it when the attributes change. */
  version: number;
  attributes: { [name: string]: IdentityAttributeSchema };
}

export interface IdentityAttributeSchema {
  /** A primitive type ('string', 'number', 'bool') or a list of one. */
  type: CtyType;
  description: string;
  /** Exactly one of the two: an import by identity must give the value, or may leave it out. */
  requiredForImport?: boolean;
  optionalForImport?: boolean;
}

// ---------- diagnostics ----------

/** One step of an attribute path: an attribute name, a map key or a list index. */
export type PathStep = string | { key: string } | { index: number };
export type AttributePath = PathStep[];

export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  /** Points the engine at the config expression, e.g. ['address', 'country']. */
  path?: AttributePath;
}

// ---------- context passed to every call ----------

export interface Logger {
  trace(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface CallContext {
  /** Aborted when the engine calls StopProvider: cancel in-flight work. */
  signal: AbortSignal;
  log: Logger;
}

/** Per-RPC context for resources and data sources: `client` is whatever `configure` returned. */
export interface ResourceContext<Client> extends CallContext {
  client: Client;
}

// ---------- provider ----------

export interface ProviderDefinition<Client = unknown> {
  /** Provider type name, e.g. "partnercenter" (resource type names start with it + "_"). */
  typeName: string;
  version: string;
  schema: Schema;
  /** Plan-time checks of the provider block. Values may be UNKNOWN here. */
  validateConfig?(config: ObjectValue, ctx: CallContext): Diagnostic[];
  /** Builds the client used by every resource call. Values may be UNKNOWN during plan. */
  configure(
    config: ObjectValue,
    terraformVersion: string,
    ctx: CallContext,
  ): Promise<{ client?: Client; diagnostics: Diagnostic[] }>;
  resources: ResourceDefinition<Client>[];
  dataSources: DataSourceDefinition<Client>[];
}

// ---------- resources ----------

/**
 * Identity in answers (only for a resource that declares `identity`): wholly known in read, apply
 * and import, with every attribute of the identity schema. Left out, the kit sends the one the
 * engine gave (current, prior, planned or the import's); a resource whose state has none yet
 * (created before it declared identity, or imported by id) must return it.
 */
export interface IdentityAnswer {
  identity?: ObjectValue;
}

export interface ResourceDefinition<Client = unknown> {
  /** Full type name, e.g. "partnercenter_billing_profile". */
  typeName: string;
  schema: Schema;
  /** Declares a resource identity; the handlers then receive and return it. */
  identity?: IdentitySchema;
  /** Plan-time config checks, before any API call. Values may be UNKNOWN. */
  validate?(config: ObjectValue, ctx: CallContext): Diagnostic[];
  /**
   * Refresh. Return state null when the object is gone. `identity` is the stored one (null when
   * there is none yet, or the resource declares none); returning another one is an error.
   */
  read(
    req: { state: ObjectValue; private: Uint8Array; identity?: ObjectValue | null },
    ctx: ResourceContext<Client>,
  ): Promise<{ state: ObjectValue | null; private?: Uint8Array; diagnostics: Diagnostic[] } & IdentityAnswer>;
  /**
   * Plan a create (prior null) or update. Not called for destroy (see planDestroy). `proposed` is the engine's
   * proposed new state (config merged with prior computed values). `planFromProposed` (plan-helpers.ts)
   * gives the standard behaviour; a resource may call it and then adjust.
   */
  plan(
    req: {
      prior: ObjectValue | null;
      proposed: ObjectValue;
      config: ObjectValue;
      priorPrivate: Uint8Array;
      /** The stored identity (null on a create). */
      priorIdentity?: ObjectValue | null;
      /**
       * The engine gives this plan's `plannedPrivate` back in the second plan of the same change,
       * the one made at apply (protocol 6.11, client capability store_planned_private). Engines
       * before it drop it: that second plan gets `priorPrivate` only, empty on a create.
       */
      storesPlannedPrivate?: boolean;
      /** With storesPlannedPrivate, in that second plan: the first plan's private data (else empty). */
      plannedPrivate?: Uint8Array;
    },
    ctx: ResourceContext<Client>,
  ): Promise<{
    planned: ObjectValue;
    requiresReplace?: AttributePath[];
    plannedPrivate?: Uint8Array;
    /**
     * Left out: the prior identity (none on a create: the apply gives it). One holding UNKNOWN
     * values is not sent (the engines cannot store it in a plan).
     */
    plannedIdentity?: ObjectValue;
    diagnostics: Diagnostic[];
  }>;
  /**
   * A planned destroy (the kit declares the plan_destroy capability): the plan is null; the
   * diagnostics are shown with it, before anything is applied. No API call is expected here.
   */
  planDestroy?(req: { prior: ObjectValue; priorPrivate: Uint8Array }, ctx: CallContext): Diagnostic[];
  /** Create (prior null), update, or delete (planned null: return state null). */
  apply(
    req: {
      prior: ObjectValue | null;
      planned: ObjectValue | null;
      config: ObjectValue | null;
      plannedPrivate: Uint8Array;
      /** The plan's identity (null on a create and a delete). */
      plannedIdentity?: ObjectValue | null;
    },
    ctx: ResourceContext<Client>,
  ): Promise<{ state: ObjectValue | null; private?: Uint8Array; diagnostics: Diagnostic[] } & IdentityAnswer>;
  /**
   * Import by id, or by identity (`import { identity = {...} }`, when the resource declares one):
   * then `id` is "" and `identity` holds the engine's object, its required-for-import attributes
   * checked non-null by the kit. Omit to make import unsupported (an error diagnostic).
   */
  import?(
    id: string,
    ctx: ResourceContext<Client>,
    identity?: ObjectValue | null,
  ): Promise<{ state: ObjectValue | null; private?: Uint8Array; diagnostics: Diagnostic[] } & IdentityAnswer>;
  /**
   * State written by an older schema version. The kit handles same-version states itself
   * (unknown keys dropped, missing keys null); this is only for version < schema.version.
   */
  upgrade?(version: number, state: { [key: string]: unknown }): { state: ObjectValue; diagnostics: Diagnostic[] };
  /** Identity stored by an older `identity.version`; same-version identities the kit passes through. */
  upgradeIdentity?(
    version: number,
    identity: { [key: string]: unknown },
  ): { identity: ObjectValue; diagnostics: Diagnostic[] };
}

export interface DataSourceDefinition<Client = unknown> {
  typeName: string;
  schema: Schema;
  validate?(config: ObjectValue, ctx: CallContext): Diagnostic[];
  read(
    config: ObjectValue,
    ctx: ResourceContext<Client>,
  ): Promise<{ state: ObjectValue | null; diagnostics: Diagnostic[] }>;
}

export type { Value, ObjectValue };
