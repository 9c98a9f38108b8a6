// The emulator's partner tenants and token shape (docs/architecture.md §6.2, §6.5): tokens shaped
// like Microsoft Entra ID access tokens (a JWT with tid, oid, amr, scp, exp), one per tenant of the
// token endpoint's path; several tenants, each with its own profile, added by the admin API and
// kept in the --data file; API calls act on the token's tenant.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import got from 'got';
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { EMULATOR_DEFAULTS, startEmulator, type RunningEmulator } from '../../../emulator/server';

const A = EMULATOR_DEFAULTS.tenantId;
const B = '22222222-2222-4222-8222-222222222222';

let emu: RunningEmulator;
let admin: EmulatorAdmin;
afterEach(() => emu.close());

const good = {
  grant_type: 'refresh_token',
  client_id: EMULATOR_DEFAULTS.clientId,
  refresh_token: EMULATOR_DEFAULTS.refreshToken,
  scope: 'https://api.partnercenter.microsoft.com/user_impersonation offline_access',
};

async function exchange(tenant: string): Promise<{ status: number; body: Record<string, any> }> {
  const res = await got.post(`${emu.url}/${tenant}/oauth2/v2.0/token`, {
    form: good,
    throwHttpErrors: false,
    retry: { limit: 0 },
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

async function api(method: 'GET' | 'PUT', token: string, json?: unknown) {
  const res = await got(`${emu.url}/v1/profiles/billing`, {
    method,
    json,
    headers: { authorization: `Bearer ${token}` },
    throwHttpErrors: false,
    retry: { limit: 0 },
  });
  return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, any> };
}

const segment = (token: string, i: number) =>
  JSON.parse(Buffer.from(token.split('.')[i], 'base64url').toString('utf8')) as Record<string, any>;

describe('tokens in the shape of Entra ID access tokens', () => {
  beforeEach(async () => {
    emu = await startEmulator({ tokenLifetimeSeconds: 600 });
    admin = new EmulatorAdmin(emu.url);
  });

  it('the token endpoint issues a signed JWT with tid, oid, amr, scp and exp', async () => {
    const { status, body } = await exchange(A);
    expect(status).toBe(200);
    const token = body.access_token as string;
    expect(token.split('.')).toHaveLength(3);
    expect(segment(token, 0)).toMatchObject({ typ: 'JWT', alg: 'HS256' });
    const claims = segment(token, 1);
    expect(claims).toMatchObject({
      aud: 'https://api.partnercenter.microsoft.com',
      iss: `https://sts.windows.net/${A}/`,
      tid: A,
      oid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      amr: expect.arrayContaining(['mfa']),
      scp: 'user_impersonation',
      appid: EMULATOR_DEFAULTS.clientId,
      idtyp: 'user',
    });
    expect(claims.exp - claims.iat).toBe(600);
    expect(claims.exp * 1000).toBeGreaterThan(Date.now());
  });

  it('an app-only token has no scp and is refused; a token whose claims were edited is refused', async () => {
    const appOnly = await admin.token(false);
    expect(segment(appOnly, 1)).toMatchObject({ tid: A, idtyp: 'app' });
    expect(segment(appOnly, 1).scp).toBeUndefined();
    expect((await api('GET', appOnly)).status).toBe(403);

    // The same signature over edited claims (a later expiry): the emulator checks what it signed.
    const token = await admin.token(true);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp: number };
    const edited = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 1 })).toString('base64url');
    const forged = `${header}.${edited}.${signature}`;
    expect((await api('GET', forged)).status).toBe(401);
    expect((await api('GET', token)).status).toBe(200);
  });

  it('"common" and "organizations" give the default tenant; an unknown tenant is not found', async () => {
    for (const authority of ['common', 'organizations']) {
      const { status, body } = await exchange(authority);
      expect([authority, status, segment(body.access_token, 1).tid]).toEqual([authority, 200, A]);
    }
    expect(await exchange(B)).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });
});

