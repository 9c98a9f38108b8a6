// The envelope of every /v1 call: ids echoed (generated when absent), the call recorded in the
// request log, injected faults applied first (or, for the after-processing ones, to the answer);
// then the profile routes answer (routes/profiles.ts: bearer check, PUT replay, the profile).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { apiFault, FAULT_CODES } from '../api-fault';
import { lookup } from '../binding';
import type { BrokenBody } from '../faults';
import { BodyTooLargeError, header, parseJson, readBody, sendJson, sendText } from '../http-io';
import { LOGGED_BODY_MAX, type ApiCallRecord } from '../request-log';
import type { EmulatorState } from '../state';
import { answerProfileCall, type ParsedBody, type Reply } from './profiles';

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

  const fault = state.faults.take(record.method, path);
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

  const reply = answerProfileCall(state, req, record, parsed, sentRequestId);
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
