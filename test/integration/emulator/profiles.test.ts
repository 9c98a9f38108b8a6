// The partner profiles besides billing (docs/architecture.md §6.1), over real HTTP: support,
// organization, legalbusiness and mpn, each with the envelope of billing (bearer check, ids,
// faults, replay) and its own fields, read-only parts, validation and etag (or none).
import got, { type OptionsOfTextResponseBody } from 'got';
import { EmulatorAdmin, type EmulatorProfileName, type ProfileJson } from '../../../emulator/admin-client';
import { EMULATOR_DEFAULTS, startEmulator, type RunningEmulator } from '../../../emulator/server';

let emu: RunningEmulator;
let admin: EmulatorAdmin;
let token: string;

beforeEach(async () => {
  emu = await startEmulator();
  admin = new EmulatorAdmin(emu.url);
  token = await admin.token(true);
});
afterEach(() => emu.close());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: ProfileJson;
}

async function call(
  method: 'GET' | 'PUT' | 'POST' | 'PATCH',
  path: string,
  opts: OptionsOfTextResponseBody & { bearer?: string | null } = {},
): Promise<Answer> {
  const { bearer = token, headers = {}, ...rest } = opts;
  const res = await got(`${emu.url}${path}`, {
    method,
    throwHttpErrors: false,
    retry: { limit: 0 },
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
    ...rest,
  });
  return { status: res.statusCode, headers: res.headers, body: res.body ? (JSON.parse(res.body) as ProfileJson) : {} };
}

/** The profile at `path` as a client sends it back: read, links dropped, `change` applied. */
async function sendBack(
  path: string,
  change: (p: ProfileJson) => void = () => {},
  opts: OptionsOfTextResponseBody = {},
  putPath = path,
): Promise<Answer> {
  const p = (await call('GET', path)).body;
  delete p.links;
  change(p);
  return call('PUT', putPath, { json: p, ...opts });
}

const invalidProperty = (field: string, description: RegExp) => ({
  status: 400,
  body: { code: 3000, data: [field], description, source: 'PartnerFD' },
});

describe('support profile', () => {
  const PATH = '/v1/profiles/support';

  it('GET answers email, telephone, website and profileType, with objectType and no etag', async () => {
    const res = await call('GET', PATH);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      email: 'support@contoso-partner.example',
      telephone: '+1 425 555 0101',
      website: 'https://support.contoso-partner.example',
      profileType: 'support_profile',
      links: { self: { uri: '/profiles/support', method: 'GET', headers: [] } },
      attributes: { objectType: 'PartnerSupportProfile' },
    });
  });

  it('accepts a PUT on /v1/profiles/support and on /v1/profiles/supportprofile, and GET reads it back', async () => {
    const first = await sendBack(PATH, (p) => (p.email = 'help@fabrikam.example'));
    expect(first).toMatchObject({ status: 200, body: { email: 'help@fabrikam.example' } });
    const second = await sendBack(
      PATH,
      (p) => {
        // Names bind in any casing, as on billing.
        delete p.telephone;
        p.Telephone = '+44 20 7946 0000';
      },
      {},
      '/v1/profiles/supportprofile',
    );
    expect(second).toMatchObject({
      status: 200,
      body: { email: 'help@fabrikam.example', telephone: '+44 20 7946 0000', profileType: 'support_profile' },
    });
    expect((await call('GET', PATH)).body).toEqual(second.body);
    // The PUT-only path has no GET.
    const get = await call('GET', '/v1/profiles/supportprofile');
    expect([get.status, get.headers.allow]).toEqual([405, 'PUT']);
  });

  it('has no etag: a stale If-Match or body etag does not stop a PUT', async () => {
    const res = await sendBack(
      PATH,
      (p) => {
        p.website = 'https://help.contoso-partner.example/contact';
        p.attributes = { etag: 'stale', objectType: 'PartnerSupportProfile' };
      },
      { headers: { 'if-match': '"stale"' } },
    );
    expect(res.status).toBe(200);
    expect(res.body.attributes).toEqual({ objectType: 'PartnerSupportProfile' });
    expect((await admin.requests()).at(-1)).toMatchObject({ method: 'PUT', applied: true });
  });

  it('clears fields a PUT leaves out, refuses a changed profileType and invalid fields, naming them', async () => {
    const cleared = await call('PUT', PATH, { json: { email: 'only@contoso-partner.example' } });
    expect(cleared.body).toEqual({
      email: 'only@contoso-partner.example',
      profileType: 'support_profile',
      links: expect.any(Object),
      attributes: { objectType: 'PartnerSupportProfile' },
    });
    expect(await sendBack(PATH, (p) => (p.profileType = 'billing_profile'))).toMatchObject(
      invalidProperty('profileType', /profileType is read-only/),
    );
    expect(await sendBack(PATH, (p) => (p.email = 'not-an-email'))).toMatchObject(
      invalidProperty('email', /email must be an email address/),
    );
    expect(await sendBack(PATH, (p) => (p.website = 'support.example.com'))).toMatchObject(
      invalidProperty('website', /website must be an http or https address/),
    );
    expect(await sendBack(PATH, (p) => (p.telephone = 'call us'))).toMatchObject(
      invalidProperty('telephone', /telephone must be a phone number/),
    );
  });

  it('answers 401 without a token, as billing does', async () => {
    expect((await call('GET', PATH, { bearer: null })).status).toBe(401);
    expect((await call('PUT', '/v1/profiles/supportprofile', { bearer: null, json: {} })).status).toBe(401);
  });
});

