// The partner profile routes (profiles/: billing, support, organization, legalbusiness, mpn), for a
// call that got past the injected faults (routes/api.ts): 404/405 for a path or method the API
// lacks, the bearer check, then GET answers the profile of the token's tenant and PUT, after the
// replay cache keyed by MS-RequestId, binds, checks and stores the body (docs/architecture.md §6.1).
import type { IncomingMessage } from 'node:http';
import { apiFault, FAULT_CODES } from '../api-fault';
import { BindError, bindProfile } from '../binding';
import { header } from '../http-io';
import { toApiJson } from '../profile';
import { PROFILE_SPECS, specAt, type ProfileSpec } from '../profiles';
import { VETTING_VERSIONS } from '../profiles/legalbusiness';
import type { ApiCallRecord } from '../request-log';
import type { EmulatorState, StoredResponse } from '../state';
import type { Tenant } from '../tenants';
import { afterPut } from '../updates';
import { readOnlyViolation, validateProfile } from '../validation';
import { checkBearer } from './auth-check';

const MAX_REPLAYS = 1000;

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A request body read once: its JSON (undefined when empty), or why it is not JSON. */
export type ParsedBody = { json: unknown } | { error: string };

/** The methods the API has at `path` of `spec`. */
function methodsAt(spec: ProfileSpec, path: string): string[] {
  return [...(spec.path === path ? ['GET'] : []), ...(spec.putPaths.includes(path) ? ['PUT'] : [])];
}

export function answerProfileCall(
  state: EmulatorState,
  req: IncomingMessage,
  record: ApiCallRecord,
  parsed: ParsedBody,
  sentRequestId: string | undefined,
): Reply {
  const spec = specAt(record.path);
  if (!spec) {
    const paths = PROFILE_SPECS.map((s) => s.path).join(', ');
    return {
      status: 404,
      body: apiFault(
        FAULT_CODES.notFound,
        `Not found: ${record.path} is not an API of this emulator (it serves ${paths}).`,
      ),
    };
  }
  const allowed = methodsAt(spec, record.path);
  if (!allowed.includes(req.method ?? '')) {
    const readOnly = spec.putPaths.length === 0 ? ` (the ${spec.title} profile is read-only in the API)` : '';
    return {
      status: 405,
      body: apiFault(
        FAULT_CODES.invalidInput,
        `Invalid request input: ${req.method} is not allowed on ${record.path}; use ${allowed.join(' or ')}${readOnly}.`,
      ),
      headers: { Allow: allowed.join(', ') },
    };
  }
  const auth = checkBearer(state, req);
  if (!auth.ok) return { status: auth.status, body: auth.fault, headers: auth.headers };
  // The partner is the one of the token: each tenant has its own profiles (and replay cache).
  const { tenant } = auth;
  record.tenant = tenant.id;
  const store = tenant.profiles[spec.name];
  const query = new URL(req.url ?? '/', 'http://emulator').searchParams;

  if (req.method === 'GET') {
    if (spec.name === 'legalbusiness') return legalBusinessVersion(spec, tenant, query);
    if (spec.name === 'mpn') return partnerById(state, spec, tenant, query);
    return { status: 200, body: toApiJson(spec, store.current) };
  }

  // Replays are kept per profile: the same id sent to another profile is another call.
  const replayKey = sentRequestId && `${spec.name} ${sentRequestId}`;
  const replay = replayKey ? tenant.replays.get(replayKey) : undefined;
  if (replay) {
    record.replayed = true;
    return replay;
  }
  const etagBefore = store.etag;
  const reply = applyPut(state, spec, tenant, header(req, 'content-type'), record.ifMatch, parsed);
  if (store.etag !== etagBefore) record.applied = true;
  if (replayKey) remember(tenant.replays, replayKey, { status: reply.status, body: reply.body });
  return reply;
}

