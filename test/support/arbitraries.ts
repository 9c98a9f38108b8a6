// fast-check generators for the profile property tests (not a test file itself): text as users
// type it and as the API stores it, valid configs, and live profiles near those configs, for any
// profile spec (the billing profile's are also exported ready-made).
import fc from 'fast-check';
import type { BillingProfile, Profile } from '../../provider/partnercenter/model';
import type { ObjectValue, Value } from '../../provider/plugin/cty/types';
import { BILLING } from '../../provider/profiles/specs';
import type { FieldSpec, ProfileSpec } from '../../provider/profiles/spec';
import { codePointLength } from '../../provider/profiles/text';
import { validateProfileConfig } from '../../provider/profiles/validate';
import { setField } from '../../provider/profiles/values';

/** C0, DEL and C1: control characters, which a single-line text field may not hold. */
export function isControl(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f);
}

/**
 * What a text field may not hold besides controls: invisible formatting characters (Cf) but the
 * zero width joiner and non-joiner, and the line and paragraph separators (billing-profile-text.ts).
 */
export function isRefused(c: string): boolean {
  return isControl(c) || (/[\p{Cf}\p{Zl}\p{Zp}]/u.test(c) && c !== '\u200c' && c !== '\u200d');
}

// Characters whose case mappings are irregular (length changes, no round trip, context rules,
// titlecase), plus astral, combining and invisible ones: where case-insensitive equality breaks.
const TRICKY = [
  'é',
  'ß',
  'ẞ',
  'µ',
  'İ',
  'ı',
  'ſ',
  'ς',
  'Σ',
  '\u212a',
  'ǅ',
  'ﬀ',
  'ŉ',
  '😀',
  '中',
  'n\u0303',
  'Å',
  '\u200d',
  ' ',
  '\u00a0',
];

// The generators of fast-check's deprecated fc.char() and fc.fullUnicode(), spelled out: the same
// draws and shrinks (their fc.string replacements draw other characters, in another order).
/** Printable ASCII, U+0020 to U+007E. */
const asciiChar = fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCodePoint(n));
const SURROGATES = 0xe000 - 0xd800;
/** Any code point but a surrogate, indexed so that printable ASCII comes first (shrinks towards " "). */
const anyCodePoint = fc
  .integer({ min: 0, max: 0x10ffff - SURROGATES })
  .map((n) => String.fromCodePoint(n < 0x5f ? n + 0x20 : n <= 0x7e ? n - 0x5f : n < 0xd800 ? n : n + SURROGATES));

/** One unit of text a user can put in a config: anything printable, no control or invisible characters. */
export const textUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: asciiChar },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 2, arbitrary: anyCodePoint.filter((c) => !isRefused(c)) },
);

/** Text of at most `max` UTF-16 units (a unit may be two of them). */
export function text(max: number, min = 0): fc.Arbitrary<string> {
  return fc.string({ unit: textUnit, minLength: min, maxLength: Math.min(24, Math.floor(max / 2)) });
}

const emailUnit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcXYZ019._+-'.split('')) },
  { weight: 2, arbitrary: fc.constantFrom('é', 'ß', 'ẞ', 'µ', 'İ', 'ı', 'ſ', 'ς', 'Σ', '\u212a', 'ǅ', '中') },
);
const emailPart = fc.string({ unit: emailUnit, minLength: 1, maxLength: 8 });

export const email: fc.Arbitrary<string> = fc
  .tuple(emailPart, emailPart, fc.string({ unit: emailUnit, minLength: 1, maxLength: 4 }))
  .map(([local, domain, tld]) => `${local}@${domain.replace(/^\./, 'd')}.${tld}`);

/**
 * A value matching the field's pattern (a website, a culture or country code), drawn from the
 * pattern itself; those holding a character a text field may not hold, or too long, are left out.
 */
function patternValue(f: FieldSpec & { pattern: NonNullable<FieldSpec['pattern']> }): fc.Arbitrary<string> {
  const max = f.maxLength ?? 200;
  // stringMatching takes no flags; without `i` the draws are a subset of what the pattern accepts.
  return fc
    .stringMatching(new RegExp(f.pattern.regex.source))
    .filter((v) => v !== '' && !Array.from(v).some(isRefused) && codePointLength(v) <= max);
}

/** A value a valid config may give the field ("" clears, except where the API requires one). */
export function configValue(f: FieldSpec): fc.Arbitrary<string> {
  const clear = (f.minLength ?? 0) === 0 ? [fc.constant('')] : [];
  const value = f.email
    ? email
    : f.pattern
      ? patternValue({ ...f, pattern: f.pattern })
      : text(f.maxLength ?? 200, f.minLength ?? 0);
  return fc.oneof(...clear, value);
}

