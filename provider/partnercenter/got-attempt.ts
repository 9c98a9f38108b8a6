// One HTTP attempt over got, with got's own retries, redirects and error throwing switched off:
// the retry loop, the status handling and the error messages are ours.
import type { Got } from 'got';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { NetworkError, PartnerCenterError, idsSuffix, statusText, type ErrorService } from './errors';
import { MAX_JSON_DEPTH, jsonNestedDeeperThan } from './json-depth';
import { outboundHttpsAgent } from './outbound-ca';
import { describeSource, type SettingSource } from './options';
import { ACCEPT_ENCODING, readBody } from './response-body';
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
  /** The body as text ("" when it was not read). */
  text: string;
  /**
   * Why the body was not read or cannot be used, as a phrase completing "answered 200 with …":
   * over the size limit, an encoding that does not decode, JSON nested too deep. Undefined when
   * `text` is the whole body.
   */
  unreadable?: string;
}

// got (and its dozen ESM helpers) is loaded on the first API call, not at process start: the
// engines launch the provider several times per command, and most launches never call the API.
let gotLoading: Promise<Got> | undefined;
function loadGot(): Promise<Got> {
  return (gotLoading ??= import('got').then((m) => m.default));
}

// Off unless the provider process turns it on (main.ts): a library user or a test that builds a
// client and ends at once must not have an import still running after it.
let preloadEnabled = false;

/** Lets preloadGot start loading got early; for the provider process only. */
export function enableGotPreload(): void {
  preloadEnabled = true;
}

/**
 * Starts loading got once the current RPC has answered, so that its module set-up overlaps with
 * the engine's work between RPCs (and with `az` at configure) instead of delaying the first API
 * call. Called when a client is built, i.e. only in launches that configure the provider.
 */
export function preloadGot(): void {
  if (!preloadEnabled || gotLoading) return;
  setImmediate(() => void loadGot().catch(() => undefined)); // a failure shows again on the first call
}

// Tells the launcher's code-cache loader (provider/launcher/loader.cjs) that this launch ran the
// API path, so that its cache is completed with that code at exit. A no-op without the loader.
let apiUseAnnounced = false;
function announceApiUse(): void {
  if (apiUseAnnounced) return;
  apiUseAnnounced = true;
  (process as NodeJS.EventEmitter).emit('partnercenter:api-used');
}

/**
 * Sends one request. Resolves for any HTTP status, with the body read within the size limit
 * (response-body.ts); rejects only when no response arrived or its transfer broke.
 */
export async function sendAttempt(a: HttpAttempt): Promise<HttpResult> {
  const got = await loadGot();
  // The launcher's moved NODE_EXTRA_CA_CERTS (outbound-ca.ts), for HTTPS only.
  const httpsAgent = a.url.startsWith('https:') ? outboundHttpsAgent() : undefined;
  // A stream, not got's buffered promise: the body is read and decompressed by readBody, which
  // stops at the limit (got's own decompression has none).
  const stream = got.stream(a.url, {
    method: a.method,
    headers: { 'Accept-Encoding': ACCEPT_ENCODING, ...a.headers },
    body: a.body,
    throwHttpErrors: false,
    followRedirect: false,
    decompress: false,
    retry: { limit: 0 },
    timeout: { request: a.timeoutMs },
    signal: a.signal,
    ...(httpsAgent && { agent: { https: httpsAgent } }),
  });
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    stream.once('response', resolve);
    // Kept for the whole transfer: an error after the response is read by readBody's pipeline,
    // and this listener keeps it from being an unhandled 'error' event meanwhile.
    stream.on('error', reject);
  });
  announceApiUse();
  const status = response.statusCode ?? 0;
  const body = await readBody(stream, {
    contentEncoding: headerValue(response.headers, 'content-encoding'),
    contentLength: headerValue(response.headers, 'content-length'),
  });
  if (body.unreadable !== undefined)
    return { status, headers: response.headers, text: '', unreadable: body.unreadable };
  if (jsonNestedDeeperThan(body.text)) {
    return {
      status,
      headers: response.headers,
      text: '',
      unreadable: `JSON nested deeper than the provider's limit of ${MAX_JSON_DEPTH} levels`,
    };
  }
  return { status, headers: response.headers, text: body.text };
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

