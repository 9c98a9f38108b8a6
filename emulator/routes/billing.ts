// GET|PUT /v1/profiles/billing, and the envelope of every /v1 call: ids echoed (generated when
// absent), the call recorded in the request log, injected faults applied first, then the bearer
// check, then the PUT replay cache keyed by MS-RequestId.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { apiFault, FAULT_CODES } from '../api-fault';
import { BindError, bindProfile, lookup } from '../binding';
import { BodyTooLargeError, header, parseJson, readBody, sendJson } from '../http-io';
import { toApiJson } from '../profile';
import type { ApiCallRecord } from '../request-log';
import type { EmulatorState, StoredResponse } from '../state';
import { afterPut } from '../updates';
import { readOnlyViolation, validateProfile } from '../validation';
import { checkBearer } from './auth-check';

export const BILLING_PATH = '/v1/profiles/billing';
const MAX_REPLAYS = 1000;

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function handleApiCall(state: EmulatorState, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const sentRequestId = header(req, 'ms-requestid');
  const ids = { 'MS-RequestId': sentRequestId ?? randomUUID(), 'MS-CorrelationId': header(req, 'ms-correlationid') ?? randomUUID() };
  const record: ApiCallRecord = {
    method: req.method ?? 'GET',
    path,
    status: null,
    requestId: ids['MS-RequestId'],
    correlationId: ids['MS-CorrelationId'],
    ifMatch: header(req, 'if-match') ?? null,
    bodyEtag: null,
    at: new Date().toISOString(),
    headers: loggedHeaders(req),
  };
  state.apiLog.add(record); // in arrival order; status is filled in when the answer goes out
  const send = (reply: Reply) => {
    record.status = reply.status;
    sendJson(res, reply.status, reply.body, { ...ids, ...reply.headers });
  };

  let text: string;
  try {
    text = await readBody(req);
  } catch (e) {
    if (!(e instanceof BodyTooLargeError)) throw e;
    return send({ status: 413, body: apiFault(FAULT_CODES.invalidInput, `Invalid request input: ${e.message}.`) });
  }
  record.bodyEtag = bodyEtagOf(text);

  const fault = state.faults.take();
  if (fault?.kind === 'reset') {
    record.fault = 'reset';
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'status') {
    record.fault = 'status';
    return send(faultReply(fault.status, fault.retryAfter));
  }
  if (fault?.kind === 'delay') {
    record.fault = 'delay';
    // The call is still processed after the delay, even if the client gave up: "applied, answer lost".
    try {
      await delay(fault.delayMs, undefined, { signal: state.shutdown });
    } catch {
      req.socket.destroy(); // the emulator is closing
      return;
    }
  }

  if (path !== BILLING_PATH) {
    return send({ status: 404, body: apiFault(FAULT_CODES.notFound, `Not found: ${path} is not an API of this emulator (only ${BILLING_PATH}).`) });
  }
  if (req.method !== 'GET' && req.method !== 'PUT') {
    return send({
      status: 405,
      body: apiFault(FAULT_CODES.invalidInput, `Invalid request input: ${req.method} is not allowed on ${BILLING_PATH}; use GET or PUT.`),
      headers: { Allow: 'GET, PUT' },
    });
  }
  const auth = checkBearer(state, req);
  if (!auth.ok) return send({ status: auth.status, body: auth.fault, headers: auth.headers });

  if (req.method === 'GET') return send({ status: 200, body: toApiJson(state.store.current) });

  const replay = sentRequestId ? state.replays.get(sentRequestId) : undefined;
  if (replay) {
    record.replayed = true;
    return send(replay);
  }
  const reply = applyPut(state, header(req, 'content-type'), record.ifMatch, text);
  if (sentRequestId) remember(state.replays, sentRequestId, { status: reply.status, body: reply.body });
  send(reply);
}

function applyPut(state: EmulatorState, contentType: string | undefined, ifMatch: string | null, text: string): Reply {
  const invalid = (field: string, description: string): Reply => ({
    status: 400,
    body: apiFault(FAULT_CODES.invalidProperty, `Invalid property ${field}: ${description}`, [field]),
  });
  if (!/^(application|text)\/json\b/i.test(contentType ?? '')) {
    return { status: 400, body: apiFault(FAULT_CODES.invalidInput, 'Invalid request input: send the profile as JSON with Content-Type: application/json.') };
  }
  let json: unknown;
  try {
    json = parseJson(text);
  } catch (e) {
    return { status: 400, body: apiFault(FAULT_CODES.invalidInput, `Invalid request input: the body is not valid JSON (${(e as Error).message}).`) };
  }
  let body;
  try {
    body = bindProfile(json);
  } catch (e) {
    if (e instanceof BindError) return invalid(e.field, e.message);
    throw e;
  }
  const current = state.store.current;
  const stale = (ifMatch !== null && !etagMatches(ifMatch, current.etag)) || (body.etag !== undefined && body.etag !== current.etag);
  if (stale) {
    return {
      status: state.config.conflictMode === '412' ? 412 : 400,
      body: apiFault(
        FAULT_CODES.staleEtag,
        'Etag is no longer valid: the billing profile was changed since it was read.',
      ),
    };
  }
  const readOnly = readOnlyViolation(current, body);
  if (readOnly) return invalid(readOnly.field, readOnly.message);
  const next = afterPut(current, body);
  const problem = validateProfile(next);
  if (problem) return invalid(problem.field, problem.message);
  return { status: 200, body: toApiJson(state.store.replace(next)) };
}

/** If-Match: "*" or a list of (possibly weak) quoted etags. */
export function etagMatches(ifMatch: string, etag: string): boolean {
  return ifMatch
    .split(',')
    .map((part) => part.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1'))
    .some((candidate) => candidate === '*' || candidate === etag);
}

function faultReply(status: number, retryAfter: number | undefined): Reply {
  const headers: Record<string, string> = retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {};
  if (status === 429) {
    return { status, body: { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfter ?? 1} second${retryAfter === 1 ? '' : 's'}.` }, headers };
  }
  return { status, body: apiFault(FAULT_CODES.unexpected, `Injected fault: the service answered ${status}.`), headers };
}

function bodyEtagOf(text: string): string | null {
  try {
    const json = parseJson(text);
    if (typeof json !== 'object' || json === null) return null;
    const attributes = lookup(json as Record<string, unknown>, 'attributes').value;
    if (typeof attributes !== 'object' || attributes === null) return null;
    const etag = lookup(attributes as Record<string, unknown>, 'etag').value;
    return typeof etag === 'string' ? etag : null;
  } catch {
    return null;
  }
}

function loggedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    // Keep only the scheme of the credential: the log is served without authentication.
    out[name] = name === 'authorization' ? `${text.split(/\s+/)[0]} [redacted]` : text;
  }
  return out;
}

function remember(replays: Map<string, StoredResponse>, requestId: string, response: StoredResponse): void {
  replays.set(requestId, response);
  if (replays.size > MAX_REPLAYS) replays.delete(replays.keys().next().value as string);
}
