// A Partner Center partner profile as the API describes it (camelCase JSON names), and the
// shape that tells the client where a profile lives and which of its fields are modelled. Every
// field may be absent: the API omits empty fields, and absent, null and "" are the same.

/** A modelled value: text, or a whole number (billingDay). */
export type ProfileValue = string | number;

/** A nested object of the API (an Address, a Contact): its modelled text fields by wire name. */
export type ProfileGroup = Record<string, string | undefined>;

/**
 * A profile's modelled fields by wire name (a nested object for a group), and the version of the
 * profile (attributes.etag) for profiles that have one.
 */
export type Profile = { etag?: string } & Record<string, unknown>;

/** A modelled field as the wire has it. */
export interface WireField {
  /** The camelCase name the API answers with. */
  key: string;
  kind: 'string' | 'number';
  /** Older names of the same field, read when `key` is absent (e.g. mpnId for partnerId). */
  aliases?: readonly string[];
}

/**
 * Where a profile lives and what of it the client models (docs/architecture.md §5). Built from a
 * profile's spec (provider/profiles/spec.ts); the client knows no profile by name.
 */
export interface ProfileShape {
  /** "billing profile": how messages name it. */
  title: string;
  /** The GET path, with any fixed query (the legal business profile's vettingVersion). */
  readPath: string;
  /** The PUT path; undefined for a profile the API does not let anyone change. */
  writePath?: string;
  /**
   * Whether the API versions the profile with attributes.etag: always ('required': a PUT without
   * one is refused here), when it gives one ('optional'), or never ('none': never read or sent).
   */
  etag: 'required' | 'optional' | 'none';
  /** Top-level modelled fields. */
  fields: readonly WireField[];
  /** Nested objects and their modelled fields. */
  groups: readonly { key: string; fields: readonly WireField[] }[];
}

export type Address = {
  country?: string;
  region?: string;
  city?: string;
  state?: string;
  addressLine1?: string;
  addressLine2?: string;
  postalCode?: string;
  firstName?: string;
  lastName?: string;
  phoneNumber?: string;
};

export type Contact = {
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
};

/** The billing profile's modelled fields, typed (tests and fixtures read them by name). */
export type BillingProfile = {
  companyName?: string;
  address?: Address;
  primaryContact?: Contact;
  purchaseOrderNumber?: string;
  taxId?: string;
  billingCurrency?: string;
  billingDay?: number;
  profileType?: string;
  /** attributes.etag of the API body: the version of the profile. */
  etag?: string;
};

/** A JSON object as the API sent it. */
export type JsonObject = Record<string, unknown>;

// The JSON object a profile was read from. A PUT replaces the whole profile, so it must send back
// every field the GET returned, the ones this model lacks included (docs/architecture.md §5.3).
// The document travels with the profile read from it, as a hidden (non-enumerable, symbol-keyed)
// and frozen property, rather than the client returning { profile, raw }: every reader of a
// profile (refresh, import, the data source, the conflict re-read, wrappers of the API) keeps
// using the plain typed view it compares and copies, and only the read-merge-PUT, which copies
// the profile with copyProfile and hands it back to updateProfile, uses the document. A
// profile built by hand has none: its PUT body holds only the modelled fields.
const READ_DOCUMENT = Symbol('partnercenter.readDocument');
/** Documents already copied and frozen here, shared between a profile and its copies. */
const FROZEN = new WeakSet<object>();

/** `profile` carrying a frozen copy of `document`, the JSON it was read from; returns `profile`. */
export function withReadDocument<T extends object>(profile: T, document: Readonly<JsonObject>): T {
  let frozen = document;
  if (!FROZEN.has(document)) {
    frozen = deepFreeze(copyJson(document) as JsonObject);
    FROZEN.add(frozen);
  }
  Object.defineProperty(profile, READ_DOCUMENT, { value: frozen, enumerable: false, configurable: true });
  return profile;
}

/** The JSON object `profile` was read from, or undefined for a profile built by hand. */
export function readDocumentOf(profile: object): Readonly<JsonObject> | undefined {
  return (profile as { [READ_DOCUMENT]?: Readonly<JsonObject> })[READ_DOCUMENT];
}

/** A deep copy of the modelled fields that still carries the read document (a spread would lose it). */
export function copyProfile<T extends object>(p: T): T {
  const copy = { ...p } as Record<string, unknown>;
  // The groups are the only nested objects of the model: one level of copying is deep.
  for (const [k, v] of Object.entries(copy)) if (isJsonObject(v)) copy[k] = { ...v };
  const document = readDocumentOf(p);
  return (document ? withReadDocument(copy, document) : copy) as T;
}

function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A deep copy of a JSON value. Keys are defined, never assigned, so a key named "__proto__" (which
 * JSON.parse makes an own property) stays an ordinary key and never sets a prototype.
 */
export function copyJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyJson);
  if (isJsonObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copyJson(x)]));
  return v;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
