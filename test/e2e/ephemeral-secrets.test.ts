// Keeping the refresh token out of saved plans (docs/security.md, "Saved plans"): a provider block
// fed by ephemeral input variables (Terraform >= 1.10, OpenTofu >= 1.11), given through TF_VAR_.
// On every engine that has them (at least one must: CI fails otherwise), against the emulator
// with a confidential client: an apply, then `plan -out` (whose refresh calls the API with them)
// and `apply` of the saved plan, all at TF_LOG=trace; the saved plan (every zip entry), the
// state, its backup, the logs and the output hold neither the refresh token nor the client
// secret nor any access token, and the saved plan's apply needs the variables again. The
// controls: without `ephemeral` the same variables land in the saved plan, and a value given
// with -var lands in the engine's log (its command line), so the scans would find a leak.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { EmulatorAdmin } from '../../emulator/admin-client';
import { providerEnvFor, startEmulator, type RunningEmulator } from '../../emulator/server';
import { SOURCE_ADDRESS } from '../../provider/meta';
import { PROVIDER_BUNDLE, requireBundle } from '../support/bundles';
import { engineLabel, enginesWith } from '../support/engines';
import { artifactsOf, leaks } from '../support/secret-scan';
import { flatOutput, TfWorkdir, type RunResult } from '../support/tf-workdir';

/** First releases with ephemeral input variables. */
const EPHEMERAL_VARIABLES = { terraform: '1.10.0', tofu: '1.11.0' };
const STEP_TIMEOUT = 180_000;

function configuration(ephemeral: boolean, purchaseOrder: string): string {
  const flag = ephemeral ? '\n  ephemeral = true' : '';
  return `terraform {
  required_providers {
    partnercenter = {
      source = "${SOURCE_ADDRESS}"
    }
  }
}

variable "refresh_token" {
  type      = string
  sensitive = true${flag}
}

variable "client_secret" {
  type      = string
  sensitive = true${flag}
}

# The endpoints, tenant and client id come from PARTNERCENTER_* (the emulator's).
provider "partnercenter" {
  refresh_token = var.refresh_token
  client_secret = var.client_secret
}

resource "partnercenter_billing_profile" "this" {
  purchase_order_number = "${purchaseOrder}"
}
`;
}

