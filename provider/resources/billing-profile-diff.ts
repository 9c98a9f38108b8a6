// The pure decisions about billing profile values: when two values are the same, which fields
// the config manages, what to PUT, what differs, and which spelling to keep in state.
//
// Equality (DESIGN §3 "Normalisation"): absent, null and "" are one value (the API omits empty
// fields); fields marked caseInsensitive in the field table compare ignoring letter case; all
// other values compare exactly.
import { isUnknown, type ObjectValue } from '../plugin/cty/types';
import type { BillingProfile } from '../partnercenter/model';
import { FIELDS, cloneProfile, getField, setField, type FieldSpec, type FieldValue } from './billing-profile-fields';
import { fieldValueIn, toFieldValue } from './billing-profile-state';

/** The canonical form two values are compared in. */
export function normalise(f: FieldSpec, v: FieldValue): string | number | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'string' && f.caseInsensitive) return foldCase(v);
  return v;
}

/**
 * One spelling for every letter-case variant of a text. toLowerCase alone is not enough: the
 * API's upper-cased echo of "ß", "µ", "ſ", "ς" or "ﬀ" ("SS", "Μ", "S", "Σ", "FF") lowercases
 * to something else, which made a perpetual diff. Lower, upper, lower maps them all together.
 */
function foldCase(v: string): string {
  return v.toLowerCase().toUpperCase().toLowerCase();
}

export function sameValue(f: FieldSpec, a: FieldValue, b: FieldValue): boolean {
  return normalise(f, a) === normalise(f, b);
}

/** Fields set (non-null) in the config, including ones whose value is not known yet. */
export function managedFields(config: ObjectValue): FieldSpec[] {
  return FIELDS.filter((f) => fieldValueIn(config, f) !== null);
}

/**
 * The full object to PUT: the live profile (read-only fields and etag included, as the API
 * wants the whole object back) with every managed writable field set to its config value.
 * Unknown config values are skipped; at apply time there are none.
 */
export function mergeManaged(live: BillingProfile, config: ObjectValue): BillingProfile {
  const merged = cloneProfile(live);
  for (const f of managedFields(config)) {
    if (f.readOnly) continue;
    const raw = fieldValueIn(config, f);
    if (isUnknown(raw)) continue;
    // "" is kept as "" (an explicit clear) rather than deleted.
    setField(merged, f, toFieldValue(raw, f) ?? '');
  }
  return merged;
}

export interface FieldChange {
  /** Dotted attribute path, e.g. "primary_contact.email". */
  path: string;
  from: FieldValue;
  to: FieldValue;
}

/** The fields (of `fields`) whose values differ between a and b, in table order. */
export function diffProfiles(a: BillingProfile, b: BillingProfile, fields: readonly FieldSpec[] = FIELDS): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of fields) {
    const from = getField(a, f);
    const to = getField(b, f);
    if (!sameValue(f, from, to)) changes.push({ path: f.path, from, to });
  }
  return changes;
}

function show(v: FieldValue): string {
  return v === undefined || v === '' ? '(empty)' : JSON.stringify(v);
}

/** One readable line per change: `  primary_contact.email: "a@x.com" -> "b@x.com"`. */
export function formatChanges(changes: readonly FieldChange[]): string {
  return changes.map((c) => `  ${c.path}: ${show(c.from)} -> ${show(c.to)}`).join('\n');
}

/**
 * The live profile, except that a field semantically equal to `prior` keeps prior's spelling.
 * This is what stops `""` in config vs an absent live value, or `Contoso@X.com` vs
 * `contoso@x.com`, from showing as a change on every plan. The etag is always the live one.
 */
export function readKeepingPriorSpelling(live: BillingProfile, prior: BillingProfile): BillingProfile {
  const result = cloneProfile(live);
  for (const f of FIELDS) {
    const priorValue = getField(prior, f);
    if (sameValue(f, getField(live, f), priorValue)) setField(result, f, priorValue);
  }
  return result;
}
