// The API transport: one logical operation = one MS-RequestId, sent until it succeeds, fails for
// good, runs out of attempts or hits its deadline. Every attempt gets the standard Partner Center
// headers, a fresh MS-CorrelationId, one debug log line, and trace lines with redacted bodies.
import { randomUUID } from 'node:crypto';
import type { AccessTokenSource } from './auth';
import { errorFromApiResponse } from './api-fault';
import { htmlTitle } from './html';
import { MAX_SHOWN_TOKEN, displayText } from './display-text';
import { CancelledError, PartnerCenterError, idsSuffix, withNote, type ErrorService } from './errors';
import {
  errorCode,
  headerValue,
  isRedirect,
  parseBody,
  preloadGot,
  redirectError,
  sendAttempt,
  transportError,
  type HttpResult,
  type TransportTarget,
} from './got-attempt';
import type { ClientLogger } from './logger';
import type { SettingSource } from './options';
import type { Redactor } from './redact';
import { MAY_HAVE_ARRIVED, backoffDelayMs, cancelled, sleep, type RetryPolicy } from './retry';

const API: ErrorService = 'Partner Center API';

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
  /** Where baseUrl came from (options.ts `sources`), for the error when nothing answers there. */
  baseUrlSource: SettingSource;
  tokens: AccessTokenSource;
  locale: string;
  application: string;
  policy: RetryPolicy;
  log: ClientLogger;
  redactor: Redactor;
}

export class ApiTransport {
  constructor(private readonly cfg: ApiTransportConfig) {
    preloadGot();
  }

  async send(req: ApiRequest, signal?: AbortSignal): Promise<ApiResponse> {
    const requestId = randomUUID();
    return this.operation(
      { request_id: requestId },
      (attempt, deadline) => this.attempt(req, requestId, attempt, deadline, signal),
      signal,
    );
  }

  /**
   * The access token the API calls send, obtained (or taken from the cache) with the retries of
   * an API call, for a caller that reads its claims (token-claims.ts). Never log it.
   */
  async accessToken(signal?: AbortSignal): Promise<string> {
    const { token } = await this.operation({}, async () => ({ token: await this.cfg.tokens.getToken(signal) }), signal);
    return token;
  }

