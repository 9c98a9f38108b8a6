// The spec-generic properties of the diff, for every profile in PROFILE_SPECS (the billing
// profile's own suite, billing-profile-properties.test.ts, has these and more for billing): a
// profile equals itself as the API re-spells it, a config the live profile already holds plans no
// change, a merge sets exactly the managed writable fields, and keeping the prior spelling never
// changes a value; then the resource's plan -> apply -> refresh -> plan cycle against an in-memory
// API that re-spells what it echoes.
import fc from 'fast-check';
import type { Profile } from '../../../provider/partnercenter/model';
import { isUnknown, type ObjectValue, type Value } from '../../../provider/plugin/cty/types';
import type { Diagnostic, ResourceContext } from '../../../provider/plugin/kit';
import { ProviderClient } from '../../../provider/provider-client';
import { liveProfileOf, validConfigOf } from '../../support/arbitraries';
import { EchoApi } from '../../support/echo-api';
import { PROFILE_SPECS } from '../../../provider/profiles/specs';
import type { ProfileSpec } from '../../../provider/profiles/spec';
import {
  diffProfiles,
  managedFields,
  mergeManaged,
  readKeepingPriorSpelling,
  sameValue,
} from '../../../provider/profiles/diff';
import { planProfile } from '../../../provider/profiles/plan';
import { profileResource } from '../../../provider/profiles/resource';
import { fieldValueIn, profileToState, stateToProfile, toFieldValue } from '../../../provider/profiles/state';
import { getField } from '../../../provider/profiles/values';
import { NO_PRIVATE, resourceContext } from '../../support/resource-context';

const RUNS = { numRuns: 200 };
const CYCLE_RUNS = { numRuns: 100 };
const spellingScript = fc.array(fc.nat(11), { minLength: 1, maxLength: 24 });

const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const show = (v: Value) => (isUnknown(v) ? '(unknown)' : JSON.stringify(v));

const bySpec = PROFILE_SPECS.map((s) => [s.typeName, s] as const);
const managedSpecs = PROFILE_SPECS.filter((s) => s.managed).map((s) => [s.typeName, s] as const);

describe.each(bySpec)('%s: the diff', (_type, spec) => {
  const config = validConfigOf(spec);
  const paths = (p: Profile, q: Profile) => diffProfiles(spec, p, q).map((c) => c.path);

  it('a profile equals itself, and itself as the API may re-spell it (key case, empty forms, letter case)', async () => {
    await fc.assert(
      fc.asyncProperty(liveProfileOf(spec), spellingScript, async (p, script) => {
        expect(diffProfiles(spec, p, p)).toEqual([]);
        const echoed = await new EchoApi(p, script, spec).getProfile();
        expect(paths(p, echoed)).toEqual([]);
        expect(paths(echoed, p)).toEqual([]);
        expect(echoed.etag).toBe(p.etag);
      }),
      RUNS,
    );
  });

  it('mergeManaged sets exactly the managed writable fields, to the config values, and never its input', () => {
    fc.assert(
      fc.property(
        config.chain((c) => fc.tuple(fc.constant(c), liveProfileOf(spec, c.values))),
        ([{ config: cfg }, live]) => {
          const before = structuredClone(live);
          const merged = mergeManaged(spec, live, cfg);
          expect(live).toEqual(before);
          const managed = new Set(managedFields(spec, cfg).map((f) => f.path));
          for (const f of spec.fields) {
            if (managed.has(f.path) && !f.readOnly) {
              // Set as given: "" is kept, an explicit clear.
              expect(getField(spec, merged, f)).toBe(toFieldValue(fieldValueIn(cfg, f), f));
            } else {
              expect(getField(spec, merged, f)).toBe(getField(spec, live, f));
            }
          }
          expect(merged.etag).toBe(live.etag);
        },
      ),
      RUNS,
    );
  });

  it('readKeepingPriorSpelling never changes a value: the live one, spelled as the prior where equal', () => {
    fc.assert(
      fc.property(
        config.chain((c) => fc.tuple(liveProfileOf(spec, c.values), liveProfileOf(spec, c.values))),
        ([live, prior]) => {
          const read = readKeepingPriorSpelling(spec, live, prior);
          expect(paths(read, live)).toEqual([]);
          expect(read.etag).toBe(live.etag);
          for (const f of spec.fields) {
            const same = sameValue(f, getField(spec, live, f), getField(spec, prior, f));
            expect(getField(spec, read, f)).toBe(same ? getField(spec, prior, f) : getField(spec, live, f));
          }
        },
      ),
      RUNS,
    );
  });
});

