// The API transport: one logical operation = one MS-RequestId, sent until it succeeds, fails for
// good, runs out of attempts or hits its deadline. Every attempt gets the standard Partner Center
// headers, a fresh MS-CorrelationId, one debug log line, and trace lines with redacted bodies.
import { randomUUID } from 'node:crypto';
import type { AccessTokenSource } from './auth';
import { errorFromApiResponse } from './api-fault';
import { htmlTitle } from './html';
import { CancelledError, PartnerCenterError, idsSuffix, withNote } from './errors';
import {
  errorCode,
  headerValue,
  isRedirect,
  parseBody,
  redirectError,
  sendAttempt,
  transportError,
} from './got-attempt';
import type { ClientLogger } from './logger';
import type { Redactor } from './redact';
import { MAY_HAVE_ARRIVED, backoffDelayMs, cancelled, sleep, type RetryPolicy } from './retry';

export interface ApiRequest {
  method: 'GET' | 'PUT';
  /** Path under the base URL, e.g. /v1/profiles/billing. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  requestId: string;
  correlationId: string;
}

export interface ApiTransportConfig {
  baseUrl: string;
  tokens: AccessTokenSource;
  locale: string;
  application: string;
  policy: RetryPolicy;
  log: ClientLogger;
  redactor: Redactor;
}

export class ApiTransport {
  constructor(private readonly cfg: ApiTransportConfig) {}

  async send(req: ApiRequest, signal?: AbortSignal): Promise<ApiResponse> {
    const { policy, log, redactor } = this.cfg;
    const requestId = randomUUID();
    const deadline = Date.now() + policy.deadlineMs;
    let refreshedAfter401 = false;
    // A write whose request may have reached the service without an answer coming back (attempt()
    // marks those errors) may have been applied: the final error says so, whatever it is.
    let answerLost = false;
    // Every error leaves through here: the one place its texts are cleared of tokens and secrets
    // (API descriptions, token endpoint answers, transport messages alike).
    const fail = (error: PartnerCenterError): PartnerCenterError => {
      if (answerLost) error.outcomeUnknown = true;
      error.message = redactor.text(error.message);
      if (error.description) error.description = redactor.text(error.description);
      return error;
    };
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw fail(cancelled());
      // A failed attempt, answered or not (no response, token failure), is one error to decide on.
      const res = await this.attempt(req, requestId, attempt, deadline, signal).catch((e: unknown) => ({
        error: e instanceof PartnerCenterError ? e : transportError(e, `Partner Center at ${this.cfg.baseUrl}`, signal),
      }));
      if (!('error' in res)) return res;
      const { error } = res;
      if (error.outcomeUnknown) answerLost = true;
      // A token the API refuses may have been revoked before its expiry: get a new one, once.
      if (error.status === 401 && !refreshedAfter401 && this.cfg.tokens.invalidate()) {
        refreshedAfter401 = true;
        log.debug('Partner Center API refused the access token; refreshing it and trying again', {
          request_id: requestId,
        });
        continue;
      }
      if (error instanceof CancelledError || !error.retryable) throw fail(error);
      if (attempt >= policy.maxAttempts) throw fail(withNote(error, `gave up after ${attempt} attempts`));
      const delay =
        error.retryAfterMs !== undefined
          ? Math.min(error.retryAfterMs, policy.maxRetryAfterMs)
          : backoffDelayMs(attempt, policy);
      if (Date.now() + delay >= deadline) {
        throw fail(
          withNote(
            error,
            `gave up after ${attempt} attempts: the ${policy.deadlineMs} ms deadline would pass before the next one`,
          ),
        );
      }
      log.debug('Partner Center API call will be retried', {
        request_id: requestId,
        attempt,
        delay_ms: delay,
        reason: error.status ?? error.code,
      });
      try {
        await sleep(delay, signal);
      } catch (e) {
        throw fail(e as PartnerCenterError); // cancelled while waiting: an earlier attempt may have landed
      }
    }
  }

  /** One attempt: a response (2xx) or the error describing a non-2xx one. Throws when no response came. */
  private async attempt(
    req: ApiRequest,
    requestId: string,
    attempt: number,
    deadline: number,
    signal: AbortSignal | undefined,
  ): Promise<ApiResponse | { error: PartnerCenterError }> {
    const { log, redactor } = this.cfg;
    const token = await this.cfg.tokens.getToken(signal);
    const correlationId = randomUUID();
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'MS-RequestId': requestId,
      'MS-CorrelationId': correlationId,
      'MS-Contract-Version': 'v1',
      'X-Locale': this.cfg.locale,
      'MS-PartnerCenter-Application': this.cfg.application,
      ...req.headers,
    };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['Content-Type'] = 'application/json';
    }
    const line = { method: req.method, path: req.path, attempt, request_id: requestId, correlation_id: correlationId };
    if (body !== undefined) log.trace('Partner Center API request body', { ...line, body: redactor.value(req.body) });

    const started = performance.now();
    const url = `${this.cfg.baseUrl}${req.path}`;
    const write = req.method !== 'GET';
    let res;
    try {
      res = await sendAttempt({
        method: req.method,
        url,
        headers,
        body,
        timeoutMs: Math.max(1, Math.min(this.cfg.policy.requestTimeoutMs, deadline - Date.now())),
        signal,
      });
    } catch (e) {
      log.debug('Partner Center API call', {
        ...line,
        error: errorCode(e),
        duration_ms: Math.round(performance.now() - started),
      });
      const error = transportError(e, `Partner Center at ${this.cfg.baseUrl}`, signal, { requestId, correlationId });
      // The write may have arrived when the connection broke or timed out after sending, or when
      // the caller cancelled it in flight; not when nothing could connect (refused, unknown host).
      if (write && (error instanceof CancelledError || MAY_HAVE_ARRIVED.has(String(error.code))))
        error.outcomeUnknown = true;
      throw error;
    }
    const parsed = parseBody(res.text);
    log.debug('Partner Center API call', {
      ...line,
      status: res.status,
      duration_ms: Math.round(performance.now() - started),
    });
    log.trace('Partner Center API response body', { ...line, status: res.status, body: redactor.value(parsed) });

    // The service echoes our ids; prefer what it says in case it generated its own.
    const ids = {
      requestId: headerValue(res.headers, 'ms-requestid') ?? requestId,
      correlationId: headerValue(res.headers, 'ms-correlationid') ?? correlationId,
    };
    if (res.status >= 200 && res.status < 300) {
      const problem = notAJsonObject(res.text, parsed, headerValue(res.headers, 'content-type'));
      if (!problem) return { status: res.status, body: parsed, ...ids };
      // Every success of this API is a JSON object. Anything else came from something in between
      // (a proxy, a cut connection): a read is safe to try again; a write may have been applied,
      // so it is not sent again blind.
      const message =
        `Partner Center API answered ${res.status} with ${problem} instead of a JSON object` +
        (write ? '; the update may have been applied' : '') +
        idsSuffix(ids.requestId, ids.correlationId);
      return {
        error: new PartnerCenterError(message, {
          status: res.status,
          ...ids,
          retryable: !write,
          outcomeUnknown: write,
        }),
      };
    }
    if (isRedirect(res.status)) {
      const error = redirectError({
        target: `Partner Center API at ${this.cfg.baseUrl}`,
        status: res.status,
        location: headerValue(res.headers, 'location'),
        requestUrl: url,
        credentials: 'the access token and the request',
        hint: "Check the API base URL: it must be the API's own address.",
        ...ids,
      });
      return { error };
    }
    const error = errorFromApiResponse({
      status: res.status,
      body: parsed,
      retryAfter: headerValue(res.headers, 'retry-after'),
      ...ids,
    });
    // A gateway that gave up waiting (502, 504) or a request timeout (408) may come after the
    // service applied the write.
    if (write && GATEWAY_GAVE_UP.has(res.status)) error.outcomeUnknown = true;
    return { error };
  }
}

const GATEWAY_GAVE_UP: ReadonlySet<number> = new Set([408, 502, 504]);

/** Why a 2xx body is not the JSON object the API documents, or undefined when it is one. */
export function notAJsonObject(text: string, parsed: unknown, contentType: string | undefined): string | undefined {
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return undefined;
  if (!text.trim()) return 'an empty body';
  if (typeof parsed === 'string') {
    const title = htmlTitle(text);
    if (title !== undefined) return `an HTML page ("${title}"), as a proxy or gateway sends`;
    const kind = /json/i.test(contentType ?? '')
      ? 'malformed JSON'
      : `a ${contentType ? `${contentType.split(';')[0]} ` : ''}body that is not JSON`;
    return `${kind} (${JSON.stringify(text.slice(0, 60))}${text.length > 60 ? '…' : ''})`;
  }
  return `JSON that is not an object (${Array.isArray(parsed) ? 'an array' : typeof parsed})`;
}