describe('several partner tenants', () => {
  beforeEach(async () => {
    emu = await startEmulator();
    admin = new EmulatorAdmin(emu.url);
  });

  it('adds a tenant with its own default profile, listed beside the default one', async () => {
    const added = await admin.addTenant(B);
    expect(added).toMatchObject({ tenantId: B, profile: { companyName: 'Contoso Partner Ltd' } });
    expect(await admin.tenants()).toEqual([
      { tenantId: A, default: true },
      { tenantId: B, default: false },
    ]);
    // Its own profile: an edit of one is not seen by the other.
    await admin.forTenant(B).patchProfile({ companyName: 'Fabrikam Sandbox' });
    expect((await admin.profile()).companyName).toBe('Contoso Partner Ltd');
    expect((await admin.forTenant(B).profile()).companyName).toBe('Fabrikam Sandbox');
  });

  it('the token endpoint issues each tenant its own tokens, and API calls act on the token tenant', async () => {
    await admin.addTenant(B, {
      companyName: 'Fabrikam Sandbox',
      address: { country: 'DE', addressLine1: 'Hauptstr. 1' },
    });
    const tokenA = (await exchange(A)).body.access_token as string;
    const tokenB = (await exchange(B.toUpperCase())).body.access_token as string;
    expect(segment(tokenB, 1).tid).toBe(B);
    expect((await api('GET', tokenA)).body.companyName).toBe('Contoso Partner Ltd');
    const profileB = (await api('GET', tokenB)).body;
    expect(profileB.companyName).toBe('Fabrikam Sandbox');

    const beforeA = await admin.profile();
    delete profileB.links;
    const put = await api('PUT', tokenB, { ...profileB, taxId: 'DE-TAX-1' });
    expect(put.status).toBe(200);
    expect((await admin.forTenant(B).profile()).taxId).toBe('DE-TAX-1');
    expect(await admin.profile()).toEqual(beforeA); // the default tenant's profile is untouched
    expect((await admin.requests()).map((r) => `${r.method} ${r.tenant}`)).toEqual([
      `GET ${A}`,
      `GET ${B}`,
      `PUT ${B}`,
    ]);
    // Admin tokens for a tenant too.
    expect(segment(await admin.forTenant(B).token(), 1).tid).toBe(B);
  });

  it('refuses a malformed or repeated tenant id, and names the known tenants for an unknown one', async () => {
    const post = (json: unknown) =>
      got.post(`${emu.url}/_emulator/tenants`, { json, throwHttpErrors: false, retry: { limit: 0 } });
    expect((await post({ tenantId: 'not a tenant' })).statusCode).toBe(400);
    expect((await post({})).statusCode).toBe(400);
    expect((await post({ tenantId: B, profile: { address: { country: 'Germany' } } })).statusCode).toBe(400);
    expect((await post({ tenantId: B })).statusCode).toBe(201);
    const again = await post({ tenantId: B.toUpperCase() });
    expect([again.statusCode, JSON.parse(again.body).error]).toEqual([409, `tenant ${B.toUpperCase()} exists already`]);

    const unknown = await got(`${emu.url}/_emulator/profile?tenant=33333333-3333-4333-8333-333333333333`, {
      throwHttpErrors: false,
    });
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(unknown.body).error).toContain(`the emulator serves ${A}, ${B}`);
  });

  it('keeps the admin guard: JSON bodies only, loopback Host only', async () => {
    const form = await got.post(`${emu.url}/_emulator/tenants`, {
      body: `tenantId=${B}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      throwHttpErrors: false,
    });
    expect(form.statusCode).toBe(415);
    const rebound = await got.post(`${emu.url}/_emulator/tenants`, {
      json: { tenantId: B },
      headers: { host: 'attacker.example' },
      throwHttpErrors: false,
    });
    expect(rebound.statusCode).toBe(403);
    expect(await admin.tenants()).toEqual([{ tenantId: A, default: true }]);
  });

  it('reset returns every tenant to its initial profile and keeps the tenants', async () => {
    await admin.addTenant(B);
    await admin.forTenant(B).patchProfile({ taxId: 'CHANGED-B' });
    await admin.patchProfile({ taxId: 'CHANGED-A' });
    expect((await admin.forTenant(B).reset()).taxId).toBe('12-345678');
    expect((await admin.profile()).taxId).toBe('12-345678');
    expect((await admin.tenants()).map((t) => t.tenantId)).toEqual([A, B]);
  });
});

describe('the --data file with several tenants', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pc-emulator-tenants-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds every tenant once there are several, and brings them all back after a restart', async () => {
    const file = join(dir, 'profile.json');
    emu = await startEmulator({ data: file });
    admin = new EmulatorAdmin(emu.url);
    expect(JSON.parse(readFileSync(file, 'utf8')).companyName).toBe('Contoso Partner Ltd'); // one tenant: a profile
    await admin.addTenant(B, { companyName: 'Fabrikam Sandbox', address: { country: 'DE', addressLine1: 'x' } });
    const a = await admin.patchProfile({ taxId: 'A-TAX' });
    const b = await admin.forTenant(B).patchProfile({ taxId: 'B-TAX' });
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toEqual({ format: 'partnercenter-emulator-tenants', tenants: { [A]: a, [B]: b } });
    await emu.close();

    emu = await startEmulator({ data: file });
    admin = new EmulatorAdmin(emu.url);
    expect(await admin.profile()).toEqual(a);
    expect(await admin.forTenant(B).profile()).toEqual(b);
    const tokenB = (await exchange(B)).body.access_token as string;
    expect((await api('GET', tokenB)).body.taxId).toBe('B-TAX');
  });

  it('reads a single-tenant file (the format before tenants) as the default tenant profile', async () => {
    const file = join(dir, 'profile.json');
    writeFileSync(
      file,
      JSON.stringify({
        companyName: 'Old File Ltd',
        address: { country: 'US', addressLine1: '1 Old Way' },
        attributes: { etag: 'old-etag-1', objectType: 'BillingProfile' },
      }),
    );
    emu = await startEmulator({ data: file });
    const profile = await new EmulatorAdmin(emu.url).profile();
    expect(profile).toMatchObject({ companyName: 'Old File Ltd', attributes: { etag: 'old-etag-1' } });
    expect(JSON.parse(readFileSync(file, 'utf8')).companyName).toBe('Old File Ltd'); // read, not rewritten
  });
});
