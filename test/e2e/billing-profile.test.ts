// partnercenter_billing_profile end to end: the real engines run the built provider against an
// in-process emulator over HTTP. The steps of one engine share a working dir and run in order.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EmulatorAdmin, type LogMark } from '../../emulator/admin-client';
import type { ApiCallRecord } from '../../emulator/request-log';
import { EMULATOR_DEFAULTS, type RunningEmulator } from '../../emulator/server';
import { profileFromWire } from '../../provider/partnercenter';
import { describeEachEngine } from '../support/engines';
import { createEmulatorWorkdir, workdirFor, type EmulatorWorkdir } from '../support/emulator-workdir';
import { flatOutput, TfWorkdir, type RunResult } from '../support/tf-workdir';
import { BILLING } from '../../provider/profiles/specs';
import { profileToState } from '../../provider/profiles/state';

const FIXTURES = path.join(__dirname, 'fixtures', 'billing');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

const REFRESH_TOKEN = EMULATOR_DEFAULTS.refreshToken;
const APPLY = ['apply', '-auto-approve', '-input=false'];
const STEP_TIMEOUT = 180_000;
const RESOURCE = 'partnercenter_billing_profile.this';

const text = flatOutput;

/** Neither the refresh token nor an access token, nor an engine consistency complaint. */
function expectNoSecretsOrProtocolErrors(r: RunResult & { log?: string }): void {
  for (const out of [r.log ?? '', r.stdout, r.stderr]) {
    expect(out).not.toContain(REFRESH_TOKEN);
    expect(out).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+/); // emulator access tokens (JWTs)
    expect(out).not.toMatch(/inconsistent|invalid plan/i);
  }
}

function resourceState(wd: TfWorkdir): Record<string, unknown> {
  const res = wd
    .readState()
    .resources.find((r: any) => r.mode === 'managed' && r.type === 'partnercenter_billing_profile');
  return res.instances[0].attributes;
}