describe('organization profile', () => {
  const PATH = '/v1/profiles/organization';

  it('GET answers the fields with defaultAddress, the tenant id and an etag', async () => {
    const res = await call('GET', PATH);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      companyName: 'Contoso Partner Ltd',
      defaultAddress: expect.objectContaining({ country: 'US', addressLine1: 'One Microsoft Way', state: 'WA' }),
      tenantId: EMULATOR_DEFAULTS.tenantId,
      domain: 'contoso-partner.onmicrosoft.com',
      email: 'admin@contoso-partner.example',
      language: 'en',
      culture: 'en-us',
      profileType: 'organization_profile',
      links: { self: { uri: '/profiles/organization', method: 'GET', headers: [] } },
      attributes: { etag: expect.any(String), objectType: 'OrganizationProfile' },
    });
  });

  it('a PUT changes the writable fields with a new etag; a stale etag gets 412', async () => {
    const before = (await call('GET', PATH)).body;
    const put = await sendBack(PATH, (p) => {
      p.companyName = 'Contoso Holdings';
      p.defaultAddress.city = 'Bellevue';
      p.culture = 'en-gb';
    });
    expect(put).toMatchObject({
      status: 200,
      body: { companyName: 'Contoso Holdings', defaultAddress: { city: 'Bellevue' }, culture: 'en-gb', id: before.id },
    });
    expect(put.body.attributes.etag).not.toBe(before.attributes.etag);
    // The etag read before that PUT is stale now, in the body or in If-Match.
    const stale = await call('PUT', PATH, { json: { ...put.body, attributes: before.attributes } });
    expect(stale).toMatchObject({ status: 412, body: { code: 2055 } });
    const staleHeader = await call('PUT', PATH, {
      json: { ...put.body, attributes: undefined },
      headers: { 'if-match': `"${before.attributes.etag}"` },
    });
    expect(staleHeader.status).toBe(412);
  });

  it('refuses a change of id, tenantId or domain, naming the field, but accepts them repeated', async () => {
    for (const [field, value] of [
      ['id', '11111111-1111-4111-8111-111111111111'],
      ['tenantId', '22222222-2222-4222-8222-222222222222'],
      ['domain', 'fabrikam.onmicrosoft.com'],
    ]) {
      expect(await sendBack(PATH, (p) => (p[field] = value))).toMatchObject(
        invalidProperty(field, new RegExp(`${field} is read-only`)),
      );
    }
    expect((await sendBack(PATH, (p) => (p.domain = 'CONTOSO-PARTNER.onmicrosoft.com'))).status).toBe(200);
  });

  it('validates the Address (country 2 letters, state at most 2, addressLine1 required) and the email', async () => {
    expect(await sendBack(PATH, (p) => (p.defaultAddress.country = 'USA'))).toMatchObject(
      invalidProperty('defaultAddress.country', /2-letter ISO 3166/),
    );
    expect(await sendBack(PATH, (p) => (p.defaultAddress.state = 'Washington'))).toMatchObject(
      invalidProperty('defaultAddress.state', /at most 2 characters/),
    );
    expect(await sendBack(PATH, (p) => delete p.defaultAddress.addressLine1)).toMatchObject(
      invalidProperty('defaultAddress.addressLine1', /is required/),
    );
    expect(await sendBack(PATH, (p) => (p.email = 'admin@'))).toMatchObject(invalidProperty('email', /email/));
    expect(await sendBack(PATH, (p) => delete p.companyName)).toMatchObject(
      invalidProperty('companyName', /companyName is required/),
    );
  });

  it('holds the tenant id of each tenant', async () => {
    const other = '22222222-2222-4222-8222-222222222222';
    await admin.addTenant(other);
    const mine = await admin.getProfileOf('organization');
    const theirs = await admin.forTenant(other).getProfileOf('organization');
    expect([mine.tenantId, theirs.tenantId]).toEqual([EMULATOR_DEFAULTS.tenantId, other]);
    expect(theirs.id).not.toBe(mine.id);
  });
});

