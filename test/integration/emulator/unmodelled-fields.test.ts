// Fields the emulator does not type (docs/architecture.md §6.1, §6.3): the admin PATCH stores
// them like the service stores the fields a client's model may lack, GET echoes them, a PUT keeps
// the value it sends back and clears one it leaves out, and the request log holds each PUT body
// so a test can see what a client sent. Also: lengths counted in code points.
import got from 'got';
import { EmulatorAdmin, type ProfileJson } from '../../../emulator/admin-client';
import { startEmulator, type RunningEmulator } from '../../../emulator/server';

let emu: RunningEmulator;
let admin: EmulatorAdmin;
let token: string;

beforeEach(async () => {
  emu = await startEmulator({ port: 0 });
  admin = new EmulatorAdmin(emu.url);
  token = await admin.token(true);
});
afterEach(() => emu.close());

async function api(method: 'GET' | 'PUT', json?: object): Promise<{ status: number; body: ProfileJson }> {
  const res = await got(`${emu.url}/v1/profiles/billing`, {
    method,
    json,
    throwHttpErrors: false,
    retry: { limit: 0 },
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.statusCode, body: JSON.parse(res.body) as ProfileJson };
}

const EXTRAS = {
  vatRegistered: true,
  address: { addressLine3: 'Floor 3' },
  primaryContact: { middleName: 'Q' },
};

/** The current profile as a client would send it back, with `change` applied. */
async function sendBack(change: (p: ProfileJson) => void = () => {}): Promise<{ status: number; body: ProfileJson }> {
  const p = (await api('GET')).body;
  change(p);
  return api('PUT', p);
}

it('stores extra fields from the admin PATCH and echoes them on GET, beside the typed ones', async () => {
  await admin.patchProfile({ ...EXTRAS, address: { ...EXTRAS.address, city: 'Bellevue' } });
  const { body } = await api('GET');
  expect(body).toMatchObject({
    vatRegistered: true,
    address: { addressLine3: 'Floor 3', city: 'Bellevue', country: 'US' },
    primaryContact: { middleName: 'Q', email: expect.stringContaining('@') },
    links: { self: expect.any(Object) },
  });
  expect(await admin.profile()).toMatchObject(EXTRAS);
});

it('a PUT that sends the extra fields back keeps them, in whatever casing it sends them', async () => {
  await admin.patchProfile(EXTRAS);
  const put = await sendBack((p) => {
    p.taxId = 'NEW-TAX';
    delete p.vatRegistered;
    p.VatRegistered = true;
    p.address = { ...p.address, AddressLine3: p.address.addressLine3 };
    delete p.address.addressLine3;
  });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ taxId: 'NEW-TAX', ...EXTRAS });
  expect(put.body).not.toHaveProperty('VatRegistered'); // stored under the service's own name
});

it('a PUT that leaves the extra fields out clears them, as it clears a typed field it leaves out', async () => {
  await admin.patchProfile(EXTRAS);
  expect((await api('GET')).body).toMatchObject(EXTRAS);
  const put = await sendBack((p) => {
    delete p.vatRegistered;
    delete p.address.addressLine3;
    delete p.primaryContact.middleName;
  });
  expect(put.status).toBe(200);
  expect(put.body).not.toHaveProperty('vatRegistered');
  expect(put.body.address).not.toHaveProperty('addressLine3');
  expect(put.body.primaryContact).not.toHaveProperty('middleName');
});

it('a PUT ignores a property the service does not have, and a "__proto__" key sets no prototype', async () => {
  const put = await api('PUT', {
    ...(await api('GET')).body,
    ...JSON.parse('{"__proto__": {"polluted": true}}'),
    somethingNew: 'x',
  });
  expect(put.status).toBe(200);
  expect(put.body).not.toHaveProperty('somethingNew');
  expect(Object.keys(put.body)).not.toContain('__proto__');
  const patched = await admin.patchProfile(
    JSON.parse('{"__proto__": {"polluted": true}, "address": {"__proto__": 1}}'),
  );
  expect(Object.keys(patched)).not.toContain('__proto__');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

it('the request log holds each PUT body as it arrived', async () => {
  await admin.patchProfile(EXTRAS);
  const mark = await admin.mark();
  await sendBack((p) => (p.taxId = 'LOGGED'));
  const [put] = (await admin.since(mark)).api.filter((r) => r.method === 'PUT');
  expect(put.body).toMatchObject({ taxId: 'LOGGED', ...EXTRAS, links: expect.any(Object) });
  const [get] = (await admin.since(mark)).api.filter((r) => r.method === 'GET');
  expect(get).not.toHaveProperty('body');
});

it('keeps extra fields of the initial profile', async () => {
  await emu.close();
  emu = await startEmulator({
    port: 0,
    initialProfile: {
      companyName: 'X',
      address: { country: 'US', addressLine1: 'a', addressLine3: 'b' },
      vatRegistered: false,
    },
  });
  admin = new EmulatorAdmin(emu.url);
  token = await admin.token(true);
  expect((await api('GET')).body).toMatchObject({ vatRegistered: false, address: { addressLine3: 'b' } });
});

it('counts lengths in code points: 200 emoji fit a 200-character field, 201 do not', async () => {
  const fits = await sendBack((p) => (p.purchaseOrderNumber = '😀'.repeat(200)));
  expect(fits.status).toBe(200);
  const over = await sendBack((p) => (p.purchaseOrderNumber = '😀'.repeat(201)));
  expect(over.status).toBe(400);
  expect(over.body.description).toContain('at most 200 characters (got 201)');
});
