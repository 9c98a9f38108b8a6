// The admin API under /_emulator/ (no authentication): inspect and edit the profile out of band,
// inject faults, read the request logs, reset, and mint tokens without the OAuth exchange.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { adminRequestRefusal } from '../admin-guard';
import { BindError, bindProfile } from '../binding';
import { FaultSpecError, parseFaultSpec } from '../faults';
import { parseJson, readBody, sendJson } from '../http-io';
import { toApiJson } from '../profile';
import type { EmulatorState } from '../state';
import { afterPatch } from '../updates';
import { validateProfile } from '../validation';

type Handler = (state: EmulatorState, body: unknown) => { status: number; body?: unknown };

class AdminInputError extends Error {}

const ROUTES: Record<string, Handler> = {
  'GET /_emulator/profile': (state) => ({ status: 200, body: toApiJson(state.store.current) }),

  'PATCH /_emulator/profile': (state, body) => {
    let patch;
    try {
      patch = bindProfile(body);
    } catch (e) {
      if (e instanceof BindError) throw new AdminInputError(e.message);
      throw e;
    }
    const next = afterPatch(state.store.current, patch);
    const problem = validateProfile(next);
    if (problem) throw new AdminInputError(problem.message);
    return { status: 200, body: toApiJson(state.store.replace(next)) };
  },

  'POST /_emulator/faults': (state, body) => {
    const { fault, count, method } = parseFaultSpec(body);
    state.faults.add(fault, count, method);
    return { status: 201, body: { pending: state.faults.pending() } };
  },
  'GET /_emulator/faults': (state) => ({ status: 200, body: { pending: state.faults.pending() } }),
  'DELETE /_emulator/faults': (state) => {
    state.faults.clear();
    return { status: 204 };
  },

  'GET /_emulator/requests': (state) => ({ status: 200, body: state.apiLog.all() }),
  'GET /_emulator/token-requests': (state) => ({ status: 200, body: state.tokenLog.all() }),

  'POST /_emulator/reset': (state) => {
    const profile = state.store.reset();
    state.apiLog.clear();
    state.tokenLog.clear();
    state.faults.clear();
    state.replays.clear();
    return { status: 200, body: toApiJson(profile) };
  },

  'POST /_emulator/tokens': (state, body) => {
    const spec = (body ?? {}) as Record<string, unknown>;
    if (typeof spec !== 'object' || Array.isArray(spec))
      throw new AdminInputError('the body must be a JSON object such as {"user": true}');
    if (spec.user !== undefined && typeof spec.user !== 'boolean')
      throw new AdminInputError('user must be true (delegated token) or false (app-only token)');
    const lifetime = spec.expiresIn ?? state.config.tokenLifetimeSeconds;
    if (typeof lifetime !== 'number' || !Number.isInteger(lifetime) || lifetime < 1)
      throw new AdminInputError('expiresIn must be a whole number of seconds >= 1');
    const { token } = state.signer.issue({
      tenantId: state.config.tenantId,
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
  const key = `${req.method} ${path.replace(/\/+$/, '')}`;
  const handler = ROUTES[key];
  const text = await readBody(req);
  if (!handler) {
    const known = Object.keys(ROUTES).join(', ');
    return sendJson(res, 404, { error: `no admin route ${key}; known routes: ${known}` });
  }
  try {
    let body: unknown;
    try {
      body = parseJson(text);
    } catch (e) {
      throw new AdminInputError(`the body is not valid JSON (${(e as Error).message})`);
    }
    const out = handler(state, body);
    sendJson(res, out.status, out.body);
  } catch (e) {
    if (e instanceof AdminInputError || e instanceof FaultSpecError) return sendJson(res, 400, { error: e.message });
    throw e;
  }
}
