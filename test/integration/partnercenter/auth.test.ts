// Authentication against the emulator's token endpoint and bearer checks: the refresh-token
// exchange, token caching and expiry, refresh after a 401, refused credentials, and logs free
// of secrets.
import {
  AuthenticationError,
  PartnerCenterError,
  type PartnerCenterClientOptions,
} from '../../../provider/partnercenter';
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { EMULATOR_DEFAULTS, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/server';
import { emulatorClient } from '../../support/emulator-client';
import { BILLING } from '../../../provider/profiles/specs';
import type { BillingProfile } from '../../../provider/partnercenter';

let emu: RunningEmulator;
let admin: EmulatorAdmin;

async function start(opts: EmulatorOptions = {}) {
  emu = await startEmulator(opts);
  admin = new EmulatorAdmin(emu.url);
}
afterEach(() => emu.close());

const client = (extra: Partial<PartnerCenterClientOptions> = {}) => emulatorClient(emu, extra);

interface Line {
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}
function captureLog() {
  const lines: Line[] = [];
  const push = (level: string) => (msg: string, fields?: Record<string, unknown>) => lines.push({ level, msg, fields });
  return { lines, log: { debug: push('debug'), trace: push('trace'), warn: push('warn') } };
}

describe('refresh-token exchange', () => {
  beforeEach(() => start());

  it('exchanges the refresh token once and reuses the cached access token', async () => {
    const c = client();
    await c.getProfile<BillingProfile>(BILLING.shape);
    await c.getProfile<BillingProfile>(BILLING.shape);
    await c.getProfile<BillingProfile>(BILLING.shape);
    const exchanges = await admin.tokenRequests();
    expect(exchanges).toEqual([
      expect.objectContaining({
        tenant: EMULATOR_DEFAULTS.tenantId,
        grantType: 'refresh_token',
        clientId: EMULATOR_DEFAULTS.clientId,
        status: 200,
      }),
    ]);
  });

  it('shares one exchange between concurrent calls', async () => {
    const c = client();
    await Promise.all([
      c.getProfile<BillingProfile>(BILLING.shape),
      c.getProfile<BillingProfile>(BILLING.shape),
      c.getProfile<BillingProfile>(BILLING.shape),
    ]);
    expect(await admin.tokenRequests()).toHaveLength(1);
  });

  it('refreshes once and retries when the API refuses a cached token', async () => {
    const c = client();
    await c.getProfile<BillingProfile>(BILLING.shape);
    await admin.revokeTokens();
    const profile = await c.getProfile<BillingProfile>(BILLING.shape);
    expect(profile.companyName).toBe('Contoso Partner Ltd');
    expect(await admin.tokenRequests()).toHaveLength(2);
    const [, refused, retried] = await admin.requests();
    expect([refused.status, retried.status]).toEqual([401, 200]);
    expect(refused.requestId).toBe(retried.requestId);
  });

  it('refuses a wrong refresh token with AuthenticationError that explains it, and calls no API', async () => {
    const error = await client({ refreshToken: 'wrong-refresh-token-value' })
      .getProfile<BillingProfile>(BILLING.shape)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_grant' });
    expect((error as Error).message).toMatch(
      /Entra ID refused the refresh-token exchange .*invalid_grant.*obtain a new App\+User refresh token/,
    );
    expect((error as Error).message).not.toContain('wrong-refresh-token-value');
    expect(await admin.requests()).toHaveLength(0);
  });

  it('refuses an unknown client id and an unknown tenant', async () => {
    await expect(client({ clientId: 'someone-else' }).getProfile<BillingProfile>(BILLING.shape)).rejects.toThrow(
      /unauthorized_client/,
    );
    await expect(client({ tenantId: 'contoso.example' }).getProfile<BillingProfile>(BILLING.shape)).rejects.toThrow(
      /invalid_request.*Tenant 'contoso.example' not found/,
    );
  });

  it('says so when the token endpoint cannot be reached', async () => {
    const error = await client({ authorityHost: 'http://127.0.0.1:1' })
      .getProfile<BillingProfile>(BILLING.shape)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect((error as Error).message).toMatch(
      /^Could not reach the Microsoft Entra ID token endpoint at http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED.*The address is authorityHost from the client options: nothing is listening there/,
    );
  });
});

describe('token expiry', () => {
  it('exchanges again when the cached token is within a minute of expiring', async () => {
    await start({ tokenLifetimeSeconds: 30 });
    const c = client();
    await c.getProfile<BillingProfile>(BILLING.shape);
    await c.getProfile<BillingProfile>(BILLING.shape);
    expect(await admin.tokenRequests()).toHaveLength(2);
  });
});

describe('confidential client', () => {
  beforeEach(() => start({ clientSecret: 'emulator-client-secret' }));

  it('sends the client secret', async () => {
    await expect(
      client({ clientSecret: 'emulator-client-secret' }).getProfile<BillingProfile>(BILLING.shape),
    ).resolves.toMatchObject({
      billingDay: 1,
    });
  });

  it('reports a missing or wrong secret as invalid_client', async () => {
    const error = await client({ clientSecret: 'nope-nope' })
      .getProfile<BillingProfile>(BILLING.shape)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_client' });
    await expect(client().getProfile<BillingProfile>(BILLING.shape)).rejects.toThrow(/invalid_client/);
  });
});

describe('ready access tokens', () => {
  beforeEach(() => start());

  it('uses a given delegated token without any exchange', async () => {
    const c = client({ refreshToken: undefined, accessToken: await admin.token(true) });
    await c.getProfile<BillingProfile>(BILLING.shape);
    expect(await admin.tokenRequests()).toHaveLength(0);
  });

  it('explains that an app-only token is not enough', async () => {
    const error = await client({ accessToken: await admin.token(false) })
      .getProfile<BillingProfile>(BILLING.shape)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 403, code: 2032 });
    expect((error as Error).message).toMatch(
      /^Partner Center API returned 403 \(code 2032\): Access denied: an app-only token .*App\+User \(delegated\) token .*app-only \(client credentials\) tokens are refused\. \[request id /,
    );
    expect(await admin.requests()).toHaveLength(1);
  });

  it('fails on a rejected given token without trying to refresh it', async () => {
    const error = await client({ accessToken: 'pcemu.not.valid' })
      .getProfile<BillingProfile>(BILLING.shape)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401 });
    expect(await admin.requests()).toHaveLength(1);
    expect(await admin.tokenRequests()).toHaveLength(0);
  });
});

