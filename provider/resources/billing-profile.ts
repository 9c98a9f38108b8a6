// The partnercenter_billing_profile resource: the I/O around the pure plan/diff functions.
//   read   = GET, keeping the prior spelling of semantically equal values
//   create = adopt: GET, refuse if the profile moved since the plan read it (when it did:
//            billing-profile-create-guard.ts), merge the managed fields, PUT only if something differs
//   update = GET, refuse if the etag moved since the plan, else PUT guarded by that etag
//   delete = forget (the profile cannot be deleted), with a warning
//   import = id "billing" only
import type { Diagnostic, ResourceContext, ResourceDefinition } from '../plugin/kit';
import type { ObjectValue } from '../plugin/cty/types';
import { ConflictError, type BillingProfile } from '../partnercenter';
import { ProviderNotReadyError, type BillingProfileApi, type ProviderClient } from '../provider-client';
import { WRITABLE_FIELDS } from './billing-profile-fields';
import { BILLING_PROFILE_ID, RESOURCE_TYPE, billingProfileSchema } from './billing-profile-schema';
import { profileToState, stateToProfile } from './billing-profile-state';
import { diffProfiles, mergeManaged, plannedValuesNotHeld, readKeepingPriorSpelling } from './billing-profile-diff';
import { emptyGroupWarnings, validateBillingProfileConfig } from './billing-profile-validate';
import { planBillingProfile } from './billing-profile-plan';
import { conflictDiagnostic, errorDiagnostic, notHeldDiagnostic } from './billing-profile-errors';
import { boundToTenant } from './billing-profile-tenant';
import { adoptionConflict, planAdoption } from './billing-profile-create-guard';

type Ctx = ResourceContext<ProviderClient>;

export function apiOf(ctx: Ctx): BillingProfileApi {
  if (!ctx.client) throw new ProviderNotReadyError('The provider was not configured before this call.');
  return ctx.client.billingProfiles();
}

/** Shown when a destroy is planned, before anything is applied (docs/architecture.md §3.3). */
const PLANNED_DELETE_WARNING: Diagnostic = {
  severity: 'warning',
  summary: 'Destroying the billing profile removes it from state only',
  detail:
    'This removes the billing profile from state only; Partner Center keeps the profile, with its current values. ' +
    `A Partner Center billing profile cannot be deleted: applying this destroy of the ${RESOURCE_TYPE} resource ` +
    'changes nothing in Partner Center, whatever the plan shows going to null.',
};

const DELETE_WARNING: Diagnostic = {
  severity: 'warning',
  summary: 'Billing profile removed from state only',
  detail:
    'A Partner Center billing profile cannot be deleted: it still exists in Partner Center with its current values. ' +
    `The ${RESOURCE_TYPE} resource was only removed from the state; nothing was changed in Partner Center.`,
};

/** State from what the API returned, keeping the spelling of `earlier` (prior or planned) where equal. */
function stateKeepingSpelling(live: BillingProfile, earlier: ObjectValue): ObjectValue {
  return profileToState(readKeepingPriorSpelling(live, stateToProfile(earlier)));
}

/** The live profile as a whole new state (import, the data source), or the error as a diagnostic. */
export async function liveProfileState(
  ctx: Ctx,
  action: string,
): Promise<{ state: ObjectValue | null; diagnostics: Diagnostic[] }> {
  try {
    return { state: profileToState(await apiOf(ctx).getBillingProfile({ signal: ctx.signal })), diagnostics: [] };
  } catch (e) {
    return { state: null, diagnostics: [errorDiagnostic(e, action)] };
  }
}

/** Re-reads the profile to say what changed; undefined when even that fails. */
async function changesSince(api: BillingProfileApi, base: BillingProfile, ctx: Ctx) {
  try {
    return diffProfiles(base, await api.getBillingProfile({ signal: ctx.signal }));
  } catch (e) {
    ctx.log.debug('could not re-read the billing profile after a conflict', { error: (e as Error).message });
    return undefined;
  }
}

