// The client against a real emulator over HTTP: reads, ETag-guarded writes, conflicts, headers.
import { ConflictError, PartnerCenterError, type PartnerCenterClientOptions } from '../../../provider/partnercenter';
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/server';
import { emulatorClient } from '../../support/emulator-client';
import { BILLING } from '../../../provider/profiles/specs';
import type { BillingProfile } from '../../../provider/partnercenter';

let emu: RunningEmulator;
let admin: EmulatorAdmin;

async function start(opts: EmulatorOptions = {}) {
  emu = await startEmulator(opts);
  admin = new EmulatorAdmin(emu.url);
}

const client = (extra: Partial<PartnerCenterClientOptions> = {}) => emulatorClient(emu, extra);

afterEach(() => emu?.close());

describe('billing profile through the client', () => {
  beforeEach(() => start());

  it('reads the profile with its etag', async () => {
    const profile = await client().getProfile<BillingProfile>(BILLING.shape);
    const stored = await admin.profile();
    expect(profile).toMatchObject({
      companyName: 'Contoso Partner Ltd',
      billingCurrency: 'USD',
      billingDay: 1,
      profileType: 'billing_profile',
    });
    expect(profile.address).toMatchObject({ city: 'Redmond', state: 'WA', country: 'US' });
    expect(profile.etag).toBe(stored.attributes.etag);
  });

  it('writes with the etag and returns the new version, which a later read sees', async () => {
    const c = client();
    const before = await c.getProfile<BillingProfile>(BILLING.shape);
    const after = await c.updateProfile<BillingProfile>(
      BILLING.shape,
      { ...before, purchaseOrderNumber: 'PO-9', address: { ...before.address, addressLine2: 'Suite 5' } },
      before.etag,
    );
    expect(after).toMatchObject({ purchaseOrderNumber: 'PO-9', address: { addressLine2: 'Suite 5' } });
    expect(after.etag).not.toBe(before.etag);
    expect(await c.getProfile<BillingProfile>(BILLING.shape)).toEqual(after);
  });

  it('gets a new etag on every write', async () => {
    const c = client();
    const v1 = await c.getProfile<BillingProfile>(BILLING.shape);
    const v2 = await c.updateProfile<BillingProfile>(BILLING.shape, { ...v1, taxId: 'T-2' }, v1.etag);
    const v3 = await c.updateProfile<BillingProfile>(BILLING.shape, { ...v2, taxId: 'T-3' }, v2.etag);
    expect(new Set([v1.etag, v2.etag, v3.etag]).size).toBe(3);
  });

  it('clears a field sent as ""', async () => {
    const c = client();
    const before = await c.getProfile<BillingProfile>(BILLING.shape);
    const after = await c.updateProfile<BillingProfile>(
      BILLING.shape,
      { ...before, purchaseOrderNumber: '' },
      before.etag,
    );
    expect(after.purchaseOrderNumber).toBeUndefined();
    expect((await admin.profile()).purchaseOrderNumber).toBeUndefined();
  });

  it('refuses a stale etag with ConflictError, writes nothing and does not retry', async () => {
    const c = client();
    const before = await c.getProfile<BillingProfile>(BILLING.shape);
    const error = await c
      .updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'NEW' }, 'stale-etag')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 412, code: 2055 });
    expect((error as Error).message).toMatch(
      /^Partner Center API returned 412 \(code 2055\): Etag is no longer valid.*\[request id [0-9a-f-]{36}, correlation id [0-9a-f-]{36}\]$/,
    );
    const stored = await admin.profile();
    expect(stored.taxId).toBe(before.taxId);
    expect(stored.attributes.etag).toBe(before.etag);
    expect((await admin.requests()).filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('sees an out-of-band edit, and a write based on the old etag is a conflict', async () => {
    const c = client();
    const before = await c.getProfile<BillingProfile>(BILLING.shape);
    await admin.patchProfile({ address: { city: 'Bellevue' }, taxId: 'OOB' });
    const live = await c.getProfile<BillingProfile>(BILLING.shape);
    expect(live).toMatchObject({
      taxId: 'OOB',
      address: { city: 'Bellevue', addressLine1: before.address!.addressLine1 },
    });
    expect(live.etag).not.toBe(before.etag);
    await expect(
      c.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'MINE' }, before.etag),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await admin.profile()).taxId).toBe('OOB');
  });

  it('lets exactly one of two concurrent writes with the same etag win', async () => {
    const c = client();
    const before = await c.getProfile<BillingProfile>(BILLING.shape);
    const results = await Promise.allSettled(
      ['A', 'B'].map((po) =>
        c.updateProfile<BillingProfile>(BILLING.shape, { ...before, purchaseOrderNumber: po }, before.etag),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(ConflictError);
    const winner = (won[0] as PromiseFulfilledResult<{ purchaseOrderNumber?: string }>).value.purchaseOrderNumber;
    expect((await admin.profile()).purchaseOrderNumber).toBe(winner);
  });

  it('refuses a change to a read-only field with a 400 naming it, without retrying', async () => {
    const c = client();
    const before = await c.getProfile<BillingProfile>(BILLING.shape);
    const error = await c
      .updateProfile<BillingProfile>(BILLING.shape, { ...before, companyName: 'Fabrikam' }, before.etag)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect(error).not.toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 400, code: 3000 });
    expect((error as Error).message).toMatch(/companyName is read-only/);
    expect(await admin.requests()).toHaveLength(2);
  });

  it('sends the Partner Center headers on every call', async () => {
    const c = client({ locale: 'de-DE', application: 'tests/1.0' });
    const before = await c.getProfile<BillingProfile>(BILLING.shape);
    await c.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'H-1' }, before.etag);
    const [get, put] = await admin.requests();
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const call of [get, put]) {
      expect(call.headers).toMatchObject({
        authorization: 'Bearer [redacted]',
        accept: 'application/json',
        'ms-contract-version': 'v1',
        'x-locale': 'de-DE',
        'ms-partnercenter-application': 'tests/1.0',
      });
      expect(call.requestId).toMatch(uuid);
      expect(call.correlationId).toMatch(uuid);
    }
    expect(get.requestId).not.toBe(put.requestId);
    expect(put.headers['content-type']).toBe('application/json');
    expect(put.ifMatch).toBe(`"${before.etag}"`);
    expect(put.bodyEtag).toBe(before.etag);
  });
});

describe('conflict modes', () => {
  it('reports a stale etag as 400 code 2055 in 400-2055 mode, still a ConflictError', async () => {
    await start({ conflictMode: '400-2055' });
    const c = client();
    const before = await c.getProfile<BillingProfile>(BILLING.shape);
    await admin.patchProfile({ taxId: 'OOB' });
    const error = await c
      .updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'MINE' }, before.etag)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 400, code: 2055 });
    expect((await admin.profile()).taxId).toBe('OOB');
  });
});
