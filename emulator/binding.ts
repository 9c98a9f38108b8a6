// Binds an incoming JSON body to a profile's fields (profiles/spec.ts) the way the real service
// does (Json.NET model binding): property names match case-insensitively, and a value of the
// wrong type is a 400 naming the field. The result keeps "absent" (undefined) apart from "sent
// empty" (null), because PUT and PATCH treat them differently. Properties of no typed field are
// kept apart in `extra`: the admin PATCH stores them as fields of the service this emulator does
// not type (as the real service has fields a client may not know), and a PUT binds only those
// already stored, ignoring the rest as Json.NET ignores unknown properties (updates.ts).
import { knownTopKeys, type FieldSpec, type GroupSpec, type ProfileSpec } from './profiles/spec';

export type JsonObject = Record<string, unknown>;

/** A group (Address, Contact) as sent: each text field absent, null (sent empty) or a string. */
export type BoundGroup = Record<string, string | null>;
export type BoundValue = string | number | BoundGroup | null;

export interface BoundProfile {
  /** The typed fields sent, by key; null: sent empty. */
  fields: Record<string, BoundValue>;
  /** attributes.etag of the body, when sent. */
  etag?: string;
  /** Properties that are no typed field: at the top (`top`) and in each group (by the group's key). */
  extra: { top: JsonObject; groups: Record<string, JsonObject> };
}

export class BindError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

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

function bindString(obj: JsonObject, name: string, path: string, alias?: string): string | null | undefined {
  let { found, value } = lookup(obj, name);
  if (!found && alias) ({ found, value } = lookup(obj, alias));
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

function bindGroup(obj: JsonObject, name: string, group: GroupSpec): BoundGroup | null | undefined {
  const { found, value } = lookup(obj, name);
  if (!found) return undefined;
  if (value === null) return null;
  if (!isObject(value)) throw new BindError(name, `${name} must be an object, got ${describe(value)}`);
  const out: BoundGroup = {};
  for (const { key } of group.fields) {
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

function bindField(json: JsonObject, f: FieldSpec): BoundValue | undefined {
  if (f.kind === 'group') return bindGroup(json, f.key, f.group);
  if (f.kind === 'integer') return bindInteger(json, f.key, f.key);
  return bindString(json, f.key, f.key, f.alias);
}

export function bindProfile(spec: ProfileSpec, json: unknown): BoundProfile {
  if (!isObject(json))
    throw new BindError('body', `the request body must be a ${spec.name} profile JSON object, got ${describe(json)}`);
  const out: BoundProfile = { fields: {}, extra: { top: extraProperties(json, knownTopKeys(spec)), groups: {} } };
  for (const f of spec.fields) {
    if (f.kind === 'group')
      out.extra.groups[f.key] = extraProperties(
        lookup(json, f.key).value,
        f.group.fields.map((g) => g.key),
      );
  }
  for (const f of spec.fields) {
    const v = bindField(json, f);
    if (v !== undefined) out.fields[f.key] = v;
  }
  const attributes = lookup(json, 'attributes').value;
  if (isObject(attributes)) {
    const etag = bindString(attributes, 'etag', 'attributes.etag');
    if (etag) out.etag = etag;
  }
  return out;
}
