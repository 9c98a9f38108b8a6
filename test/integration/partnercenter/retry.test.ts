// Retries against injected faults: throttling, server errors, dropped connections, timeouts,
// and the cases that must not be retried. Waits are kept short through the retry options.
import {
  CancelledError,
  NetworkError,
  PartnerCenterClient,
  PartnerCenterError,
  type PartnerCenterClientOptions,
} from '../../../provider/partnercenter';
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

async function putsInLog() {
  return (await admin.requests()).filter((r) => r.method === 'PUT');
}

it('waits out two 429s and applies the PUT exactly once, with one request id on every attempt', async () => {
  const c = client();
  const before = await c.getProfile<BillingProfile>(BILLING.shape);
  await admin.injectFault({ status: 429, count: 2, retryAfter: 1 });
  const after = await c.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'AFTER-429' }, before.etag);
  expect(after.taxId).toBe('AFTER-429');

  const puts = await putsInLog();
  expect(puts.map((p) => p.status)).toEqual([429, 429, 200]);
  expect(new Set(puts.map((p) => p.requestId)).size).toBe(1);
  expect(new Set(puts.map((p) => p.correlationId)).size).toBe(3);
  expect(puts.filter((p) => p.status === 200 && !p.replayed)).toHaveLength(1);
  expect((await admin.profile()).attributes.etag).toBe(after.etag);
});

it('retries a 503', async () => {
  await admin.injectFault({ status: 503, count: 1 });
  const profile = await client().getProfile<BillingProfile>(BILLING.shape);
  expect(profile.companyName).toBe('Contoso Partner Ltd');
  const calls = await admin.requests();
  expect(calls.map((r) => r.status)).toEqual([503, 200]);
  expect(calls[0].requestId).toBe(calls[1].requestId);
});

it('retries after the connection is reset', async () => {
  const c = client();
  const before = await c.getProfile<BillingProfile>(BILLING.shape);
  await admin.injectFault({ reset: true, count: 1 });
  const after = await c.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'AFTER-RESET' }, before.etag);
  expect(after.taxId).toBe('AFTER-RESET');
  const puts = await putsInLog();
  expect(puts.map((p) => [p.status, p.fault])).toEqual([
    [null, 'reset'],
    [200, undefined],
  ]);
});

it('applies a PUT once when the first attempt timed out but was processed: the retry is replayed', async () => {
  const c = client({ requestTimeoutMs: 150 });
  const before = await c.getProfile<BillingProfile>(BILLING.shape);
  await admin.injectFault({ delayMs: 600, count: 1 });
  const after = await c.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'ONCE' }, before.etag);

  // Wait until the delayed first attempt has been processed too.
  let puts = await putsInLog();
  for (let i = 0; i < 50 && puts.some((p) => p.status === null); i++) {
    await new Promise((r) => setTimeout(r, 50));
    puts = await putsInLog();
  }
  expect(puts).toHaveLength(2);
  expect(puts[0].requestId).toBe(puts[1].requestId);
  expect(puts.filter((p) => p.replayed)).toHaveLength(1);
  expect(puts.every((p) => p.status === 200)).toBe(true);
  expect((await admin.profile()).attributes.etag).toBe(after.etag);
});

it('does not retry a 400', async () => {
  const c = client();
  const before = await c.getProfile<BillingProfile>(BILLING.shape);
  const error = await c
    .updateProfile<BillingProfile>(
      BILLING.shape,
      { ...before, primaryContact: { ...before.primaryContact, email: 'not-an-email' } },
      before.etag,
    )
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PartnerCenterError);
  expect(error).toMatchObject({ status: 400, code: 3000 });
  expect((error as Error).message).toMatch(/primaryContact\.email/);
  expect(await putsInLog()).toHaveLength(1);
});

it('gives up after maxAttempts and says so', async () => {
  await admin.injectFault({ status: 503, count: 10 });
  const error = await client({ maxAttempts: 3 })
    .getProfile<BillingProfile>(BILLING.shape)
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 503 });
  expect((error as Error).message).toMatch(
    /\(gave up after 3 attempts\) \[request id [0-9a-f-]{36}, correlation id [0-9a-f-]{36}\]$/,
  );
  expect(await admin.requests()).toHaveLength(3);
});

it('stops when the next wait would pass the deadline', async () => {
  await admin.injectFault({ status: 429, count: 5, retryAfter: 5 });
  const error = await client({ maxRetryAfterMs: 5_000, deadlineMs: 1_000 })
    .getProfile<BillingProfile>(BILLING.shape)
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 429 });
  expect((error as Error).message).toMatch(/Rate limit is exceeded.*1000 ms deadline/);
  expect(await admin.requests()).toHaveLength(1);
});

it('cancels a retry wait when the signal aborts', async () => {
  await admin.injectFault({ status: 429, count: 1, retryAfter: 30 });
  const controller = new AbortController();
  const pending = client({ maxRetryAfterMs: 30_000 }).getProfile<BillingProfile>(BILLING.shape, {
    signal: controller.signal,
  });
  while ((await admin.requests()).length === 0) await new Promise((r) => setTimeout(r, 10));
  controller.abort();
  await expect(pending).rejects.toBeInstanceOf(CancelledError);
});

it('cancels a request in flight when the signal aborts', async () => {
  await admin.injectFault({ delayMs: 2_000, count: 1 });
  const controller = new AbortController();
  const pending = client().getProfile<BillingProfile>(BILLING.shape, { signal: controller.signal });
  while ((await admin.requests()).length === 0) await new Promise((r) => setTimeout(r, 10));
  controller.abort();
  await expect(pending).rejects.toBeInstanceOf(CancelledError);
  expect(await admin.requests()).toHaveLength(1);
});

it('does not retry a refused connection and says what to check', async () => {
  const lines: Record<string, unknown>[] = [];
  const url = emu.url;
  await emu.close();
  const c = new PartnerCenterClient({
    baseUrl: url,
    accessToken: 'x'.repeat(20),
    log: { debug: (_m, f) => lines.push(f ?? {}), trace() {} },
  });
  const error = await c.getProfile<BillingProfile>(BILLING.shape).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NetworkError);
  expect(error).toMatchObject({ service: 'Partner Center API', code: 'ECONNREFUSED', sent: false });
  expect((error as Error).message).toMatch(
    new RegExp(
      `^Could not reach the Partner Center API at ${url} \\(ECONNREFUSED.*no request was sent\\. The address is baseUrl from the client options: nothing is listening there; check it`,
    ),
  );
  // It never left this machine: no ids to quote.
  expect(error).toMatchObject({ requestId: undefined, correlationId: undefined });
  expect((error as Error).message).not.toMatch(/request id|correlation id/);
  expect(lines.filter((f) => f.attempt !== undefined)).toHaveLength(1);
  emu = await startEmulator(); // for afterEach
});
