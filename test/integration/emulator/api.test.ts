// The emulator's HTTP contract (docs/architecture.md §6), exercised directly with got: bearer checks, PUT
// binding and validation, etag preconditions, replays, faults, reset and the token endpoint.
import got, { type OptionsOfTextResponseBody } from 'got';
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { EMULATOR_DEFAULTS, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/server';

let emu: RunningEmulator;
let admin: EmulatorAdmin;
let token: string;

async function start(opts: EmulatorOptions = {}) {
  emu = await startEmulator(opts);
  admin = new EmulatorAdmin(emu.url);
  token = await admin.token(true);
}
afterEach(() => emu.close());

async function call(
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  path: string,
  opts: OptionsOfTextResponseBody & { bearer?: string | null } = {},
) {
  const { bearer = token, headers = {}, ...rest } = opts;
  const res = await got(`${emu.url}${path}`, {
    method,
    throwHttpErrors: false,
    retry: { limit: 0 },
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
    ...rest,
  });
  return { status: res.statusCode, headers: res.headers, body: res.body ? JSON.parse(res.body) : undefined };
}

async function current() {
  return (await call('GET', '/v1/profiles/billing')).body;
}

/** A PUT body built from the current profile, as a client would send it. */
async function putBody(change: (p: any) => void = () => {}) {
  const p = await current();
  delete p.links;
  change(p);
  return p;
}

describe('API', () => {
  beforeEach(() => start());

  it('serves the default profile in camelCase with links and attributes', async () => {
    const res = await call('GET', '/v1/profiles/billing');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({
      companyName: 'Contoso Partner Ltd',
      address: { country: 'US', city: 'Redmond', state: 'WA', postalCode: '98052' },
      primaryContact: { email: expect.stringContaining('@') },
      billingCurrency: 'USD',
      billingDay: 1,
      profileType: 'billing_profile',
      purchaseOrderNumber: expect.any(String),
      taxId: expect.any(String),
      links: { self: { uri: '/profiles/billing', method: 'GET', headers: [] } },
      attributes: { etag: expect.stringMatching(/^[A-Za-z0-9_-]{8,}$/), objectType: 'BillingProfile' },
    });
  });

  it('answers 401 without a token or with a foreign one, and 403 for an app-only token', async () => {
    const missing = await call('GET', '/v1/profiles/billing', { bearer: null });
    expect(missing).toMatchObject({ status: 401, body: { code: 800001, data: [], source: 'PartnerFD' } });
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await call('GET', '/v1/profiles/billing', { bearer: 'eyJhbGciOi.fake.token' })).status).toBe(401);
    const appOnly = await call('GET', '/v1/profiles/billing', { bearer: await admin.token(false) });
    expect(appOnly).toMatchObject({
      status: 403,
      body: { code: 2032, description: expect.stringMatching(/App\+User/) },
    });
  });

  it('answers 401 for an expired token', async () => {
    const res = await got
      .post(`${emu.url}/_emulator/tokens`, { json: { user: true, expiresIn: 1 } })
      .json<{ access_token: string }>();
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await call('GET', '/v1/profiles/billing', { bearer: res.access_token });
    expect(expired).toMatchObject({ status: 401, body: { description: expect.stringMatching(/expired/) } });
  });

  it('echoes MS-RequestId and MS-CorrelationId, and makes them up when absent', async () => {
    const sent = await call('GET', '/v1/profiles/billing', {
      headers: { 'ms-requestid': 'r-1', 'ms-correlationid': 'c-1' },
    });
    expect([sent.headers['ms-requestid'], sent.headers['ms-correlationid']]).toEqual(['r-1', 'c-1']);
    const made = await call('GET', '/v1/profiles/billing');
    expect(made.headers['ms-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.headers['ms-correlationid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('binds a PascalCase PUT body and answers camelCase without empty fields', async () => {
    const p = await current();
    const body = {
      CompanyName: p.companyName,
      Address: {
        Country: 'us',
        AddressLine1: '2 New Street',
        City: 'Kirkland',
        State: 'WA',
        PostalCode: '98033',
        Region: null,
        AddressLine2: '',
      },
      PrimaryContact: {
        FirstName: 'Kim',
        LastName: 'Lee',
        Email: 'kim@contoso.example',
        PhoneNumber: '+1 425 555 0199',
      },
      PurchaseOrderNumber: 'PO-P',
      TaxId: null,
      BillingCurrency: 'usd',
      BillingDay: 1,
      ProfileType: 'billing_profile',
      Attributes: { Etag: p.attributes.etag },
      SomethingUnknown: true,
    };
    const res = await call('PUT', '/v1/profiles/billing', { json: body });
    expect(res.status).toBe(200);
    expect(res.body.address).toEqual({
      country: 'US',
      addressLine1: '2 New Street',
      city: 'Kirkland',
      state: 'WA',
      postalCode: '98033',
    });
    expect(res.body.primaryContact).toEqual({
      firstName: 'Kim',
      lastName: 'Lee',
      email: 'kim@contoso.example',
      phoneNumber: '+1 425 555 0199',
    });
    expect(res.body.purchaseOrderNumber).toBe('PO-P');
    expect(res.body).not.toHaveProperty('taxId');
    expect(res.body.billingCurrency).toBe('USD');
    expect(res.body.attributes.etag).not.toBe(p.attributes.etag);
  });

  it('checks If-Match and the body etag against the current etag', async () => {
    const body = await putBody((p) => (p.taxId = 'X'));
    const etag = body.attributes.etag;
    expect((await call('PUT', '/v1/profiles/billing', { json: body, headers: { 'if-match': '"other"' } })).status).toBe(
      412,
    );
    const staleBody = { ...body, attributes: { etag: 'other' } };
    const stale = await call('PUT', '/v1/profiles/billing', { json: staleBody, headers: { 'if-match': `"${etag}"` } });
    expect(stale).toMatchObject({ status: 412, body: { code: 2055, data: [], source: 'PartnerFD' } });
    expect((await current()).attributes.etag).toBe(etag);
    expect(
      (await call('PUT', '/v1/profiles/billing', { json: body, headers: { 'if-match': `W/"${etag}"` } })).status,
    ).toBe(200);
    expect(
      (await call('PUT', '/v1/profiles/billing', { json: { ...body, attributes: {} }, headers: { 'if-match': '*' } }))
        .status,
    ).toBe(200);
  });

  it('refuses changes to read-only fields, naming the field, but accepts them repeated in another case', async () => {
    for (const [field, change] of [
      ['companyName', (p: any) => (p.companyName = 'Fabrikam')],
      ['address.country', (p: any) => (p.address.country = 'CA')],
      ['billingCurrency', (p: any) => (p.billingCurrency = 'EUR')],
      ['billingDay', (p: any) => (p.billingDay = 15)],
      ['profileType', (p: any) => (p.profileType = 'mpn_profile')],
    ] as const) {
      const res = await call('PUT', '/v1/profiles/billing', { json: await putBody(change) });
      expect(res).toMatchObject({ status: 400, body: { code: 3000, data: [field] } });
      expect(res.body.description).toContain(`${field} is read-only`);
    }
    const ok = await call('PUT', '/v1/profiles/billing', {
      json: await putBody((p) => ((p.address.country = 'us'), (p.billingCurrency = 'usd'))),
    });
    expect(ok.status).toBe(200);
  });

  it('validates fields and names the one that is wrong', async () => {
    const cases: [string, (p: any) => void][] = [
      ['address.addressLine1', (p) => (p.address.addressLine1 = 'x'.repeat(201))],
      ['address.addressLine1', (p) => delete p.address.addressLine1],
      ['address.addressLine2', (p) => (p.address.addressLine2 = 'x'.repeat(201))],
      ['address.firstName', (p) => (p.address.firstName = 'x'.repeat(51))],
      ['primaryContact.lastName', (p) => (p.primaryContact.lastName = 'x'.repeat(51))],
      ['primaryContact.email', (p) => (p.primaryContact.email = 'nobody-at-example')],
      ['primaryContact.phoneNumber', (p) => (p.primaryContact.phoneNumber = 'call me')],
      ['taxId', (p) => (p.taxId = { nested: true })],
    ];
    for (const [field, change] of cases) {
      const res = await call('PUT', '/v1/profiles/billing', { json: await putBody(change) });
      expect({ field, status: res.status, data: res.body.data }).toEqual({ field, status: 400, data: [field] });
      expect(res.body.description).toContain(field);
    }
    const long = await call('PUT', '/v1/profiles/billing', {
      json: await putBody((p) => (p.address.addressLine1 = 'x'.repeat(200))),
    });
    expect(long.status).toBe(200);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await call('PUT', '/v1/profiles/billing', {
      body: '{nope',
      headers: { 'content-type': 'application/json' },
    });
    expect(res).toMatchObject({ status: 400, body: { code: 800002 } });
  });

  it('replays the first answer to a PUT whose MS-RequestId it has seen', async () => {
    const body = await putBody((p) => (p.taxId = 'ONCE'));
    const headers = { 'ms-requestid': 'same-request' };
    const first = await call('PUT', '/v1/profiles/billing', { json: body, headers });
    const again = await call('PUT', '/v1/profiles/billing', { json: { ...body, taxId: 'TWICE' }, headers });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect((await current()).taxId).toBe('ONCE');
    const puts = (await admin.requests()).filter((r) => r.method === 'PUT');
    expect(puts.map((r) => [r.status, r.replayed])).toEqual([
      [200, undefined],
      [200, true],
    ]);
  });

  it('answers 404 for other API paths and 405 for other methods', async () => {
    expect(await call('GET', '/v1/customers')).toMatchObject({ status: 404, body: { code: 1000 } });
    expect((await call('DELETE', '/v1/profiles/billing')).status).toBe(405);
  });
});

describe('admin API', () => {
  beforeEach(() => start());

  it('PATCH merges deeply, may change read-only fields, removes null fields and bumps the etag', async () => {
    const before = await admin.profile();
    const after = await admin.patchProfile({
      companyName: 'Contoso Renamed',
      address: { city: 'Seattle', addressLine2: null },
    });
    expect(after.companyName).toBe('Contoso Renamed');
    expect(after.address).toMatchObject({ city: 'Seattle', addressLine1: before.address.addressLine1, country: 'US' });
    expect(after.address).not.toHaveProperty('addressLine2');
    expect(after.attributes.etag).not.toBe(before.attributes.etag);
    expect(await current()).toEqual(after);
  });

  it('PATCH refuses an invalid profile', async () => {
    const res = await got.patch(`${emu.url}/_emulator/profile`, {
      json: { address: { country: 'USA' } },
      throwHttpErrors: false,
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toMatch(/address\.country must be a 2-letter/);
  });

  it('injects 429 with Retry-After for the next N API calls only', async () => {
    await admin.injectFault({ status: 429, count: 2, retryAfter: 7 });
    await admin.profile(); // admin calls do not consume faults
    const throttled = await call('GET', '/v1/profiles/billing');
    expect(throttled).toMatchObject({
      status: 429,
      body: { statusCode: 429, message: expect.stringContaining('7 seconds') },
    });
    expect(throttled.headers['retry-after']).toBe('7');
    expect((await call('GET', '/v1/profiles/billing')).status).toBe(429);
    expect((await call('GET', '/v1/profiles/billing')).status).toBe(200);
    expect((await admin.requests()).map((r) => r.fault)).toEqual(['status', 'status', undefined]);
  });

  it('injects 500/503 as ApiFaults, answers before the auth check, and DELETE clears pending faults', async () => {
    await admin.injectFault({ status: 503, count: 1 });
    expect(await call('GET', '/v1/profiles/billing', { bearer: null })).toMatchObject({
      status: 503,
      body: { code: 800003 },
    });
    await admin.injectFault({ status: 500, count: 5 });
    await admin.clearFaults();
    expect((await call('GET', '/v1/profiles/billing')).status).toBe(200);
  });

  it('drops the connection for a reset fault', async () => {
    await admin.injectFault({ reset: true, count: 1 });
    await expect(call('GET', '/v1/profiles/billing')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect((await admin.requests())[0]).toMatchObject({ status: null, fault: 'reset' });
  });

  it('refuses a malformed fault with the accepted shapes', async () => {
    const res = await got.post(`${emu.url}/_emulator/faults`, { json: { status: 200 }, throwHttpErrors: false });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toMatch(/400-599/);
    const none = await got.post(`${emu.url}/_emulator/faults`, { json: { count: 1 }, throwHttpErrors: false });
    expect(JSON.parse(none.body).error).toMatch(/"reset":true/);
  });

  it('records API calls oldest first with ids, If-Match and body etag', async () => {
    const body = await putBody((p) => (p.taxId = 'LOG'));
    await call('PUT', '/v1/profiles/billing', {
      json: body,
      headers: { 'if-match': `"${body.attributes.etag}"`, 'ms-requestid': 'req-put' },
    });
    const log = await admin.requests();
    expect(log.map((r) => [r.method, r.status])).toEqual([
      ['GET', 200],
      ['PUT', 200],
    ]);
    expect(log[1]).toMatchObject({
      requestId: 'req-put',
      ifMatch: `"${body.attributes.etag}"`,
      bodyEtag: body.attributes.etag,
      at: expect.any(String),
    });
    expect(log[1].headers.authorization).toBe('Bearer [redacted]');
  });

  it('reset restores the initial profile and empties the log and faults', async () => {
    await admin.patchProfile({ taxId: 'CHANGED' });
    await current();
    await admin.injectFault({ status: 503, count: 3 });
    const fresh = await admin.reset();
    expect(fresh.taxId).toBe('12-345678');
    expect(await admin.requests()).toEqual([]);
    expect((await call('GET', '/v1/profiles/billing')).status).toBe(200);
  });
});

describe('token endpoint', () => {
  beforeEach(() => start({ tokenLifetimeSeconds: 120 }));

  function exchange(fields: Record<string, string>, tenant = EMULATOR_DEFAULTS.tenantId) {
    return got
      .post(`${emu.url}/${tenant}/oauth2/v2.0/token`, { form: fields, throwHttpErrors: false, retry: { limit: 0 } })
      .then((res) => ({ status: res.statusCode, body: JSON.parse(res.body) }));
  }
  const good = {
    grant_type: 'refresh_token',
    client_id: EMULATOR_DEFAULTS.clientId,
    refresh_token: EMULATOR_DEFAULTS.refreshToken,
    scope: 's offline_access',
  };

  it('issues a delegated access token the API accepts', async () => {
    const res = await exchange(good);
    expect(res).toMatchObject({
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: 120,
        scope: 's offline_access',
        refresh_token: EMULATOR_DEFAULTS.refreshToken,
      },
    });
    expect((await call('GET', '/v1/profiles/billing', { bearer: res.body.access_token })).status).toBe(200);
  });

  it('answers OAuth errors for a wrong refresh token, client, grant or tenant', async () => {
    expect(await exchange({ ...good, refresh_token: 'x' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: expect.any(String) },
    });
    expect(await exchange({ ...good, client_id: 'x' })).toMatchObject({
      status: 400,
      body: { error: 'unauthorized_client' },
    });
    expect(await exchange({ ...good, grant_type: 'client_credentials' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await exchange(good, 'other-tenant')).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const log = await admin.tokenRequests();
    expect(log.map((r) => r.error)).toEqual([
      'invalid_grant',
      'unauthorized_client',
      'unsupported_grant_type',
      'invalid_request',
    ]);
    expect(JSON.stringify(log)).not.toContain(EMULATOR_DEFAULTS.refreshToken);
  });
});
