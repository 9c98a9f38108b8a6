// Access tokens for the API. Either a ready delegated token given by the user, or the Secure
// Application Model exchange: a stored App+User refresh token traded at Entra ID for an access
// token, cached until shortly before it expires.
import { MAX_SHOWN_TOKEN, displayText } from './display-text';
import { AuthenticationError, PartnerCenterError, statusText, type ErrorService } from './errors';
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
import { describeSource, type SettingSource, type SourcedOption } from './options';
import type { Redactor } from './redact';
import { RETRYABLE_STATUSES, cancelled, parseRetryAfterMs } from './retry';
import { getIgnoringCase } from './wire';

export interface AccessTokenSource {
  getToken(signal?: AbortSignal): Promise<string>;
  /** Drops the current token after the API refused it; true when a fresh one can be obtained. */
  invalidate(): boolean;
}

/** A token given as is: used until the API refuses it, never refreshed. */
export class StaticAccessToken implements AccessTokenSource {
  constructor(private readonly token: string) {}
  getToken(): Promise<string> {
    return Promise.resolve(this.token);
  }
  invalidate(): boolean {
    return false;
  }
}

export interface RefreshTokenExchangeConfig {
  authorityHost: string;
  /** Where each setting came from (options.ts), so that a refusal names what to fix. */
  sources: Record<SourcedOption, SettingSource>;
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  /** The delegated API scope; offline_access is added so a new refresh token comes back. */
  scope: string;
  requestTimeoutMs: number;
  log: ClientLogger;
  redactor: Redactor;
  now?: () => number;
}

/** A cached token is dropped this long before Entra ID says it expires (clock skew, slow calls). */
export const EXPIRY_MARGIN_MS = 60_000;

const ENTRA: ErrorService = 'Microsoft Entra ID token endpoint';

export class RefreshTokenExchange implements AccessTokenSource {
  private cached?: { token: string; expiresAt: number };
  private inflight?: Promise<string>;
  private refreshToken: string;
  private readonly now: () => number;
  readonly tokenUrl: string;

  constructor(private readonly cfg: RefreshTokenExchangeConfig) {
    this.refreshToken = cfg.refreshToken;
    this.now = cfg.now ?? Date.now;
    this.tokenUrl = `${cfg.authorityHost}/${encodeURIComponent(cfg.tenantId)}/oauth2/v2.0/token`;
    cfg.redactor.remember(cfg.refreshToken);
    cfg.redactor.remember(cfg.clientSecret);
  }

