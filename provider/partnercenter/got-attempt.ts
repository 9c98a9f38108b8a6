// One HTTP attempt over got, with got's own retries, redirects and error throwing switched off:
// the retry loop, the status handling and the error messages are ours.
import type { Got } from 'got';
import type { IncomingHttpHeaders } from 'node:http';
import { PartnerCenterError, idsSuffix } from './errors';
import { RETRYABLE_NETWORK_CODES, cancelled } from './retry';

export interface HttpAttempt {
  method: 'GET' | 'PUT' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

// got (and its dozen ESM helpers) is loaded on the first API call, not at process start: the
// engines launch the provider several times per command, and most launches never call the API.
let gotLoading: Promise<Got> | undefined;
function loadGot(): Promise<Got> {
  return (gotLoading ??= import('got').then((m) => m.default));
}

/** Sends one request. Resolves for any HTTP status; rejects only when no response arrived. */
export async function sendAttempt(a: HttpAttempt): Promise<HttpResult> {
  const got = await loadGot();
  const res = await got(a.url, {
    method: a.method,
    headers: a.headers,
    body: a.body,
    throwHttpErrors: false,
    followRedirect: false,
    retry: { limit: 0 },
    timeout: { request: a.timeoutMs },
    signal: a.signal,
  });
  return { status: res.statusCode, headers: res.headers, text: res.body };
}

/** The body as JSON when it parses, else the raw text (undefined when empty). */
export function parseBody(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A failure where no response arrived, as a PartnerCenterError. `target` says what we tried to
 * reach ("Partner Center at https://…"). Abort by the caller becomes CancelledError.
 */
export function transportError(e: unknown, target: string, signal?: AbortSignal, ids: { requestId?: string; correlationId?: string } = {}): PartnerCenterError {
  if (signal?.aborted) return cancelled();
  if (e instanceof PartnerCenterError) return e;
  const code = errorCode(e) ?? 'unknown error';
  const timedOut = code === 'ETIMEDOUT';
  const reason = timedOut ? 'the request timed out' : e instanceof Error ? e.message : String(e);
  const hint = code === 'ECONNREFUSED' || code === 'ENOTFOUND' ? ': check the URL, and that the service (or the emulator) is running' : '';
  return new PartnerCenterError(`Could not reach ${target} (${code}: ${reason})${hint}${idsSuffix(ids.requestId, ids.correlationId)}`, {
    code,
    requestId: ids.requestId,
    correlationId: ids.correlationId,
    retryable: RETRYABLE_NETWORK_CODES.has(code),
    cause: e,
  });
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
