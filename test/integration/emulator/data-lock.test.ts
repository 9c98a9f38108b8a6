// One emulator per --data file: a second one on the same file fails to start with a message
// naming the file and the other emulator's pid (it would otherwise overwrite the first one's
// edits); the lock of a killed emulator is taken over; a closed emulator frees the file.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { startEmulator } from '../../../emulator/server';

const root = join(__dirname, '..', '..', '..');

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pc-emulator-lock-'));
  file = join(dir, 'profile.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI in one node process (tsx as a loader), so that its pid is the emulator's. */
function cli(args: string[]): { child: ChildProcess; url: Promise<string>; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'emulator', '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)\n/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}) before printing its URL: ${err}`)));
  });
  return { child, url, stderr: () => err };
}

/** A pid that belonged to a process that has exited (and been reaped). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

it('refuses a second emulator on the same file, naming the file and the first one’s pid', async () => {
  const first = await startEmulator({ data: file });
  try {
    await expect(startEmulator({ data: file })).rejects.toThrow(
      `Emulator data file ${file} is in use by another emulator (pid ${process.pid}, lock file ${file}.lock)`,
    );
    // The first one is untouched and keeps saving its edits.
    await new EmulatorAdmin(first.url).patchProfile({ purchaseOrderNumber: 'PO-FIRST' });
    expect(JSON.parse(readFileSync(file, 'utf8')).purchaseOrderNumber).toBe('PO-FIRST');
  } finally {
    await first.close();
  }
  // Closed: the file is free again, and no lock is left behind.
  expect(readdirSync(dir)).toEqual(['profile.json']);
  await (await startEmulator({ data: file })).close();
});

it('the CLI: a second `npm run emulator -- --data <file>` exits 1 with the message, the first keeps running', async () => {
  const first = cli(['--data', file]);
  try {
    const url = await first.url;
    const second = cli(['--data', file]);
    second.url.catch(() => undefined); // it is expected to exit without a URL
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(second.stderr()).toContain(
      `Emulator data file ${file} is in use by another emulator (pid ${first.child.pid}, lock file ${file}.lock)`,
    );
    expect(second.stderr()).toContain('stop the other one or give this one another --data file');
    expect((await new EmulatorAdmin(url).patchProfile({ taxId: 'T-1' })).taxId).toBe('T-1');
  } finally {
    first.child.kill('SIGTERM');
    await once(first.child, 'exit');
  }
  expect(existsSync(`${file}.lock`)).toBe(false);
});

it('takes over the lock of an emulator that was killed', async () => {
  const killed = cli(['--data', file]);
  await killed.url;
  expect(readFileSync(`${file}.lock`, 'utf8').trim()).toBe(String(killed.child.pid));
  killed.child.kill('SIGKILL');
  await once(killed.child, 'exit');

  const emu = await startEmulator({ data: file });
  try {
    expect(readFileSync(`${file}.lock`, 'utf8').trim()).toBe(String(process.pid));
    expect((await new EmulatorAdmin(emu.url).profile()).companyName).toBe('Contoso Partner Ltd');
  } finally {
    await emu.close();
  }
  expect(readdirSync(dir)).toEqual(['profile.json']);
});

it('takes over a stale lock file whose pid is dead', async () => {
  writeFileSync(`${file}.lock`, `${deadPid()}\n`);
  const emu = await startEmulator({ data: file });
  await emu.close();
  expect(readdirSync(dir)).toEqual(['profile.json']);
});

it('frees the file when the start fails (invalid JSON), so a fixed file starts', async () => {
  writeFileSync(file, '{ not json');
  await expect(startEmulator({ data: file })).rejects.toThrow('is not valid JSON');
  expect(existsSync(`${file}.lock`)).toBe(false);
  rmSync(file);
  await (await startEmulator({ data: file })).close();
});
