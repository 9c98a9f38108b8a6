// A profile's resource (partnercenter_<name>_profile): the I/O around the pure plan/diff functions.
//   read   = GET, keeping the prior spelling of semantically equal values
//   create = adopt: GET, refuse if the profile moved since the plan read it (when it did:
//            create-guard.ts), merge the managed fields, PUT only if something differs
//   update = GET, refuse if the profile moved since the plan (guard.ts: its etag, or its values
//            where it has none), else PUT guarded by that etag
//   delete = forget (a profile cannot be deleted), with a warning
//   import = id = the profile's name only
import type { Diagnostic, ResourceContext, ResourceDefinition } from '../plugin/kit';
import type { ObjectValue } from '../plugin/cty/types';
import { ConflictError, type Profile } from '../partnercenter';
import { ProviderNotReadyError, type ProfileApi, type ProviderClient } from '../provider-client';
import type { ProfileSpec } from './spec';
import { resourceSchema } from './schema';
import { profileToState, stateToProfile } from './state';
import { diffProfiles, mergeManaged, plannedValuesNotHeld, readKeepingPriorSpelling } from './diff';
import { changedSincePlan } from './guard';
import { emptyGroupWarnings, validateProfileConfig } from './validate';
import { planProfile } from './plan';
import { conflictDiagnostic, errorDiagnostic, notHeldDiagnostic } from './errors';
import { boundToTenant } from './tenant';
import { adoptionConflict, planAdoption } from './create-guard';

type Ctx = ResourceContext<ProviderClient>;

export function apiOf(ctx: Ctx): ProfileApi {
  if (!ctx.client) throw new ProviderNotReadyError('The provider was not configured before this call.');
  return ctx.client.profiles();
}

/** Shown when a destroy is planned, before anything is applied (docs/architecture.md §3.3). */
function plannedDeleteWarning(spec: ProfileSpec): Diagnostic {
  return {
    severity: 'warning',
    summary: `Destroying the ${spec.title} removes it from state only`,
    detail:
      `This removes the ${spec.title} from state only; Partner Center keeps the profile, with its current values. ` +
      `A Partner Center ${spec.title} cannot be deleted: applying this destroy of the ${spec.typeName} resource ` +
      'changes nothing in Partner Center, whatever the plan shows going to null.',
  };
}

function deleteWarning(spec: ProfileSpec): Diagnostic {
  return {
    severity: 'warning',
    summary: `${spec.Title} removed from state only`,
    detail:
      `A Partner Center ${spec.title} cannot be deleted: it still exists in Partner Center with its current values. ` +
      `The ${spec.typeName} resource was only removed from the state; nothing was changed in Partner Center.`,
  };
}

/** State from what the API returned, keeping the spelling of `earlier` (prior or planned) where equal. */
function stateKeepingSpelling(spec: ProfileSpec, live: Profile, earlier: ObjectValue): ObjectValue {
  return profileToState(spec, readKeepingPriorSpelling(spec, live, stateToProfile(spec, earlier)));
}

/** The live profile as a whole new state (import, the data source), or the error as a diagnostic. */
export async function liveProfileState(
  spec: ProfileSpec,
  ctx: Ctx,
  action: string,
): Promise<{ state: ObjectValue | null; diagnostics: Diagnostic[] }> {
  try {
    return {
      state: profileToState(spec, await apiOf(ctx).getProfile(spec.shape, { signal: ctx.signal })),
      diagnostics: [],
    };
  } catch (e) {
    return { state: null, diagnostics: [errorDiagnostic(e, action)] };
  }
}

/** Re-reads the profile to say what changed; undefined when even that fails. */
async function changesSince(spec: ProfileSpec, api: ProfileApi, base: Profile, ctx: Ctx) {
  try {
    return diffProfiles(spec, base, await api.getProfile(spec.shape, { signal: ctx.signal }));
  } catch (e) {
    ctx.log.debug('could not re-read the profile after a conflict', {
      profile: spec.name,
      error: (e as Error).message,
    });
    return undefined;
  }
}

