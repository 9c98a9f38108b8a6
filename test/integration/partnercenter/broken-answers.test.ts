// Answers that are not what the API documents (an empty body, malformed JSON, a proxy's HTML page)
// and answers lost after the call took effect: a read is retried, a write is never applied twice
// and never reported as done when its outcome is unknown.
import { PartnerCenterError, type PartnerCenterClientOptions } from '../../../provider/partnercenter';
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { startEmulator, type RunningEmulator } from '../../../emulator/server';
import { fastRetryClient } from '../../support/emulator-client';
import { BILLING } from '../../../provider/profiles/specs';
import type { BillingProfile } from '../../../provider/partnercenter';

let emu: RunningEmulator;
let admin: EmulatorAdmin;

beforeEach(async () => {
  emu = await startEmulator();
  admin = new EmulatorAdmin(emu.url);
});
afterEach(() => emu.close());

const client = (retry: PartnerCenterClientOptions['retry'] = {}, extra: Partial<PartnerCenterClientOptions> = {}) =>
  fastRetryClient(emu, retry, extra);

/** What `call` rejects with (or resolves to, which the assertions on it then reject). */
const failureOf = (call: Promise<unknown>) => call.catch((e: unknown) => e) as Promise<PartnerCenterError>;

const applied = async () => (await admin.requests()).filter((r) => r.applied);

describe.each(['malformed-json', 'html', 'empty'] as const)('a 200 with a %s body', (body) => {
  it('is retried for a read, with the same request id', async () => {
    await admin.injectFault({ body, count: 2, method: 'GET' });
    const profile = await client().getProfile<BillingProfile>(BILLING.shape);
    expect(profile.companyName).toBe('Contoso Partner Ltd');
    const calls = await admin.requests();
    expect(calls.map((c) => c.fault ?? 'ok')).toEqual(['body', 'body', 'ok']);
    expect(new Set(calls.map((c) => c.requestId)).size).toBe(1);
  });

  it('fails a read with a clear message once the retries are spent', async () => {
    await admin.injectFault({ body, count: 5, method: 'GET' });
    const err = await failureOf(client({ maxAttempts: 3 }).getProfile<BillingProfile>(BILLING.shape));
    expect(err).toBeInstanceOf(PartnerCenterError);
    const what = {
      'malformed-json': 'malformed JSON',
      html: 'an HTML page ("502 Bad Gateway")',
      empty: 'an empty body',
    }[body];
    expect(err.message).toContain(`Partner Center API answered 200 with ${what}`);
    expect(err.message).toContain('gave up after 3 attempts');
    expect(err.outcomeUnknown).toBe(false);
  });

  it('after a write took effect: not sent again, reported as possibly applied, applied once', async () => {
    const c = client();
    const before = await c.getProfile<BillingProfile>(BILLING.shape);
    await admin.injectFault({ body, method: 'PUT', afterProcessing: true });
    const err = await failureOf(
      c.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: `TAX-${body}` }, before.etag),
    );
    expect(err).toBeInstanceOf(PartnerCenterError);
    expect(err.message).toContain('the update may have been applied');
    expect(err.outcomeUnknown).toBe(true);
    expect(err.retryable).toBe(false);
    const puts = (await admin.requests()).filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(await applied()).toHaveLength(1);
    expect((await admin.profile()).taxId).toBe(`TAX-${body}`);
  });
});

it('a PUT whose answer is lost after it took effect is retried with the same request id and applied once', async () => {
  const c = client();
  const before = await c.getProfile<BillingProfile>(BILLING.shape);
  await admin.injectFault({ reset: true, method: 'PUT', afterProcessing: true });
  const after = await c.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'LOST-ANSWER' }, before.etag);
  expect(after.taxId).toBe('LOST-ANSWER');
  const puts = (await admin.requests()).filter((r) => r.method === 'PUT');
  expect(puts.map((p) => [p.fault ?? null, p.applied ?? false, p.replayed ?? false])).toEqual([
    ['reset-after', true, false],
    [null, false, true],
  ]);
  expect(puts[0].requestId).toBe(puts[1].requestId);
  expect((await admin.profile()).attributes.etag).toBe(after.etag);
});

