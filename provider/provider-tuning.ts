// The provider block's numeric tuning settings (request timeout, retries), with their
// PARTNERCENTER_* environment fallbacks and plan-time range checks, turned into the client's
// retry options. Kept apart from the string settings: they are parsed and range-checked.
import type { AttributePath, Diagnostic } from './plugin/kit';
import { Decimal, isUnknown, type ObjectValue, type Value } from './plugin/cty/types';
import { DEFAULT_RETRY_POLICY, type RetryOptions } from './partnercenter/retry';

export interface TuningSetting {
  attr: string;
  env: string;
  min: number;
  max: number;
  description: string;
  /** The client retry options a valid value sets. */
  apply(value: number): RetryOptions;
}

const DEFAULT_TIMEOUT_S = DEFAULT_RETRY_POLICY.requestTimeoutMs / 1000;
const DEFAULT_RETRIES = DEFAULT_RETRY_POLICY.maxAttempts - 1;

export const TUNING_SETTINGS: readonly TuningSetting[] = [
  {
    attr: 'request_timeout_seconds',
    env: 'PARTNERCENTER_REQUEST_TIMEOUT_SECONDS',
    min: 1,
    max: 600,
    description:
      `Seconds one HTTP request to Partner Center may take before it is abandoned and retried (default ${DEFAULT_TIMEOUT_S}, 1 to 600). ` +
      'Falls back to PARTNERCENTER_REQUEST_TIMEOUT_SECONDS.',
    // An operation's whole budget grows with the timeout so that a retry still fits in it.
    apply: (s) => ({ requestTimeoutMs: s * 1000, deadlineMs: Math.max(DEFAULT_RETRY_POLICY.deadlineMs, 2 * s * 1000) }),
  },
  {
    attr: 'max_retries',
    env: 'PARTNERCENTER_MAX_RETRIES',
    min: 0,
    max: 10,
    description:
      `How many times a failed call is retried when the failure is temporary (429, 5xx, a dropped connection, a timeout; default ${DEFAULT_RETRIES}, 0 to 10). ` +
      'A write is retried with the same MS-RequestId, so it is applied at most once. Retries also stop once one call has taken ' +
      'max(60, 2 × request_timeout_seconds) seconds in all. Falls back to PARTNERCENTER_MAX_RETRIES.',
    apply: (n) => ({ maxAttempts: n + 1 }),
  },
];

export interface ResolvedTuning {
  retry: RetryOptions;
  diagnostics: Diagnostic[];
}

function asNumber(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Decimal) return Number(v.text);
  return undefined;
}

function rangeDiagnostic(s: TuningSetting, shown: string, where: string): Diagnostic {
  const path: AttributePath = [s.attr];
  return {
    severity: 'error',
    summary: `Invalid ${s.attr}`,
    detail: `${where} is ${shown}; it must be a whole number from ${s.min} to ${s.max}. Fix "${s.attr}" in the provider block or ${s.env}.`,
    path,
  };
}

/**
 * The retry options of the block (else the environment), and a diagnostic per bad value. An
 * unknown value keeps the default until it is known (only API-calling RPCs would use it).
 */
export function resolveTuning(config: ObjectValue, env: NodeJS.ProcessEnv): ResolvedTuning {
  const retry: RetryOptions = {};
  const diagnostics: Diagnostic[] = [];
  for (const s of TUNING_SETTINGS) {
    const v = config[s.attr] ?? null;
    if (isUnknown(v)) continue;
    // The value, as shown in a message, and where it came from: the block, else the environment.
    let given: { n: number | undefined; shown: string; where: string };
    if (v !== null) {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a number attribute: number, bigint or Decimal (its toString is its text)
      given = { n: asNumber(v), shown: String(v), where: `provider attribute "${s.attr}"` };
    } else {
      const e = env[s.env]?.trim();
      if (!e) continue;
      given = { n: /^\d+$/.test(e) ? Number(e) : undefined, shown: JSON.stringify(e), where: `${s.env} (environment)` };
    }
    const { n } = given;
    if (n === undefined || !Number.isInteger(n) || n < s.min || n > s.max)
      diagnostics.push(rangeDiagnostic(s, given.shown, given.where));
    else Object.assign(retry, s.apply(n));
  }
  return { retry, diagnostics };
}