for (const engine of enginesWith('ephemeral input variables', EPHEMERAL_VARIABLES)) {
  describe(`ephemeral variables keep the secrets out of saved plans [${engineLabel(engine)}]`, () => {
    const refreshToken = `eph-refresh-${randomBytes(12).toString('hex')}`;
    const clientSecret = `eph-secret-${randomBytes(12).toString('hex')}`;
    const secrets = { 'refresh token': refreshToken, 'client secret': clientSecret };
    const variables = { TF_VAR_refresh_token: refreshToken, TF_VAR_client_secret: clientSecret };
    let emulator: RunningEmulator;
    let admin: EmulatorAdmin;
    let wd: TfWorkdir;
    const runs: { args: string[]; result: RunResult }[] = [];
    const run = async (args: string[], env: Record<string, string>, allowExitCodes = [0]) => {
      const result = await wd.run(args, { env, log: 'trace', allowExitCodes });
      runs.push({ args, result });
      return result;
    };

    beforeAll(async () => {
      emulator = await startEmulator({ port: 0, refreshToken, clientSecret });
      admin = new EmulatorAdmin(emulator.url);
      // Everything but the secrets from the environment: were the refresh token there too, the
      // provider would fall back on it and the variables would prove nothing.
      const { PARTNERCENTER_REFRESH_TOKEN: _fromVariable, ...env } = providerEnvFor(emulator.url);
      wd = await TfWorkdir.create(engine, {
        files: { 'main.tf': configuration(true, 'PO-EPHEMERAL-1') },
        env,
        providers: [{ sourceAddress: SOURCE_ADDRESS, bundlePath: requireBundle(PROVIDER_BUNDLE) }],
      });
    }, STEP_TIMEOUT);
    afterAll(async () => {
      await wd?.dispose();
      await emulator?.close();
    });

    test(
      'apply with the variables from TF_VAR_',
      async () => {
        const apply = await run(['apply', '-auto-approve', '-input=false'], variables);
        expect(apply.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
        expect(await admin.profile()).toMatchObject({ purchaseOrderNumber: 'PO-EPHEMERAL-1' });
      },
      STEP_TIMEOUT,
    );

    test(
      'plan -out: its refresh calls the API with the variables, and the update is planned',
      async () => {
        await wd.writeFile('main.tf', configuration(true, 'PO-EPHEMERAL-2'));
        const mark = await admin.mark();
        const plan = await run(['plan', '-out=tfplan', '-input=false'], variables);
        expect(plan.stdout).toMatch(/purchase_order_number\s+= "PO-EPHEMERAL-1" -> "PO-EPHEMERAL-2"/);
        expect((await admin.since(mark)).api.map((c) => c.method)).toContain('GET');
        expect(existsSync(path.join(wd.dir, 'tfplan'))).toBe(true);
      },
      STEP_TIMEOUT,
    );

    test('the saved plan holds no secret, in any of its entries', () => {
      const plan = artifactsOf(path.join(wd.dir, 'tfplan'), 'tfplan');
      expect(plan.length).toBeGreaterThan(2); // the zip and its entries were opened
      expect(leaks(plan, secrets)).toEqual([]);
    });

    test(
      'apply of the saved plan without the variables fails, naming them: the plan does not hold them',
      async () => {
        const apply = await run(['apply', '-input=false', 'tfplan'], {}, [1]);
        const out = flatOutput(apply);
        expect(out).toContain('No value for required variable');
        for (const name of ['refresh_token', 'client_secret']) {
          expect(out).toMatch(new RegExp(`"${name}" (was set during the plan|is configured as ephemeral)`));
        }
        expect(await admin.profile()).toMatchObject({ purchaseOrderNumber: 'PO-EPHEMERAL-1' });
      },
      STEP_TIMEOUT,
    );

    test(
      'apply of the saved plan with the variables given again works',
      async () => {
        const apply = await run(['apply', '-input=false', 'tfplan'], variables);
        expect(apply.stdout).toContain('Apply complete! Resources: 0 added, 1 changed, 0 destroyed.');
        expect(await admin.profile()).toMatchObject({ purchaseOrderNumber: 'PO-EPHEMERAL-2' });
        const state = wd.readState();
        expect(state.resources[0].instances[0].attributes.purchase_order_number).toBe('PO-EPHEMERAL-2');
      },
      STEP_TIMEOUT,
    );

    test('the state, its backup, every trace log and all output hold no secret', () => {
      const files = readdirSync(wd.dir)
        .filter((f) => f.endsWith('.tfstate') || f.endsWith('.tfstate.backup') || f === 'tfplan')
        .flatMap((f) => artifactsOf(path.join(wd.dir, f), f));
      expect(files.map((f) => f.name)).toEqual(
        expect.arrayContaining(['terraform.tfstate', 'terraform.tfstate.backup']),
      );
      const outputs = runs.flatMap(({ args, result }) => [
        { name: `${args.join(' ')}: log`, text: result.log },
        { name: `${args.join(' ')}: stdout`, text: result.stdout },
        { name: `${args.join(' ')}: stderr`, text: result.stderr },
      ]);
      // The logs are there to search: every run logged at trace.
      for (const { args, result } of runs) {
        expect({ args, traced: /\[TRACE\]/.test(result.log) }).toEqual({ args, traced: true });
      }
      expect(leaks([...files, ...outputs], secrets)).toEqual([]);
    });

    test(
      'control: without ephemeral, the same variables land in the saved plan',
      async () => {
        await wd.writeFile('main.tf', configuration(false, 'PO-EPHEMERAL-3'));
        await wd.run(['plan', '-out=plain.tfplan', '-input=false'], { env: variables });
        const found = leaks(artifactsOf(path.join(wd.dir, 'plain.tfplan'), 'plain.tfplan'), secrets);
        expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/: refresh token$/)]));
      },
      STEP_TIMEOUT,
    );

    test(
      "control: a value given with -var is in the engine's log (its command line), hence TF_VAR_",
      async () => {
        await wd.writeFile('main.tf', configuration(true, 'PO-EPHEMERAL-3'));
        const plan = await wd.run(
          ['plan', '-input=false', '-var', `refresh_token=${refreshToken}`, '-var', `client_secret=${clientSecret}`],
          { log: 'trace' },
        );
        expect(leaks([{ name: 'log', text: plan.log }], secrets)).toEqual(
          expect.arrayContaining(['log: refresh token', 'log: client secret']),
        );
      },
      STEP_TIMEOUT,
    );
  });
}