describe('legal business profile', () => {
  const PATH = '/v1/profiles/legalbusiness';
  const CURRENT = `${PATH}?vettingVersion=Current`;

  it('GET answers the fields, vetting None, with an etag; Current is also the default', async () => {
    const res = await call('GET', CURRENT);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      companyName: 'Contoso Partner Ltd',
      address: expect.objectContaining({ country: 'US', addressLine1: 'One Microsoft Way' }),
      primaryContact: expect.objectContaining({ email: 'legal@contoso-partner.example' }),
      companyApproverAddress: expect.objectContaining({ country: 'US', firstName: 'Jordan' }),
      companyApproverEmail: 'approver@contoso-partner.example',
      vettingStatus: 'None',
      vettingSubStatus: 'None',
      profileType: 'legal_business_profile',
      links: { self: { uri: '/profiles/legalbusiness', method: 'GET', headers: [] } },
      attributes: { etag: expect.any(String), objectType: 'LegalBusinessProfile' },
    });
    expect((await call('GET', PATH)).body).toEqual(res.body);
    expect((await call('GET', `${PATH}?vettingversion=current`)).body).toEqual(res.body);
    expect(await call('GET', `${PATH}?vettingVersion=Latest`)).toMatchObject({
      status: 400,
      body: { code: 800002, data: ['vettingVersion'], description: /vettingVersion must be Current or LastFinalized/ },
    });
  });

  it('a PUT changes the company name while not vetted; vetting fields sent are ignored', async () => {
    const put = await sendBack(
      CURRENT,
      (p) => {
        p.companyName = 'Contoso Partner GmbH';
        p.companyApproverEmail = 'ceo@contoso-partner.example';
        p.vettingStatus = 'Authorized';
        p.vettingSubStatus = 'Decision';
      },
      {},
      PATH,
    );
    expect(put).toMatchObject({
      status: 200,
      body: {
        companyName: 'Contoso Partner GmbH',
        companyApproverEmail: 'ceo@contoso-partner.example',
        vettingStatus: 'None',
        vettingSubStatus: 'None',
      },
    });
    expect(await sendBack(CURRENT, (p) => (p.profileType = 'mpn_profile'), {}, PATH)).toMatchObject(
      invalidProperty('profileType', /read-only/),
    );
    expect(await sendBack(CURRENT, (p) => (p.address.country = 'Germany'), {}, PATH)).toMatchObject(
      invalidProperty('address.country', /2-letter/),
    );
    expect(await sendBack(CURRENT, (p) => (p.primaryContact.email = 'x'), {}, PATH)).toMatchObject(
      invalidProperty('primaryContact.email', /email address/),
    );
    const stale = await call('PUT', PATH, { json: put.body, headers: { 'if-match': '"not-the-etag"' } });
    expect(stale.status).toBe(412);
  });

  it('once vetting is Authorized, a PUT renaming the company is refused; other changes pass', async () => {
    const vetted = await admin.patchProfileOf('legalbusiness', {
      vettingStatus: 'Authorized',
      vettingSubStatus: 'Decision',
    });
    expect(vetted).toMatchObject({ vettingStatus: 'Authorized', vettingSubStatus: 'Decision' });
    const rename = await sendBack(CURRENT, (p) => (p.companyName = 'Renamed Ltd'), {}, PATH);
    expect(rename).toMatchObject({
      status: 400,
      body: {
        code: 3000,
        data: ['companyName'],
        description: expect.stringMatching(/company name .* vetting is Authorized cannot be changed/),
      },
    });
    expect((await admin.getProfileOf('legalbusiness')).companyName).toBe('Contoso Partner Ltd');
    const other = await sendBack(CURRENT, (p) => (p.address.city = 'Kirkland'), {}, PATH);
    expect(other).toMatchObject({
      status: 200,
      body: { companyName: 'Contoso Partner Ltd', address: { city: 'Kirkland' } },
    });
    // Back to Pending (a new vetting round): the rename passes again.
    await admin.patchProfileOf('legalbusiness', { vettingStatus: 'Pending' });
    expect((await sendBack(CURRENT, (p) => (p.companyName = 'Renamed Ltd'), {}, PATH)).status).toBe(200);
  });

  it('LastFinalized is 404 until vetting ends, then the version vetting ended on', async () => {
    expect(await call('GET', `${PATH}?vettingVersion=LastFinalized`)).toMatchObject({
      status: 404,
      body: { code: 1000, description: /no finalized version/ },
    });
    const vetted = await admin.patchProfileOf('legalbusiness', { vettingStatus: 'Authorized' });
    await sendBack(CURRENT, (p) => (p.address.city = 'Kirkland'), {}, PATH);
    const finalized = await call('GET', `${PATH}?vettingVersion=LastFinalized`);
    expect(finalized.status).toBe(200);
    expect(finalized.body).toEqual(vetted);
    expect((await call('GET', CURRENT)).body.address.city).toBe('Kirkland');
  });

  it('the admin PATCH refuses a vetting status the API does not have', async () => {
    const res = await got.patch(`${emu.url}/_emulator/profiles/legalbusiness`, {
      json: { vettingStatus: 'Approved' },
      throwHttpErrors: false,
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toMatch(/vettingStatus must be one of None, Pending, Authorized, Rejected/);
  });
});

