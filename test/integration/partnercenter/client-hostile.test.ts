// The client against a hostile or broken server (test/support/hostile-api.ts): answers that would
// fill memory (a gzip bomb, an endless body) fail at the response size limit with memory staying
// bounded; a 2xx that does not decode (bad gzip, bad brotli, JSON nested 100,000 levels) is an
// unreadable 2xx like malformed JSON (a read retried, a write reported as possibly applied), not
// "Could not reach"; API texts reach the caller without control characters and cut; and a
// Retry-After that asks for no wait falls back to the normal backoff.
import {
  AuthenticationError,
  PartnerCenterClient,
  PartnerCenterError,
  type PartnerCenterClientOptions,
} from '../../../provider/partnercenter';
import { HOSTILE_REQUEST_ID, startHostileApi, type HostileAnswer, type HostileApi } from '../../support/hostile-api';
import { BILLING } from '../../../provider/profiles/specs';
import type { BillingProfile } from '../../../provider/partnercenter';

jest.setTimeout(60_000);

let api: HostileApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const MIB = 1024 * 1024;
const PROFILE = { companyName: 'Contoso', taxId: 'T-1' };

function client(url: string, retry: PartnerCenterClientOptions['retry'] = {}, auth: 'access' | 'refresh' = 'access') {
  const credentials =
    auth === 'access'
      ? { accessToken: 'hostile-test-access-token' }
      : { tenantId: 'contoso.onmicrosoft.com', clientId: 'client-1', refreshToken: 'hostile-test-refresh-token' };
  return new PartnerCenterClient({
    baseUrl: url,
    authorityHost: url,
    ...credentials,
    retry: { baseDelayMs: 1, maxDelayMs: 10, requestTimeoutMs: 20_000, deadlineMs: 50_000, ...retry },
  });
}

/** What `call` rejects with (a resolved value fails the assertions made on it). */
const failureOf = (call: Promise<unknown>) => call.catch((e: unknown) => e) as Promise<PartnerCenterError>;

/** `call`'s failure and how far the process's resident memory rose above where it started meanwhile. */
async function withPeakRss(call: Promise<unknown>): Promise<{ error: PartnerCenterError; growthMb: number }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const error = await failureOf(call);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { error, growthMb: (peak - before) / MIB };
  } finally {
    clearInterval(sampler);
  }
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/; // eslint-disable-line no-control-regex

describe('an answer larger than the response size limit', () => {
  it('a gzip bomb (2 GiB inflated) fails the read at the 8 MiB limit, memory bounded, the download cut short', async () => {
    api = await startHostileApi({ api: { kind: 'gzip-bomb' } });
    const { error, growthMb } = await withPeakRss(
      client(api.url, { maxAttempts: 2 }).getProfile<BillingProfile>(BILLING.shape),
    );
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect(error.message).toContain(
      "Partner Center API answered 200 with a body over the provider's 8 MiB response size limit",
    );
    expect(error.message).toContain('once decompressed');
    expect(error.message).not.toContain('Could not reach');
    expect(growthMb).toBeLessThan(200);
    // Retried like any unreadable 2xx of a read, each attempt stopped early: far from the 2 GiB
    // the server would have produced for each.
    expect(api.requests).toHaveLength(2);
    expect(api.bytesProduced()).toBeLessThan(2 * 200 * MIB);
  });

  it('an endless chunked body fails at the limit with memory bounded', async () => {
    api = await startHostileApi({ api: { kind: 'endless' } });
    const { error, growthMb } = await withPeakRss(
      client(api.url, { maxAttempts: 1 }).getProfile<BillingProfile>(BILLING.shape),
    );
    expect(error.message).toContain("with a body over the provider's 8 MiB response size limit (as sent)");
    expect(growthMb).toBeLessThan(200);
    expect(api.bytesSent()).toBeLessThan(100 * MIB);
  });

  it('a gzip bomb from the token endpoint fails the exchange at the limit with memory bounded', async () => {
    api = await startHostileApi({ token: { kind: 'gzip-bomb' } });
    const { error, growthMb } = await withPeakRss(
      client(api.url, { maxAttempts: 1 }, 'refresh').getProfile<BillingProfile>(BILLING.shape),
    );
    expect(error.message).toContain('Entra ID token endpoint at http://127.0.0.1:' /* port */);
    expect(error.message).toContain("answered 200 with a body over the provider's 8 MiB response size limit");
    expect(growthMb).toBeLessThan(200);
    expect(api.bytesProduced()).toBeLessThan(200 * MIB);
  });
});

