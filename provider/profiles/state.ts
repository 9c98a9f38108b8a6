// Conversion between a profile's state object (cty values) and the API model. Empty strings
// survive both ways (so a config's "" can be kept in state); absent becomes null and back.
import { Decimal, isObjectValue, isUnknown, type ObjectValue, type Value } from '../plugin/cty/types';
import type { Profile } from '../partnercenter/model';
import type { FieldSpec, ProfileSpec } from './spec';
import { getField, setField, type FieldValue } from './values';

/** State object for a profile. Every nested object is present (never null). */
export function profileToState(spec: ProfileSpec, p: Profile): ObjectValue {
  const state: ObjectValue = { id: spec.name };
  for (const g of spec.groups) state[g.attr] = {};
  for (const f of spec.fields) {
    const v = getField(spec, p, f);
    const target = f.group ? (state[f.group] as ObjectValue) : state;
    target[f.attr] = v === undefined ? null : v;
  }
  if (spec.etag !== 'none') state.etag = p.etag ?? null;
  return state;
}

/** The raw value of a field in a state, config or plan object (null when its group is null). */
export function fieldValueIn(obj: ObjectValue | null, f: FieldSpec): Value {
  if (!obj) return null;
  if (!f.group) return obj[f.attr] ?? null;
  const group = obj[f.group];
  if (isUnknown(group)) return group;
  return isObjectValue(group ?? null) ? ((group as ObjectValue)[f.attr] ?? null) : null;
}

/** A cty value as a model value. Unknown and null both become undefined (absent). */
export function toFieldValue(v: Value, f: FieldSpec): FieldValue {
  if (v === null || v === undefined || isUnknown(v)) return undefined;
  if (f.kind === 'number') {
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint' || v instanceof Decimal) return Number(v.toString());
    return undefined;
  }
  return typeof v === 'string' ? v : undefined;
}

/** Model view of a state (or planned) object; unknown values read as absent. */
export function stateToProfile(spec: ProfileSpec, state: ObjectValue | null): Profile {
  const p: Profile = {};
  if (!state) return p;
  for (const f of spec.fields) {
    const v = toFieldValue(fieldValueIn(state, f), f);
    if (v !== undefined) setField(spec, p, f, v);
  }
  const etag = state.etag;
  if (typeof etag === 'string') p.etag = etag;
  return p;
}
