// The Azure CLI sign-in against the emulator, with a stand-in az on PATH (test/support/fake-az.ts)
// that prints what the real CLI prints: the az calls made, the token cache, a fresh token after a
// 401, and each failure (not installed, not signed in, another tenant, another cloud, app-only,
// too slow, cancelled) as an error naming its fix, before any API call.
import path from 'node:path';
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { EMULATOR_DEFAULTS, startEmulator, type RunningEmulator } from '../../../emulator/server';
import {
  AzureCliError,
  CancelledError,
  PartnerCenterClient,
  type PartnerCenterClientOptions,
} from '../../../provider/partnercenter';
import { FakeAz } from '../../support/fake-az';
import { BILLING } from '../../../provider/profiles/specs';
import type { BillingProfile } from '../../../provider/partnercenter';

const TENANT = EMULATOR_DEFAULTS.tenantId;
const SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';

let emu: RunningEmulator;
let admin: EmulatorAdmin;
let az: FakeAz;

beforeEach(async () => {
  emu = await startEmulator({ port: 0 });
  admin = new EmulatorAdmin(emu.url);
  az = await FakeAz.create({ emulatorUrl: emu.url, tenantId: TENANT });
});
afterEach(async () => {
  await az.dispose();
  await emu.close();
});

interface Line {
  msg: string;
  fields?: Record<string, unknown>;
}

function client(extra: Partial<PartnerCenterClientOptions> = {}, lines: Line[] = []) {
  const push = (msg: string, fields?: Record<string, unknown>) => lines.push({ msg, fields });
  return new PartnerCenterClient({
    baseUrl: emu.url,
    authorityHost: emu.url,
    useAzureCli: true,
    azEnvironment: { PATH: az.searchPath },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    log: { debug: push, trace: push, warn: push },
    ...extra,
  });
}

async function signInError(c: PartnerCenterClient): Promise<AzureCliError> {
  const e = await c.checkSignIn().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AzureCliError);
  return e as AzureCliError;
}

const tokenCalls = async () => (await az.calls()).filter((a) => a[1] === 'get-access-token');