describe('logging', () => {
  it('logs one debug line per attempt with ids and timing, bodies at trace, and never a secret', async () => {
    const secret = 'very-secret-client-secret';
    await start({ clientSecret: secret, refreshToken: 'very-secret-refresh-token' });
    const { lines, log } = captureLog();
    const c = client({ clientSecret: secret, refreshToken: 'very-secret-refresh-token', log });
    const before = await c.getProfile<BillingProfile>(BILLING.shape);
    await admin.injectFault({ status: 503, count: 1 });
    await c.updateProfile<BillingProfile>(BILLING.shape, { ...before, taxId: 'LOGGED' }, before.etag);
    await admin.revokeTokens();
    await c.getProfile<BillingProfile>(BILLING.shape);

    const calls = lines.filter((l) => l.level === 'debug' && l.msg === 'Partner Center API call').map((l) => l.fields!);
    expect(calls.map((f) => [f.method, f.path, f.status, f.attempt])).toEqual([
      ['GET', '/v1/profiles/billing', 200, 1],
      ['PUT', '/v1/profiles/billing', 503, 1],
      ['PUT', '/v1/profiles/billing', 200, 2],
      ['GET', '/v1/profiles/billing', 401, 1],
      ['GET', '/v1/profiles/billing', 200, 2],
    ]);
    for (const f of calls) {
      expect(typeof f.duration_ms).toBe('number');
      expect(f.request_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(f.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(lines.some((l) => l.level === 'trace' && l.msg === 'Partner Center API request body')).toBe(true);
    expect(lines.some((l) => l.level === 'trace' && l.msg === 'Entra ID token response')).toBe(true);

    const everything = JSON.stringify(lines);
    expect(everything).toContain('LOGGED'); // bodies are there...
    expect(everything).not.toContain(secret); // ...secrets are not
    expect(everything).not.toContain('very-secret-refresh-token');
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/); // no access token (a JWT)
  });
});
