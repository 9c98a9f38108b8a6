// The guard of the first apply (adopt), docs/architecture.md §7.6. The create plan reads the live
// profile, plans from it (the fields the config leaves out known, as read) and keeps the etag and
// the values it read in the planned private data; the second plan of the change (made at apply)
// and the apply compare that etag with the live one, and a difference fails like a stale update,
// writing nothing.
//
// Only where the engine gives the first plan's private data back to that second plan (protocol
// 6.11, client capability store_planned_private). Before it the second plan sees nothing of the
// first, yet must plan the same known values (§8 rule 6): a value read at plan time that changed
// before the apply would end in the engine's "Provider produced inconsistent final plan", and a
// change to a configured field would go unseen. There, and while the provider configuration is
// not known, the create plan reads nothing (as before) and says so in a warning.
import type { Diagnostic, ResourceContext, ResourceDefinition } from '../plugin/kit';
import type { ObjectValue } from '../plugin/cty/types';
import type { Profile } from '../partnercenter/model';
import { ProviderNotReadyError, type ProfileApi, type ProviderClient } from '../provider-client';
import type { ProfileSpec } from './spec';
import { getField, setField } from './values';
import { diffProfiles } from './diff';
import { changedSincePlan } from './guard';
import { planAdoptionFromLive, planProfile } from './plan';
import { conflictDiagnostic, errorDiagnostic } from './errors';

type Ctx = ResourceContext<ProviderClient>;
type PlanRequest = Parameters<ResourceDefinition<ProviderClient>['plan']>[0];
type PlanAnswer = { planned: ObjectValue; plannedPrivate: Uint8Array; diagnostics: Diagnostic[] };

/** Version of the planned private data; data of another version (or none) is not a plan-time read. */
const PRIVATE_VERSION = 1;

/** What the create plan read: the etag and the modelled fields of the live profile. */
export interface AdoptionRead {
  etag: string;
  profile: Profile;
}

/** `{"v":1,"etag":"…","read":{"address.city":"…",…}}`: the profile's values (no credential), by attribute path. */
export function encodeAdoptionPrivate(spec: ProfileSpec, live: Profile): Uint8Array {
  const read: Record<string, string | number> = {};
  for (const f of spec.fields) {
    const v = getField(spec, live, f);
    if (v !== undefined) read[f.path] = v;
  }
  return new TextEncoder().encode(JSON.stringify({ v: PRIVATE_VERSION, etag: live.etag ?? '', read }));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The read kept by encodeAdoptionPrivate; undefined for empty data (a plan that read nothing) or any other. */
export function decodeAdoptionPrivate(spec: ProfileSpec, data: Uint8Array | undefined): AdoptionRead | undefined {
  if (!data || data.length === 0) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    return undefined;
  }
  if (!isRecord(doc) || doc.v !== PRIVATE_VERSION || typeof doc.etag !== 'string') return undefined;
  const read = isRecord(doc.read) ? doc.read : {};
  const profile: Profile = {};
  for (const f of spec.fields) {
    const v = read[f.path];
    if (typeof v === (f.kind === 'number' ? 'number' : 'string')) setField(spec, profile, f, v as string | number);
  }
  if (doc.etag !== '') profile.etag = doc.etag;
  return { etag: doc.etag, profile };
}

/**
 * The conflict error when the live profile is no longer the one `plannedPrivate` recorded, listing
 * what changed since; undefined when it is, or when nothing was recorded (a plan that did not
 * read, or one made by a provider before this guard: it applies as it did then).
 */
export function adoptionConflict(
  spec: ProfileSpec,
  plannedPrivate: Uint8Array | undefined,
  live: Profile,
): Diagnostic | undefined {
  const read = decodeAdoptionPrivate(spec, plannedPrivate);
  return read ? conflictSinceRead(spec, read, live) : undefined;
}

