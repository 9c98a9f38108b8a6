// What a new user meets first, on every engine: an import block with -generate-config-out writes
// a config that plans clean (no read-only attribute in it: they are computed-only), a misspelt
// attribute inside primary_contact = { … } (dropped by the engine) is warned about at plan, and a
// planned destroy says at plan time that it only removes the profile from state.
import { EmulatorAdmin } from '../../emulator/admin-client';
import { SOURCE_ADDRESS } from '../../provider/meta';
import { engineAtLeast, engineLabel, listEngines } from '../support/engines';
import { createEmulatorWorkdir, type EmulatorWorkdir } from '../support/emulator-workdir';
import { flatOutput, type TfWorkdir } from '../support/tf-workdir';

const STEP_TIMEOUT = 180_000;
const APPLY = ['apply', '-auto-approve', '-input=false'];
/**
 * Engines whose config generation handles a computed-only attribute inside a nested object
 * (address.country); terraform 1.8.5 and tofu 1.6.3 stop with their own error instead (the
 * versions between are untested: the lowest ones seen to work).
 */
const GENERATES_NESTED_COMPUTED = { terraform: '1.11.4', tofu: '1.12.6' };
const READ_ONLY = ['company_name', 'billing_currency', 'billing_day', 'profile_type', 'country'];

const PROVIDERS = `terraform {
  required_providers {
    partnercenter = {
      source = "${SOURCE_ADDRESS}"
    }
  }
}

provider "partnercenter" {}
`;

const IMPORT = `import {
  to = partnercenter_billing_profile.this
  id = "billing"
}
`;

/** Engine output flattened, with the box drawing of diagnostics removed. */
const text = (r: { stdout: string; stderr: string; code: number; log: string }) =>
  flatOutput(r).replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');

for (const engine of listEngines()) {
  describe(`a new user's first steps [${engineLabel(engine)}]`, () => {
    let setup: EmulatorWorkdir | undefined;
    let wd: TfWorkdir;
    let admin: EmulatorAdmin;

    beforeEach(async () => {
      setup = await createEmulatorWorkdir(engine, { 'providers.tf': PROVIDERS, 'main.tf': IMPORT });
      ({ wd, admin } = setup);
    }, STEP_TIMEOUT);

    afterEach(async () => {
      await setup?.dispose();
      setup = undefined;
    });

    test(
      'import block + plan -generate-config-out: the generated config has no read-only attribute, and after the import the plan is clean',
      async () => {
        const generate = await wd.run(['plan', '-input=false', '-generate-config-out=generated.tf'], {
          allowExitCodes: [0, 1],
        });
        if (!engineAtLeast(engine, GENERATES_NESTED_COMPUTED)) {
          // The engine's own limitation, documented in docs/resources/billing_profile.md (Import).
          expect(text(generate)).toContain('Error: attribute "address": attribute "country" is required');
          return;
        }
        expect(generate.code).toBe(0);
        const generated = wd.readFile('generated.tf')!;
        expect(generated).toContain('resource "partnercenter_billing_profile" "this"');
        expect(generated).toContain('address_line1');
        for (const attr of READ_ONLY)
          expect([attr, new RegExp(`\\b${attr}\\s*=`).test(generated)]).toEqual([attr, false]);

        const before = await admin.profile();
        const mark = await admin.mark();
        await wd.run(APPLY);
        expect((await admin.since(mark)).api.filter((c) => c.method !== 'GET')).toEqual([]);
        expect(await admin.profile()).toEqual(before);

        // With the import block still there (it is a no-op once imported) and without it.
        expect((await wd.run(['plan', '-input=false', '-detailed-exitcode'])).code).toBe(0);
        await wd.writeFile('main.tf', '');
        expect((await wd.run(['plan', '-input=false', '-detailed-exitcode'])).code).toBe(0);
      },
      STEP_TIMEOUT,
    );

    test(
      'primary_contact = { emial = "…" } (a typo the engine drops) warns at validate and at plan',
      async () => {
        await wd.writeFile(
          'main.tf',
          `resource "partnercenter_billing_profile" "this" {
  primary_contact = {
    emial = "billing@contoso.example"
  }
}
`,
        );
        for (const args of [['validate'], ['plan', '-input=false']]) {
          const out = text(await wd.run(args));
          expect(out).toContain('Warning: primary_contact is set but manages no attribute');
          expect(out).toContain('a typo such as "emial"');
          expect(out).toContain('Its attributes are: first_name, last_name, email, phone_number.');
        }
      },
      STEP_TIMEOUT,
    );

    test(
      'plan -destroy says at plan time that the profile is only removed from state',
      async () => {
        await wd.writeFile('main.tf', `resource "partnercenter_billing_profile" "this" {}\n`);
        await wd.run(APPLY);
        const before = await admin.profile();
        const out = text(await wd.run(['plan', '-destroy', '-input=false']));
        expect(out).toContain('Warning: Destroying the billing profile removes it from state only');
        expect(out).toContain('removes the billing profile from state only; Partner Center keeps the profile');
        expect(out).toContain('Plan: 0 to add, 0 to change, 1 to destroy.');

        const mark = await admin.mark();
        const destroy = text(await wd.run(['destroy', '-auto-approve', '-input=false']));
        expect(destroy).toContain('Billing profile removed from state only');
        expect((await admin.since(mark)).api.filter((c) => c.method !== 'GET')).toEqual([]);
        expect(await admin.profile()).toEqual(before);
        expect(wd.readState().resources).toEqual([]);
      },
      STEP_TIMEOUT,
    );
  });
}