/** How the API may re-spell a value it treats as equal: case only, per code point or whole. */
export function recase(s: string, how: number): string {
  const chars = Array.from(s);
  switch (how % 4) {
    case 0:
      return s;
    case 1:
      return chars.every(caseStable) ? s.toUpperCase() : s;
    case 2:
      return chars.every(caseStable) ? s.toLowerCase() : s;
    default:
      // Mixed case, as a person might type it: ASCII letters only.
      return chars.map((c, i) => (/[a-z]/i.test(c) ? (i % 2 ? c.toLowerCase() : c.toUpperCase()) : c)).join('');
  }
}

/**
 * A character whose upper and lower case map one to one and back, whatever surrounds it ("a",
 * "é"), unlike "ß", "ẞ", "ſ", "ı", "İ", "ﬀ" or the sigmas (final "ς" depends on context). Text
 * holding one of those is echoed as it is: how the provider treats an upper-cased echo of them
 * has its own unit tests (billing-profile-diff, -plan), and a full case folding of them is
 * deliberately not done (see sameValue).
 */
function caseStable(c: string): boolean {
  const up = c.toUpperCase();
  const low = c.toLowerCase();
  return (
    !/[Σσς]/u.test(c) &&
    Array.from(up).length === 1 &&
    Array.from(low).length === 1 &&
    up.toLowerCase() === low &&
    low.toUpperCase() === up
  );
}

/** Field values by path: a string, or null for "not in the config". */
export type ConfigValues = Record<string, string | null>;

/** The config object the engine sends for `spec`: every attribute present, unset ones null. */
export function configOf(
  spec: ProfileSpec,
  values: ConfigValues,
  groupsPresent: Record<string, boolean> = {},
): ObjectValue {
  const cfg: ObjectValue = { id: null };
  if (spec.etag !== 'none') cfg.etag = null;
  for (const { attr: g } of spec.groups) {
    const fields = spec.fields.filter((f) => f.group === g);
    const present = groupsPresent[g] || fields.some((f) => (values[f.path] ?? null) !== null);
    cfg[g] = present ? Object.fromEntries(fields.map((f): [string, Value] => [f.attr, values[f.path] ?? null])) : null;
  }
  for (const f of spec.fields.filter((x) => !x.group)) cfg[f.attr] = values[f.path] ?? null;
  return cfg;
}

/** The billing profile's config object (configOf(BILLING, …)). */
export function configFrom(values: ConfigValues, groupsPresent: Record<string, boolean>): ObjectValue {
  return configOf(BILLING, values, groupsPresent);
}

export interface GeneratedConfig {
  values: ConfigValues;
  config: ObjectValue;
}

/** A config of `spec` that passes the provider's own validation (the definition of "valid"). */
export function validConfigOf(spec: ProfileSpec): fc.Arbitrary<GeneratedConfig> {
  return fc
    .tuple(
      fc.record(
        Object.fromEntries(spec.writable.map((f) => [f.path, fc.option(configValue(f), { nil: null, freq: 2 })])),
      ),
      fc.record(Object.fromEntries(spec.groups.map((g) => [g.attr, fc.boolean()]))),
    )
    .map(([values, groups]) => ({ values, config: configOf(spec, values, groups) }))
    .filter(({ config }) => validateProfileConfig(spec, config).length === 0);
}

/** A billing profile config that passes the provider's own validation. */
export const validConfig: fc.Arbitrary<GeneratedConfig> = validConfigOf(BILLING);

/** Text the API may hold: anything, control characters included (set in the dashboard). */
const storedText = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: text(60) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

/**
 * A live profile of `spec`. With `near`, each field is often a re-spelling of the config's value,
 * so that "already as configured" and "differs only in case" are common, not one run in a million.
 * It has an etag sometimes, where the spec has one ('required' included: the property tests also
 * cover an answer without one), never where it has none.
 */
export function liveProfileOf(spec: ProfileSpec, near: ConfigValues = {}): fc.Arbitrary<Profile> {
  const fieldArb = (f: FieldSpec): fc.Arbitrary<string | number | undefined> => {
    if (f.kind === 'number') return fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined });
    const own = fc.option(storedText, { nil: undefined });
    const wanted = near[f.path];
    if (wanted === undefined || wanted === null) return own;
    return fc.oneof(
      own,
      fc.nat(3).map((how) => recase(wanted, how)),
    );
  };
  const etag =
    spec.etag === 'none'
      ? fc.constant(undefined)
      : fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: undefined });
  return fc
    .tuple(fc.record(Object.fromEntries(spec.fields.map((f) => [f.path, fieldArb(f)]))), etag)
    .map(([values, tag]) => {
      const p: Profile = {};
      for (const f of spec.fields) setField(spec, p, f, values[f.path]);
      if (tag !== undefined) p.etag = tag;
      return p;
    });
}

/** A live billing profile (liveProfileOf(BILLING, near)). */
export function liveProfile(near: ConfigValues = {}): fc.Arbitrary<BillingProfile> {
  return liveProfileOf(BILLING, near);
}

/** Any billing profile, for the pure diff properties. */
export const anyProfile: fc.Arbitrary<BillingProfile> = liveProfile();
