// The emulator's --data file survives the emulator being killed (SIGKILL) in the middle of a burst
// of writes: every time, the file left behind is a whole, valid profile, either the last
// acknowledged write or one in flight, never a mix or a torn file; the next start cleans up the
// temporary files a kill can leave.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { startEmulator } from '../../../emulator/server';

const root = join(__dirname, '..', '..', '..');
const KILLS = 12;
const WRITERS = 4;

function startChild(file: string): { child: ChildProcess; url: Promise<string> } {
  // One node process (tsx as a loader, not the tsx CLI, which would run the emulator in a child
  // that SIGKILL of the parent would leave running).
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'emulator', '--port', '0', '--data', file], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (\S+)\n/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}) before printing its URL`)));
  });
  return { child, url };
}

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'pc-emulator-crash-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it(`leaves a whole, valid data file after each of ${KILLS} kills during concurrent writes`, async () => {
  const file = join(dir, 'profile.json');
  let acked = 0;
  await (await startEmulator({ data: file })).close(); // creates the file with the default profile
  let previous: string | undefined = JSON.parse(readFileSync(file, 'utf8')).taxId; // the file before this round
  for (let round = 0; round < KILLS; round++) {
    const { child, url } = startChild(file);
    const admin = new EmulatorAdmin(await url);
    const sent = new Set<string>();
    const lastAcked: string[] = [];
    let stop = false;
    // Each write changes two fields together: a torn or mixed file would show them apart.
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const value = `R${round}-W${w}-${i}`;
        sent.add(value);
        try {
          await admin.patchProfile({ taxId: value, purchaseOrderNumber: value });
          lastAcked.push(value);
          acked++;
        } catch {
          return; // the emulator was killed
        }
      }
    };
    const writing = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    await new Promise((r) => setTimeout(r, 150 + ((round * 37) % 250)));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    stop = true;
    await writing;

    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.taxId).toBe(saved.purchaseOrderNumber);
    // What the file holds was written by someone: a write of this round, or the state before it.
    expect(sent.has(saved.taxId) || saved.taxId === previous).toBe(true);
    // Every write acknowledged before the kill is durable: the file holds one of the in-flight
    // writes or one acknowledged no earlier than the WRITERS-th last acknowledgement.
    if (lastAcked.length > 0) {
      const settled = lastAcked.slice(0, Math.max(0, lastAcked.length - WRITERS));
      expect(settled.slice(0, -1)).not.toContain(saved.taxId);
    }
    expect(saved.attributes.etag).toEqual(expect.any(String));
    previous = saved.taxId;
  }
  expect(acked).toBeGreaterThan(KILLS); // the kills landed among writes (a few per round even on a slow disk)

  // The next start accepts the file as it is and removes leftover temporary files.
  const emu = await startEmulator({ data: file });
  try {
    const live = await new EmulatorAdmin(emu.url).profile();
    expect(live.taxId).toBe(JSON.parse(readFileSync(file, 'utf8')).taxId);
  } finally {
    await emu.close();
  }
  expect(readdirSync(dir)).toEqual(['profile.json']);
}, 120_000);
