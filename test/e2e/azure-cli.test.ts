// Signing in with the Azure CLI on every engine: a stand-in az on PATH (test/support/fake-az.ts)
// prints the emulator's tokens as the real CLI prints its own, and the provider is given nothing
// but base_url and authority_host (no token, no client id, no tenant). Plan and apply work; each
// problem of the CLI (not installed, not signed in, another tenant, another cloud, app-only, too
// slow) stops the plan when the provider is configured, exit 1, naming the fix, before any API
// call; and at TF_LOG=trace the tokens az printed appear nowhere: log, output, state, saved plan.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmulatorAdmin } from '../../emulator/admin-client';
import { EMULATOR_DEFAULTS, startEmulator, type RunningEmulator } from '../../emulator/server';
import { SOURCE_ADDRESS } from '../../provider/meta';
import { PROVIDER_BUNDLE, requireBundle } from '../support/bundles';
import { describeEachEngine } from '../support/engines';
import { FakeAz } from '../support/fake-az';
import { TfWorkdir, flatOutput, type RunResult } from '../support/tf-workdir';
import { zipEntries } from '../support/zip-entries';

const STEP_TIMEOUT = 180_000;
const SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';
const OTHER_TENANT = '7e1b9c44-2d7e-4c4b-b1f0-3f8e2a6d9b02';

const MAIN_TF = `terraform {
  required_providers {
    partnercenter = {
      source = "${SOURCE_ADDRESS}"
    }
  }
}

provider "partnercenter" {}

resource "partnercenter_billing_profile" "this" {
  purchase_order_number = "PO-AZ-CLI-1"
}
`;

interface ErrorCase {
  name: string;
  /** Stand-in settings for this plan (reset to a user's sign-in after it). */
  az?: Parameters<FakeAz['set']>[0];
  env?: Record<string, string | undefined>;
  says: string[];
}

const ERROR_CASES: ErrorCase[] = [
  {
    name: 'az not installed (not on PATH): no credentials, naming az login and the other ways',
    env: { PATH: '{empty}' },
    says: [
      'Error: No Partner Center credentials',
      'the Azure CLI, which it signs in with when neither is, was not found on PATH',
      'install it and run `az login`',
      'PARTNERCENTER_REFRESH_TOKEN',
      'PARTNERCENTER_ACCESS_TOKEN',
    ],
  },
  {
    name: 'not signed in: az login',
    az: { mode: 'not-logged-in' },
    says: ['Error: Azure CLI not signed in', 'run `az login`', `az said: "Please run 'az login' to setup account."`],
  },
  {
    name: 'signed in to another tenant than tenant_id: az login --tenant',
    env: { PARTNERCENTER_TENANT_ID: OTHER_TENANT },
    says: [
      'Error: Azure CLI signed in to another tenant',
      `The Azure CLI is not signed in to tenant ${OTHER_TENANT}`,
      `Run \`az login --tenant ${OTHER_TENANT}\``,
      'AADSTS50020',
      'tenant_id (PARTNERCENTER_TENANT_ID)',
    ],
  },
  {
    name: 'the CLI set to the public cloud for environment usgov: az cloud set',
    env: { PARTNERCENTER_ENVIRONMENT: 'usgov' },
    says: [
      'Error: Azure CLI set to another cloud',
      'The Azure CLI is set to the cloud AzureCloud, but environment "usgov" signs in with AzureUSGovernment',
      'run `az cloud set --name AzureUSGovernment`, then `az login`',
    ],
  },
  {
    name: 'signed in as a service principal (app-only tokens): a user must sign in',
    az: { mode: 'app-only' },
    says: [
      'Error: Azure CLI signed in without a user (app-only)',
      'The Azure CLI is signed in as a service principal or managed identity',
      "takes only App+User tokens, from a user's sign-in: run `az login` as a user",
    ],
  },
  {
    name: 'az too slow: stopped after request_timeout_seconds',
    az: { mode: 'slow', slowSeconds: 120 },
    env: { PARTNERCENTER_REQUEST_TIMEOUT_SECONDS: '2' },
    says: [
      'Error: Azure CLI did not answer in time',
      'did not finish within 2 s and was stopped',
      'request_timeout_seconds (PARTNERCENTER_REQUEST_TIMEOUT_SECONDS, default 30)',
    ],
  },
];

