// The npm package as users get it: `npm pack` of this checkout (its "prepack" builds dist/), run
// at most once per jest run and shared by the suites that install it outside the repository.
// The tarball is cached in the temp dir under a hash of everything that goes into it, so a jest
// run (each suite has its own module registry) or a second jest process reuses it until a
// source changes; a lock dir keeps two processes from packing (and building dist/) at once.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './bundles';
import { expectExit } from './command-tail';
import { processEnvWith, spawnCapture } from './spawn-capture';

/** What the package is made of: package.json "files" sources, the build and what it reads. */
const INPUTS = [
  'package.json',
  'package-lock.json',
  'tsconfig.lib.json',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'cli',
  'provider',
  'emulator',
  'lib',
  'docs',
  'scripts/build-package.ts',
  'scripts/build-provider.ts',
  'scripts/build',
];

export interface PackedPackage {
  /** The .tgz, in a cache folder of its own (never inside the checkout). */
  tarball: string;
  /** How long `npm pack` (build included) took when the tarball was made. */
  packMs: number;
  /** True when this call reused a tarball packed earlier. */
  cached: boolean;
}

function filesUnder(rel: string): string[] {
  const abs = path.join(ROOT, rel);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs)
    .filter((name) => name !== 'node_modules')
    .sort()
    .flatMap((name) => filesUnder(path.join(rel, name)));
}

/** A hash of the paths and contents of every input file. */
export function inputsHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder)) hash.update(`${file}\0`).update(readFileSync(path.join(ROOT, file)));
  return hash.digest('hex').slice(0, 20);
}

const CACHE = path.join(os.tmpdir(), 'partnercenter-package-cache');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Holds the lock dir while `fn` runs; waits for another live holder, takes over from a dead one. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = path.join(CACHE, 'pack.lock');
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = NaN;
      try {
        holder = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        // being created or removed right now
      }
      if (Number.isInteger(holder) && !alive(holder)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`package-tarball: ${lock} held by pid ${holder} for 5 minutes`, { cause: e });
      else await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function pack(dir: string): Promise<number> {
  const started = Date.now();
  const work = `${dir}.packing-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const run = await spawnCapture('npm', ['pack', '--pack-destination', work, '--json'], {
    cwd: ROOT,
    env: processEnvWith({}),
    killAfterMs: 280_000,
  });
  expectExit(run, 'npm pack');
  const packMs = Date.now() - started;
  writeFileSync(path.join(work, 'pack.json'), JSON.stringify({ packMs, npm: JSON.parse(run.stdout) }, null, 2));
  renameSync(work, dir);
  return packMs;
}

/**
 * Tarballs of older sources, once they are an hour old: another jest process may still be
 * installing one it was handed a moment ago.
 */
function removeStale(current: string): void {
  for (const name of readdirSync(CACHE)) {
    const dir = path.join(CACHE, name);
    if (name !== current && name !== 'pack.lock' && Date.now() - statSync(dir).mtimeMs > 3_600_000)
      rmSync(dir, { recursive: true, force: true });
  }
}

/** The packed tarball of this checkout, packed now or reused from an earlier call with the same inputs. */
export async function packageTarball(): Promise<PackedPackage> {
  mkdirSync(CACHE, { recursive: true });
  return withLock(async () => {
    const key = inputsHash();
    const dir = path.join(CACHE, key);
    const cached = existsSync(path.join(dir, 'pack.json'));
    if (!cached) {
      rmSync(dir, { recursive: true, force: true });
      await pack(dir);
      removeStale(key);
    }
    const meta = JSON.parse(readFileSync(path.join(dir, 'pack.json'), 'utf8')) as { packMs: number };
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`package-tarball: no .tgz in ${dir}`);
    return { tarball: path.join(dir, tarball), packMs: meta.packMs, cached };
  });
}
