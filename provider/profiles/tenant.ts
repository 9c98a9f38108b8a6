// A profile's state bound to its partner tenant (docs/architecture.md §3.6). The API
// has no partner in its path: the partner is the one of the token (§5.1), so credentials of
// another partner would read and write that partner's profile through this state without a word.
// The state keeps `tenant_id`, the tid claim of the token it was read with, and every call that
// uses the API first compares it with the tenant of the credentials in use:
//   read    a mismatch is an error before the GET; the state stays as it was
//   plan    a mismatch is an error (for plans made without a refresh), nothing planned
//   apply   a mismatch is an error before the GET and the PUT
//   import  an identity naming another tenant is an error before the GET
// A state without a tenant (schema version 0, or read with a token that does not say) is bound by
// the next read whose token says. A token whose tenant cannot be read (not a JWT, no tid) leaves
// an unbound state unbound, but is refused for a bound one: the provider cannot tell it is the
// right partner. The identity ({ tenant_id }, protocol 6.9+) is the same value.
import type { Diagnostic, IdentitySchema, ResourceContext, ResourceDefinition } from '../plugin/kit';
import { UNKNOWN, type ObjectValue } from '../plugin/cty/types';
import type { CredentialsTenant } from '../partnercenter';
import { ProviderNotReadyError, type ProviderClient } from '../provider-client';
import { errorDiagnostic } from './errors';
import type { ProfileSpec } from './spec';

type Ctx = ResourceContext<ProviderClient>;

export function tenantMismatchSummary(spec: ProfileSpec): string {
  return `${spec.Title} belongs to another partner tenant`;
}
export const TENANT_UNKNOWN_SUMMARY = 'Cannot tell which partner tenant the credentials belong to';

export function profileIdentity(spec: ProfileSpec): IdentitySchema {
  return {
    version: 0,
    attributes: {
      tenant_id: {
        type: 'string',
        description: `Partner tenant (Microsoft Entra ID tenant id) whose ${spec.title} this is; the credentials must belong to it.`,
        requiredForImport: true,
      },
    },
  };
}

/** The tenant a state (or an import identity) names; null when it names none. */
export function boundTenant(state: ObjectValue | null | undefined): string | null {
  const t = state?.tenant_id;
  return typeof t === 'string' && t.trim() !== '' ? t : null;
}

