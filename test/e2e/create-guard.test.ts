// The first apply (adopt) on every engine of CI. None of them gives a plan's private data back to
// the apply of a create (protocol 6.11, store_planned_private), so a create plan cannot be
// guarded there (docs/architecture.md §7.6): it reads nothing, as before, and says so, naming
// the import block, whose plan does read and whose apply does refuse a profile changed since.
// The guarded create itself, as a 6.11 engine drives it: test/protocol/create-guard.test.ts.
import type { LogMark } from '../../emulator/admin-client';
import type { ApiCallRecord } from '../../emulator/request-log';
import { describeEachEngine } from '../support/engines';
import { createEmulatorWorkdir, type EmulatorWorkdir } from '../support/emulator-workdir';
import { flatOutput, type RunResult } from '../support/tf-workdir';

const STEP_TIMEOUT = 180_000;
const NOT_READ = 'Billing profile not read at plan time';
const CONFLICT = 'Billing profile changed outside Terraform since the plan';

const PROVIDERS = `terraform {
  required_providers {
    partnercenter = { source = "terraform.local/partnercenter/partnercenter" }
  }
}
`;

/** Manages the purchase order number and the contact e-mail; the rest is left as it is. */
const RESOURCE = `resource "partnercenter_billing_profile" "this" {
  purchase_order_number = "PO-ADOPT-1"
  primary_contact = {
    email = "adopt@contoso-partner.example"
  }
}
`;

const IMPORT = `import {
  to = partnercenter_billing_profile.this
  id = "billing"
}
`;

/** No engine consistency complaint ("inconsistent final plan", "inconsistent result", "invalid plan"). */
function expectNoProtocolErrors(r: RunResult): void {
  expect(flatOutput(r)).not.toMatch(/inconsistent|invalid plan/i);
}

describeEachEngine('first apply (adopt)', (engine) => {
  let setup: EmulatorWorkdir | undefined;
  const puts = (calls: ApiCallRecord[]) => calls.filter((c) => c.method === 'PUT');
  const putsSince = async (m: LogMark) => puts((await setup!.admin.since(m)).api);

  /** A fresh working dir and emulator for each test: each starts with nothing in the state. */
  async function start(main: string, provider = 'provider "partnercenter" {}\n'): Promise<EmulatorWorkdir> {
    setup = await createEmulatorWorkdir(engine, { 'providers.tf': PROVIDERS + provider, 'main.tf': main });
    return setup;
  }

  afterEach(async () => {
    await setup?.dispose();
    setup = undefined;
  });

  test(
    'a create plan says it cannot guard the adoption and names the import block; its saved plan applies with one PUT',
    async () => {
      const { wd, admin } = await start(RESOURCE);
      const m = await admin.mark();
      const plan = await wd.run(['plan', '-out=adopt.tfplan']);
      const out = flatOutput(plan);
      expect(out).toContain(NOT_READ);
      expect(out).toContain('store_planned_private');
      expect(out).toContain('import { to = ');
      expect(out).toMatch(/company_name\s*= \(known after apply\)/);
      expect((await admin.since(m)).api).toEqual([]); // the plan read nothing

      const apply = await wd.run(['apply', '-input=false', 'adopt.tfplan']);
      expectNoProtocolErrors(apply);
      const writes = await putsSince(m);
      expect(writes.map((w) => w.status)).toEqual([200]);
      const live = await admin.profile();
      expect(live.purchaseOrderNumber).toBe('PO-ADOPT-1');
      expect(live.primaryContact.email).toBe('adopt@contoso-partner.example');
      expect(wd.readState().resources.map((r: { type: string }) => r.type)).toEqual(['partnercenter_billing_profile']);
    },
    STEP_TIMEOUT,
  );

  test(
    'the import block guards it: the saved plan holds the live values, and an edit of a configured field before its apply fails it, naming the field; no PUT, the edit kept',
    async () => {
      const { wd, admin } = await start(IMPORT + RESOURCE);
      const before = await admin.profile();
      const plan = await wd.run(['plan', '-out=adopt.tfplan']);
      expect(flatOutput(plan)).not.toContain(NOT_READ);
      const shown = JSON.parse((await wd.run(['show', '-json', 'adopt.tfplan'])).stdout);
      const change = shown.resource_changes.find((c: { type: string }) => c.type === 'partnercenter_billing_profile');
      expect(change.change.after.address.city).toBe(before.address.city);
      expect(change.change.after.company_name).toBe(before.companyName);
      expect(change.change.after.primary_contact.first_name).toBe(before.primaryContact.firstName);

      await admin.patchProfile({ primaryContact: { email: 'dashboard@contoso-partner.example' } });
      const m = await admin.mark();
      const apply = await wd.run(['apply', '-input=false', 'adopt.tfplan'], { allowExitCodes: [1] });
      const out = flatOutput(apply);
      expect(out).toContain(CONFLICT);
      expect(out).toContain(
        `primary_contact.email: "${before.primaryContact.email}" -> "dashboard@contoso-partner.example"`,
      );
      expect(out).toContain('Nothing was written');
      expectNoProtocolErrors(apply);
      expect(await putsSince(m)).toEqual([]);
      const live = await admin.profile();
      expect(live.primaryContact.email).toBe('dashboard@contoso-partner.example');
      expect(live.purchaseOrderNumber).toBe(before.purchaseOrderNumber);
    },
    STEP_TIMEOUT,
  );

  test(
    'a provider configuration known only at apply: the create plan says it did not read the profile, and why; the apply adopts it',
    async () => {
      // base_url comes from a resource created by the same apply, so it is unknown at plan time.
      const { wd, admin, emulator } = await start(
        `variable "endpoint" {\n  type = string\n}\n\nresource "terraform_data" "endpoint" {\n  input = var.endpoint\n}\n\n${RESOURCE}`,
        'provider "partnercenter" {\n  base_url = terraform_data.endpoint.output\n}\n',
      );
      const m = await admin.mark();
      const plan = await wd.run(['plan', '-out=adopt.tfplan', `-var=endpoint=${emulator.url}`]);
      const out = flatOutput(plan);
      expect(out).toContain(NOT_READ);
      expect(out).toContain('not known until apply (base_url)');
      expect((await admin.since(m)).api).toEqual([]);

      const apply = await wd.run(['apply', '-input=false', 'adopt.tfplan']);
      expectNoProtocolErrors(apply);
      expect((await putsSince(m)).map((w) => w.status)).toEqual([200]);
      expect((await admin.profile()).purchaseOrderNumber).toBe('PO-ADOPT-1');
    },
    STEP_TIMEOUT,
  );
});
