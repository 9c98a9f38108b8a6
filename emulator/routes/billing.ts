// GET|PUT /v1/profiles/billing, and the envelope of every /v1 call: ids echoed (generated when
// absent), the call recorded in the request log, injected faults applied first (or, for the
// after-processing ones, to the answer), then the bearer check, then the PUT replay cache keyed
// by MS-RequestId.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { apiFault, FAULT_CODES } from '../api-fault';
import type { BrokenBody } from '../faults';
import { BindError, bindProfile, lookup } from '../binding';
import { BodyTooLargeError, header, parseJson, readBody, sendJson, sendText } from '../http-io';
import { toApiJson } from '../profile';
import { LOGGED_BODY_MAX, type ApiCallRecord } from '../request-log';
import type { EmulatorState, StoredResponse } from '../state';
import type { Tenant } from '../tenants';
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

export async function handleApiCall(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const sentRequestId = header(req, 'ms-requestid');
  const ids = {
    'MS-RequestId': sentRequestId ?? randomUUID(),
    'MS-CorrelationId': header(req, 'ms-correlationid') ?? randomUUID(),
  };
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
  const parsed = parseBodyText(text);
  record.bodyEtag = bodyEtagOf(parsed);
  if (record.method === 'PUT' && 'json' in parsed && parsed.json !== undefined && text.length <= LOGGED_BODY_MAX)
    record.body = parsed.json;

  const fault = state.faults.take(record.method);
  if (fault && !('afterProcessing' in fault && fault.afterProcessing)) {
    if (fault.kind === 'reset') {
      record.fault = 'reset';
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'status') {
      record.fault = 'status';
      return send(faultReply(fault.status, fault.retryAfter));
    }
    if (fault.kind === 'body') {
      record.fault = 'body';
      return sendBroken(res, record, fault.body, fault.status, ids);
    }
    record.fault = 'delay';
    // The call is still processed after the delay, even if the client gave up: "applied, answer lost".
    try {
      await delay(fault.delayMs, undefined, { signal: state.shutdown });
    } catch {
      req.socket.destroy(); // the emulator is closing
      return;
    }
  }

  const reply = answer(state, req, record, parsed, sentRequestId);
  // An after-processing fault: the call took effect (or was replayed), then its answer is lost.
  if (fault?.kind === 'reset') {
    record.fault = 'reset-after';
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'body') {
    record.fault = 'body-after';
    return sendBroken(res, record, fault.body, fault.status, ids);
  }
  send(reply);
}

/** The API's own answer to a call that got past the faults. */
function answer(
  state: EmulatorState,
  req: IncomingMessage,
  record: ApiCallRecord,
  parsed: ParsedBody,
  sentRequestId: string | undefined,
): Reply {
  if (record.path !== BILLING_PATH) {
    return {
      status: 404,
      body: apiFault(
        FAULT_CODES.notFound,
        `Not found: ${record.path} is not an API of this emulator (only ${BILLING_PATH}).`,
      ),
    };
  }
  if (req.method !== 'GET' && req.method !== 'PUT') {
    return {
      status: 405,
      body: apiFault(
        FAULT_CODES.invalidInput,
        `Invalid request input: ${req.method} is not allowed on ${BILLING_PATH}; use GET or PUT.`,
      ),
      headers: { Allow: 'GET, PUT' },
    };
  }
  const auth = checkBearer(state, req);
  if (!auth.ok) return { status: auth.status, body: auth.fault, headers: auth.headers };
  // The partner is the one of the token: each tenant has its own profile (and replay cache).
  const { tenant } = auth;
  record.tenant = tenant.id;

  if (req.method === 'GET') return { status: 200, body: toApiJson(tenant.store.current) };

  const replay = sentRequestId ? tenant.replays.get(sentRequestId) : undefined;
  if (replay) {
    record.replayed = true;
    return replay;
  }
  const etagBefore = tenant.store.etag;
  const reply = applyPut(state, tenant, header(req, 'content-type'), record.ifMatch, parsed);
  if (tenant.store.etag !== etagBefore) record.applied = true;
  if (sentRequestId) remember(tenant.replays, sentRequestId, { status: reply.status, body: reply.body });
  return reply;
}

const BROKEN_BODY_TEXT: Record<BrokenBody, { contentType?: string; text: string }> = {
  // Cut mid-object, as a proxy that drops the end of a response would leave it.
  'malformed-json': {
    contentType: 'application/json; charset=utf-8',
    text: '{"companyName":"Contoso Partner Ltd","address":{"country":"US",',
  },
  // What a reverse proxy or gateway answers instead of the API.
  html: {
    contentType: 'text/html; charset=utf-8',
    text: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>proxy</body></html>',
  },
  empty: { text: '' },
};

function sendBroken(
  res: ServerResponse,
  record: ApiCallRecord,
  body: BrokenBody,
  status: number,
  ids: Record<string, string>,
): void {
  const { contentType, text } = BROKEN_BODY_TEXT[body];
  record.status = status;
  sendText(res, status, text, contentType, ids);
}

function applyPut(
  state: EmulatorState,
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
    body = bindProfile(parsed.json);
  } catch (e) {
    if (e instanceof BindError) return invalid(e.field, e.message);
    throw e;
  }
  const current = tenant.store.current;
  const stale =
    (ifMatch !== null && !etagMatches(ifMatch, current.etag)) ||
    (body.etag !== undefined && body.etag !== current.etag);
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
  return { status: 200, body: toApiJson(tenant.store.replace(next)) };
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

function faultReply(status: number, retryAfter: number | undefined): Reply {
  const headers: Record<string, string> = retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {};
  if (status === 429) {
    return {
      status,
      body: {
        statusCode: 429,
        message: `Rate limit is exceeded. Try again in ${retryAfter ?? 1} second${retryAfter === 1 ? '' : 's'}.`,
      },
      headers,
    };
  }
  return { status, body: apiFault(FAULT_CODES.unexpected, `Injected fault: the service answered ${status}.`), headers };
}

/** A request body read once: its JSON (undefined when empty), or why it is not JSON. */
type ParsedBody = { json: unknown } | { error: string };

function parseBodyText(text: string): ParsedBody {
  try {
    return { json: parseJson(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function bodyEtagOf(parsed: ParsedBody): string | null {
  if ('error' in parsed || typeof parsed.json !== 'object' || parsed.json === null) return null;
  const attributes = lookup(parsed.json as Record<string, unknown>, 'attributes').value;
  if (typeof attributes !== 'object' || attributes === null) return null;
  const etag = lookup(attributes as Record<string, unknown>, 'etag').value;
  return typeof etag === 'string' ? etag : null;
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
