// The billing profile's state bound to its partner tenant, on every engine (docs/architecture.md
// §3.6): applied with the credentials of partner tenant A, then pointed at the credentials of
// tenant B (the emulator's second tenant: a sandbox beside a production account), refresh, plan
// (with and without a refresh) and apply fail naming both tenants and the fix, with no API call
// (so no PUT) and both profiles as they were; back on A's credentials the plan is empty. A state
// written before tenant_id existed (schema version 0, no identity) upgrades to an empty plan.
// On engines with resource identity, import { identity = { tenant_id } } checks the tenant too.
import { EmulatorAdmin, type ProfileJson } from '../../emulator/admin-client';
import { EMULATOR_DEFAULTS } from '../../emulator/server';
import { engineAtLeast, engineLabel, listEngines } from '../support/engines';
import { createEmulatorWorkdir, type EmulatorWorkdir } from '../support/emulator-workdir';
import { flatOutput, type RunResult, type TfWorkdir } from '../support/tf-workdir';

const A = EMULATOR_DEFAULTS.tenantId;
const B = '22222222-2222-4222-8222-222222222222';
const AS_B = { PARTNERCENTER_TENANT_ID: B };
const STEP_TIMEOUT = 180_000;
const APPLY = ['apply', '-auto-approve', '-input=false'];
const IDENTITY = { terraform: '1.12.0', tofu: '1.12.0' };
const ADDRESS = 'partnercenter_billing_profile.this';

const FILES = {
  'main.tf': `terraform {
  required_providers {
    partnercenter = {
      source = "terraform.local/partnercenter/partnercenter"
    }
  }
}

provider "partnercenter" {}

resource "partnercenter_billing_profile" "this" {
  purchase_order_number = "PO-TENANT-A"
}
`,
};

/** The engine's error naming both tenants and the fix, with nothing of a token in the output. */
function expectRefused(run: RunResult): void {
  const out = flatOutput(run);
  expect(out).toContain('Billing profile belongs to another partner tenant');
  expect(out).toContain(`was read from partner tenant ${A}`);
  expect(out).toContain(`credentials are for partner tenant ${B}`);
  expect(out).toContain('use credentials of that tenant');
  expect(out).toContain('terraform state rm');
  expect(out).not.toMatch(/eyJ[\w-]+\.eyJ/);
  expect(out).not.toMatch(/inconsistent|invalid plan|bug in the provider/i);
}

