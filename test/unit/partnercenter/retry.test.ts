import { CancelledError, ConfigurationError } from '../../../provider/partnercenter/errors';
import {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  parseRetryAfterMs,
  resolveRetryPolicy,
  sleep,
} from '../../../provider/partnercenter/retry';

describe('backoffDelayMs', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };

  it('grows exponentially up to the cap (upper bound with jitter at its maximum)', () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, policy, top))).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('uses full jitter: anywhere from 0', () => {
    expect(backoffDelayMs(4, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(4, policy, () => 0.5)).toBe(400);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfterMs('57')).toBe(57_000);
    expect(parseRetryAfterMs(' 1.5 ')).toBe(1500);
  });
  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfterMs('Mon, 01 Jan 2024 00:00:10 GMT', now)).toBe(10_000);
    // A date already past asks for no wait: the normal backoff applies (retry-after.test.ts).
    expect(parseRetryAfterMs('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBeUndefined();
  });
  it('is undefined when absent or unreadable', () => {
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
    expect(parseRetryAfterMs('soon')).toBeUndefined();
  });
});

describe('resolveRetryPolicy', () => {
  it('fills in defaults and keeps given values', () => {
    expect(resolveRetryPolicy({ maxAttempts: 2 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
  });
  it('names the bad field', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(ConfigurationError);
    expect(() => resolveRetryPolicy({ baseDelayMs: -1 })).toThrow(/retry\.baseDelayMs must be a number >= 0, got -1/);
    expect(() => resolveRetryPolicy({ deadlineMs: Number.NaN })).toThrow(/retry\.deadlineMs/);
  });
});

describe('sleep', () => {
  it('rejects with CancelledError when the signal aborts during the wait', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
  });
  it('rejects at once for an already aborted signal', async () => {
    await expect(sleep(60_000, AbortSignal.abort())).rejects.toBeInstanceOf(CancelledError);
  });
  it('resolves after the wait', async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
  });
});
