// Retry policy: which failures are worth another attempt and how long to wait before it.
// Pure functions (plus an abortable sleep) so the policy is unit-tested without a network.
import { CancelledError, ConfigurationError } from './errors';

export interface RetryOptions {
  /** Attempts per operation, the first included. Default 5. */
  maxAttempts?: number;
  /** First backoff step. Default 250 ms. */
  baseDelayMs?: number;
  /** Largest backoff step. Default 5 s. */
  maxDelayMs?: number;
  /** Longest wait a 429 Retry-After may impose. Default 30 s. */
  maxRetryAfterMs?: number;
  /** Timeout of one HTTP attempt. Default 30 s. */
  requestTimeoutMs?: number;
  /** Budget of a whole operation, retries and waits included. Default 60 s. */
  deadlineMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
  requestTimeoutMs: 30_000,
  deadlineMs: 60_000,
};

export function resolveRetryPolicy(opts: RetryOptions = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY };
  for (const key of Object.keys(DEFAULT_RETRY_POLICY) as (keyof RetryPolicy)[]) {
    const value = opts[key];
    if (value === undefined) continue;
    const min = key === 'maxAttempts' || key === 'requestTimeoutMs' || key === 'deadlineMs' ? 1 : 0;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
      throw new ConfigurationError(`retry.${key}`, `retry.${key} must be a number >= ${min}, got ${String(value)}`);
    }
    policy[key] = value;
  }
  return policy;
}

/** HTTP statuses that mean "try again later". A 429 waits its Retry-After instead of the backoff. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Connection failures worth retrying: the request may not have arrived, or the answer was lost.
 * ECONNREFUSED and ENOTFOUND are deliberately absent: nothing listens at that address (a wrong
 * base URL, or the emulator is not running), and waiting up to the deadline would only delay a
 * clear error. PUT retries are safe because every retry carries the same MS-RequestId.
 */
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Of those, the failures after which a request that was sent may still have been processed. */
export const MAY_HAVE_ARRIVED: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Capped exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(n-1))]. */
export function backoffDelayMs(retryNumber: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.floor(random() * ceiling);
}

// The three date forms HTTP allows (RFC 9110 §5.6.7): IMF-fixdate, RFC 850, asctime. Date.parse
// alone would take almost anything ("-5" is a year), so a header must look like one of them.
const HTTP_DATE =
  /^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

/**
 * Retry-After as a wait in milliseconds: delta-seconds or an HTTP date. Undefined, so that the
 * normal backoff applies, when absent, unreadable, negative, zero or a date already past: a
 * server that asks for no wait at all would otherwise get every attempt at once.
 */
export function parseRetryAfterMs(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Math.round(Number(text) * 1000);
  // asctime carries no zone: it is GMT too, not the local time Date.parse would assume.
  else if (HTTP_DATE.test(text)) ms = Date.parse(text.endsWith('GMT') ? text : `${text} GMT`) - now;
  else return undefined;
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** Waits `ms`, rejecting with CancelledError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function cancelled(): CancelledError {
  return new CancelledError('The Partner Center operation was cancelled');
}
