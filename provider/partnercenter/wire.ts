// JSON <-> Profile, for any profile shape (model.ts). The API returns camelCase, but its .NET clients send PascalCase and the
// service binds names case-insensitively, so reading accepts any casing at every level. Absent,
// null and "" read as absent (the API omits empty fields). A profile read from JSON carries that
// JSON (model.ts, withReadDocument). Writing starts from it, so every field the API returned goes
// back as it came, the ones the model lacks included, and only modelled fields whose value
// changed are rewritten: camelCase, every other casing of the same name removed, absent ones left
// out; "" is written as given, because it is how a caller asks to clear a field.
import {
  copyJson,
  readDocumentOf,
  withReadDocument,
  type JsonObject,
  type Profile,
  type ProfileShape,
  type WireField,
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

/** A field's value: under its name, else under an older name of it; undefined when absent. */
function readField(obj: JsonObject, f: WireField): string | number | undefined {
  const read = f.kind === 'number' ? readInteger : readString;
  for (const name of [f.key, ...(f.aliases ?? [])]) {
    const v = read(obj, name);
    if (v !== undefined) return v;
  }
  return undefined;
}

function readFields(raw: unknown, fields: readonly WireField[]): Record<string, string | number> | undefined {
  if (!isObject(raw)) return undefined;
  const out: Record<string, string | number> = {};
  for (const f of fields) {
    const v = readField(raw, f);
    if (v !== undefined) out[f.key] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

function describe(json: unknown): string {
  return json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json;
}

/**
 * Reads an API body of `shape`; the profile carries the body (readDocumentOf). Throws TypeError
 * when it is not a JSON object.
 */
export function profileFromWire(shape: ProfileShape, json: unknown): Profile {
  if (!isObject(json)) throw new TypeError(`expected a ${shape.title} JSON object, got ${describe(json)}`);
  const profile: Profile = {};
  for (const f of shape.fields) {
    const v = readField(json, f);
    if (v !== undefined) profile[f.key] = v;
  }
  for (const g of shape.groups) {
    const v = readFields(getIgnoringCase(json, g.key), g.fields);
    if (v !== undefined) profile[g.key] = v;
  }
  const attributes = getIgnoringCase(json, 'attributes');
  if (shape.etag !== 'none' && isObject(attributes)) {
    const etag = readString(attributes, 'etag');
    if (etag !== undefined) profile.etag = etag;
  }
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

/** The nested object `name` (a group, or attributes) merged field by field. */
function putGroup(out: JsonObject, name: string, source: unknown, fields: readonly WireField[]): void {
  const before = getIgnoringCase(out, name);
  const group: JsonObject = isObject(before) ? before : {};
  const values = isObject(source) ? source : {};
  let changed = false;
  for (const f of fields)
    changed = putField(group, f.key, values[f.key], f.kind === 'number' ? readInteger : readString) || changed;
  if (!changed) return;
  removeIgnoringCase(out, name);
  out[name] = group;
}

const ETAG: readonly WireField[] = [{ key: 'etag', kind: 'string' }];

/**
 * The API body for a PUT of `shape`: the JSON the profile was read from (every field the API
 * returned, read-only and unmodelled ones included, as they came) with the modelled fields whose
 * value differs rewritten, and, for a profile versioned by an etag, `etag` (default: the profile's own)
 * under attributes.etag.
 */
export function profileToWire(
  shape: ProfileShape,
  profile: Profile,
  etag: string | undefined = profile.etag,
): JsonObject {
  const out = copyJson(readDocumentOf(profile) ?? {}) as JsonObject;
  for (const f of shape.fields) putField(out, f.key, profile[f.key], f.kind === 'number' ? readInteger : readString);
  for (const g of shape.groups) putGroup(out, g.key, profile[g.key], g.fields);
  // The etag goes back as the one the If-Match header carries; without one, attributes stay as read.
  if (shape.etag !== 'none' && etag) putGroup(out, 'attributes', { etag }, ETAG);
  return out;
}
