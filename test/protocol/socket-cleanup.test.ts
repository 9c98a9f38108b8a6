// A provider killed with SIGKILL cannot remove its socket folder; the next provider started in
// the same place removes it, and nothing else: not go-plugin's own "plugin<digits>" folders, not
// a live provider's, not another user's, not a symlink (nor what it points to), not a folder
// holding anything but the socket.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { PROVIDER_BUNDLE, requireBundle } from '../support/bundles';
import { makeClientCert, type ClientCert } from './support/client-cert';
import { parseHandshake } from './support/grpc-client';
import { launchProvider, stopProvider, type ProviderProcess } from './support/launcher';

let cert: ClientCert;
const running: ProviderProcess[] = [];
const tempDirs: string[] = [];

beforeAll(() => {
  cert = makeClientCert();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map(stopProvider));
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Launches the real provider; resolves with the process and its socket folder. */
async function launch(socketDir?: string): Promise<{ p: ProviderProcess; folder: string }> {
  const p = launchProvider({
    clientCert: cert,
    bundle: requireBundle(PROVIDER_BUNDLE),
    env: socketDir ? { PLUGIN_UNIX_SOCKET_DIR: socketDir } : {},
  });
  running.push(p);
  return { p, folder: dirname(parseHandshake(await p.firstLine).address) };
}

async function kill(p: ProviderProcess): Promise<void> {
  p.child.kill('SIGKILL');
  expect((await p.exited).signal).toBe('SIGKILL');
}

/** A pid that belonged to a process that has exited (and been reaped). */
function deadPid(): number {
  return Number(
    spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout,
  );
}

test('the next start in the default temporary folder removes the folder a SIGKILLed provider left', async () => {
  const first = await launch();
  expect(dirname(first.folder)).toBe(tmpdir());
  expect(basename(first.folder)).toMatch(new RegExp(`^plugin-${first.p.child.pid}-[A-Za-z0-9]{6}$`));
  await kill(first.p);
  expect(existsSync(join(first.folder, 'plugin.sock'))).toBe(true); // left behind by the kill

  const second = await launch();
  expect(existsSync(first.folder)).toBe(false);
  expect(existsSync(second.folder)).toBe(true);
});

test('removes only stale folders of its own pattern, owned by this user, holding only the socket', async () => {
  const shared = mkdtempSync(join(tmpdir(), 'shared-sockets-'));
  tempDirs.push(shared);
  const killed = await launch(shared);
  await kill(killed.p);

  const dead = deadPid();
  const keep: string[] = [];
  const folder = (name: string) => {
    const path = join(shared, name);
    mkdirSync(path, { mode: 0o700 });
    return path;
  };
  // go-plugin's own naming (a Go provider's folder), even with a "dead pid" shape.
  keep.push(folder(`plugin${dead}`));
  // A live provider's folder (the pid of this test process).
  keep.push(folder(`plugin-${process.pid}-abcDEF`));
  // Our pattern and a dead pid, but holding something else: not removed, not emptied.
  const busy = folder(`plugin-${dead}-busy01`);
  writeFileSync(join(busy, 'notes.txt'), 'keep me');
  keep.push(busy, join(busy, 'notes.txt'));
  // A symlink with our pattern, to a folder that holds only a "plugin.sock": neither is touched.
  const target = mkdtempSync(join(tmpdir(), 'symlink-target-'));
  tempDirs.push(target);
  writeFileSync(join(target, 'plugin.sock'), '');
  symlinkSync(target, join(shared, `plugin-${dead}-link01`));
  keep.push(join(shared, `plugin-${dead}-link01`), join(target, 'plugin.sock'));
  // Another user's folder (only root can make one here).
  if (process.getuid?.() === 0) {
    const foreign = folder(`plugin-${dead}-other1`);
    chownSync(foreign, 65534, 65534);
    keep.push(foreign);
  }
  // Stale and ours, but empty (killed before it listened): removed.
  const empty = folder(`plugin-${dead}-empty1`);

  const next = await launch(shared);
  expect(existsSync(killed.folder)).toBe(false);
  expect(existsSync(empty)).toBe(false);
  for (const path of keep) expect(existsSync(path)).toBe(true);
  expect(existsSync(next.folder)).toBe(true);
});
