// A field's value in a profile, read and written through its spec (spec.ts): top-level fields by
// their API name, nested ones inside their group's object.
import { copyProfile, type Profile } from '../partnercenter/model';
import type { FieldSpec, ProfileSpec } from './spec';

export type FieldValue = string | number | undefined;

function groupKey(spec: ProfileSpec, group: string): string {
  const g = spec.groups.find((x) => x.attr === group);
  if (!g) throw new Error(`${spec.typeName} has no group ${group}`);
  return g.key;
}

/** A field's value in a profile (undefined when absent). */
export function getField(spec: ProfileSpec, profile: Profile, field: FieldSpec): FieldValue {
  const holder = field.group
    ? (profile[groupKey(spec, field.group)] as Record<string, unknown> | undefined)
    : (profile as Record<string, unknown>);
  const v = holder?.[field.key];
  if (v === null || v === undefined) return undefined;
  return typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v);
}

/** Sets a field in place (undefined removes it), creating its group object when needed. */
export function setField(spec: ProfileSpec, profile: Profile, field: FieldSpec, value: FieldValue): void {
  let holder = profile as Record<string, unknown>;
  if (field.group) {
    const key = groupKey(spec, field.group);
    holder = (profile[key] as Record<string, unknown> | undefined) ?? {};
    profile[key] = holder;
  }
  if (value === undefined) delete holder[field.key];
  else holder[field.key] = value;
}

/**
 * A deep copy, so merges never touch the profile they started from. It keeps the JSON the profile
 * was read from, which the PUT sends back with the managed fields changed (model.ts).
 */
export function cloneProfile<P extends Profile>(p: P): P {
  return copyProfile(p);
}