describeEachEngine('Azure CLI sign-in', (engine) => {
  let emulator: RunningEmulator;
  let admin: EmulatorAdmin;
  let az: FakeAz;
  let wd: TfWorkdir;
  let emptyDir: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    admin = new EmulatorAdmin(emulator.url);
    az = await FakeAz.create({ emulatorUrl: emulator.url, tenantId: EMULATOR_DEFAULTS.tenantId });
    emptyDir = await mkdtemp(path.join(os.tmpdir(), 'no-az-'));
    wd = await TfWorkdir.create(engine, {
      files: { 'main.tf': MAIN_TF },
      // Nothing but where the API and authority are: no token, no client id, no tenant.
      env: {
        PARTNERCENTER_BASE_URL: emulator.url,
        PARTNERCENTER_AUTHORITY_HOST: emulator.url,
        PATH: az.searchPath,
        // The launcher then needs no node on PATH (the "not installed" case has an empty PATH).
        PARTNERCENTER_NODE: process.execPath,
      },
      providers: [{ sourceAddress: SOURCE_ADDRESS, bundlePath: requireBundle(PROVIDER_BUNDLE) }],
    });
  }, STEP_TIMEOUT);

  afterAll(async () => {
    await wd?.dispose();
    await az?.dispose();
    await emulator?.close();
    if (emptyDir) await rm(emptyDir, { recursive: true, force: true });
  });

  test(
    'plan and apply with only base_url and authority_host: the token comes from az',
    async () => {
      await az.clearRecords();
      await wd.run(['apply', '-auto-approve', '-input=false']);
      expect((await admin.profile()).purchaseOrderNumber).toBe('PO-AZ-CLI-1');
      const plan = await wd.run(['plan', '-input=false', '-detailed-exitcode']);
      expect(plan.code).toBe(0); // no changes
      const tokenCalls = (await az.calls()).filter((a) => a[1] === 'get-access-token');
      expect(tokenCalls.length).toBeGreaterThan(0);
      for (const call of tokenCalls)
        expect(call).toEqual(['account', 'get-access-token', '--scope', SCOPE, '--output', 'json']);
      // No exchange at the token endpoint: az gave every token.
      expect(await admin.tokenRequests()).toEqual([]);
      expect((await admin.requests()).every((r) => r.status === 200)).toBe(true);
    },
    STEP_TIMEOUT,
  );

  test(
    'TF_LOG=trace: the tokens az printed appear in no log, output, state or saved plan',
    async () => {
      await az.clearRecords();
      await admin.patchProfile({ purchaseOrderNumber: 'PO-CHANGED-OUTSIDE' });
      const runs: RunResult[] = [];
      runs.push(await wd.run(['plan', '-input=false', '-out=tfplan'], { log: 'trace' }));
      runs.push(await wd.run(['apply', '-input=false', 'tfplan'], { log: 'trace' }));
      const tokens = await az.printedTokens();
      expect(tokens.length).toBeGreaterThan(0);
      const log = runs.map((r) => r.log).join('\n');
      expect(log).toContain('Azure CLI token request'); // the log was there, and the CLI was used
      const planFile = await readFile(path.join(wd.dir, 'tfplan'));
      const texts: Record<string, string> = {
        'trace log': log,
        output: runs.map((r) => `${r.stdout}\n${r.stderr}`).join('\n'),
        state: wd.readFile('terraform.tfstate') ?? '',
        'state backup': wd.readFile('terraform.tfstate.backup') ?? '',
        'saved plan': planFile.toString('latin1'),
        ...Object.fromEntries(zipEntries(planFile).map((e) => [`saved plan ${e.name}`, e.data.toString('utf8')])),
      };
      const leaks = Object.entries(texts).flatMap(([where, text]) =>
        tokens.filter((t) => text.includes(t) || text.includes(t.split('.')[2])).map(() => where),
      );
      expect(leaks).toEqual([]);
      expect((await admin.profile()).purchaseOrderNumber).toBe('PO-AZ-CLI-1');
    },
    STEP_TIMEOUT,
  );

  test.each(ERROR_CASES)(
    '$name: exit 1 at configure, before any API call',
    async ({ az: settings, env, says }) => {
      if (settings) await az.set(settings);
      try {
        const before = await admin.mark();
        const runEnv =
          env && Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '{empty}' ? emptyDir : v]));
        const r = await wd.run(['plan', '-input=false'], { allowExitCodes: [1], env: runEnv });
        const out = flatOutput(r);
        for (const s of says) expect(out).toContain(s);
        expect(await admin.since(before)).toEqual({ api: [], tokens: [] });
      } finally {
        await az.set({ mode: 'user' });
      }
    },
    STEP_TIMEOUT,
  );
});