async function applyWrite(
  spec: ProfileSpec,
  prior: ObjectValue | null,
  planned: ObjectValue,
  config: ObjectValue,
  ctx: Ctx,
  plannedPrivate?: Uint8Array,
): Promise<{ state: ObjectValue | null; diagnostics: Diagnostic[] }> {
  const action = prior ? `updating the ${spec.title}` : `adopting the ${spec.title}`;
  let api: ProfileApi;
  let live: Profile;
  try {
    api = apiOf(ctx);
    live = await api.getProfile(spec.shape, { signal: ctx.signal });
  } catch (e) {
    return { state: prior, diagnostics: [errorDiagnostic(e, action)] };
  }

  if (prior) {
    // The plan was computed against the prior state; a different live etag (or, without one,
    // different live values) means someone else wrote in between. Refuse rather than overwrite.
    const base = stateToProfile(spec, prior);
    const evidence = changedSincePlan(spec, base, live);
    if (evidence) {
      ctx.log.debug('profile changed since the plan', {
        profile: spec.name,
        planned_etag: base.etag,
        live_etag: live.etag,
      });
      return {
        state: prior,
        diagnostics: [conflictDiagnostic(spec, diffProfiles(spec, base, live), undefined, undefined, evidence)],
      };
    }
  } else {
    // An adoption planned from a read: the same refusal against what that read saw.
    const stale = adoptionConflict(spec, plannedPrivate, live);
    if (stale) {
      ctx.log.debug('profile changed since the adoption was planned', { profile: spec.name, live_etag: live.etag });
      return { state: prior, diagnostics: [stale] };
    }
  }

  const merged = mergeManaged(spec, live, config);
  if (diffProfiles(spec, live, merged, spec.writable).length === 0) {
    ctx.log.debug('profile already has the configured values; no update sent', { profile: spec.name });
    return { state: stateKeepingSpelling(spec, live, planned), diagnostics: [] };
  }
  try {
    const result = await api.updateProfile(spec.shape, merged, live.etag, { signal: ctx.signal });
    const notHeld = plannedValuesNotHeld(spec, planned, merged, result);
    if (notHeld.length > 0) {
      ctx.log.debug('the PUT answer does not hold the planned values', { fields: notHeld.map((c) => c.path) });
      return { state: prior, diagnostics: [notHeldDiagnostic(notHeld)] };
    }
    return { state: stateKeepingSpelling(spec, result, planned), diagnostics: [] };
  } catch (e) {
    if (e instanceof ConflictError)
      return { state: prior, diagnostics: [conflictDiagnostic(spec, await changesSince(spec, api, live, ctx), e)] };
    return { state: prior, diagnostics: [errorDiagnostic(e, action)] };
  }
}

function invalidImportId(spec: ProfileSpec, id: string): Diagnostic {
  return {
    severity: 'error',
    summary: `Invalid import id "${id}"`,
    detail:
      `A partner has exactly one ${spec.title}, and its import id is "${spec.name}". ` +
      `Use \`terraform import <resource address> ${spec.name}\`, or an import block with id = "${spec.name}".`,
  };
}

/**
 * The resource of a profile the API lets change. Bound to its partner tenant: tenant.ts checks the
 * credentials' tenant around read, plan, apply and import, and adds tenant_id to every state they return.
 */
export function profileResource(spec: ProfileSpec): ResourceDefinition<ProviderClient> {
  return boundToTenant(spec, {
    typeName: spec.typeName,
    schema: resourceSchema(spec),

    validate(config) {
      // The engine validates before every plan, so this warning shows in validate and in plan.
      return [...validateProfileConfig(spec, config), ...emptyGroupWarnings(spec, config)];
    },

    async read(req, ctx) {
      try {
        const live = await apiOf(ctx).getProfile(spec.shape, { signal: ctx.signal });
        return { state: stateKeepingSpelling(spec, live, req.state), private: req.private, diagnostics: [] };
      } catch (e) {
        return {
          state: req.state,
          private: req.private,
          diagnostics: [errorDiagnostic(e, `reading the ${spec.title}`)],
        };
      }
    },

    async plan(req, ctx) {
      if (req.prior === null) return planAdoption(spec, req, ctx);
      const { planned, diagnostics } = planProfile(spec, req.prior, req.config);
      return { planned, plannedPrivate: req.priorPrivate, diagnostics };
    },

    planDestroy() {
      return [plannedDeleteWarning(spec)];
    },

    async apply(req, ctx) {
      if (req.planned === null) return { state: null, diagnostics: [deleteWarning(spec)] };
      if (req.prior !== null) return applyWrite(spec, req.prior, req.planned, req.config ?? req.planned, ctx);
      // The adoption's read stays out of the state: its private data starts empty.
      const adopted = await applyWrite(spec, null, req.planned, req.config ?? req.planned, ctx, req.plannedPrivate);
      return { ...adopted, private: new Uint8Array() };
    },

    async import(id, ctx) {
      if (id !== spec.name) return { state: null, diagnostics: [invalidImportId(spec, id)] };
      return liveProfileState(spec, ctx, `importing the ${spec.title}`);
    },
  });
}