const UNREADABLE: [string, HostileAnswer, string][] = [
  ['a bad gzip body', { kind: 'bad-gzip' }, 'a gzip body that does not decompress (Z_DATA_ERROR'],
  ['a cut brotli body', { kind: 'bad-brotli' }, 'a br body that does not decompress'],
  ['JSON nested 100,000 levels', { kind: 'deep-json' }, "JSON nested deeper than the provider's limit of 64 levels"],
  ['a gzip bomb', { kind: 'gzip-bomb' }, "a body over the provider's 8 MiB response size limit"],
];

describe.each(UNREADABLE)('a 200 with %s is an unreadable 2xx', (_name, answer, what) => {
  it('a read is retried, then fails saying what was wrong with the answer', async () => {
    api = await startHostileApi({ api: answer });
    const error = await failureOf(client(api.url, { maxAttempts: 3 }).getProfile<BillingProfile>(BILLING.shape));
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect(error.message).toContain(`Partner Center API answered 200 with ${what}`);
    expect(error.message).toContain('gave up after 3 attempts');
    expect(error.message).not.toContain('Could not reach');
    expect(error.outcomeUnknown).toBe(false);
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
  });

  it('a write is not sent again and is reported as possibly applied', async () => {
    api = await startHostileApi({ api: answer });
    const error = await failureOf(
      client(api.url, { maxAttempts: 3 }).updateProfile<BillingProfile>(BILLING.shape, PROFILE, 'etag-1'),
    );
    expect(error.message).toContain(`Partner Center API answered 200 with ${what}`);
    expect(error.message).toContain('the update may have been applied');
    expect(error.outcomeUnknown).toBe(true);
    expect(error.retryable).toBe(false);
    expect(api.requests.map((r) => r.method)).toEqual(['PUT']);
  });
});

describe('API texts reach the caller without control characters, cut to a readable length', () => {
  it('a 400 whose code, description and request id carry terminal escapes, with a 5 MB description', async () => {
    api = await startHostileApi({ api: { kind: 'escapes' } });
    const error = await failureOf(client(api.url).getProfile<BillingProfile>(BILLING.shape));
    expect(error.status).toBe(400);
    for (const text of [error.message, error.description, String(error.code), error.requestId]) {
      expect(text).not.toMatch(CONTROL);
    }
    // The fake engine line is text inside the message, not a line of its own.
    expect(error.message).toContain('Apply complete!');
    expect(error.description!.length).toBeLessThanOrEqual(501);
    expect(error.message.length).toBeLessThanOrEqual(2001);
    expect(String(error.code).length).toBeLessThanOrEqual(101);
    expect(error.requestId!.length).toBeLessThanOrEqual(101);
    expect(error.requestId).toBe(`2J${'r'.repeat(98)}…`);
    expect(HOSTILE_REQUEST_ID.length).toBeGreaterThan(10_000);
  });

  it("the token endpoint's error and error_description", async () => {
    api = await startHostileApi({ token: { kind: 'escapes' } });
    const error = await failureOf(client(api.url, {}, 'refresh').getProfile<BillingProfile>(BILLING.shape));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('Entra ID refused the refresh-token exchange');
    for (const text of [error.message, error.description, String(error.code)]) expect(text).not.toMatch(CONTROL);
    expect(error.description!.length).toBeLessThanOrEqual(501);
    expect(error.message.length).toBeLessThanOrEqual(2001);
  });
});

describe.each([
  ['-5', '-5'],
  ['a past HTTP date', 'Sun, 06 Nov 1994 08:49:37 GMT'],
  // Not an HTTP date, but Date.parse takes it for 1 January 2001.
  ['an unparsable value', 'garbage 1'],
])('a 429 with Retry-After %s', (_name, value) => {
  it('falls back to the normal backoff instead of retrying at once', async () => {
    api = await startHostileApi({ api: { kind: 'retry-after', value } });
    // Backoff steps of 200 ms (full jitter: each wait anywhere in [0, 200]); seven waits summing
    // to under 100 ms has a chance of about 1 in 650,000. Without the fallback they are ~0 each.
    const error = await failureOf(
      client(api.url, {
        maxAttempts: 8,
        baseDelayMs: 200,
        maxDelayMs: 200,
        maxRetryAfterMs: 30_000,
      }).getProfile<BillingProfile>(BILLING.shape),
    );
    expect(error.status).toBe(429);
    expect(error.message).toContain('gave up after 8 attempts');
    const times = api.requests.map((r) => r.at);
    expect(times).toHaveLength(8);
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(100);
  });
});
