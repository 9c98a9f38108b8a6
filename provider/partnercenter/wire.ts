// JSON <-> BillingProfile. The API returns camelCase, but its .NET clients send PascalCase and the
// service binds names case-insensitively, so reading accepts any casing at every level. Absent,
// null and "" read as absent (the API omits empty fields). Writing is camelCase and leaves out
// absent fields; "" is written as given, because it is how a caller asks to clear a field.
import { ADDRESS_FIELDS, CONTACT_FIELDS, type Address, type BillingProfile, type Contact } from './model';

type JsonObject = Record<string, unknown>;

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

/** Reads an API body. Throws TypeError when the body is not a JSON object at all. */
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
  return profile;
}

function writeFields(source: object | undefined, fields: readonly string[]): JsonObject | undefined {
  if (!source) return undefined;
  const out: JsonObject = {};
  for (const f of fields) {
    const v = (source as Record<string, unknown>)[f];
    if (v !== undefined && v !== null) out[f] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The API body for a PUT: camelCase, absent fields left out, the etag under attributes.etag. */
export function profileToWire(profile: BillingProfile): JsonObject {
  const out: JsonObject = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) out[key] = value;
  };
  put('companyName', profile.companyName);
  put('address', writeFields(profile.address, ADDRESS_FIELDS));
  put('primaryContact', writeFields(profile.primaryContact, CONTACT_FIELDS));
  put('purchaseOrderNumber', profile.purchaseOrderNumber);
  put('taxId', profile.taxId);
  put('billingCurrency', profile.billingCurrency);
  put('billingDay', profile.billingDay);
  put('profileType', profile.profileType);
  if (profile.etag) out.attributes = { etag: profile.etag };
  return out;
}