describe('partner network (MPN) profile', () => {
  const PATH = '/v1/profiles/mpn';

  it('GET answers partnerName, partnerId and mpnId (the same value) and profileType', async () => {
    const res = await call('GET', PATH);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      partnerName: 'Contoso Partner Ltd',
      partnerId: expect.stringMatching(/^\d{7}$/),
      mpnId: res.body.partnerId,
      profileType: 'mpn_profile',
      links: { self: { uri: '/profiles/mpn', method: 'GET', headers: [] } },
      attributes: { objectType: 'MpnProfile' },
    });
  });

  it('?mpnId= answers the partner with that id, 404 code 3000 for an unknown one', async () => {
    const own = (await call('GET', PATH)).body;
    expect((await call('GET', `${PATH}?mpnId=${own.partnerId}`)).body).toEqual(own);
    const other = '22222222-2222-4222-8222-222222222222';
    await admin.addTenant(other);
    const theirs = await admin.forTenant(other).patchProfileOf('mpn', { partnerName: 'Fabrikam', mpnId: '7654321' });
    expect(theirs).toMatchObject({ partnerId: '7654321', mpnId: '7654321' });
    expect((await call('GET', `${PATH}?mpnId=7654321`)).body).toMatchObject({ partnerName: 'Fabrikam' });
    expect(await call('GET', `${PATH}?mpnId=1`)).toMatchObject({
      status: 404,
      body: { code: 3000, data: ['mpnId'], source: 'PartnerFD' },
    });
  });

  it('has no PUT: 405 with Allow: GET, and nothing changes', async () => {
    const before = await admin.getProfileOf('mpn');
    const res = await call('PUT', PATH, { json: { ...before, partnerName: 'X' } });
    expect(res).toMatchObject({ status: 405, body: { description: /read-only in the API/ } });
    expect(res.headers.allow).toBe('GET');
    expect(await admin.getProfileOf('mpn')).toEqual(before);
  });
});

describe('the envelope on every profile path', () => {
  it('a fault for any path hits the next call whatever its path; one with a path only calls to that path', async () => {
    await admin.injectFault({ status: 503 });
    expect((await call('GET', '/v1/profiles/organization')).status).toBe(503);
    expect((await call('GET', '/v1/profiles/billing')).status).toBe(200);

    await admin.injectFault({ status: 500, path: '/v1/profiles/support', method: 'PUT' });
    expect((await call('GET', '/v1/profiles/support')).status).toBe(200);
    expect((await sendBack('/v1/profiles/billing')).status).toBe(200);
    expect((await sendBack('/v1/profiles/support')).status).toBe(500);
    expect((await admin.pendingFaults()).pending).toEqual([]);
  });

  it('refuses a fault path outside the API', async () => {
    const res = await got.post(`${emu.url}/_emulator/faults`, {
      json: { status: 500, path: 'profiles/support' },
      throwHttpErrors: false,
    });
    expect([res.statusCode, JSON.parse(res.body).error]).toEqual([
      400,
      expect.stringMatching(/^path must be an API path/),
    ]);
  });

  it('replays a PUT by MS-RequestId per profile: the same id on another profile is another call', async () => {
    const headers = { 'ms-requestid': 'a0a0a0a0-0000-4000-8000-000000000001' };
    const first = await sendBack('/v1/profiles/support', (p) => (p.email = 'one@contoso-partner.example'), { headers });
    const again = await sendBack('/v1/profiles/support', (p) => (p.email = 'two@contoso-partner.example'), { headers });
    expect(again.body).toEqual(first.body);
    expect((await admin.getProfileOf('support')).email).toBe('one@contoso-partner.example');
    const org = await sendBack('/v1/profiles/organization', (p) => (p.email = 'org@contoso-partner.example'), {
      headers,
    });
    expect(org.body.email).toBe('org@contoso-partner.example');
    expect(
      (await admin.requests()).filter((r) => r.method === 'PUT').map((r) => [r.path, r.replayed ?? false]),
    ).toEqual([
      ['/v1/profiles/support', false],
      ['/v1/profiles/support', true],
      ['/v1/profiles/organization', false],
    ]);
  });

  it('unknown API paths list the profiles served', async () => {
    expect(await call('GET', '/v1/profiles/customer')).toMatchObject({
      status: 404,
      body: { code: 1000, description: expect.stringContaining('/v1/profiles/legalbusiness') },
    });
  });
});