/** A query parameter by name in any letter case, as the service binds them. */
function queryValue(query: URLSearchParams, name: string): string | undefined {
  for (const [key, value] of query) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

/**
 * GET /v1/profiles/legalbusiness?vettingVersion=Current|LastFinalized. The reference shows the
 * parameter always given and is silent on a missing one: the emulator then answers Current; a
 * value that is neither is a 400 naming the parameter (as binding an unknown enum value would be).
 * LastFinalized is the version kept when vetting last ended (Authorized or Rejected); before any
 * such version exists the answer is 404.
 */
function legalBusinessVersion(spec: ProfileSpec, tenant: Tenant, query: URLSearchParams): Reply {
  const asked = queryValue(query, 'vettingVersion') ?? 'Current';
  const version = VETTING_VERSIONS.find((v) => v.toLowerCase() === asked.toLowerCase());
  if (!version) {
    return {
      status: 400,
      body: apiFault(
        FAULT_CODES.invalidInput,
        `Invalid request input: vettingVersion must be ${VETTING_VERSIONS.join(' or ')} (got "${asked}").`,
        ['vettingVersion'],
      ),
    };
  }
  const store = tenant.profiles.legalbusiness;
  if (version === 'Current') return { status: 200, body: toApiJson(spec, store.current) };
  const finalized = store.lastFinalized;
  if (!finalized) {
    return {
      status: 404,
      body: apiFault(
        FAULT_CODES.notFound,
        'Not found: the legal business profile has no finalized version yet (its vetting has not been completed).',
      ),
    };
  }
  return { status: 200, body: toApiJson(spec, finalized) };
}

/**
 * GET /v1/profiles/mpn, or ?mpnId=<id>: the profile of the partner with that id (the tenant's
 * own, or another partner tenant this emulator serves), else 404 with code 3000 as the API answers.
 */
function partnerById(state: EmulatorState, spec: ProfileSpec, tenant: Tenant, query: URLSearchParams): Reply {
  const asked = queryValue(query, 'mpnId');
  if (asked === undefined) return { status: 200, body: toApiJson(spec, tenant.profiles.mpn.current) };
  const id = asked.trim();
  const owner = [tenant, ...state.tenants.list()].find((t) => t.profiles.mpn.current.partnerId === id);
  if (!owner) {
    return {
      status: 404,
      body: apiFault(
        FAULT_CODES.invalidProperty,
        `Partner with MPN id ${JSON.stringify(asked)} was not found: check the partner id.`,
        ['mpnId'],
      ),
    };
  }
  return { status: 200, body: toApiJson(spec, owner.profiles.mpn.current) };
}

function applyPut(
  state: EmulatorState,
  spec: ProfileSpec,
  tenant: Tenant,
  contentType: string | undefined,
  ifMatch: string | null,
  parsed: ParsedBody,
): Reply {
  const invalid = (field: string, description: string): Reply => ({
    status: 400,
    body: apiFault(FAULT_CODES.invalidProperty, `Invalid property ${field}: ${description}`, [field]),
  });
  if (!/^(application|text)\/json\b/i.test(contentType ?? '')) {
    return {
      status: 400,
      body: apiFault(
        FAULT_CODES.invalidInput,
        'Invalid request input: send the profile as JSON with Content-Type: application/json.',
      ),
    };
  }
  if ('error' in parsed) {
    return {
      status: 400,
      body: apiFault(FAULT_CODES.invalidInput, `Invalid request input: the body is not valid JSON (${parsed.error}).`),
    };
  }
  let body;
  try {
    body = bindProfile(spec, parsed.json);
  } catch (e) {
    if (e instanceof BindError) return invalid(e.field, e.message);
    throw e;
  }
  const store = tenant.profiles[spec.name];
  const current = store.current;
  // A profile the API versions without an etag (support) takes a PUT whatever If-Match says.
  const stale =
    spec.etag &&
    ((ifMatch !== null && !etagMatches(ifMatch, current.etag)) ||
      (body.etag !== undefined && body.etag !== current.etag));
  if (stale) {
    return {
      status: state.config.conflictMode === '412' ? 412 : 400,
      body: apiFault(
        FAULT_CODES.staleEtag,
        `Etag is no longer valid: the ${spec.title} profile was changed since it was read.`,
      ),
    };
  }
  const readOnly = readOnlyViolation(spec, current, body);
  if (readOnly) return invalid(readOnly.field, readOnly.message);
  const refusal = spec.putRefusal?.(current, body);
  if (refusal) return { status: 400, body: apiFault(refusal.code, refusal.description, [refusal.field]) };
  const next = afterPut(spec, current, body);
  const problem = validateProfile(spec, next);
  if (problem) return invalid(problem.field, problem.message);
  return { status: 200, body: toApiJson(spec, store.replace(next)) };
}

/** If-Match: "*" or a list of (possibly weak) quoted etags. */
export function etagMatches(ifMatch: string, etag: string): boolean {
  return ifMatch
    .split(',')
    .map((part) =>
      part
        .trim()
        .replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1'),
    )
    .some((candidate) => candidate === '*' || candidate === etag);
}

function remember(replays: Map<string, StoredResponse>, key: string, response: StoredResponse): void {
  replays.set(key, response);
  if (replays.size > MAX_REPLAYS) replays.delete(replays.keys().next().value as string);
}