/** Tenant ids are GUIDs: compared ignoring case. */
export function sameTenant(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

async function tenantOfCredentials(ctx: Ctx): Promise<CredentialsTenant> {
  if (!ctx.client) throw new ProviderNotReadyError('The provider was not configured before this call.');
  const api = ctx.client.profiles();
  if (!api.credentialsTenant) return { reason: 'the API client does not say which tenant its credentials are for' };
  return api.credentialsTenant({ signal: ctx.signal });
}

const FIX_OTHER_TENANT = (spec: ProfileSpec, current: string) =>
  `To manage the profile of ${current} instead, remove the resource from the state (\`terraform state rm <address>\`, or a removed block) ` +
  `and import it with these credentials (\`terraform import <address> ${spec.name}\`, or an import block).`;

const useCredentialsOf = (bound: string) =>
  `To keep managing the profile of ${bound}, use credentials of that tenant: tenant_id (PARTNERCENTER_TENANT_ID) with a refresh token issued in it, or an access token of it.`;

export function tenantMismatchDiagnostic(
  spec: ProfileSpec,
  bound: string,
  current: string,
  outcome: string,
): Diagnostic {
  return {
    severity: 'error',
    summary: tenantMismatchSummary(spec),
    detail:
      `This ${spec.typeName} was read from partner tenant ${bound} (tenant_id in the state), but the provider's credentials are for partner tenant ${current} ` +
      `(the tid claim of their access token). ${outcome}\n\n${useCredentialsOf(bound)} ${FIX_OTHER_TENANT(spec, current)}`,
  };
}

export function tenantUnknownDiagnostic(spec: ProfileSpec, bound: string, reason: string, outcome: string): Diagnostic {
  return {
    severity: 'error',
    summary: TENANT_UNKNOWN_SUMMARY,
    detail:
      `This ${spec.typeName} was read from partner tenant ${bound} (tenant_id in the state), but ${reason}, so the provider cannot tell whether the credentials are for that tenant ` +
      `(it reads the tid claim of the delegated Microsoft Entra ID access token). ${outcome}\n\n${useCredentialsOf(bound)} ` +
      `If these credentials are the right ones, remove the resource from the state and import it again: it then belongs to no tenant until a token says which.`,
  };
}

function identityMismatchDiagnostic(spec: ProfileSpec, wanted: string, current: string): Diagnostic {
  return {
    severity: 'error',
    summary: tenantMismatchSummary(spec),
    detail:
      `The import identity names partner tenant ${wanted}, but the provider's credentials are for partner tenant ${current} ` +
      `(the tid claim of their access token). Nothing was imported.\n\n` +
      `Import with credentials of ${wanted}, or, to import the profile of ${current}, give identity = { tenant_id = "${current}" } (or import by id "${spec.name}").`,
  };
}

type Checked = { ok: true; tenantId: string | null } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The credentials checked against the tenant `bound` (null: nothing to check). ok gives the
 * tenant to keep: `bound` in its own spelling, else the credentials' tenant, null when unknown.
 * Failing to get a token is the error of the call itself (`action`), as the API call would give.
 */
async function checkCredentials(
  spec: ProfileSpec,
  bound: string | null,
  ctx: Ctx,
  action: string,
  outcome: string,
): Promise<Checked> {
  let tenant: CredentialsTenant;
  try {
    tenant = await tenantOfCredentials(ctx);
  } catch (e) {
    return { ok: false, diagnostics: [errorDiagnostic(e, action)] };
  }
  if (tenant.tenantId === undefined) {
    if (bound === null) {
      ctx.log.debug('the tenant of the credentials is not known; the state stays bound to no tenant', {
        reason: tenant.reason,
      });
      return { ok: true, tenantId: null };
    }
    return { ok: false, diagnostics: [tenantUnknownDiagnostic(spec, bound, tenant.reason, outcome)] };
  }
  if (bound !== null && !sameTenant(bound, tenant.tenantId)) {
    ctx.log.debug('the credentials are for another partner tenant', {
      state_tenant: bound,
      token_tenant: tenant.tenantId,
    });
    return { ok: false, diagnostics: [tenantMismatchDiagnostic(spec, bound, tenant.tenantId, outcome)] };
  }
  return { ok: true, tenantId: bound ?? tenant.tenantId };
}

/**
 * The tenant of the credentials for a state that binds nothing (the data source): null when
 * unknown or when the token cannot be had, which the API call made before has reported already.
 */
export async function credentialsTenantOrNull(ctx: Ctx): Promise<string | null> {
  try {
    return (await tenantOfCredentials(ctx)).tenantId ?? null;
  } catch (e) {
    ctx.log.debug('the tenant of the credentials could not be read', { error: (e as Error).message });
    return null;
  }
}

type Answer = { state: ObjectValue | null; private?: Uint8Array; diagnostics: Diagnostic[]; identity?: ObjectValue };

/**
 * The identity of a state a failed apply keeps as it was: its own tenant (null when unbound, as a
 * successful apply gives it then). An engine before protocol 6.9 sends no planned identity to
 * fall back on, and an applied state without one is refused as a provider bug ("returned no
 * resource identity"), shown on top of the real error.
 */
function keptIdentity(state: ObjectValue | null): ObjectValue | undefined {
  return state === null ? undefined : { tenant_id: boundTenant(state) };
}

/** A new state of the inner handler with the tenant (a failure gives back `before`, or null, with its identity). */
function withTenant(res: Answer, tenantId: string | null, before: ObjectValue | null): Answer {
  if (res.state === null) return res;
  if (res.state === before) return { ...res, identity: res.identity ?? keptIdentity(before) };
  return { ...res, state: { ...res.state, tenant_id: tenantId }, identity: { tenant_id: tenantId } };
}

/**
 * The plan's tenant: the prior's when bound; unknown on a create or for an unbound prior, as the
 * apply will read it. A no-op plan (the prior itself) stays as it is.
 */
export function plannedTenant(prior: ObjectValue | null, planned: ObjectValue): ObjectValue {
  if (planned === prior) return planned;
  return { ...planned, tenant_id: boundTenant(prior) ?? UNKNOWN };
}

/** A state of schema version 0 has no tenant_id: it stays null until the next read fills it. */
export function upgradeProfileState(
  spec: ProfileSpec,
  version: number,
  state: { [key: string]: unknown },
): { state: ObjectValue; diagnostics: Diagnostic[] } {
  if (version !== 0) {
    return {
      state: {},
      diagnostics: [
        {
          severity: 'error',
          summary: 'Cannot upgrade state',
          detail: `${spec.typeName} has no upgrade from schema version ${version}. This is a bug in the provider.`,
        },
      ],
    };
  }
  return { state: { ...(state as ObjectValue), tenant_id: null }, diagnostics: [] };
}

const NOTHING_READ = 'Nothing was read or written, and the state was left as it was.';
const NOTHING_WRITTEN = 'Nothing was written.';

type Resource = ResourceDefinition<ProviderClient>;

/** `resource` with its state bound to the partner tenant (see the top of this file). */
export function boundToTenant(spec: ProfileSpec, resource: Resource & Required<Pick<Resource, 'import'>>): Resource {
  const innerImport = resource.import.bind(resource);
  return {
    ...resource,
    identity: profileIdentity(spec),
    upgrade: (version, state) => upgradeProfileState(spec, version, state),

    async read(req, ctx) {
      const checked = await checkCredentials(
        spec,
        boundTenant(req.state),
        ctx,
        `reading the ${spec.title}`,
        NOTHING_READ,
      );
      if (!checked.ok) return { state: req.state, private: req.private, diagnostics: checked.diagnostics };
      return withTenant(await resource.read(req, ctx), checked.tenantId, req.state);
    },

    async plan(req, ctx) {
      // The refresh has checked already, unless the plan is made without one (-refresh=false).
      // Only a definite answer stops the plan: without a client or a token yet, the apply checks.
      const { prior } = req;
      const bound = boundTenant(prior);
      if (prior && bound !== null && ctx.client) {
        let tenant: CredentialsTenant | undefined;
        try {
          tenant = await tenantOfCredentials(ctx);
        } catch (e) {
          ctx.log.debug('the tenant of the credentials could not be read at plan; the apply checks it', {
            error: (e as Error).message,
          });
        }
        const problem =
          tenant === undefined
            ? undefined
            : tenant.tenantId === undefined
              ? tenantUnknownDiagnostic(spec, bound, tenant.reason, NOTHING_WRITTEN)
              : sameTenant(bound, tenant.tenantId)
                ? undefined
                : tenantMismatchDiagnostic(spec, bound, tenant.tenantId, NOTHING_WRITTEN);
        if (problem) return { planned: prior, plannedPrivate: req.priorPrivate, diagnostics: [problem] };
      }
      const res = await resource.plan(req, ctx);
      return { ...res, planned: plannedTenant(req.prior, res.planned) };
    },

    async apply(req, ctx) {
      if (req.planned === null) return resource.apply(req, ctx); // forgotten only: nothing read or written
      const action = req.prior ? `updating the ${spec.title}` : `adopting the ${spec.title}`;
      const checked = await checkCredentials(spec, boundTenant(req.prior), ctx, action, NOTHING_WRITTEN);
      if (!checked.ok) return { state: req.prior, diagnostics: checked.diagnostics, identity: keptIdentity(req.prior) };
      return withTenant(await resource.apply(req, ctx), checked.tenantId, req.prior);
    },

    async import(id, ctx, identity) {
      // An invalid id is refused as before, without a token.
      if (!identity && id !== spec.name) return innerImport(id, ctx);
      const wanted = boundTenant(identity);
      let tenant: CredentialsTenant;
      try {
        tenant = await tenantOfCredentials(ctx);
      } catch (e) {
        return { state: null, diagnostics: [errorDiagnostic(e, `importing the ${spec.title}`)] };
      }
      if (wanted !== null && tenant.tenantId === undefined)
        return { state: null, diagnostics: [tenantUnknownImportDiagnostic(spec, wanted, tenant.reason)] };
      if (wanted !== null && tenant.tenantId !== undefined && !sameTenant(wanted, tenant.tenantId))
        return { state: null, diagnostics: [identityMismatchDiagnostic(spec, wanted, tenant.tenantId)] };
      const tenantId = wanted ?? tenant.tenantId ?? null;
      return withTenant(await innerImport(spec.name, ctx), tenantId, null);
    },
  };
}

function tenantUnknownImportDiagnostic(spec: ProfileSpec, wanted: string, reason: string): Diagnostic {
  return {
    severity: 'error',
    summary: TENANT_UNKNOWN_SUMMARY,
    detail:
      `The import identity names partner tenant ${wanted}, but ${reason}, so the provider cannot tell whether the credentials are for that tenant. ` +
      `Nothing was imported. Import by id "${spec.name}" instead, or use credentials whose access token is a Microsoft Entra ID token of ${wanted}.`,
  };
}