describe.each(managedSpecs)('%s: the plan', (_type, spec) => {
  /** A valid config, and the live profile holding it, as the API answers it (re-spelled). */
  const holding = validConfigOf(spec).chain((c) =>
    fc.tuple(
      fc.constant(c.config),
      liveProfileOf(spec, c.values).map((live) => mergeManaged(spec, live, c.config)),
      spellingScript,
    ),
  );

  it('a config the live profile already holds plans no change of value, and keeps the etag', async () => {
    await fc.assert(
      fc.asyncProperty(holding, async ([cfg, held, script]) => {
        const prior = profileToState(spec, await new EchoApi(held, script, spec).getProfile());
        const { planned, diagnostics } = planProfile(spec, prior, cfg);
        expect(errors(diagnostics)).toEqual([]);
        // Only a spelling may move (a "" for an absent value, where the engine needs the config's).
        expect(diffProfiles(spec, stateToProfile(spec, prior), stateToProfile(spec, planned))).toEqual([]);
        if (spec.etag !== 'none') expect(planned.etag).toBe(prior.etag);
        else expect('etag' in planned).toBe(false);
      }),
      RUNS,
    );
  });

  it('... and is exactly empty once the state keeps the config spelling (as after an apply)', async () => {
    await fc.assert(
      fc.asyncProperty(holding, async ([cfg, held, script]) => {
        const echoed = await new EchoApi(held, script, spec).getProfile();
        const prior = profileToState(spec, readKeepingPriorSpelling(spec, echoed, stateToProfile(spec, cfg)));
        expect(planProfile(spec, prior, cfg).planned).toBe(prior);
      }),
      RUNS,
    );
  });
});

// ---------- the engine's side of the cycle, for each resource ----------

const ctxFor = (api: EchoApi<Profile>): ResourceContext<ProviderClient> => resourceContext(api);

/** The engine's plan-validity rule: a config value is planned as is, or as a non-null prior value. */
function invalidPlannedValues(
  spec: ProfileSpec,
  prior: ObjectValue | null,
  config: ObjectValue,
  planned: ObjectValue,
): string[] {
  const problems: string[] = [];
  for (const f of spec.fields) {
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

/** The engine's apply check: every value the plan knew is in the new state exactly. */
function inconsistentAfterApply(spec: ProfileSpec, planned: ObjectValue, state: ObjectValue): string[] {
  const problems: string[] = [];
  const check = (name: string, p: Value, s: Value) => {
    if (!isUnknown(p) && p !== s) problems.push(`${name}: planned ${show(p)}, applied ${show(s)}`);
  };
  for (const f of spec.fields) check(f.path, fieldValueIn(planned, f), fieldValueIn(state, f));
  check('id', planned.id ?? null, state.id ?? null);
  check('etag', planned.etag ?? null, state.etag ?? null);
  return problems;
}

describe.each(managedSpecs)('%s: plan, apply, refresh, plan again', (_type, spec) => {
  const resource = profileResource(spec);

  async function plan(prior: ObjectValue | null, config: ObjectValue, api: EchoApi<Profile>) {
    const res = await resource.plan({ prior, proposed: config, config, priorPrivate: NO_PRIVATE }, ctxFor(api));
    expect(errors(res.diagnostics)).toEqual([]);
    expect(invalidPlannedValues(spec, prior, config, res.planned)).toEqual([]);
    return res.planned;
  }

  async function apply(prior: ObjectValue | null, planned: ObjectValue, config: ObjectValue, api: EchoApi<Profile>) {
    const res = await resource.apply({ prior, planned, config, plannedPrivate: NO_PRIVATE }, ctxFor(api));
    expect(errors(res.diagnostics)).toEqual([]);
    expect(inconsistentAfterApply(spec, planned, res.state!)).toEqual([]);
    return res.state!;
  }

  async function refresh(state: ObjectValue, api: EchoApi<Profile>) {
    const res = await resource.read({ state, private: NO_PRIVATE }, ctxFor(api));
    expect(errors(res.diagnostics)).toEqual([]);
    return res.state!;
  }

  it('updating from an older state: one PUT at most, none when nothing differs, then no drift and an empty plan', async () => {
    const cases = validConfigOf(spec).chain((c) =>
      fc.tuple(fc.constant(c.config), liveProfileOf(spec, c.values), liveProfileOf(spec, c.values), spellingScript),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ([config, live, older, script]) => {
        const api = new EchoApi(live, script, spec);
        const prior = await refresh(profileToState(spec, older), api); // the engine refreshes before planning
        const planned = await plan(prior, config, api);
        const needsWrite = diffProfiles(spec, live, mergeManaged(spec, live, config), spec.writable).length > 0;
        const applied = await apply(prior, planned, config, api);
        expect(api.puts).toBe(needsWrite ? 1 : 0);

        const refreshed = await refresh(applied, api);
        expect(refreshed).toEqual(applied);
        expect(await plan(refreshed, config, api)).toEqual(refreshed);
        for (const f of managedFields(spec, config))
          expect(sameValue(f, getField(spec, api.stored, f), toFieldValue(fieldValueIn(config, f), f))).toBe(true);
      }),
      CYCLE_RUNS,
    );
  });

  it('adopting (create) with an API that re-spells every answer: the second plan is empty', async () => {
    const cases = validConfigOf(spec).chain((c) =>
      fc.tuple(fc.constant(c.config), liveProfileOf(spec, c.values), spellingScript),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ([config, live, script]) => {
        const api = new EchoApi(live, script, spec);
        const applied = await apply(null, await plan(null, config, api), config, api);
        const refreshed = await refresh(applied, api);
        expect(refreshed).toEqual(applied);
        expect(await plan(refreshed, config, api)).toEqual(refreshed);
      }),
      CYCLE_RUNS,
    );
  });
});