/** What a request went to, for the error when no answer came. */
export interface TransportTarget {
  service: ErrorService;
  /** The configured address (base URL or authority host), not the full request URL. */
  url: string;
  /** Where that address came from (options.ts `sources`), so the error names what to fix. */
  source: SettingSource;
}

/**
 * Socket errors that mean nothing connected, so the request never left this machine: no id was
 * sent to anyone, and the fix is the address or this machine's network.
 */
const NOT_CONNECTED: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
]);

/**
 * A failure where no response arrived, as a NetworkError naming the service, its address and
 * where the address came from. Ids are kept only when the request may have gone out. Abort by
 * the caller becomes CancelledError.
 */
export function transportError(
  e: unknown,
  target: TransportTarget,
  signal?: AbortSignal,
  ids: { requestId?: string; correlationId?: string } = {},
): PartnerCenterError {
  if (signal?.aborted) return cancelled();
  if (e instanceof PartnerCenterError) return e;
  const code = errorCode(e) ?? 'unknown error';
  const reason = code === 'ETIMEDOUT' ? 'the request timed out' : e instanceof Error ? e.message : String(e);
  const at = `the ${target.service} at ${target.url} (${code}: ${reason})`;
  const details = { service: target.service, code, retryable: RETRYABLE_NETWORK_CODES.has(code), cause: e };
  if (NOT_CONNECTED.has(code)) {
    const check =
      code === 'ECONNREFUSED'
        ? 'nothing is listening there; check it, and that the service (or the emulator) is running'
        : code === 'ENOTFOUND'
          ? 'its host name does not resolve; check it'
          : "check it, and this machine's network (DNS, proxy, firewall)";
    return new NetworkError(
      `Could not reach ${at}; no request was sent. The address is ${describeSource(target.source)}: ${check}.`,
      target.url,
      false,
      details,
    );
  }
  return new NetworkError(
    `The connection to ${at} failed. The address is ${describeSource(target.source)}.${idsSuffix(ids.requestId, ids.correlationId)}`,
    target.url,
    true,
    { ...details, requestId: ids.requestId, correlationId: ids.correlationId },
  );
}

/** A 3xx other than 304 (which is not a redirect but "use your cached copy"). */
export function isRedirect(status: number): boolean {
  return status >= 300 && status < 400 && status !== 304;
}

/** Where a redirect points, as an origin (scheme, host, port): never its path or query, which may carry anything. */
export function redirectTarget(location: string | undefined, requestUrl: string): string {
  if (!location) return 'no Location';
  try {
    return new URL(location, requestUrl).origin;
  } catch {
    return 'an unreadable Location';
  }
}

export interface RefusedRedirect {
  service: ErrorService;
  /** Who answered, e.g. "Partner Center API at https://…". */
  target: string;
  status: number;
  location?: string;
  requestUrl: string;
  /** What following would have handed over, e.g. "the access token". */
  credentials: string;
  /** What the user should check. */
  hint: string;
  requestId?: string;
  correlationId?: string;
}

/**
 * The error for a redirect we did not follow. Neither Partner Center nor Entra ID redirects these
 * calls, so a 3xx means a wrong base URL or authority, or something in between; following it would
 * resend our credentials to wherever Location points. Not retryable: asking again gets the same answer.
 */
export function redirectError(r: RefusedRedirect): PartnerCenterError {
  const where = redirectTarget(r.location, r.requestUrl);
  const to = where.startsWith('no ') || where.startsWith('an ') ? `with ${where}` : `to ${where}`;
  return new PartnerCenterError(
    `${r.target} answered ${r.status} (${statusText(r.status)}), a redirect ${to}. The provider does not follow redirects, ` +
      `so that ${r.credentials} never reach another address. ${r.hint}${idsSuffix(r.requestId, r.correlationId)}`,
    { service: r.service, status: r.status, requestId: r.requestId, correlationId: r.correlationId, retryable: false },
  );
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
