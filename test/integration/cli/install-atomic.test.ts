// The install is atomic (provider/cli/install.ts): whatever happens to it, the package dir holds
// the old package or the new one (or none, if there was none before), never part of one, and no
// work dir of an earlier, killed install stays behind.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { goPlatform, installProvider } from '../../../provider/cli/install';
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../../../provider/meta';
import { ROOT } from '../../support/bundles';

let tmp: string;
beforeEach(() => (tmp = mkdtempSync(path.join(os.tmpdir(), 'install-atomic-'))));
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** File name -> sha256 of every file in `dir` (undefined when there is no such dir). */
function snapshot(dir: string): Record<string, string> | undefined {
  if (!existsSync(dir)) return undefined;
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(path.join(dir, f)))
          .digest('hex'),
      ]),
  );
}

function bundle(name: string, body: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, body);
  return file;
}

const install = (mirrorDir: string, bundlePath: string) =>
  installProvider({ mirrorDir, bundlePath, sourceAddress: SOURCE_ADDRESS, version: PROVIDER_VERSION });

/** The pid of a process that has exited (what a killed install leaves in its work dirs' names). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await once(child, 'exit');
  return child.pid!;
}

test('a failed install leaves the old package whole and no work dir behind; with none before, none after', async () => {
  const mirror = path.join(tmp, 'mirror');
  const { packageDir } = await install(mirror, bundle('old.cjs', '// old build\n'));
  const before = snapshot(packageDir);
  // The bundle cannot be copied (a directory): fails after the launcher is already in the work dir.
  const unreadable = path.join(tmp, 'a-directory.cjs');
  mkdirSync(unreadable);
  await expect(install(mirror, unreadable)).rejects.toThrow(/EISDIR|directory/);
  expect(snapshot(packageDir)).toEqual(before);
  expect(readdirSync(path.dirname(packageDir))).toEqual([path.basename(packageDir)]);

  const fresh = path.join(tmp, 'fresh-mirror');
  await expect(install(fresh, unreadable)).rejects.toThrow(/EISDIR|directory/);
  expect(readdirSync(path.dirname(path.join(fresh, path.relative(mirror, packageDir))))).toEqual([]);
});

test('after a kill between the renames, the next install puts the old package back even if it fails itself', async () => {
  const mirror = path.join(tmp, 'mirror');
  const { packageDir } = await install(mirror, bundle('old.cjs', '// old build\n'));
  const before = snapshot(packageDir);
  const parent = path.dirname(packageDir);
  const base = path.basename(packageDir);
  // What an install killed right after moving the old package aside leaves behind.
  const pid = await deadPid();
  renameSync(packageDir, path.join(parent, `.${base}.replaced-${pid}`));
  mkdirSync(path.join(parent, `.${base}.installing-${pid}`));
  writeFileSync(path.join(parent, `.${base}.installing-${pid}`, 'half-written'), 'x');

  const unreadable = path.join(tmp, 'a-directory.cjs');
  mkdirSync(unreadable);
  await expect(install(mirror, unreadable)).rejects.toThrow(/EISDIR|directory/);
  expect(snapshot(packageDir)).toEqual(before);
  expect(readdirSync(parent)).toEqual([base]);
});

test('killed at random moments while installing: always the old package or the new one, whole', async () => {
  const mirror = path.join(tmp, 'mirror');
  // Big bundles, so that copying and hashing take long enough to be interrupted.
  const filler = (c: string) => `// ${c.repeat(40 * 1024 * 1024)}\n`;
  const builds = [bundle('a.cjs', filler('a')), bundle('b.cjs', filler('b'))];
  const expected = await Promise.all(
    builds.map(async (b, i) => snapshot((await install(path.join(tmp, `reference-${i}`), b)).packageDir)),
  );
  const { packageDir } = await install(mirror, builds[0]);
  const parent = path.dirname(packageDir);
  const workDirs = () => readdirSync(parent).filter((f) => f.startsWith('.'));
  let interrupted = 0;

  const whole = expected.map((e) => JSON.stringify(e));
  let current = 0;
  for (let i = 0; i < 8; i++) {
    const target = 1 - current;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'cli', 'main.ts'), 'install', '--mirror', mirror, '--bundle', builds[target]],
      { cwd: ROOT, stdio: 'ignore' },
    );
    const exited = once(child, 'exit');
    const staging = path.join(parent, `.${goPlatform()}.installing-${child.pid}`);
    // Once its work dir appears the install is under way: kill it a little later.
    const deadline = Date.now() + 20_000;
    while (!existsSync(staging) && child.exitCode === null && Date.now() < deadline) await sleep(1);
    await sleep(Math.floor(Math.random() * 40));
    child.kill('SIGKILL');
    await exited;
    if (workDirs().length > 0) interrupted++;
    // A kill between the two renames leaves the old package moved aside (the next install puts
    // it back): whole, too.
    const now = snapshot(packageDir) ?? snapshot(path.join(parent, `.${goPlatform()}.replaced-${child.pid}`));
    current = whole.indexOf(JSON.stringify(now));
    expect({ kill: i, package: current === -1 ? now : 'whole' }).toEqual({ kill: i, package: 'whole' });
  }
  // The check above ran on installs that were really cut short, not only on finished ones.
  expect(interrupted).toBeGreaterThan(0);
  // The next install cleans up after the killed ones.
  await install(mirror, builds[0]);
  expect(snapshot(packageDir)).toEqual(expected[0]);
  expect(workDirs()).toEqual([]);
}, 120_000);
