// The --data file: created when missing, rewritten atomically on every change, kept across a
// restart; a corrupt file stops the start with an error naming it and is left untouched.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { startEmulator } from '../../../emulator/server';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pc-emulator-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('creates a missing file with the default profile, saves each change, and keeps it across a restart', async () => {
  const file = join(dir, 'nested', 'profile.json');
  const first = await startEmulator({ data: file });
  const initial = JSON.parse(readFileSync(file, 'utf8'));
  expect(initial).toMatchObject({ companyName: 'Contoso Partner Ltd', attributes: { etag: expect.any(String) } });

  const changed = await new EmulatorAdmin(first.url).patchProfile({ taxId: 'PERSISTED', address: { city: 'Tacoma' } });
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(changed);
  await first.close();

  const second = await startEmulator({ data: file });
  try {
    expect(await new EmulatorAdmin(second.url).profile()).toEqual(changed);
  } finally {
    await second.close();
  }
  expect(readdirSync(join(dir, 'nested'))).toEqual(['profile.json']); // no temp files left behind
});

it('refuses to start on a corrupt file, names it, and leaves it as it was', async () => {
  const file = join(dir, 'profile.json');
  writeFileSync(file, '{"companyName": "half a file');
  await expect(startEmulator({ data: file })).rejects.toThrow(`Emulator data file ${file} is not valid JSON`);
  expect(readFileSync(file, 'utf8')).toBe('{"companyName": "half a file');
});

it('refuses a file that is JSON but not a valid profile, naming the field', async () => {
  const file = join(dir, 'profile.json');
  writeFileSync(file, JSON.stringify({ address: { country: 'United States', addressLine1: 'x' } }));
  await expect(startEmulator({ data: file })).rejects.toThrow(/address\.country must be a 2-letter/);
});

it('starts from initialProfile and returns to it on reset', async () => {
  const emu = await startEmulator({
    initialProfile: {
      companyName: 'Fabrikam',
      address: { country: 'DE', addressLine1: 'Hauptstr. 1' },
      billingCurrency: 'EUR',
    },
  });
  try {
    const admin = new EmulatorAdmin(emu.url);
    expect(await admin.profile()).toMatchObject({ companyName: 'Fabrikam', billingCurrency: 'EUR' });
    await admin.patchProfile({ companyName: 'Other' });
    expect((await admin.reset()).companyName).toBe('Fabrikam');
  } finally {
    await emu.close();
  }
});

it('removes the temporary files of a dead emulator at start, not those of a running one', async () => {
  const file = join(dir, 'profile.json');
  const deadPid = 2 ** 22 + 12345; // above Linux's pid_max: no such process
  const dead = `profile.json.${deadPid}.0123abcd.tmp`;
  const alive = `profile.json.${process.ppid}.89abcdef.tmp`; // the test runner's parent: running
  writeFileSync(join(dir, dead), '{"half":');
  writeFileSync(join(dir, alive), '{"half":');
  const emu = await startEmulator({ data: file });
  await emu.close();
  expect(readdirSync(dir).sort()).toEqual([alive, 'profile.json'].sort());
});
