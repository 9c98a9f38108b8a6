// Property-based tests of the billing profile's pure decisions (normalisation, diff, merge, state
// mapping) and of the whole plan -> apply -> refresh -> plan cycle of the real resource against
// an in-memory API that re-spells what it echoes.
import fc from 'fast-check';
import type { BillingProfile } from '../../../provider/partnercenter/model';
import { isUnknown, type ObjectValue, type Value } from '../../../provider/plugin/cty/types';
import type { Diagnostic, ResourceContext } from '../../../provider/plugin/kit';
import { ProviderClient } from '../../../provider/provider-client';
import { anyProfile, liveProfile, recase, textUnit, validConfig } from '../../support/arbitraries';
import { EchoApi } from '../../support/echo-api';
import { BILLING } from '../../../provider/profiles/specs';
import {
  diffProfiles,
  managedFields,
  mergeManaged,
  normalise,
  readKeepingPriorSpelling,
  sameValue,
} from '../../../provider/profiles/diff';
import { profileResource } from '../../../provider/profiles/resource';
import { fieldValueIn, profileToState, stateToProfile } from '../../../provider/profiles/state';
import { validateProfileConfig } from '../../../provider/profiles/validate';
import { getField } from '../../../provider/profiles/values';
import { NO_PRIVATE, resourceContext } from '../../support/resource-context';

const RUNS = { numRuns: 500 };
const CYCLE_RUNS = { numRuns: 300 };

