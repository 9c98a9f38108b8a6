// The admin API under /_emulator/ (no authentication): inspect and edit each partner profile out of
// band (/_emulator/profiles/<name>; /_emulator/profile is the billing one), inject faults, read the
// request logs, reset, mint tokens without the OAuth exchange, and add partner tenants.
// `?tenant=<id>` picks the tenant of the profile and token calls (default: the default tenant);
// faults, logs and reset are the emulator's.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { adminRequestRefusal } from '../admin-guard';
import { BindError, bindProfile } from '../binding';
import { FaultSpecError, parseFaultSpec } from '../faults';
import { parseJson, readBody, sendJson } from '../http-io';
import { toApiJson } from '../profile';
import { BILLING, PROFILE_NAMES, specNamed, type ProfileSpec } from '../profiles';
import { DataFileError } from '../persistence';
import type { EmulatorState } from '../state';
import { TenantExistsError, isTenantId, type Tenant } from '../tenants';
import { afterPatch } from '../updates';
import { validateProfile } from '../validation';

type Handler = (state: EmulatorState, body: unknown, tenant: Tenant) => { status: number; body?: unknown };

class AdminInputError extends Error {}

function getProfile(spec: ProfileSpec): Handler {
  return (_state, _body, tenant) => ({ status: 200, body: toApiJson(spec, tenant.profiles[spec.name].current) });
}

/** An out-of-band edit: may change anything, read-only and vetting fields included; a new version. */
function patchProfile(spec: ProfileSpec): Handler {
  return (_state, body, tenant) => {
    let patch;
    try {
      patch = bindProfile(spec, body);
    } catch (e) {
      if (e instanceof BindError) throw new AdminInputError(e.message);
      throw e;
    }
    const store = tenant.profiles[spec.name];
    const next = afterPatch(spec, store.current, patch);
    const problem = validateProfile(spec, next);
    if (problem) throw new AdminInputError(problem.message);
    return { status: 200, body: toApiJson(spec, store.replace(next)) };
  };
}

const PROFILE_PATH = /^\/_emulator\/profiles\/([^/]+)$/;

/** The handler of /_emulator/profiles/<name>, or why there is none. */
function profileRoute(method: string, name: string): Handler | { status: number; error: string } {
  const spec = specNamed(name);
  if (!spec)
    return {
      status: 404,
      error: `no profile ${JSON.stringify(name)}; the emulator serves ${PROFILE_NAMES.join(', ')} (/_emulator/profiles/<name>)`,
    };
  if (method === 'GET') return getProfile(spec);
  if (method === 'PATCH') return patchProfile(spec);
  return { status: 405, error: `${method} is not allowed on /_emulator/profiles/${name}; use GET or PATCH` };
}

