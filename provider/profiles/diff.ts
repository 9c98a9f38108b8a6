// The pure decisions about profile values: when two values are the same, which fields
// the config manages, what to PUT, what differs, and which spelling to keep in state.
//
// Equality (docs/architecture.md §3.2): absent, null and "" are one value (the API omits empty
// fields); text compares in Unicode normal form C; fields marked caseInsensitive in the field
// table compare ignoring letter case; all other values compare exactly.
import { isUnknown, type ObjectValue } from '../plugin/cty/types';
import type { Profile } from '../partnercenter/model';
import type { FieldSpec, ProfileSpec } from './spec';
import { cloneProfile, getField, setField, type FieldValue } from './values';
import { fieldValueIn, toFieldValue } from './state';
import { nfc, quoteText } from './text';

/** The canonical form two values are compared in: NFC, then lower case where case does not count. */
export function normalise(f: FieldSpec, v: FieldValue): string | number | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') return v;
  return f.caseInsensitive ? nfc(nfc(v).toLowerCase()) : nfc(v);
}

/**
 * Same value: equal normal forms, or, for a case-insensitive text, one is the other in upper case.
 * The second rule is for an API that echoes such a text upper-cased: some letters do not come
 * back by lower-casing ("ß" -> "SS" -> "ss", "ſ" -> "S"), which would make a perpetual diff.
 * Deliberately not a full case folding: that would also make "strasse" and "straße", or "fatih"
 * and "fatıh", one value, and a change between them would never be applied.
 */
export function sameValue(f: FieldSpec, a: FieldValue, b: FieldValue): boolean {
  if (normalise(f, a) === normalise(f, b)) return true;
  if (f.caseInsensitive !== true || typeof a !== 'string' || typeof b !== 'string') return false;
  const [x, y] = [nfc(a), nfc(b)];
  return nfc(x.toUpperCase()) === y || nfc(y.toUpperCase()) === x;
}

/** Fields set (non-null) in the config, including ones whose value is not known yet. */
export function managedFields(spec: ProfileSpec, config: ObjectValue): FieldSpec[] {
  return spec.fields.filter((f) => fieldValueIn(config, f) !== null);
}

/**
 * The full object to PUT: the live profile (read-only fields and etag included, as the API
 * wants the whole object back) with every managed writable field set to its config value.
 * Unknown config values are skipped; at apply time there are none.
 */
export function mergeManaged<P extends Profile>(spec: ProfileSpec, live: P, config: ObjectValue): P {
  const merged = cloneProfile(live);
  for (const f of managedFields(spec, config)) {
    if (f.readOnly) continue;
    const raw = fieldValueIn(config, f);
    if (isUnknown(raw)) continue;
    // "" is kept as "" (an explicit clear) rather than deleted.
    setField(spec, merged, f, toFieldValue(raw, f) ?? '');
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
export function diffProfiles(
  spec: ProfileSpec,
  a: Profile,
  b: Profile,
  fields: readonly FieldSpec[] = spec.fields,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of fields) {
    const from = getField(spec, a, f);
    const to = getField(spec, b, f);
    if (!sameValue(f, from, to)) changes.push({ path: f.path, from, to });
  }
  return changes;
}

/**
 * The fields whose planned value is known but not what the API's answer to the PUT holds, each
 * as sent (`from`) and as answered (`to`). Such a state would break the engine's rule that known
 * planned values come back unchanged (docs/architecture.md §8 rule 4); an API that answers 200
 * without applying the update gives exactly that.
 */
export function plannedValuesNotHeld(
  spec: ProfileSpec,
  planned: ObjectValue,
  sent: Profile,
  answer: Profile,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of spec.fields) {
    const p = fieldValueIn(planned, f);
    if (isUnknown(p)) continue;
    const to = getField(spec, answer, f);
    if (!sameValue(f, toFieldValue(p, f), to)) changes.push({ path: f.path, from: getField(spec, sent, f), to });
  }
  return changes;
}

/** A value as a message shows it: in NFC, as it was compared, with invisible characters escaped. */
function show(v: FieldValue): string {
  if (v === undefined || v === '') return '(empty)';
  return typeof v === 'string' ? quoteText(v) : JSON.stringify(v);
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
export function readKeepingPriorSpelling<P extends Profile>(spec: ProfileSpec, live: P, prior: Profile): P {
  const result = cloneProfile(live);
  for (const f of spec.fields) {
    const priorValue = getField(spec, prior, f);
    if (sameValue(f, getField(spec, live, f), priorValue)) setField(spec, result, f, priorValue);
  }
  return result;
}