it('a PUT slower than the request timeout is retried, and the late original is not applied a second time', async () => {
  const c = client({ requestTimeoutMs: 200 });
  const before = await c.getProfile<BillingProfile>(BILLING.shape);
  await admin.injectFault({ delayMs: 600, method: 'PUT' });
  const after = await c.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'SLOW' }, before.etag);
  expect(after.taxId).toBe('SLOW');
  // Wait for the delayed original to be processed (its record gets a status then).
  for (let i = 0; i < 100 && (await admin.requests()).some((r) => r.method === 'PUT' && r.status === null); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const puts = (await admin.requests()).filter((r) => r.method === 'PUT');
  expect(puts.every((p) => p.status === 200)).toBe(true);
  expect(puts.filter((p) => p.applied)).toHaveLength(1);
  expect(puts.filter((p) => p.replayed)).toHaveLength(puts.length - 1);
  expect((await admin.profile()).attributes.etag).toBe(after.etag);
});

it('a PUT that never gets an answer fails saying it may have been applied', async () => {
  const c = client({ maxAttempts: 2 });
  const before = await c.getProfile<BillingProfile>(BILLING.shape);
  await admin.injectFault({ reset: true, count: 2, method: 'PUT', afterProcessing: true });
  const err = await failureOf(
    c.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'NO-ANSWER' }, before.etag),
  );
  expect(err.message).toContain('gave up after 2 attempts');
  expect(err.outcomeUnknown).toBe(true);
  expect(await applied()).toHaveLength(1);
  expect((await admin.profile()).taxId).toBe('NO-ANSWER');
});

it('a 502 HTML page from a proxy is retried and described, not dumped', async () => {
  await admin.injectFault({ body: 'html', status: 502, count: 5, method: 'GET' });
  const err = await failureOf(client({ maxAttempts: 2 }).getProfile<BillingProfile>(BILLING.shape));
  expect(err.status).toBe(502);
  expect(err.message).toContain('an HTML page ("502 Bad Gateway") answered instead of Partner Center');
  expect(err.message).not.toContain('<html>');
  expect((await admin.requests()).map((r) => r.status)).toEqual([502, 502]);
});

it('a method-filtered fault leaves the other method alone', async () => {
  await admin.injectFault({ status: 503, count: 1, method: 'PUT' });
  const c = client();
  const before = await c.getProfile<BillingProfile>(BILLING.shape); // not faulted
  await c.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'FILTERED' }, before.etag);
  expect((await admin.requests()).map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'PUT 503', 'PUT 200']);
});

it('a PUT that could not connect at all is not reported as possibly applied', async () => {
  const c = client({ maxAttempts: 1 });
  const before = await c.getProfile<BillingProfile>(BILLING.shape);
  const closed = await startEmulator();
  await closed.close(); // nothing listens on its port any more
  const offline = fastRetryClient(closed, { maxAttempts: 1 });
  const err = await failureOf(
    offline.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'NEVER-SENT' }, before.etag),
  );
  expect(err.code).toBe('ECONNREFUSED');
  expect(err.outcomeUnknown).toBe(false);
});

it('a PUT answered 504 by a gateway is reported as possibly applied, a 503 is not', async () => {
  const c = client({ maxAttempts: 1 });
  const before = await c.getProfile<BillingProfile>(BILLING.shape);
  await admin.injectFault({ status: 504, method: 'PUT' });
  const gateway = await failureOf(
    c.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'T' }, before.etag),
  );
  expect([gateway.status, gateway.outcomeUnknown]).toEqual([504, true]);
  await admin.injectFault({ status: 503, method: 'PUT' });
  const unavailable = await failureOf(
    c.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'T' }, before.etag),
  );
  expect([unavailable.status, unavailable.outcomeUnknown]).toEqual([503, false]);
});
