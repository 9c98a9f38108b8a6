// Binds an incoming JSON body to profile fields the way the real service does (Json.NET model
// binding): property names match case-insensitively, and a value of the wrong type is a 400
// naming the field. The result keeps "absent" (undefined) apart from "sent empty" (null), because
// PUT and PATCH treat them differently. Properties of no typed field are kept apart in `extra`:
// the admin PATCH stores them as fields of the service this emulator does not type (as the real
// service has fields a client may not know), and a PUT binds only those already stored, ignoring
// the rest as Json.NET ignores unknown properties (updates.ts).
import { ADDRESS_KEYS, CONTACT_KEYS, TOP_STRING_KEYS } from './profile';

export type Bound<T> = { [K in keyof T]?: T[K] | null };

export interface BoundProfile {
  companyName?: string | null;
  address?: Bound<Record<(typeof ADDRESS_KEYS)[number], string>> | null;
  primaryContact?: Bound<Record<(typeof CONTACT_KEYS)[number], string>> | null;
  purchaseOrderNumber?: string | null;
  taxId?: string | null;
  billingCurrency?: string | null;
  billingDay?: number | null;
  profileType?: string | null;
  /** attributes.etag of the body, when sent. */
  etag?: string;
  /** Properties that are no typed field, by object, keyed and valued as sent. */
  extra: ExtraFields;
}

export interface ExtraFields {
  top: JsonObject;
  address: JsonObject;
  primaryContact: JsonObject;
}

/** Top-level names that are not extra fields: the typed ones, and the server-made links and attributes. */
export const TOP_LEVEL_KEYS: readonly string[] = [
  ...TOP_STRING_KEYS,
  'billingDay',
  'address',
  'primaryContact',
  'links',
  'attributes',
];

export class BindError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value under `name`, any casing; an exact match wins. `found` tells absent from undefined. */
export function lookup(obj: JsonObject, name: string): { found: boolean; value: unknown } {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return { found: true, value: obj[name] };
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return { found: true, value: obj[key] };
  return { found: false, value: undefined };
}

function bindString(obj: JsonObject, name: string, path: string): string | null | undefined {
  const { found, value } = lookup(obj, name);
  if (!found) return undefined;
  if (value === null || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new BindError(path, `${path} must be a string, got ${describe(value)}`);
}

function bindInteger(obj: JsonObject, name: string, path: string): number | null | undefined {
  const { found, value } = lookup(obj, name);
  if (!found) return undefined;
  if (value === null || value === '') return null;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  throw new BindError(path, `${path} must be an integer, got ${describe(value)}`);
}

function bindObject<K extends string>(
  obj: JsonObject,
  name: string,
  keys: readonly K[],
): Bound<Record<K, string>> | null | undefined {
  const { found, value } = lookup(obj, name);
  if (!found) return undefined;
  if (value === null) return null;
  if (!isObject(value)) throw new BindError(name, `${name} must be an object, got ${describe(value)}`);
  const out: Bound<Record<K, string>> = {};
  for (const key of keys) {
    const v = bindString(value, key, `${name}.${key}`);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * The properties of `obj` that match none of `known` in any casing. "__proto__" is never one: no
 * field of the service is called that, and storing it could set an object's prototype.
 */
export function extraProperties(obj: unknown, known: readonly string[]): JsonObject {
  const out: JsonObject = {};
  if (!isObject(obj)) return out;
  const names = new Set(known.map((k) => k.toLowerCase()));
  for (const [key, value] of Object.entries(obj)) {
    if (key === '__proto__' || names.has(key.toLowerCase())) continue;
    out[key] = value;
  }
  return out;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

export function bindProfile(json: unknown): BoundProfile {
  if (!isObject(json))
    throw new BindError('body', `the request body must be a billing profile JSON object, got ${describe(json)}`);
  const out: BoundProfile = {
    extra: {
      top: extraProperties(json, TOP_LEVEL_KEYS),
      address: extraProperties(lookup(json, 'address').value, ADDRESS_KEYS),
      primaryContact: extraProperties(lookup(json, 'primaryContact').value, CONTACT_KEYS),
    },
  };
  for (const key of TOP_STRING_KEYS) {
    const v = bindString(json, key, key);
    if (v !== undefined) out[key] = v;
  }
  const address = bindObject(json, 'address', ADDRESS_KEYS);
  if (address !== undefined) out.address = address;
  const contact = bindObject(json, 'primaryContact', CONTACT_KEYS);
  if (contact !== undefined) out.primaryContact = contact;
  const day = bindInteger(json, 'billingDay', 'billingDay');
  if (day !== undefined) out.billingDay = day;
  const attributes = lookup(json, 'attributes').value;
  if (isObject(attributes)) {
    const etag = bindString(attributes, 'etag', 'attributes.etag');
    if (etag) out.etag = etag;
  }
  return out;
}
