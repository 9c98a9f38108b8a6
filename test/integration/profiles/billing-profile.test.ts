// The resource's handlers driven directly (no engine) against the emulator over HTTP with the
// real client: the cases an engine run cannot time, such as a write landing between the
// apply's own read and its PUT.
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { EMULATOR_DEFAULTS, startEmulator, type RunningEmulator } from '../../../emulator/server';
import { PartnerCenterClient } from '../../../provider/partnercenter';
import { createProvider } from '../../../provider/provider';
import { PROVIDER_SETTINGS } from '../../../provider/provider-config';
import { ProviderClient, type ProfileApi } from '../../../provider/provider-client';
import { UNKNOWN, type ObjectValue } from '../../../provider/plugin/cty/types';
import type { ResourceContext } from '../../../provider/plugin/kit';
import { config } from '../../support/billing-profile-fixtures';
import { BILLING } from '../../../provider/profiles/specs';
import { conflictSummary } from '../../../provider/profiles/errors';
import { planProfile } from '../../../provider/profiles/plan';
import { profileResource } from '../../../provider/profiles/resource';
import { profileToState } from '../../../provider/profiles/state';
import type { BillingProfile } from '../../../provider/partnercenter';
import { SILENT_LOGGER } from '../../support/resource-context';

const ctxFor = (client: ProviderClient): ResourceContext<ProviderClient> => ({
  signal: new AbortController().signal,
  log: SILENT_LOGGER,
  client,
});

function realClient(url: string): PartnerCenterClient {
  return new PartnerCenterClient({ baseUrl: url, authorityHost: url, ...EMULATOR_DEFAULTS });
}

describe.each(['412', '400-2055'] as const)(
  'a write between the apply read and its PUT (emulator conflicts with %s)',
  (conflictMode) => {
    let emulator: RunningEmulator;
    let admin: EmulatorAdmin;
    beforeAll(async () => {
      emulator = await startEmulator({ port: 0, conflictMode });
      admin = new EmulatorAdmin(emulator.url);
    });
    afterAll(() => emulator.close());

    it('fails with the conflict error naming the field, writes nothing and is not retried', async () => {
      const real = realClient(emulator.url);
      const prior = profileToState(BILLING, await real.getProfile<BillingProfile>(BILLING.shape));
      const cfg = config({ purchase_order_number: 'PO-NEW' });
      const { planned } = planProfile(BILLING, prior, cfg);

      // Someone edits the profile right after the apply's own read.
      let raced = false;
      const racing: ProfileApi = {
        async getProfile(shape, o) {
          const p = await real.getProfile(shape, o);
          if (!raced) {
            raced = true;
            await admin.patchProfile({ taxId: 'OOB-TAX' });
          }
          return p;
        },
        updateProfile: (shape, p, etag, o) => real.updateProfile(shape, p, etag, o),
      };
      const before = await admin.mark();
      const res = await profileResource(BILLING).apply(
        { prior, planned, config: cfg, plannedPrivate: new Uint8Array() },
        ctxFor(ProviderClient.ready(racing)),
      );

      expect(res.state).toBe(prior);
      expect(res.diagnostics).toHaveLength(1);
      const [d] = res.diagnostics;
      expect(d).toMatchObject({ severity: 'error', summary: conflictSummary(BILLING) });
      expect(d.detail).toContain('tax_id: "12-345678" -> "OOB-TAX"');
      expect(d.detail).toContain('Nothing was written');
      expect(d.detail).toContain(conflictMode === '412' ? 'HTTP status: 412' : 'API error code: 2055');
      expect(d.detail).toMatch(/Request id \(MS-RequestId\): \S+/);

      const live = await admin.profile();
      expect(live.taxId).toBe('OOB-TAX');
      expect(live.purchaseOrderNumber).not.toBe('PO-NEW');
      const putStatuses = (await admin.since(before)).api.filter((r) => r.method === 'PUT').map((r) => r.status);
      expect(putStatuses).toEqual([conflictMode === '412' ? 412 : 400]); // one attempt: never retried
    });
  },
);

describe('API errors and provider configuration', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(() => emulator.close());

  it('reports an API validation error with its code, description, status and ids, without tokens', async () => {
    const client = ProviderClient.ready(realClient(emulator.url));
    const ctx = ctxFor(client);
    const prior = profileToState(BILLING, await client.profiles().getProfile(BILLING.shape, {}));
    // Passes our plan-time checks (the phone format is not documented), refused by the API.
    const cfg = config({}, { primary_contact: { phone_number: 'call me maybe' } });
    const { planned } = planProfile(BILLING, prior, cfg);
    const res = await profileResource(BILLING).apply(
      { prior, planned, config: cfg, plannedPrivate: new Uint8Array() },
      ctx,
    );

    expect(res.state).toBe(prior);
    const [d] = res.diagnostics;
    expect(d.summary).toBe('Partner Center API error while updating the billing profile');
    expect(d.detail).toContain('HTTP status: 400');
    expect(d.detail).toContain('API error code: 3000');
    // The description is in the client's message; the facts do not repeat it.
    expect(d.detail?.match(/must be a phone number/g)).toHaveLength(1);
    expect(d.detail).not.toContain('API description:');
    expect(d.detail).toMatch(/Request id \(MS-RequestId\): [0-9a-f-]{36}/);
    expect(d.detail).toMatch(/Correlation id \(MS-CorrelationId\): [0-9a-f-]{36}/);
    expect(d.detail).not.toContain('emulator-refresh-token');
    expect(d.detail).not.toMatch(/eyJ[\w-]+\.eyJ/); // no access token (a JWT)
  });

  it('plans without the API when the provider block is not known yet, and says so when a call needs it', async () => {
    const block: ObjectValue = Object.fromEntries(PROVIDER_SETTINGS.map((s) => [s.attr, null]));
    const provider = createProvider({
      PARTNERCENTER_BASE_URL: emulator.url,
      PARTNERCENTER_CLIENT_ID: 'c',
      PARTNERCENTER_TENANT_ID: 't',
    });
    const { client, diagnostics } = await provider.configure(
      { ...block, refresh_token: UNKNOWN },
      '1.8.5',
      ctxFor(ProviderClient.unavailable('')),
    );
    expect(diagnostics).toEqual([]);
    const ctx = ctxFor(client!);

    const plan = await profileResource(BILLING).plan(
      { prior: null, proposed: config(), config: config({ tax_id: 'T' }), priorPrivate: new Uint8Array() },
      ctx,
    );
    // Planned without a read, which the plan says (billing-profile-create-guard.ts).
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', summary: 'Billing profile not read at plan time' }),
    ]);
    expect(plan.diagnostics[0].detail).toContain('not known until apply (refresh_token)');
    expect(plan.planned.tax_id).toBe('T');

    const read = await profileResource(BILLING).read(
      { state: profileToState(BILLING, { etag: 'e' }), private: new Uint8Array() },
      ctx,
    );
    expect(read.diagnostics).toHaveLength(1);
    expect(read.diagnostics[0].detail).toContain(
      'provider configuration depends on values not known until apply (refresh_token)',
    );
  });

  it('refuses an import id other than "billing", naming the valid one', async () => {
    const res = await profileResource(BILLING).import!(
      'profile-1',
      ctxFor(ProviderClient.ready(realClient(emulator.url))),
    );
    expect(res.state).toBeNull();
    expect(res.diagnostics[0].summary).toBe('Invalid import id "profile-1"');
    expect(res.diagnostics[0].detail).toContain('"billing"');
  });
});