const STRING_FIELDS = BILLING.fields.filter((f) => f.kind === 'string');
const CASE_INSENSITIVE = BILLING.fields.filter((f) => f.caseInsensitive);
const anyText = fc.oneof(fc.string({ unit: textUnit, maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));
const spellingScript = fc.array(fc.nat(11), { minLength: 1, maxLength: 24 });
const paths = (p: BillingProfile, q: BillingProfile) => diffProfiles(BILLING, p, q).map((c) => c.path);

describe('normalisation and the diff', () => {
  it('normalise is idempotent; sameValue is reflexive, symmetric, and holds for equal normal forms', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STRING_FIELDS), anyText, anyText, (f, a, b) => {
        expect(normalise(f, normalise(f, a))).toBe(normalise(f, a));
        if (normalise(f, a) === normalise(f, b)) expect(sameValue(f, a, b)).toBe(true);
        expect(sameValue(f, a, b)).toBe(sameValue(f, b, a));
        expect(sameValue(f, a, a)).toBe(true);
        // Fields compared exactly stay exact.
        if (!f.caseInsensitive) expect(sameValue(f, a, b)).toBe(normalise(f, a) === normalise(f, b));
      }),
      RUNS,
    );
  });

  it('a case-insensitive value and any re-casing the API may echo (as is, upper, lower, ASCII mixed) are the same value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASE_INSENSITIVE), anyText, fc.nat(3), (f, v, x) => {
        expect(sameValue(f, v, recase(v, x))).toBe(true);
        expect(sameValue(f, recase(v, x), v)).toBe(true);
      }),
      RUNS,
    );
  });

  it('a profile diffed against itself, or against the API echo of itself, is empty', async () => {
    await fc.assert(
      fc.asyncProperty(anyProfile, spellingScript, async (p, script) => {
        expect(diffProfiles(BILLING, p, p)).toEqual([]);
        const echoed = await new EchoApi(p, script).getProfile();
        expect(diffProfiles(BILLING, p, echoed)).toEqual([]);
        expect(diffProfiles(BILLING, echoed, p)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('the diff is symmetric: the same fields, with from and to swapped', () => {
    fc.assert(
      fc.property(anyProfile, anyProfile, (a, b) => {
        const swapped = diffProfiles(BILLING, b, a).map((c) => ({ path: c.path, from: c.to, to: c.from }));
        expect(diffProfiles(BILLING, a, b)).toEqual(swapped);
      }),
      RUNS,
    );
  });

  it('state mapping keeps every value: profile -> state -> profile -> state is stable', () => {
    fc.assert(
      fc.property(anyProfile, (p) => {
        const state = profileToState(BILLING, p);
        expect(paths(stateToProfile(BILLING, state), p)).toEqual([]);
        expect(profileToState(BILLING, stateToProfile(BILLING, state))).toEqual(state);
        expect(stateToProfile(BILLING, state).etag).toBe(p.etag);
      }),
      RUNS,
    );
  });

  it('mergeManaged changes only the managed writable fields, to the config values, and never its input', () => {
    fc.assert(
      fc.property(
        validConfig.chain((c) => fc.tuple(fc.constant(c), liveProfile(c.values))),
        ([{ config }, live]) => {
          const before = structuredClone(live);
          const merged = mergeManaged(BILLING, live, config);
          expect(live).toEqual(before);
          const managed = new Set(managedFields(BILLING, config).map((f) => f.path));
          for (const f of BILLING.fields) {
            if (managed.has(f.path) && !f.readOnly) {
              expect(sameValue(f, getField(BILLING, merged, f), fieldValueIn(config, f) as string)).toBe(true);
            } else {
              expect(getField(BILLING, merged, f)).toBe(getField(BILLING, live, f));
            }
          }
          expect(merged.etag).toBe(live.etag);
        },
      ),
      RUNS,
    );
  });

  it('readKeepingPriorSpelling is the live profile, spelled as the prior where they are equal', () => {
    fc.assert(
      fc.property(
        validConfig.chain((c) => fc.tuple(liveProfile(c.values), liveProfile(c.values))),
        ([live, prior]) => {
          const read = readKeepingPriorSpelling(BILLING, live, prior);
          expect(paths(read, live)).toEqual([]);
          expect(read.etag).toBe(live.etag);
          for (const f of BILLING.fields) {
            if (sameValue(f, getField(BILLING, live, f), getField(BILLING, prior, f)))
              expect(getField(BILLING, read, f)).toBe(getField(BILLING, prior, f));
          }
        },
      ),
      RUNS,
    );
  });
});

describe('plan-time validation', () => {
  const controlChar = fc
    .oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
    .map((cp) => String.fromCodePoint(cp));

  it('a control character anywhere in a writable field fails with its path, code point and position', () => {
    fc.assert(
      fc.property(
        validConfig,
        fc.constantFrom(...BILLING.writable),
        fc.string({ unit: textUnit, maxLength: 10 }),
        controlChar,
        fc.string({ unit: textUnit, maxLength: 10 }),
        ({ config }, f, before, ch, after) => {
          const group = f.group
            ? { ...((config[f.group] as ObjectValue | null) ?? {}), [f.attr]: before + ch + after }
            : null;
          const bad: ObjectValue = f.group
            ? { ...config, [f.group]: group }
            : { ...config, [f.attr]: before + ch + after };
          const diags = validateProfileConfig(BILLING, bad);
          expect(diags).toHaveLength(1);
          expect(diags[0].path).toEqual(f.group ? [f.group, f.attr] : [f.attr]);
          const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
          expect(diags[0].detail).toContain(`control character ${code}`);
          expect(diags[0].detail).toContain(`at position ${Array.from(before).length + 1}.`);
        },
      ),
      RUNS,
    );
  });
});

// ---------- the engine's side of the cycle ----------

const ctxFor = (api: EchoApi): ResourceContext<ProviderClient> => resourceContext(api);
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const show = (v: Value) => (isUnknown(v) ? '(unknown)' : JSON.stringify(v));

/**
 * The engine's plan-validity rule for an optional + computed attribute: a value set in config
 * must be planned as is, or as the prior value when that is non-null (the provider judged them
 * equal). Inside a nested object the config left null, anything goes.
 */
function invalidPlannedValues(prior: ObjectValue | null, config: ObjectValue, planned: ObjectValue): string[] {
  const problems: string[] = [];
  for (const f of BILLING.fields) {
    if (f.group && config[f.group] === null) continue;
    const c = fieldValueIn(config, f);
    if (c === null) continue;
    const p = fieldValueIn(planned, f);
    const before = fieldValueIn(prior, f);
    if (p !== c && !(p === before && before !== null))
      problems.push(`${f.path}: planned ${show(p)} for config ${show(c)}`);
  }
  return problems;
}

/** The engine's apply check: every value the plan knew must be in the new state exactly. */
function inconsistentAfterApply(planned: ObjectValue, state: ObjectValue): string[] {
  const problems: string[] = [];
  const check = (name: string, p: Value, s: Value) => {
    if (!isUnknown(p) && p !== s) problems.push(`${name}: planned ${show(p)}, applied ${show(s)}`);
  };
  for (const f of BILLING.fields) check(f.path, fieldValueIn(planned, f), fieldValueIn(state, f));
  check('id', planned.id ?? null, state.id ?? null);
  check('etag', planned.etag ?? null, state.etag ?? null);
  return problems;
}

async function plan(prior: ObjectValue | null, config: ObjectValue, api: EchoApi): Promise<ObjectValue> {
  const res = await profileResource(BILLING).plan(
    { prior, proposed: config, config, priorPrivate: NO_PRIVATE },
    ctxFor(api),
  );
  expect(errors(res.diagnostics)).toEqual([]);
  expect(invalidPlannedValues(prior, config, res.planned)).toEqual([]);
  return res.planned;
}

async function apply(
  prior: ObjectValue | null,
  planned: ObjectValue,
  config: ObjectValue,
  api: EchoApi,
): Promise<ObjectValue> {
  const res = await profileResource(BILLING).apply({ prior, planned, config, plannedPrivate: NO_PRIVATE }, ctxFor(api));
  expect(errors(res.diagnostics)).toEqual([]);
  expect(inconsistentAfterApply(planned, res.state!)).toEqual([]);
  return res.state!;
}

async function refresh(state: ObjectValue, api: EchoApi): Promise<ObjectValue> {
  const res = await profileResource(BILLING).read({ state, private: NO_PRIVATE }, ctxFor(api));
  expect(errors(res.diagnostics)).toEqual([]);
  return res.state!;
}

/** After an apply: refresh sees no drift, the next plan is empty, and the API holds the config. */
async function expectSettled(applied: ObjectValue, config: ObjectValue, api: EchoApi): Promise<void> {
  const refreshed = await refresh(applied, api);
  expect(refreshed).toEqual(applied);
  expect(await plan(refreshed, config, api)).toEqual(refreshed);
  for (const f of managedFields(BILLING, config)) {
    expect(sameValue(f, getField(BILLING, api.stored, f), fieldValueIn(config, f) as string)).toBe(true);
  }
}

describe('no perpetual diff: plan, apply, refresh, plan again', () => {
  const cases = validConfig.chain((c) =>
    fc.tuple(fc.constant(c), liveProfile(c.values), liveProfile(c.values), spellingScript),
  );

  it('adopting (create): the second plan is empty', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ([{ config }, live]) => {
        const api = new EchoApi(live, [0]);
        const planned = await plan(null, config, api);
        const applied = await apply(null, planned, config, api);
        await expectSettled(applied, config, api);
      }),
      CYCLE_RUNS,
    );
  });

  it('adopting with an API that re-spells every answer: the second plan is empty', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ([{ config }, live, , script]) => {
        const api = new EchoApi(live, script);
        const planned = await plan(null, config, api);
        await expectSettled(await apply(null, planned, config, api), config, api);
      }),
      CYCLE_RUNS,
    );
  });

  it('updating from an older state: one PUT at most, none when nothing differs, then an empty plan', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ([{ config }, live, older, script]) => {
        const api = new EchoApi(live, script);
        // The engine refreshes the prior state before planning.
        const prior = await refresh(profileToState(BILLING, older), api);
        const planned = await plan(prior, config, api);
        const needsWrite =
          diffProfiles(BILLING, live, mergeManaged(BILLING, live, config), BILLING.writable).length > 0;
        await expectSettled(await apply(prior, planned, config, api), config, api);
        expect(api.puts).toBe(needsWrite ? 1 : 0);
        if (!needsWrite) expect(planned.etag).toBe(prior.etag);
      }),
      CYCLE_RUNS,
    );
  });
});