async function applyWrite(
  prior: ObjectValue | null,
  planned: ObjectValue,
  config: ObjectValue,
  ctx: Ctx,
  plannedPrivate?: Uint8Array,
): Promise<{ state: ObjectValue | null; diagnostics: Diagnostic[] }> {
  const action = prior ? 'updating the billing profile' : 'adopting the billing profile';
  let api: BillingProfileApi;
  let live: BillingProfile;
  try {
    api = apiOf(ctx);
    live = await api.getBillingProfile({ signal: ctx.signal });
  } catch (e) {
    return { state: prior, diagnostics: [errorDiagnostic(e, action)] };
  }

  if (prior) {
    // The plan was computed against the prior state; a different live etag means someone else
    // wrote in between. Refuse rather than overwrite what they did.
    const base = stateToProfile(prior);
    if ((live.etag ?? '') !== (base.etag ?? '')) {
      ctx.log.debug('billing profile etag changed since the plan', { planned_etag: base.etag, live_etag: live.etag });
      return { state: prior, diagnostics: [conflictDiagnostic(diffProfiles(base, live))] };
    }
  } else {
    // An adoption planned from a read: the same refusal against the etag that read saw.
    const stale = adoptionConflict(plannedPrivate, live);
    if (stale) {
      ctx.log.debug('billing profile etag changed since the adoption was planned', { live_etag: live.etag });
      return { state: prior, diagnostics: [stale] };
    }
  }

  const merged = mergeManaged(live, config);
  if (diffProfiles(live, merged, WRITABLE_FIELDS).length === 0) {
    ctx.log.debug('billing profile already has the configured values; no update sent');
    return { state: stateKeepingSpelling(live, planned), diagnostics: [] };
  }
  try {
    const result = await api.updateBillingProfile(merged, live.etag ?? '', { signal: ctx.signal });
    const notHeld = plannedValuesNotHeld(planned, merged, result);
    if (notHeld.length > 0) {
      ctx.log.debug('the PUT answer does not hold the planned values', { fields: notHeld.map((c) => c.path) });
      return { state: prior, diagnostics: [notHeldDiagnostic(notHeld)] };
    }
    return { state: stateKeepingSpelling(result, planned), diagnostics: [] };
  } catch (e) {
    if (e instanceof ConflictError)
      return { state: prior, diagnostics: [conflictDiagnostic(await changesSince(api, live, ctx), e)] };
    return { state: prior, diagnostics: [errorDiagnostic(e, action)] };
  }
}

// Bound to its partner tenant: billing-profile-tenant.ts checks the credentials' tenant around read,
// plan, apply and import, and adds tenant_id to every state they return.
export const billingProfileResource: ResourceDefinition<ProviderClient> = boundToTenant({
  typeName: RESOURCE_TYPE,
  schema: billingProfileSchema,

  validate(config) {
    // The engine validates before every plan, so this warning shows in validate and in plan.
    return [...validateBillingProfileConfig(config), ...emptyGroupWarnings(config)];
  },

  async read(req, ctx) {
    try {
      const live = await apiOf(ctx).getBillingProfile({ signal: ctx.signal });
      return { state: stateKeepingSpelling(live, req.state), private: req.private, diagnostics: [] };
    } catch (e) {
      return {
        state: req.state,
        private: req.private,
        diagnostics: [errorDiagnostic(e, 'reading the billing profile')],
      };
    }
  },

  async plan(req, ctx) {
    if (req.prior === null) return planAdoption(req, ctx);
    const { planned, diagnostics } = planBillingProfile(req.prior, req.config);
    return { planned, plannedPrivate: req.priorPrivate, diagnostics };
  },

  planDestroy() {
    return [PLANNED_DELETE_WARNING];
  },

  async apply(req, ctx) {
    if (req.planned === null) return { state: null, diagnostics: [DELETE_WARNING] };
    if (req.prior !== null) return applyWrite(req.prior, req.planned, req.config ?? req.planned, ctx);
    // The adoption's read stays out of the state: its private data starts empty.
    const adopted = await applyWrite(null, req.planned, req.config ?? req.planned, ctx, req.plannedPrivate);
    return { ...adopted, private: new Uint8Array() };
  },

  async import(id, ctx) {
    if (id !== BILLING_PROFILE_ID) {
      return {
        state: null,
        diagnostics: [
          {
            severity: 'error',
            summary: `Invalid import id "${id}"`,
            detail:
              `A partner has exactly one billing profile, and its import id is "${BILLING_PROFILE_ID}". ` +
              `Use \`terraform import <resource address> ${BILLING_PROFILE_ID}\`, or an import block with id = "${BILLING_PROFILE_ID}".`,
          },
        ],
      };
    }
    return liveProfileState(ctx, 'importing the billing profile');
  },
});
