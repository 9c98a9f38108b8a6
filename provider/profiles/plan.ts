// The plan of a profile resource, as a pure function of the prior state and the
// config (the engine's proposed state is not needed: it is config + prior, which is what we
// build here with our own equality).
//
// Rules (docs/architecture.md §3.3, and the engine's plan-validity rules in docs/architecture.md §8):
// - a field set in config is managed: planned = config, except that a value semantically equal
//   to the prior one keeps the prior spelling (allowed when both are non-null);
// - a field left out is unmanaged: planned = prior;
// - nothing changes: the prior object itself is returned, so the engine sees an empty plan;
// - a real change: `etag` becomes unknown (the PUT returns a new one);
// - create (adopt): unmanaged and read-only fields and `etag` are unknown until the profile is read;
//   planned from a plan-time read (planAdoptionFromLive), they are the live values instead.
import type { Diagnostic } from '../plugin/kit';
import { UNKNOWN, isObjectValue, isUnknown, type ObjectValue, type Value } from '../plugin/cty/types';
import type { Profile } from '../partnercenter/model';
import { fieldsOfGroup, type FieldSpec, type ProfileSpec } from './spec';
import { fieldValueIn, profileToState, toFieldValue } from './state';
import { diffProfiles, managedFields, mergeManaged, sameValue } from './diff';
import { validateProfileConfig } from './validate';

export interface PlanResult {
  planned: ObjectValue;
  diagnostics: Diagnostic[];
}

function asObject(v: Value | undefined): ObjectValue | null {
  return v !== undefined && isObjectValue(v) ? v : null;
}

function groupNames(spec: ProfileSpec): string[] {
  return spec.groups.map((g) => g.attr);
}

function planCreate(spec: ProfileSpec, config: ObjectValue): ObjectValue {
  // Not known until apply reads the live profile: anything the config does not set.
  const fromConfig = (f: FieldSpec, c: ObjectValue): Value => {
    const v = c[f.attr] ?? null;
    return v === null ? UNKNOWN : v;
  };
  const planned: ObjectValue = { id: spec.name };
  for (const f of fieldsOfGroup(spec, undefined)) planned[f.attr] = fromConfig(f, config);
  for (const g of groupNames(spec)) {
    const cg = config[g] ?? null;
    const obj = asObject(cg);
    if (!obj) {
      planned[g] = UNKNOWN;
      continue;
    }
    const out: ObjectValue = {};
    for (const f of fieldsOfGroup(spec, g)) out[f.attr] = fromConfig(f, obj);
    planned[g] = out;
  }
  if (spec.etag !== 'none') planned.etag = UNKNOWN;
  return planned;
}

/**
 * The create (adopt) plan from the profile read at plan time: a field the config sets is planned
 * as the config value (the engine wants exactly that on a create, docs/architecture.md §8 rule 2),
 * every other field, and a nested object left out, as read. `etag` is the live one when the apply
 * will PUT nothing, else unknown: a PUT gives a new one (§8 rule 4).
 */
export function planAdoptionFromLive(spec: ProfileSpec, config: ObjectValue, live: Profile): ObjectValue {
  const read = profileToState(spec, live);
  const planned: ObjectValue = { id: spec.name };
  const pick = (f: FieldSpec, c: ObjectValue, r: ObjectValue): Value => c[f.attr] ?? r[f.attr] ?? null;
  for (const f of fieldsOfGroup(spec, undefined)) planned[f.attr] = pick(f, config, read);
  for (const g of groupNames(spec)) {
    const cg = config[g] ?? null;
    const rg = asObject(read[g]) ?? {};
    if (cg === null || isUnknown(cg)) {
      planned[g] = cg === null ? rg : UNKNOWN;
      continue;
    }
    const obj = asObject(cg) ?? {};
    const out: ObjectValue = {};
    for (const f of fieldsOfGroup(spec, g)) out[f.attr] = pick(f, obj, rg);
    planned[g] = out;
  }
  if (spec.etag !== 'none') planned.etag = adoptionWrites(spec, config, live) ? UNKNOWN : (live.etag ?? null);
  return planned;
}

/** Whether applying the adoption of `live` will PUT: a managed value not known yet, or one that differs. */
export function adoptionWrites(spec: ProfileSpec, config: ObjectValue, live: Profile): boolean {
  if (managedFields(spec, config).some((f) => isUnknown(fieldValueIn(config, f)))) return true;
  return diffProfiles(spec, live, mergeManaged(spec, live, config), spec.writable).length > 0;
}

function planUpdate(spec: ProfileSpec, prior: ObjectValue, config: ObjectValue): ObjectValue {
  // changed: planned differs from prior in any way (spelling included); semantic: in a way
  // that needs a PUT.
  const diff = { changed: false, semantic: false };

  const planField = (f: FieldSpec, priorValue: Value, configValue: Value): Value => {
    if (configValue === null) return priorValue; // unmanaged
    if (isUnknown(configValue)) {
      diff.changed = diff.semantic = true;
      return UNKNOWN;
    }
    const same = sameValue(f, toFieldValue(priorValue, f), toFieldValue(configValue, f));
    // The engine accepts a planned value other than the config's only when prior is non-null.
    if (same && priorValue !== null) return priorValue;
    diff.changed = true;
    if (!same) diff.semantic = true;
    return configValue;
  };

  const planned: ObjectValue = { id: prior.id ?? spec.name };
  if (planned.id !== prior.id) diff.changed = true;
  for (const f of fieldsOfGroup(spec, undefined))
    planned[f.attr] = planField(f, prior[f.attr] ?? null, config[f.attr] ?? null);
  for (const g of groupNames(spec)) {
    const cg = config[g] ?? null;
    if (cg === null) {
      planned[g] = prior[g] ?? null;
    } else if (isUnknown(cg)) {
      planned[g] = UNKNOWN;
      diff.changed = diff.semantic = true;
    } else {
      const pg = asObject(prior[g]);
      const cobj = asObject(cg) ?? {};
      const out: ObjectValue = {};
      for (const f of fieldsOfGroup(spec, g)) out[f.attr] = planField(f, pg?.[f.attr] ?? null, cobj[f.attr] ?? null);
      if (!pg) diff.changed = true;
      planned[g] = out;
    }
  }
  if (!diff.changed) return prior;
  if (spec.etag !== 'none') planned.etag = diff.semantic ? UNKNOWN : (prior.etag ?? null);
  return planned;
}

export function planProfile(spec: ProfileSpec, prior: ObjectValue | null, config: ObjectValue): PlanResult {
  // Checked again here (not only in validate): by now a value that was unknown at validate time
  // is final, and a read-only field set to anything must fail before apply.
  const diagnostics = validateProfileConfig(spec, config, { unknownReadOnlyIsSet: true });
  if (diagnostics.some((d) => d.severity === 'error'))
    return { planned: prior ?? planCreate(spec, config), diagnostics };
  return { planned: prior ? planUpdate(spec, prior, config) : planCreate(spec, config), diagnostics };
}