const ROUTES: Record<string, Handler> = {
  'GET /_emulator/profile': getProfile(BILLING),
  'PATCH /_emulator/profile': patchProfile(BILLING),
  'GET /_emulator/profiles': () => ({ status: 200, body: PROFILE_NAMES }),

  'GET /_emulator/tenants': (state) => ({
    status: 200,
    body: state.tenants.list().map((t) => ({ tenantId: t.id, default: t === state.tenants.default })),
  }),
  'POST /_emulator/tenants': (state, body) => {
    const spec = body as Record<string, unknown> | undefined;
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
      throw new AdminInputError('the body must be a JSON object such as {"tenantId": "<guid>"}');
    const id = spec.tenantId;
    if (typeof id !== 'string' || !isTenantId(id))
      throw new AdminInputError(`tenantId must be a tenant id (a GUID), got ${JSON.stringify(id ?? null)}`);
    if (spec.profile !== undefined && (typeof spec.profile !== 'object' || spec.profile === null))
      throw new AdminInputError('profile, when given, must be a billing profile as the API returns it (a JSON object)');
    let tenant: Tenant;
    try {
      tenant = state.tenants.add(id, spec.profile ?? undefined);
    } catch (e) {
      if (e instanceof TenantExistsError) return { status: 409, body: { error: e.message } };
      if (e instanceof DataFileError) throw new AdminInputError(e.message);
      throw e;
    }
    return { status: 201, body: { tenantId: tenant.id, profile: toApiJson(BILLING, tenant.store.current) } };
  },

  'POST /_emulator/faults': (state, body) => {
    const { fault, count, ...target } = parseFaultSpec(body);
    state.faults.add(fault, count, target);
    return { status: 201, body: { pending: state.faults.pending() } };
  },
  'GET /_emulator/faults': (state) => ({ status: 200, body: { pending: state.faults.pending() } }),
  'DELETE /_emulator/faults': (state) => {
    state.faults.clear();
    return { status: 204 };
  },

  'GET /_emulator/requests': (state) => ({ status: 200, body: state.apiLog.all() }),
  'GET /_emulator/token-requests': (state) => ({ status: 200, body: state.tokenLog.all() }),

  'POST /_emulator/reset': (state, _body, tenant) => {
    state.tenants.resetAll();
    state.apiLog.clear();
    state.tokenLog.clear();
    state.faults.clear();
    return { status: 200, body: toApiJson(BILLING, tenant.store.current) };
  },

  'POST /_emulator/tokens': (state, body, tenant) => {
    const spec = (body ?? {}) as Record<string, unknown>;
    if (typeof spec !== 'object' || Array.isArray(spec))
      throw new AdminInputError('the body must be a JSON object such as {"user": true}');
    if (spec.user !== undefined && typeof spec.user !== 'boolean')
      throw new AdminInputError('user must be true (delegated token) or false (app-only token)');
    const lifetime = spec.expiresIn ?? state.config.tokenLifetimeSeconds;
    if (typeof lifetime !== 'number' || !Number.isInteger(lifetime) || lifetime < 1)
      throw new AdminInputError('expiresIn must be a whole number of seconds >= 1');
    const { token } = state.signer.issue({
      tenantId: tenant.id,
      clientId: state.config.clientId,
      user: spec.user !== false,
      lifetimeSeconds: lifetime,
    });
    return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: lifetime } };
  },
  'POST /_emulator/tokens/revoke': (state) => {
    state.signer.revokeAll();
    return { status: 204 };
  },
};

export async function handleAdmin(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const refusal = adminRequestRefusal(req.headers, state.adminHosts);
  if (refusal) {
    req.resume();
    return sendJson(res, refusal.status, { error: refusal.error });
  }
  const trimmed = path.replace(/\/+$/, '');
  const key = `${req.method} ${trimmed}`;
  const named = PROFILE_PATH.exec(trimmed);
  const found = named ? profileRoute(req.method ?? 'GET', decodeURIComponent(named[1])) : ROUTES[key];
  const text = await readBody(req);
  if (!found) {
    const known = [...Object.keys(ROUTES), 'GET /_emulator/profiles/<name>', 'PATCH /_emulator/profiles/<name>'].join(
      ', ',
    );
    return sendJson(res, 404, { error: `no admin route ${key}; known routes: ${known}` });
  }
  if (typeof found !== 'function') return sendJson(res, found.status, { error: found.error });
  const handler = found;
  const asked = new URL(req.url ?? '/', 'http://emulator').searchParams.get('tenant');
  const tenant = asked === null ? state.tenants.default : state.tenants.find(asked);
  if (!tenant) {
    const known = state.tenants
      .list()
      .map((t) => t.id)
      .join(', ');
    return sendJson(res, 404, {
      error: `no tenant ${JSON.stringify(asked)}; the emulator serves ${known} (add one with POST /_emulator/tenants)`,
    });
  }
  try {
    let body: unknown;
    try {
      body = parseJson(text);
    } catch (e) {
      throw new AdminInputError(`the body is not valid JSON (${(e as Error).message})`);
    }
    const out = handler(state, body, tenant);
    sendJson(res, out.status, out.body);
  } catch (e) {
    if (e instanceof AdminInputError || e instanceof FaultSpecError) return sendJson(res, 400, { error: e.message });
    throw e;
  }
}
