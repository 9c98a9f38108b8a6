// JSON <-> BillingProfile. The API returns camelCase, but its .NET clients send PascalCase and the
// service binds names case-insensitively, so reading accepts any casing at every level. Absent,
// null and "" read as absent (the API omits empty fields). A profile read from JSON carries that
// JSON (model.ts, withReadDocument). Writing starts from it, so every field the API returned goes
// back as it came, the ones the model lacks included, and only modelled fields whose value
// changed are rewritten: camelCase, every other casing of the same name removed, absent ones left
// out; "" is written as given, because it is how a caller asks to clear a field.
import {
  ADDRESS_FIELDS,
  CONTACT_FIELDS,
  copyJson,
  readDocumentOf,
  withReadDocument,
  type Address,
  type BillingProfile,
  type Contact,
  type JsonObject,
} from './model';

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** obj[name], matching the key case-insensitively; an exact match wins over a differently cased one. */
export function getIgnoringCase(obj: JsonObject, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
  return undefined;
}

function readString(obj: JsonObject, name: string): string | undefined {
  const v = getIgnoringCase(obj, name);
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function readInteger(obj: JsonObject, name: string): number | undefined {
  const v = getIgnoringCase(obj, name);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

function readFields<T extends object>(raw: unknown, fields: readonly (keyof T & string)[]): T | undefined {
  if (!isObject(raw)) return undefined;
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = readString(raw, f);
    if (v !== undefined) out[f] = v;
  }
  return Object.keys(out).length ? (out as T) : undefined;
}

/** Reads an API body; the profile carries the body (readDocumentOf). Throws TypeError when it is not a JSON object. */
export function profileFromWire(json: unknown): BillingProfile {
  if (!isObject(json)) {
    throw new TypeError(
      `expected a billing profile JSON object, got ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}`,
    );
  }
  const profile: BillingProfile = {};
  const set = <K extends keyof BillingProfile>(key: K, value: BillingProfile[K] | undefined) => {
    if (value !== undefined) profile[key] = value;
  };
  set('companyName', readString(json, 'companyName'));
  set('address', readFields<Address>(getIgnoringCase(json, 'address'), ADDRESS_FIELDS));
  set('primaryContact', readFields<Contact>(getIgnoringCase(json, 'primaryContact'), CONTACT_FIELDS));
  set('purchaseOrderNumber', readString(json, 'purchaseOrderNumber'));
  set('taxId', readString(json, 'taxId'));
  set('billingCurrency', readString(json, 'billingCurrency'));
  set('billingDay', readInteger(json, 'billingDay'));
  set('profileType', readString(json, 'profileType'));
  const attributes = getIgnoringCase(json, 'attributes');
  if (isObject(attributes)) set('etag', readString(attributes, 'etag'));
  return withReadDocument(profile, json);
}

function removeIgnoringCase(obj: JsonObject, name: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) delete obj[key];
}

type Reader = (obj: JsonObject, name: string) => unknown;

/**
 * Sets `name` in `obj` to `value` unless reading `obj` already gives that value, in which case the
 * property stays as it was sent (its casing, and a number where the model has text). Returns true
 * when it changed `obj`. `name` comes from the model's fixed field lists, never from the JSON.
 */
function putField(obj: JsonObject, name: string, value: unknown, read: Reader): boolean {
  if (read(obj, name) === (value ?? undefined)) return false;
  removeIgnoringCase(obj, name);
  if (value !== undefined && value !== null) obj[name] = value;
  return true;
}

/** The nested object `name` (address, primaryContact, attributes) merged field by field. */
function putGroup(
  out: JsonObject,
  name: string,
  source: object | undefined,
  fields: readonly string[],
  read: Reader,
): void {
  const before = getIgnoringCase(out, name);
  const group: JsonObject = isObject(before) ? before : {};
  let changed = false;
  for (const f of fields) changed = putField(group, f, (source as JsonObject | undefined)?.[f], read) || changed;
  if (!changed) return;
  removeIgnoringCase(out, name);
  out[name] = group;
}

/**
 * The API body for a PUT: the JSON the profile was read from (every field the API returned,
 * read-only and unmodelled ones included, as they came) with the modelled fields whose value
 * differs rewritten, and `etag` (default: the profile's own) under attributes.etag.
 */
export function profileToWire(profile: BillingProfile, etag: string | undefined = profile.etag): JsonObject {
  const out = copyJson(readDocumentOf(profile) ?? {}) as JsonObject;
  putField(out, 'companyName', profile.companyName, readString);
  putGroup(out, 'address', profile.address, ADDRESS_FIELDS, readString);
  putGroup(out, 'primaryContact', profile.primaryContact, CONTACT_FIELDS, readString);
  putField(out, 'purchaseOrderNumber', profile.purchaseOrderNumber, readString);
  putField(out, 'taxId', profile.taxId, readString);
  putField(out, 'billingCurrency', profile.billingCurrency, readString);
  putField(out, 'billingDay', profile.billingDay, readInteger);
  putField(out, 'profileType', profile.profileType, readString);
  // The etag goes back as the one the If-Match header carries; without one, attributes stay as read.
  if (etag) putGroup(out, 'attributes', { etag }, ['etag'], readString);
  return out;
}
