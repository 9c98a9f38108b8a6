// The --data file with every partner profile (docs/architecture.md §6.4): once a profile other
// than billing changed, the file holds all of them for every tenant and a restart brings them all
// back (etags and the last finalized legal business version included); a file of the formats from
// before (one billing profile, or billing profiles by tenant) still loads, the other profiles
// starting from their defaults.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import got from 'got';
import { EmulatorAdmin, type EmulatorProfileName } from '../../../emulator/admin-client';
import { EMULATOR_DEFAULTS, startEmulator } from '../../../emulator/server';

const A = EMULATOR_DEFAULTS.tenantId;
const B = '22222222-2222-4222-8222-222222222222';
const NAMES: EmulatorProfileName[] = ['billing', 'support', 'organization', 'legalbusiness', 'mpn'];

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pc-emulator-profiles-'));
  file = join(dir, 'data.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const readFile = () => JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;

async function everyProfile(admin: EmulatorAdmin) {
  const out: Record<string, unknown> = {};
  for (const name of NAMES) out[name] = await admin.getProfileOf(name);
  return out;
}

it('holds every profile of every tenant once another profile than billing changed, and restores them all', async () => {
  const first = await startEmulator({ data: file });
  const admin = new EmulatorAdmin(first.url);
  await admin.addTenant(B);
  await admin.patchProfile({ taxId: 'BILLING-ONLY' });
  expect(readFile().format).toBe('partnercenter-emulator-tenants'); // billing alone changed: the old format

  await admin.patchProfileOf('support', { email: 'kept@contoso-partner.example' });
  await admin.forTenant(B).patchProfileOf('organization', { companyName: 'Fabrikam Sandbox' });
  const vetted = await admin.patchProfileOf('legalbusiness', { vettingStatus: 'Authorized' });
  await admin.patchProfileOf('legalbusiness', { address: { city: 'Kirkland' } });
  await admin.patchProfileOf('mpn', { partnerName: 'Contoso (MPN)' });
  const saved = readFile();
  expect(saved.format).toBe('partnercenter-emulator-profiles');
  expect(Object.keys(saved.tenants)).toEqual([A, B]);
  expect(Object.keys(saved.tenants[A])).toEqual([...NAMES, 'legalbusinessLastFinalized']);
  expect(Object.keys(saved.tenants[B])).toEqual(NAMES);
  expect(saved.tenants[A].support.email).toBe('kept@contoso-partner.example');
  const beforeA = await everyProfile(admin);
  const beforeB = await everyProfile(admin.forTenant(B));
  await first.close();

  const second = await startEmulator({ data: file });
  try {
    const again = new EmulatorAdmin(second.url);
    expect(await everyProfile(again)).toEqual(beforeA);
    expect(await everyProfile(again.forTenant(B))).toEqual(beforeB);
    expect((await again.profile()).taxId).toBe('BILLING-ONLY');
    const token = await again.token();
    const finalized = await got(`${second.url}/v1/profiles/legalbusiness?vettingVersion=LastFinalized`, {
      headers: { authorization: `Bearer ${token}` },
    }).json();
    expect(finalized).toEqual(vetted);
  } finally {
    await second.close();
  }
});

it('loads a file of one billing profile (the oldest format): the other profiles start from their defaults', async () => {
  writeFileSync(
    file,
    JSON.stringify({
      companyName: 'Old File Ltd',
      address: { country: 'US', addressLine1: '1 Old St' },
      attributes: { etag: 'old-etag' },
    }),
  );
  const emu = await startEmulator({ data: file });
  try {
    const admin = new EmulatorAdmin(emu.url);
    expect(await admin.profile()).toMatchObject({ companyName: 'Old File Ltd', attributes: { etag: 'old-etag' } });
    expect((await admin.getProfileOf('support')).email).toBe('support@contoso-partner.example');
    expect((await admin.getProfileOf('organization')).tenantId).toBe(A);
    expect(readFile().companyName).toBe('Old File Ltd'); // read, not rewritten
    await admin.patchProfileOf('support', { telephone: '+1 425 555 0199' });
    expect(readFile()).toMatchObject({
      format: 'partnercenter-emulator-profiles',
      tenants: { [A]: { billing: { companyName: 'Old File Ltd' }, support: { telephone: '+1 425 555 0199' } } },
    });
  } finally {
    await emu.close();
  }
});

it('loads a file of billing profiles by tenant (the tenants format)', async () => {
  const billing = (name: string) => ({ companyName: name, address: { country: 'US', addressLine1: '1 Main St' } });
  writeFileSync(
    file,
    JSON.stringify({
      format: 'partnercenter-emulator-tenants',
      tenants: { [A]: billing('Alpha'), [B]: billing('Beta') },
    }),
  );
  const emu = await startEmulator({ data: file });
  try {
    const admin = new EmulatorAdmin(emu.url);
    expect((await admin.forTenant(B).profile()).companyName).toBe('Beta');
    expect((await admin.forTenant(B).getProfileOf('organization')).tenantId).toBe(B);
    expect((await admin.getProfileOf('legalbusiness')).vettingStatus).toBe('None');
  } finally {
    await emu.close();
  }
});

it('refuses a profiles file holding an invalid profile, naming the tenant, the profile and the field', async () => {
  writeFileSync(
    file,
    JSON.stringify({
      format: 'partnercenter-emulator-profiles',
      tenants: { [A]: { support: { website: 'not a url' } } },
    }),
  );
  await expect(startEmulator({ data: file })).rejects.toThrow(
    new RegExp(`\\(tenant ${A}\\), support is not a valid support profile: website must be an http or https address`),
  );
});