for (const engine of listEngines()) {
  describe(`state bound to its partner tenant [${engineLabel(engine)}]`, () => {
    let setup: EmulatorWorkdir | undefined;
    let wd: TfWorkdir;
    let admin: EmulatorAdmin;
    const instance = () =>
      wd.readState().resources.find((r: { type: string }) => r.type === 'partnercenter_billing_profile').instances[0];
    const profiles = async (): Promise<{ a: ProfileJson; b: ProfileJson }> => ({
      a: await admin.profile(),
      b: await admin.forTenant(B).profile(),
    });

    beforeAll(async () => {
      setup = await createEmulatorWorkdir(engine, FILES);
      ({ wd, admin } = setup);
      await admin.addTenant(B, {
        companyName: 'Fabrikam Sandbox',
        address: { country: 'DE', addressLine1: 'Hauptstr. 1' },
        purchaseOrderNumber: 'PO-SANDBOX',
      });
    }, STEP_TIMEOUT);
    afterAll(() => setup?.dispose());

    test(
      'apply with tenant A credentials keeps tenant A in the state',
      async () => {
        await wd.run(APPLY);
        expect(instance().attributes.tenant_id).toBe(A);
        expect(instance().schema_version).toBe(1);
        expect((await admin.profile()).purchaseOrderNumber).toBe('PO-TENANT-A');
        if (engineAtLeast(engine, IDENTITY)) expect(instance().identity).toEqual({ tenant_id: A });
      },
      STEP_TIMEOUT,
    );

    test(
      "with tenant B's credentials, refresh, plan and apply fail before any API call, both profiles unchanged",
      async () => {
        const before = await profiles();
        const stateBefore = wd.readFile('terraform.tfstate');
        const mark = await admin.mark();
        for (const args of [
          ['plan', '-input=false'],
          ['plan', '-refresh=false', '-input=false'],
          ['apply', '-refresh-only', '-auto-approve', '-input=false'],
          APPLY,
        ]) {
          const run = await wd.run(args, { env: AS_B, allowExitCodes: [1] });
          expectRefused(run);
        }
        const since = await admin.since(mark);
        expect(since.api).toEqual([]); // no GET, and no PUT
        expect(new Set(since.tokens.map((t) => t.tenant))).toEqual(new Set([B])); // B's credentials were used
        expect(await profiles()).toEqual(before);
        expect(wd.readFile('terraform.tfstate')).toBe(stateBefore);
      },
      STEP_TIMEOUT,
    );

    test(
      "back on tenant A's credentials the plan is empty",
      async () => {
        const plan = await wd.run(['plan', '-detailed-exitcode', '-input=false']);
        expect(plan.stdout).toContain('No changes');
      },
      STEP_TIMEOUT,
    );

    test(
      'a state written before tenant_id (schema version 0, no identity) upgrades to an empty plan and is bound by the refresh',
      async () => {
        const state = wd.readState();
        const old = state.resources.find((r: { type: string }) => r.type === 'partnercenter_billing_profile')
          .instances[0];
        old.schema_version = 0;
        delete old.attributes.tenant_id;
        delete old.identity;
        delete old.identity_schema_version;
        await wd.writeFile('terraform.tfstate', JSON.stringify(state, null, 2));

        const noRefresh = await wd.run(['plan', '-refresh=false', '-detailed-exitcode', '-input=false']);
        expect(noRefresh.stdout).toContain('No changes');
        const plan = await wd.run(['plan', '-detailed-exitcode', '-input=false']);
        expect(plan.stdout).toContain('No changes');
        expect(plan.stdout).not.toContain('tenant_id');

        await wd.run(['apply', '-refresh-only', '-auto-approve', '-input=false']);
        expect(instance().schema_version).toBe(1);
        expect(instance().attributes.tenant_id).toBe(A);
        const again = await wd.run(['plan', '-input=false'], { env: AS_B, allowExitCodes: [1] });
        expectRefused(again);
      },
      STEP_TIMEOUT,
    );

    if (engineAtLeast(engine, IDENTITY)) {
      test(
        "import { identity = { tenant_id } } refuses another tenant's credentials and imports with its own",
        async () => {
          await wd.run(['state', 'rm', ADDRESS]);
          await wd.writeFile(
            'import.tf',
            `import {\n  to       = ${ADDRESS}\n  identity = { tenant_id = "${B}" }\n}\n`,
          );
          const mark = await admin.mark();
          const refused = await wd.run(['plan', '-input=false'], { allowExitCodes: [1] });
          const out = flatOutput(refused);
          expect(out).toContain('Billing profile belongs to another partner tenant');
          expect(out).toContain(`identity names partner tenant ${B}`);
          expect(out).toContain(`credentials are for partner tenant ${A}`);
          expect((await admin.since(mark)).api).toEqual([]);

          const before = await profiles();
          await wd.writeFile('main.tf', FILES['main.tf'].replace('PO-TENANT-A', 'PO-SANDBOX'));
          await wd.run(APPLY, { env: AS_B });
          expect(instance().attributes).toMatchObject({ tenant_id: B, company_name: 'Fabrikam Sandbox' });
          expect(instance().identity).toEqual({ tenant_id: B });
          expect(await profiles()).toEqual(before); // imported, nothing to write
        },
        STEP_TIMEOUT,
      );
    }
  });
}