describe('signed in as a user', () => {
  it('asks az for the cloud scope and the tenant, checks the account once, and reuses the token', async () => {
    const c = client({ tenantId: TENANT });
    expect(c.signIn).toBe('azureCli');
    await c.checkSignIn();
    const profile = await c.getProfile<BillingProfile>(BILLING.shape);
    await c.getProfile<BillingProfile>(BILLING.shape);
    expect(profile.companyName).toBeTruthy();
    expect(await az.calls()).toEqual(
      expect.arrayContaining([
        ['account', 'show', '--output', 'json'],
        ['account', 'get-access-token', '--scope', SCOPE, '--output', 'json', '--tenant', TENANT],
      ]),
    );
    expect(await az.calls()).toHaveLength(2);
    expect((await admin.requests()).map((r) => r.status)).toEqual([200, 200]);
  });

  it('uses the default tenant of az when no tenant is given (no --tenant)', async () => {
    await client().getProfile<BillingProfile>(BILLING.shape);
    expect((await tokenCalls())[0]).toEqual(['account', 'get-access-token', '--scope', SCOPE, '--output', 'json']);
  });

  it('the scope follows the environment, also with base_url pointing elsewhere', async () => {
    await az.set({ cloud: 'AzureChinaCloud' });
    await client({ environment: 'china' })
      .getProfile<BillingProfile>(BILLING.shape)
      .catch(() => undefined);
    expect((await tokenCalls())[0]).toContain('https://partner.partnercenterapi.microsoftonline.cn/user_impersonation');
  });

  it('reads the local-time expiresOn of an az before 2.54', async () => {
    await az.set({ legacyOutput: true });
    const c = client();
    await c.getProfile<BillingProfile>(BILLING.shape);
    await c.getProfile<BillingProfile>(BILLING.shape);
    expect(await tokenCalls()).toHaveLength(1);
  });

  it('asks again for a token within 5 minutes of its expiry', async () => {
    await az.set({ expiresIn: 240 });
    const c = client();
    await c.getProfile<BillingProfile>(BILLING.shape);
    await c.getProfile<BillingProfile>(BILLING.shape);
    expect(await tokenCalls()).toHaveLength(2);
    expect((await az.calls()).filter((a) => a[1] === 'show')).toHaveLength(1);
  });

  it('after a 401 asks az for a token again, once', async () => {
    const c = client();
    await c.getProfile<BillingProfile>(BILLING.shape);
    await admin.revokeTokens();
    await c.getProfile<BillingProfile>(BILLING.shape);
    expect(await tokenCalls()).toHaveLength(2);
    expect((await admin.requests()).map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('finds az at the path given instead of on PATH', async () => {
    const c = client({ azPath: az.path, azEnvironment: { PATH: path.dirname(process.execPath) } });
    await c.getProfile<BillingProfile>(BILLING.shape);
    expect(await tokenCalls()).toHaveLength(1);
  });

  it('never logs the token', async () => {
    const lines: Line[] = [];
    const c = client({}, lines);
    await c.getProfile<BillingProfile>(BILLING.shape);
    const [token] = await az.printedTokens();
    expect(token).toBeTruthy();
    expect(lines.some((l) => l.msg === 'Azure CLI token request')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(token);
  });
});

describe('each failure names its fix, before any API call', () => {
  afterEach(async () => expect(await admin.requests()).toEqual([]));

  it('az not installed: nothing on PATH, or nothing at the path given', async () => {
    const e = await signInError(client({ azEnvironment: { PATH: path.dirname(process.execPath) } }));
    expect(e.problem).toBe('not-installed');
    expect(e.message).toMatch(/not found on PATH: install it .* and run `az login`/);
    const at = await signInError(client({ azPath: path.join(az.dir, 'missing-az') }));
    expect(at.problem).toBe('not-installed');
    expect(at.message).toContain(`not found at ${path.join(az.dir, 'missing-az')}`);
  });

  it('not signed in: az login', async () => {
    await az.set({ mode: 'not-logged-in' });
    const e = await signInError(client({ tenantId: TENANT }));
    expect(e.problem).toBe('not-signed-in');
    expect(e.message).toContain(`run \`az login --tenant ${TENANT}\``);
    expect(e.message).toContain(`az said: "Please run 'az login' to setup account."`);
  });

  it('signed in to another tenant than the tenant id: az login --tenant', async () => {
    const other = '7e1b9c44-2d7e-4c4b-b1f0-3f8e2a6d9b02';
    const e = await signInError(client({ tenantId: other }));
    expect(e.problem).toBe('other-tenant');
    expect(e.message).toContain(`not signed in to tenant ${other}`);
    expect(e.message).toContain(`az login --tenant ${other}`);
  });

  it('the CLI set to another cloud: az cloud set', async () => {
    await az.set({ cloud: 'AzureCloud' });
    const e = await signInError(client({ environment: 'usgov' }));
    expect(e.problem).toBe('cloud');
    expect(e.message).toContain('az cloud set --name AzureUSGovernment');
    await az.set({ cloud: 'AzureChinaCloud' });
    expect((await signInError(client())).message).toContain('az cloud set --name AzureCloud');
  });

  it('a service principal sign-in (app-only tokens): a user must sign in', async () => {
    await az.set({ mode: 'app-only' });
    const e = await signInError(client());
    expect(e.problem).toBe('app-only');
    expect(e.message).toContain('signed in as a service principal or managed identity');
    expect(e.message).toContain('takes only App+User tokens');
  });

  it('az too slow: stopped after the time limit', async () => {
    await az.set({ mode: 'slow', slowSeconds: 60 });
    const started = Date.now();
    const e = await signInError(client({ retry: { requestTimeoutMs: 1000 } }));
    expect(e.problem).toBe('timeout');
    expect(e.message).toContain('did not finish within 1 s and was stopped');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await az.printedTokens()).toEqual([]);
  });

  it('a cancelled call stops az', async () => {
    await az.set({ mode: 'slow', slowSeconds: 60 });
    const controller = new AbortController();
    const pending = client().checkSignIn({ signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });
});