  /** One operation: `attempt` until it succeeds, fails for good, runs out of attempts or time. */
  private async operation<T extends object>(
    ids: { request_id?: string },
    attemptOnce: (attempt: number, deadline: number) => Promise<T | { error: PartnerCenterError }>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const { policy, log, redactor } = this.cfg;
    const deadline = Date.now() + policy.deadlineMs;
    let refreshedAfter401 = false;
    // A write whose request may have reached the service without an answer coming back (attempt()
    // marks those errors) may have been applied: the final error says so, whatever it is.
    let answerLost = false;
    // Every error leaves through here: the one place its texts are cleared of tokens and secrets
    // (API descriptions, token endpoint answers, transport messages alike), then of control
    // characters and cut to a length worth reading (display-text.ts): redacted first, so that a
    // cut never splits a secret and lets half of it through.
    const fail = (error: PartnerCenterError): PartnerCenterError => {
      if (answerLost) error.outcomeUnknown = true;
      error.message = displayText(redactor.text(error.message), MAX_SHOWN_MESSAGE);
      if (error.description) error.description = displayText(redactor.text(error.description));
      if (typeof error.code === 'string') error.code = displayText(redactor.text(error.code), MAX_SHOWN_TOKEN);
      if (error.requestId) error.requestId = displayText(error.requestId, MAX_SHOWN_TOKEN);
      if (error.correlationId) error.correlationId = displayText(error.correlationId, MAX_SHOWN_TOKEN);
      return error;
    };
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw fail(cancelled());
      // A failed attempt, answered or not (no response, token failure), is one error to decide on.
      const res = await attemptOnce(attempt, deadline).catch((e: unknown) => ({
        error: e instanceof PartnerCenterError ? e : transportError(e, this.target(), signal),
      }));
      if (!('error' in res)) return res;
      const { error } = res;
      if (error.outcomeUnknown) answerLost = true;
      // A token the API refuses may have been revoked before its expiry: get a new one, once.
      if (error.status === 401 && !refreshedAfter401 && this.cfg.tokens.invalidate()) {
        refreshedAfter401 = true;
        log.debug('Partner Center API refused the access token; refreshing it and trying again', ids);
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
        ...ids,
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

  private target(): TransportTarget {
    return { service: API, url: this.cfg.baseUrl, source: this.cfg.baseUrlSource };
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
      const error = transportError(e, this.target(), signal, { requestId, correlationId });
      // The write may have arrived when the connection broke or timed out after sending, or when
      // the caller cancelled it in flight; not when nothing could connect (refused, unknown host).
      if (write && (error instanceof CancelledError || MAY_HAVE_ARRIVED.has(String(error.code))))
        error.outcomeUnknown = true;
      throw error;
    }
    log.debug('Partner Center API call', {
      ...line,
      status: res.status,
      duration_ms: Math.round(performance.now() - started),
    });
    // The service echoes our ids; prefer what it says in case it generated its own.
    const ids = {
      requestId: echoedId(headerValue(res.headers, 'ms-requestid')) ?? requestId,
      correlationId: echoedId(headerValue(res.headers, 'ms-correlationid')) ?? correlationId,
    };
    const success = res.status >= 200 && res.status < 300;
    try {
      return this.answer(res, ids, line, write, url);
    } catch (e) {
      // A 2xx that some later step could not digest is an unreadable 2xx like any other, not a
      // failure to reach the service.
      if (!success) throw e;
      return unreadableSuccess(res.status, `an answer the provider could not process (${String(e)})`, ids, write);
    }
  }

  /** What one response means: the 2xx answer, or the error describing any other. */
  private answer(
    res: HttpResult,
    ids: { requestId: string; correlationId: string },
    line: Record<string, unknown>,
    write: boolean,
    url: string,
  ): ApiResponse | { error: PartnerCenterError } {
    const { log, redactor } = this.cfg;
    const parsed = res.unreadable === undefined ? parseBody(res.text) : undefined;
    log.trace('Partner Center API response body', {
      ...line,
      status: res.status,
      body: res.unreadable === undefined ? redactor.value(parsed) : `(not read: ${res.unreadable})`,
    });
    if (res.status >= 200 && res.status < 300) {
      const problem =
        res.unreadable ?? notAJsonObject(redactor.text(res.text), parsed, headerValue(res.headers, 'content-type'));
      if (!problem) return { status: res.status, body: parsed, ...ids };
      return unreadableSuccess(res.status, problem, ids, write);
    }
    if (isRedirect(res.status)) {
      const error = redirectError({
        service: API,
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
      unreadable: res.unreadable,
      retryAfter: headerValue(res.headers, 'retry-after'),
      redact: (text) => redactor.text(text),
      ...ids,
    });
    // A gateway that gave up waiting (502, 504) or a request timeout (408) may come after the
    // service applied the write.
    if (write && GATEWAY_GAVE_UP.has(res.status)) error.outcomeUnknown = true;
    return { error };
  }
}

const GATEWAY_GAVE_UP: ReadonlySet<number> = new Set([408, 502, 504]);

/** The longest error message shown; its API parts are cut shorter where they are built. */
const MAX_SHOWN_MESSAGE = 2_000;

/** An id header the service echoed, fit to show; undefined when absent or nothing is left of it. */
function echoedId(value: string | undefined): string | undefined {
  const shown = value === undefined ? '' : displayText(value.trim(), MAX_SHOWN_TOKEN);
  return shown || undefined;
}

/**
 * A 2xx whose body is not the JSON object every success of this API is, for whatever reason (not
 * JSON, empty, an HTML page, too large, not decompressible, nested too deep): it came from
 * something in between (a proxy, a cut connection). A read is safe to try again; a write may
 * have been applied, so it is not sent again blind and is reported as possibly applied.
 */
function unreadableSuccess(
  status: number,
  problem: string,
  ids: { requestId: string; correlationId: string },
  write: boolean,
): { error: PartnerCenterError } {
  const message =
    `Partner Center API answered ${status} with ${problem} instead of a JSON object` +
    (write ? '; the update may have been applied' : '') +
    idsSuffix(ids.requestId, ids.correlationId);
  return {
    error: new PartnerCenterError(message, { service: API, status, ...ids, retryable: !write, outcomeUnknown: write }),
  };
}

/** Why a 2xx body is not the JSON object the API documents, or undefined when it is one. */
export function notAJsonObject(text: string, parsed: unknown, contentType: string | undefined): string | undefined {
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return undefined;
  if (!text.trim()) return 'an empty body';
  if (typeof parsed === 'string') {
    const title = htmlTitle(text);
    if (title !== undefined) return `an HTML page ("${title}"), as a proxy or gateway sends`;
    const type = displayText(contentType?.split(';')[0].trim() ?? '', MAX_SHOWN_TOKEN);
    const kind = /json/i.test(type) ? 'malformed JSON' : `a ${type ? `${type} ` : ''}body that is not JSON`;
    return `${kind} (${JSON.stringify(text.slice(0, 60))}${text.length > 60 ? '…' : ''})`;
  }
  return `JSON that is not an object (${Array.isArray(parsed) ? 'an array' : typeof parsed})`;
}
