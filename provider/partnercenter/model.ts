// The partner billing profile as the Partner Center API describes it (camelCase JSON names).
// Every field may be absent: the API omits empty fields, and absent, null and "" are the same.

export interface Address {
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
}

export interface Contact {
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
}

export interface BillingProfile {
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
}

export const ADDRESS_FIELDS = [
  'country',
  'region',
  'city',
  'state',
  'addressLine1',
  'addressLine2',
  'postalCode',
  'firstName',
  'lastName',
  'phoneNumber',
] as const satisfies readonly (keyof Address)[];

export const CONTACT_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phoneNumber',
] as const satisfies readonly (keyof Contact)[];

/** A JSON object as the API sent it. */
export type JsonObject = Record<string, unknown>;

// The JSON object a profile was read from. A PUT replaces the whole profile, so it must send back
// every field the GET returned, the ones this model lacks included (docs/architecture.md §5.3).
// The document travels with the profile read from it, as a hidden (non-enumerable, symbol-keyed)
// and frozen property, rather than the client returning { profile, raw }: every reader of a
// profile (refresh, import, the data source, the conflict re-read, wrappers of the API) keeps
// using the plain typed view it compares and copies, and only the read-merge-PUT, which copies
// the profile with copyProfile and hands it back to updateBillingProfile, uses the document. A
// profile built by hand has none: its PUT body holds only the modelled fields.
const READ_DOCUMENT = Symbol('partnercenter.readDocument');
/** Documents already copied and frozen here, shared between a profile and its copies. */
const FROZEN = new WeakSet<object>();

/** `profile` carrying a frozen copy of `document`, the JSON it was read from; returns `profile`. */
export function withReadDocument<T extends BillingProfile>(profile: T, document: Readonly<JsonObject>): T {
  let frozen = document;
  if (!FROZEN.has(document)) {
    frozen = deepFreeze(copyJson(document) as JsonObject);
    FROZEN.add(frozen);
  }
  Object.defineProperty(profile, READ_DOCUMENT, { value: frozen, enumerable: false, configurable: true });
  return profile;
}

/** The JSON object `profile` was read from, or undefined for a profile built by hand. */
export function readDocumentOf(profile: BillingProfile): Readonly<JsonObject> | undefined {
  return (profile as { [READ_DOCUMENT]?: Readonly<JsonObject> })[READ_DOCUMENT];
}

/** A deep copy of the modelled fields that still carries the read document (a spread would lose it). */
export function copyProfile<T extends BillingProfile>(p: T): T {
  const copy: T = { ...p };
  if (p.address) copy.address = { ...p.address };
  if (p.primaryContact) copy.primaryContact = { ...p.primaryContact };
  const document = readDocumentOf(p);
  return document ? withReadDocument(copy, document) : copy;
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