/** adoptionConflict for a read already decoded. */
function conflictSinceRead(spec: ProfileSpec, read: AdoptionRead, live: Profile): Diagnostic | undefined {
  const evidence = changedSincePlan(spec, read.profile, live);
  if (!evidence) return undefined;
  return conflictDiagnostic(
    spec,
    diffProfiles(spec, read.profile, live),
    undefined,
    'the profile the plan read',
    evidence,
  );
}

const notReadSummary = (spec: ProfileSpec) => `${spec.Title} not read at plan time`;

const importBlock = (spec: ProfileSpec) =>
  `For a guarded first apply, adopt with an import block instead: import { to = <this resource's address>, id = "${spec.name}" }. ` +
  'Its plan reads the profile and shows its values, and its apply refuses a profile changed since the plan, writing nothing.';

const UNGUARDED =
  'so the fields the configuration does not set show as (known after apply), and a change made in Partner Center between this plan and its apply is not detected: ' +
  'the fields the configuration sets overwrite it.';

/** The create plan made without a read because the provider configuration is not known yet. */
export function configNotKnownWarning(spec: ProfileSpec, reason: string): Diagnostic {
  return {
    severity: 'warning',
    summary: notReadSummary(spec),
    detail: `${reason}\n\nThis plan adopts the ${spec.title} without reading it, ${UNGUARDED}\n\n${importBlock(spec)}`,
  };
}

/** The create plan made without a read because the engine would not give the read to the apply. */
export function engineDropsPrivateWarning(spec: ProfileSpec): Diagnostic {
  return {
    severity: 'warning',
    summary: notReadSummary(spec),
    detail:
      'This Terraform or OpenTofu version does not give a plan’s private data back to the provider when it applies a create ' +
      '(protocol 6.11, store_planned_private), so a read made now could not be checked at apply. ' +
      `This plan adopts the ${spec.title} without reading it, ${UNGUARDED}\n\n${importBlock(spec)}`,
  };
}

/** The API, or the ProviderNotReadyError saying why there is none yet. */
function apiOf(ctx: Ctx): ProfileApi {
  if (!ctx.client) throw new ProviderNotReadyError('The provider was not configured before this call.');
  return ctx.client.profiles();
}

/**
 * The create plan (see the top of this file). Config errors first, as for any plan; then, without
 * an API or on an engine that drops the private data, the plan without a read and a warning;
 * else the read, the check against the first plan's read (in the second plan) and the plan from it.
 */
export async function planAdoption(spec: ProfileSpec, req: PlanRequest, ctx: Ctx): Promise<PlanAnswer> {
  const unread = planProfile(spec, null, req.config);
  const answer = (diagnostics: Diagnostic[]): PlanAnswer => ({
    planned: unread.planned,
    plannedPrivate: req.priorPrivate,
    diagnostics: [...unread.diagnostics, ...diagnostics],
  });
  if (unread.diagnostics.some((d) => d.severity === 'error')) return answer([]);

  let api: ProfileApi;
  try {
    api = apiOf(ctx);
  } catch (e) {
    if (e instanceof ProviderNotReadyError) return answer([configNotKnownWarning(spec, e.message)]);
    throw e;
  }
  if (req.storesPlannedPrivate !== true) return answer([engineDropsPrivateWarning(spec)]);

  let live: Profile;
  try {
    live = await api.getProfile(spec.shape, { signal: ctx.signal });
  } catch (e) {
    return answer([errorDiagnostic(e, `reading the ${spec.title} to plan its adoption`)]);
  }
  const first = decodeAdoptionPrivate(spec, req.plannedPrivate);
  if (first) {
    const conflict = conflictSinceRead(spec, first, live);
    if (conflict) {
      ctx.log.debug('profile changed since the adoption was planned', {
        profile: spec.name,
        planned_etag: first.etag,
        live_etag: live.etag,
      });
      return answer([conflict]);
    }
  }
  return {
    planned: planAdoptionFromLive(spec, req.config, live),
    // The second plan hands the first one's data on: the apply compares with the plan's read.
    plannedPrivate: first ? (req.plannedPrivate ?? new Uint8Array()) : encodeAdoptionPrivate(spec, live),
    diagnostics: unread.diagnostics,
  };
}
