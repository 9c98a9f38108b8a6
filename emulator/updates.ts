// How a bound body becomes the next profile: PUT replaces every writable field (left out or empty
// means cleared) and keeps the read-only ones (profiles/spec.ts ReadOnlyMode); the admin PATCH
// merges (null or "" removes a field) and may change anything, as an edit in the Partner Center
// dashboard would.
//
// Extra fields (binding.ts) are fields of the service this emulator does not type. The PATCH
// stores any it is given; a PUT treats the stored ones like the writable typed fields (the value
// sent, in any casing, or cleared when left out) and ignores extra properties not stored, as the
// service ignores properties it does not know.
import { lookup, type BoundGroup, type BoundProfile, type JsonObject } from './binding';
import { cloneProfile, compactProfile } from './profile';
import { knownTopKeys, type ProfileData, type ProfileSpec } from './profiles/spec';

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** The extra fields stored in `stored` (keys matching none of `known`), each set to what `sent` holds. */
function extrasAfterPut(stored: unknown, known: readonly string[], sent: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (typeof stored !== 'object' || stored === null) return out;
  const names = new Set(known.map((k) => k.toLowerCase()));
  for (const key of Object.keys(stored)) {
    if (names.has(key.toLowerCase())) continue;
    const { value } = lookup(sent, key);
    if (value !== undefined && value !== null && value !== '') out[key] = value;
  }
  return out;
}

export function afterPut(spec: ProfileSpec, current: ProfileData, body: BoundProfile): ProfileData {
  const next: ProfileData = extrasAfterPut(current, knownTopKeys(spec), body.extra.top);
  for (const f of spec.fields) {
    if (f.kind !== 'group') {
      next[f.key] = f.readOnly ? current[f.key] : orUndefined(body.fields[f.key]);
      continue;
    }
    const stored = current[f.key] as JsonObject | undefined;
    const sent = body.fields[f.key] as BoundGroup | null | undefined;
    const group = extrasAfterPut(
      stored,
      f.group.fields.map((g) => g.key),
      body.extra.groups[f.key] ?? {},
    );
    for (const g of f.group.fields) group[g.key] = g.readOnly ? stored?.[g.key] : orUndefined(sent?.[g.key]);
    next[f.key] = group;
  }
  return compactProfile(spec, next);
}

/** Sets each key of `patch` in `target` (null or "" removes it), replacing the key in any other casing. */
function mergeInto(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    for (const k of Object.keys(target)) if (k !== key && k.toLowerCase() === key.toLowerCase()) delete target[k];
    if (value === null || value === '') delete target[key];
    else target[key] = value;
  }
}

export function afterPatch(spec: ProfileSpec, current: ProfileData, patch: BoundProfile): ProfileData {
  const next = cloneProfile(current);
  const top: Record<string, unknown> = {};
  const groups = spec.fields.filter((f) => f.kind === 'group');
  for (const f of spec.fields) if (f.kind !== 'group' && f.key in patch.fields) top[f.key] = patch.fields[f.key];
  mergeInto(next, top);
  mergeInto(next, patch.extra.top);
  for (const { key } of groups) {
    const value = patch.fields[key] as BoundGroup | null | undefined;
    const extras = patch.extra.groups[key] ?? {};
    if (value === null) {
      delete next[key];
      continue;
    }
    if (value === undefined && Object.keys(extras).length === 0) continue;
    const merged = { ...((next[key] as Record<string, unknown> | undefined) ?? {}) };
    if (value) mergeInto(merged, value);
    mergeInto(merged, extras);
    next[key] = merged;
  }
  return compactProfile(spec, next);
}