describeEachEngine('partnercenter_billing_profile', (engine) => {
  let setup: EmulatorWorkdir | undefined;
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  let wd: TfWorkdir;

  /** The live profile as the resource's state would hold it (read with the default tenant's credentials). */
  const liveAsState = async () => ({
    ...profileToState(BILLING, profileFromWire(BILLING.shape, await admin.profile())),
    tenant_id: EMULATOR_DEFAULTS.tenantId,
  });
  /** Index of the next API call record, to look at the calls of one step only. */
  const mark = () => admin.mark();
  const callsSince = async (m: LogMark): Promise<ApiCallRecord[]> => (await admin.since(m)).api;
  const puts = (calls: ApiCallRecord[]) => calls.filter((c) => c.method === 'PUT');

  beforeAll(async () => {
    setup = await createEmulatorWorkdir(engine, {
      'providers.tf': fixture('providers.tf'),
      'main.tf': fixture('managed.tf'),
    });
    ({ emulator, admin, wd } = setup);
  }, STEP_TIMEOUT);

  afterAll(() => setup?.dispose());

  test(
    'first apply adopts the profile and sets the managed fields with one If-Match PUT',
    async () => {
      const before = await admin.profile();
      const m = await mark();
      // Traced: this apply exchanges the refresh token for an access token.
      const apply = await wd.run(APPLY, { log: 'trace' });
      expectNoSecretsOrProtocolErrors(apply);

      const live = await admin.profile();
      expect(live.purchaseOrderNumber).toBe('PO-TF-0001');
      expect(live.taxId).toBe('98-7654321');
      expect(live.address.addressLine1).toBe('1 Terraform Way');
      expect(live.primaryContact.email).toBe('finance@contoso-partner.example');
      // Unmanaged fields untouched.
      expect(live.address.city).toBe(before.address.city);
      expect(live.primaryContact.firstName).toBe(before.primaryContact.firstName);

      const writes = puts(await callsSince(m));
      expect(writes).toHaveLength(1);
      expect(writes[0].status).toBe(200);
      expect(writes[0].ifMatch).toBe(`"${before.attributes.etag}"`);
      expect(writes[0].bodyEtag).toBe(before.attributes.etag);
      expect(resourceState(wd)).toEqual(await liveAsState());
    },
    STEP_TIMEOUT,
  );

  test(
    'a second plan is empty',
    async () => {
      const plan = await wd.run(['plan', '-detailed-exitcode'], { allowExitCodes: [0] });
      expect(plan.stdout).toContain('No changes');
    },
    STEP_TIMEOUT,
  );

  test(
    'TF_LOG=debug shows one line per API call with method, path, status, duration and ids',
    async () => {
      const plan = await wd.run(['plan'], { log: 'debug' });
      const calls = plan.log.split('\n').filter((l) => l.includes('Partner Center API call'));
      expect(calls.length).toBeGreaterThanOrEqual(1);
      for (const line of calls) {
        expect(line).toMatch(/method=GET/);
        expect(line).toMatch(/path=\/v1\/profiles\/billing/);
        expect(line).toMatch(/status=200/);
        expect(line).toMatch(/duration_ms=\d+/);
        expect(line).toMatch(/request_id=[0-9a-f-]{36}/);
        expect(line).toMatch(/correlation_id=[0-9a-f-]{36}/);
      }
      expectNoSecretsOrProtocolErrors(plan);
    },
    STEP_TIMEOUT,
  );

  test(
    'the data source reads the live profile',
    async () => {
      const outputs = JSON.parse((await wd.run(['output', '-json'])).stdout);
      const live = await admin.profile();
      expect(outputs.live_company_name.value).toBe(live.companyName);
      expect(outputs.live_purchase_order_number.value).toBe('PO-TF-0001');
    },
    STEP_TIMEOUT,
  );

  test(
    'drift in a managed field plans an update naming it; apply restores it without leaking secrets',
    async () => {
      await admin.patchProfile({ primaryContact: { email: 'oob-1@contoso-partner.example' } });
      const plan = await wd.run(['plan', '-detailed-exitcode'], { allowExitCodes: [2] });
      expect(text(plan)).toMatch(/email\s*= "oob-1@contoso-partner\.example" -> "finance@contoso-partner\.example"/);
      // -refresh-only shows the same drift as a state update, with no action planned.
      const refreshOnly = await wd.run(['plan', '-refresh-only', '-detailed-exitcode'], { allowExitCodes: [2] });
      expect(text(refreshOnly)).toMatch(
        /email\s*= "finance@contoso-partner\.example" -> "oob-1@contoso-partner\.example"/,
      );
      expect(text(refreshOnly)).not.toMatch(/Plan: \d+ to add/);

      const apply = await wd.run(APPLY, { log: 'trace' });
      expect((await admin.profile()).primaryContact.email).toBe('finance@contoso-partner.example');
      // The provider's own log lines reach the engine's log, and none carries a credential.
      expect(apply.log).toContain('Partner Center');
      expectNoSecretsOrProtocolErrors(apply);
    },
    STEP_TIMEOUT,
  );

  test(
    'drift in an unmanaged field plans nothing',
    async () => {
      await admin.patchProfile({ address: { city: 'Bellevue' }, primaryContact: { phoneNumber: '+1 425 555 0199' } });
      await wd.run(['plan', '-detailed-exitcode'], { allowExitCodes: [0] });
    },
    STEP_TIMEOUT,
  );

  test(
    'an out-of-band edit between plan and apply fails the apply and is kept',
    async () => {
      await admin.patchProfile({ primaryContact: { email: 'oob-2@contoso-partner.example' } });
      const m = await mark();
      await wd.run(['plan', '-out=plan.out'], { allowExitCodes: [0] });
      await admin.patchProfile({ primaryContact: { email: 'oob-3@contoso-partner.example' } });

      const apply = await wd.run(['apply', '-input=false', 'plan.out'], { allowExitCodes: [1] });
      const out = text(apply);
      expect(out).toContain('Billing profile changed outside Terraform since the plan');
      expect(out).toContain(
        'primary_contact.email: "oob-2@contoso-partner.example" -> "oob-3@contoso-partner.example"',
      );
      expect(out).toContain('Nothing was written');
      expect(out).toMatch(/plan again/);
      expect((await admin.profile()).primaryContact.email).toBe('oob-3@contoso-partner.example');
      expect(puts(await callsSince(m))).toEqual([]);

      // A fresh plan sees the new value, and applying it restores the configured one.
      await wd.run(APPLY);
      expect((await admin.profile()).primaryContact.email).toBe('finance@contoso-partner.example');
    },
    STEP_TIMEOUT,
  );

  test(
    'a read-only field in config fails at plan, naming it, without calling the API',
    async () => {
      await wd.writeFile('main.tf', fixture('read-only.tf'));
      try {
        const m = await mark();
        const plan = await wd.run(['plan'], { allowExitCodes: [1] });
        const out = text(plan);
        expect(out).toContain('company_name is read-only');
        expect(out).toContain('address.country is read-only');
        expect(out).toContain('Partner Center dashboard');
        expect(await callsSince(m)).toEqual([]);
      } finally {
        await wd.writeFile('main.tf', fixture('managed.tf'));
      }
    },
    STEP_TIMEOUT,
  );

  test(
    '429s and a 503 on the PUT are retried into exactly one effective PUT',
    async () => {
      await wd.writeFile('main.tf', fixture('managed.tf').replace('PO-TF-0001', 'PO-TF-0002'));
      // Without refresh, the apply makes one GET and then the PUT: let the GET through (a zero
      // delay), then fail the PUT twice with 429 and once with 503.
      await admin.injectFault({ delayMs: 0, count: 1 });
      await admin.injectFault({ status: 429, count: 2, retryAfter: 1 });
      await admin.injectFault({ status: 503, count: 1 });
      const m = await mark();
      await wd.run([...APPLY, '-refresh=false']);

      const writes = puts(await callsSince(m));
      expect(writes.map((w) => w.status)).toEqual([429, 429, 503, 200]);
      expect(new Set(writes.map((w) => w.requestId)).size).toBe(1); // one logical operation
      expect(writes.filter((w) => w.status === 200 && !w.replayed)).toHaveLength(1);
      expect((await admin.profile()).purchaseOrderNumber).toBe('PO-TF-0002');
      await wd.run(['plan', '-detailed-exitcode'], { allowExitCodes: [0] });
    },
    STEP_TIMEOUT,
  );

  test(
    'destroy leaves the profile as it is and warns that it only left the state',
    async () => {
      const before = await admin.profile();
      const m = await mark();
      const destroy = await wd.run([...APPLY, '-destroy']);
      expect(text(destroy)).toContain('Billing profile removed from state only');
      expect(text(destroy)).toContain('still exists in Partner Center');
      expect(await admin.profile()).toEqual(before);
      expect(puts(await callsSince(m))).toEqual([]);
      expect(wd.readState().resources).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  describe('import', () => {
    let iwd: TfWorkdir;
    beforeAll(async () => {
      iwd = await workdirFor(
        engine,
        { 'providers.tf': fixture('providers.tf'), 'main.tf': fixture('import-block.tf') },
        emulator.url,
      );
    }, STEP_TIMEOUT);
    afterAll(() => iwd?.dispose());

    test(
      'an import block adopts the live profile without writing',
      async () => {
        const m = await mark();
        const apply = await iwd.run(APPLY);
        expect(apply.stdout).toMatch(/1 imported, 0 added, 0 changed, 0 destroyed/);
        expect(resourceState(iwd)).toEqual(await liveAsState());
        expect(puts(await callsSince(m))).toEqual([]);
      },
      STEP_TIMEOUT,
    );

    test(
      'terraform import accepts only the id "billing" and gives the live profile',
      async () => {
        await iwd.run(['state', 'rm', RESOURCE]);
        await iwd.writeFile('main.tf', fixture('unmanaged.tf'));

        const wrong = await iwd.run(['import', RESOURCE, 'my-profile'], { allowExitCodes: [1] });
        expect(text(wrong)).toContain('Invalid import id "my-profile"');
        expect(text(wrong)).toContain('its import id is "billing"');

        await iwd.run(['import', RESOURCE, 'billing']);
        expect(resourceState(iwd)).toEqual(await liveAsState());
        await iwd.run(['plan', '-detailed-exitcode'], { allowExitCodes: [0] });
      },
      STEP_TIMEOUT,
    );
  });
});