  async getToken(signal?: AbortSignal): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt - EXPIRY_MARGIN_MS) return this.cached.token;
    // Concurrent callers share one exchange.
    this.inflight ??= this.exchange().finally(() => (this.inflight = undefined));
    return raceAbort(this.inflight, signal);
  }

  invalidate(): boolean {
    this.cached = undefined;
    return true;
  }

  private async exchange(): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: this.refreshToken,
      client_id: this.cfg.clientId,
      scope: `${this.cfg.scope} offline_access`,
    });
    if (this.cfg.clientSecret) form.set('client_secret', this.cfg.clientSecret);
    const { log, redactor } = this.cfg;
    const path = new URL(this.tokenUrl).pathname;
    const target = `the ${ENTRA} at ${this.cfg.authorityHost}`;
    log.trace('Entra ID token request', { url: this.tokenUrl, body: redactor.text(form.toString()) });
    const started = performance.now();
    let res;
    try {
      res = await sendAttempt({
        method: 'POST',
        url: this.tokenUrl,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
        timeoutMs: this.cfg.requestTimeoutMs,
      });
    } catch (e) {
      log.debug('Entra ID token exchange', {
        method: 'POST',
        path,
        error: errorCode(e),
        duration_ms: elapsed(started),
      });
      throw transportError(e, { service: ENTRA, url: this.cfg.authorityHost, source: this.cfg.sources.authorityHost });
    }
    const body = res.unreadable === undefined ? parseBody(res.text) : undefined;
    log.debug('Entra ID token exchange', { method: 'POST', path, status: res.status, duration_ms: elapsed(started) });
    log.trace('Entra ID token response', {
      status: res.status,
      body: res.unreadable === undefined ? redactor.value(body) : `(not read: ${res.unreadable})`,
    });

    if (isRedirect(res.status)) {
      const error = redirectError({
        service: ENTRA,
        target: `${ENTRA} at ${this.cfg.authorityHost}`,
        status: res.status,
        location: headerValue(res.headers, 'location'),
        requestUrl: this.tokenUrl,
        credentials: 'the refresh token and client secret',
        hint: "Check the authority host: it must be the Entra ID authority's own address.",
      });
      throw error; // its texts are redacted where every error leaves the transport
    }
    if (res.status < 200 || res.status >= 300)
      throw this.failure(res.status, body, headerValue(res.headers, 'retry-after'), res.unreadable);
    if (res.unreadable !== undefined) {
      // Like an unreadable 2xx of the API to a read: asking again is safe (the refresh token
      // stays valid until a new one is read), and the answer may have been spoilt on the way.
      throw new PartnerCenterError(`${target} answered ${res.status} with ${res.unreadable}`, {
        service: ENTRA,
        status: res.status,
        retryable: true,
      });
    }
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const token = getIgnoringCase(fields, 'access_token');
    if (typeof token !== 'string' || !token) {
      throw new AuthenticationError(`${target} answered ${res.status} without an access_token`, {
        service: ENTRA,
        status: res.status,
      });
    }
    redactor.remember(token);
    const rotated = getIgnoringCase(fields, 'refresh_token');
    if (typeof rotated === 'string' && rotated) {
      // Entra ID may rotate the refresh token; keep the newest (in memory only).
      redactor.remember(rotated);
      this.refreshToken = rotated;
    }
    const expiresIn = Number(getIgnoringCase(fields, 'expires_in'));
    this.cached = { token, expiresAt: this.now() + (Number.isFinite(expiresIn) ? expiresIn * 1000 : 0) };
    return token;
  }

  private failure(status: number, body: unknown, retryAfter?: string, unreadable?: string): PartnerCenterError {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const { redactor } = this.cfg;
    const error =
      typeof fields.error === 'string'
        ? displayText(redactor.text(fields.error), MAX_SHOWN_TOKEN).trim() || undefined
        : undefined;
    const rawDescription =
      unreadable !== undefined
        ? `its body was not read: ${unreadable}`
        : typeof fields.error_description === 'string'
          ? fields.error_description
          : typeof body === 'string'
            ? body
            : '';
    // Entra ID descriptions run over several lines (trace ids, timestamps): keep the first,
    // redacted before it is cut (a cut must not leave half a secret), cleared of control
    // characters (display-text.ts); the message built from it is redacted again where every error
    // leaves the transport (http.ts).
    const description =
      displayText(redactor.text(rawDescription.split(/\r?\n/)[0].trim())).replace(/\.+$/, '') || statusText(status);
    // Entra ID's own ids for the failed request (what Microsoft support asks for), when it gives them.
    const ids = { requestId: idField(fields, 'trace_id'), correlationId: idField(fields, 'correlation_id') };
    if (RETRYABLE_STATUSES.has(status)) {
      return new PartnerCenterError(`${ENTRA} returned ${status}: ${description}`, {
        service: ENTRA,
        status,
        code: error,
        description,
        retryable: true,
        retryAfterMs: parseRetryAfterMs(retryAfter),
        ...ids,
      });
    }
    const known = OAUTH_HINTS[error ?? ''];
    const hint = known?.hint ?? 'Check the tenant id, client id, client secret and refresh token.';
    return new AuthenticationError(
      `Microsoft Entra ID refused the refresh-token exchange for tenant ${this.cfg.tenantId} (${status}${error ? ` ${error}` : ''}): ${description}. ${hint} ${this.settingsUsed(known?.settings)}`,
      { service: ENTRA, status, code: error, description, ...ids },
    );
  }

  /** "Settings used: refresh_token from …, …." for `settings` (all when undefined) that are set. */
  private settingsUsed(settings: readonly SourcedOption[] = ALL_EXCHANGE_SETTINGS): string {
    const set = settings.filter((s) => s !== 'clientSecret' || this.cfg.clientSecret !== undefined);
    return `Settings used: ${set.map((s) => describeSource(this.cfg.sources[s])).join(', ')}.`;
  }
}

/** The settings the exchange uses, in the order a refusal lists them. */
const ALL_EXCHANGE_SETTINGS: readonly SourcedOption[] = [
  'refreshToken',
  'clientId',
  'clientSecret',
  'tenantId',
  'authorityHost',
];

/** Per OAuth error: the fix, and the settings that can be at fault. */
const OAUTH_HINTS: Record<string, { hint: string; settings: readonly SourcedOption[] }> = {
  invalid_grant: {
    hint: 'The refresh token is invalid, expired or revoked, or belongs to another client or tenant: obtain a new App+User refresh token (Secure Application Model consent).',
    settings: ['refreshToken', 'clientId', 'tenantId'],
  },
  invalid_client: {
    hint: 'The client id or client secret is wrong, or the app needs a client secret.',
    settings: ['clientId', 'clientSecret'],
  },
  unauthorized_client: {
    hint: 'This client id may not use the refresh-token grant here: check the app registration and the tenant id.',
    settings: ['clientId', 'tenantId'],
  },
  invalid_request: { hint: 'Check the tenant id and the authority host.', settings: ['tenantId', 'authorityHost'] },
  invalid_scope: {
    hint: 'The app registration lacks the delegated Partner Center permission (user_impersonation).',
    settings: ['clientId'],
  },
};

/** An id field of Entra ID's error body, when it is a short text. */
function idField(fields: Record<string, unknown>, name: string): string | undefined {
  const v = getIgnoringCase(fields, name);
  return typeof v === 'string' && v.trim() && v.length <= 100 ? v.trim() : undefined;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

/** Waits for `promise`, but rejects with CancelledError as soon as `signal` aborts. */
function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