describe('admin API per profile', () => {
  const NAMES: EmulatorProfileName[] = ['billing', 'support', 'organization', 'legalbusiness', 'mpn'];

  it('lists the names; GET /_emulator/profiles/<name> answers what the API answers', async () => {
    expect(await admin.profileNames()).toEqual(NAMES);
    const paths: Record<EmulatorProfileName, string> = {
      billing: '/v1/profiles/billing',
      support: '/v1/profiles/support',
      organization: '/v1/profiles/organization',
      legalbusiness: '/v1/profiles/legalbusiness',
      mpn: '/v1/profiles/mpn',
    };
    for (const name of NAMES)
      expect([name, await admin.getProfileOf(name)]).toEqual([name, (await call('GET', paths[name])).body]);
    expect(await admin.getProfileOf('billing')).toEqual(await admin.profile());
  });

  it('PATCH edits one profile out of band, bumping the etag where it has one, and only of that tenant', async () => {
    const other = '22222222-2222-4222-8222-222222222222';
    await admin.addTenant(other);
    const before = await admin.getProfileOf('organization');
    const after = await admin.patchProfileOf('organization', {
      domain: 'contoso.example',
      defaultAddress: { city: 'Seattle' },
    });
    expect(after).toMatchObject({ domain: 'contoso.example', defaultAddress: { city: 'Seattle', country: 'US' } });
    expect(after.attributes.etag).not.toBe(before.attributes.etag);
    expect((await admin.forTenant(other).getProfileOf('organization')).domain).toBe('contoso-partner.onmicrosoft.com');

    const support = await admin.patchProfileOf('support', { website: null, telephone: '+1 206 555 0199' });
    expect(support).not.toHaveProperty('website');
    expect(support.attributes).toEqual({ objectType: 'PartnerSupportProfile' });
    expect((await admin.patchProfileOf('billing', { taxId: 'T-1' })).taxId).toBe('T-1');
    expect((await admin.profile()).taxId).toBe('T-1');
  });

  it('answers 404 naming the profiles for an unknown name, and 400 for an invalid edit', async () => {
    const unknown = await got(`${emu.url}/_emulator/profiles/customer`, { throwHttpErrors: false });
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(unknown.body).error).toBe(
      'no profile "customer"; the emulator serves billing, support, organization, legalbusiness, mpn (/_emulator/profiles/<name>)',
    );
    const bad = await got.patch(`${emu.url}/_emulator/profiles/support`, {
      json: { email: 'nope' },
      throwHttpErrors: false,
    });
    expect([bad.statusCode, JSON.parse(bad.body).error]).toEqual([
      400,
      expect.stringMatching(/^email must be an email/),
    ]);
  });

  it('keeps the admin guard on the profile routes: JSON only, loopback only', async () => {
    const form = await got.patch(`${emu.url}/_emulator/profiles/support`, {
      body: 'email=x@y.example',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      throwHttpErrors: false,
    });
    expect(form.statusCode).toBe(415);
    const rebound = await got(`${emu.url}/_emulator/profiles/support`, {
      headers: { host: 'attacker.example' },
      throwHttpErrors: false,
    });
    expect(rebound.statusCode).toBe(403);
  });

  it('reset brings every profile back to its default', async () => {
    await admin.patchProfileOf('support', { email: 'changed@contoso-partner.example' });
    await admin.patchProfileOf('legalbusiness', { vettingStatus: 'Authorized' });
    await admin.reset();
    expect((await admin.getProfileOf('support')).email).toBe('support@contoso-partner.example');
    expect((await admin.getProfileOf('legalbusiness')).vettingStatus).toBe('None');
    expect((await call('GET', '/v1/profiles/legalbusiness?vettingVersion=LastFinalized')).status).toBe(404);
  });
});
