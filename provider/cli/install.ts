// Installs the provider into an unpacked filesystem-mirror layout that Terraform and OpenTofu
// both understand:
//   <mirror>/<host>/<namespace>/<type>/<version>/<os>_<arch>/
//       terraform-provider-<type>_v<version>   the launcher (POSIX sh, execs node)
//       <type>-provider.cjs                    the bundle
//       <type>-loader.cjs                      runs the bundle from a V8 code cache (the launcher execs it)
// Neither name may start with "terraform-provider-": the engines run the first file in the
// package dir whose name does. The code cache itself lives in the user's cache dir, never here
// (the lock-file hash covers this dir).
//
// The default mirror, ~/.terraform.d/plugins, is scanned by both engines without any CLI config.
// The command line is `terraform-provider-partnercenter install` (cli/commands/install.ts).
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { packageHash } from './package-hash';
import { packageRoot } from './package-root';

const ROOT = packageRoot(__dirname);
const LAUNCHER_TEMPLATE = path.join(ROOT, 'provider', 'launcher', 'launcher.sh');
const LOADER_SOURCE = path.join(ROOT, 'provider', 'launcher', 'loader.cjs');

/** Where `npm run build:provider` writes the bundle (scripts/build-provider.ts builds it here). */
export const DEFAULT_BUNDLE = path.join(ROOT, 'dist', 'provider', 'partnercenter-provider.cjs');

/** Scanned by both engines without any CLI configuration. */
export function defaultMirror(): string {
  return path.join(os.homedir(), '.terraform.d', 'plugins');
}

export interface InstallOptions {
  mirrorDir: string;
  bundlePath: string;
  /** "<host>/<namespace>/<type>", with an explicit host. */
  sourceAddress: string;
  version: string;
  /** Go-style target, e.g. "linux_amd64"; defaults to this machine. */
  platform?: string;
}

export interface InstallResult {
  packageDir: string;
  executable: string;
  /** The lock-file hash ("h1:…") of the package now installed. */
  hash: string;
  /** The hash of the package this install replaced, if there was one. */
  previousHash?: string;
}

export interface ParsedSource {
  host: string;
  namespace: string;
  type: string;
}

export function parseSourceAddress(source: string): ParsedSource {
  const parts = source.split('/');
  if (parts.length !== 3 || parts.some((p) => p === '')) {
    throw new Error(`source address must be "<host>/<namespace>/<type>" with an explicit host, got "${source}"`);
  }
  const [host, namespace, type] = parts;
  return { host, namespace, type };
}

/** The engines' platform name (Go's GOOS_GOARCH) for this Node process. */
export function goPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const goos: Record<string, string> = { win32: 'windows', sunos: 'solaris' };
  const goarch: Record<string, string> = { x64: 'amd64', ia32: '386', x32: '386' };
  return `${goos[platform] ?? platform}_${goarch[arch] ?? arch}`;
}

/** Why `platform` is not an engine platform name ("<os>_<arch>"), or undefined when it is. */
export function platformProblem(platform: string): string | undefined {
  return /^[a-z0-9]+_[a-z0-9]+$/.test(platform)
    ? undefined
    : `must be <os>_<arch> as the engines name platforms (e.g. linux_amd64, darwin_arm64), got "${platform}"`;
}

export function executableName(type: string, version: string): string {
  return `terraform-provider-${type}_v${version}`;
}

/** The bundle's name inside the package dir; the launcher derives it from its own name. */
export function bundleName(type: string): string {
  return `${type}-provider.cjs`;
}

/** The code-cache loader's name inside the package dir (it finds the bundle from its own name). */
export function loaderName(type: string): string {
  return `${type}-loader.cjs`;
}

// Work dirs beside the package dir, in the same folder so that a rename moves them in or out in
// one step. A leading dot keeps them out of the engines' way: they read only "<os>_<arch>" dirs.
const STAGING = '.installing-';
const REPLACED = '.replaced-';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Cleans up after an install that was killed: its half-filled staging dir goes; a package it
 * had moved aside comes back when nothing took its place (so a kill leaves the old package or
 * the new one, never a gap that an earlier install could have filled).
 */
async function recoverInterrupted(packageDir: string): Promise<void> {
  const parent = path.dirname(packageDir);
  const prefix = `.${path.basename(packageDir)}`;
  for (const name of await readdir(parent)) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const kind = rest.startsWith(STAGING) ? STAGING : rest.startsWith(REPLACED) ? REPLACED : undefined;
    const pid = kind ? Number(rest.slice(kind.length)) : NaN;
    if (!Number.isInteger(pid) || processAlive(pid)) continue;
    const dir = path.join(parent, name);
    if (kind === REPLACED && !existsSync(packageDir)) await rename(dir, packageDir);
    else await rm(dir, { recursive: true, force: true });
  }
}

async function fillPackage(dir: string, bundlePath: string, type: string, version: string): Promise<void> {
  const launcher = path.join(dir, executableName(type, version));
  await writeFile(launcher, await readFile(LAUNCHER_TEMPLATE));
  await chmod(launcher, 0o755);
  await copyFile(bundlePath, path.join(dir, bundleName(type)));
  await chmod(path.join(dir, bundleName(type)), 0o644);
  await copyFile(LOADER_SOURCE, path.join(dir, loaderName(type)));
  await chmod(path.join(dir, loaderName(type)), 0o644);
}

/**
 * Installs atomically: the package is filled in a staging dir beside the target, then swapped
 * in by renames. A failure or a kill at any point leaves the old package (or none, if there was
 * none), never part of one; the lock-file hash covers every file in the package dir, so no stale
 * file from an earlier install survives either.
 */
export async function installProvider(opts: InstallOptions): Promise<InstallResult> {
  const { host, namespace, type } = parseSourceAddress(opts.sourceAddress);
  if (!/^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$/.test(opts.version)) {
    throw new Error(`version must be semantic (e.g. 0.1.0), got "${opts.version}"`);
  }
  if (!existsSync(opts.bundlePath)) {
    throw new Error(`provider bundle not found: ${opts.bundlePath} (build it with: npm run build:provider)`);
  }
  const platform = opts.platform ?? goPlatform();
  const problem = platformProblem(platform);
  if (problem) throw new Error(`platform ${problem}`);
  const packageDir = path.join(path.resolve(opts.mirrorDir), host, namespace, type, opts.version, platform);
  const parent = path.dirname(packageDir);
  const base = path.basename(packageDir);
  await mkdir(parent, { recursive: true });
  await recoverInterrupted(packageDir);

  const staging = path.join(parent, `.${base}${STAGING}${process.pid}`);
  const replaced = path.join(parent, `.${base}${REPLACED}${process.pid}`);
  let movedAside = false;
  try {
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging);
    await fillPackage(staging, opts.bundlePath, type, opts.version);
    const hash = await packageHash(staging);
    const previousHash = existsSync(packageDir) ? await packageHash(packageDir) : undefined;
    if (previousHash !== undefined) {
      await rm(replaced, { recursive: true, force: true });
      await rename(packageDir, replaced);
      movedAside = true;
    }
    await rename(staging, packageDir);
    // The new package is in place: failing to delete the old copy must not fail the install
    // (the next install removes it, once this process is gone).
    if (movedAside) await rm(replaced, { recursive: true, force: true }).catch(() => undefined);
    return { packageDir, executable: path.join(packageDir, executableName(type, opts.version)), hash, previousHash };
  } catch (e) {
    if (movedAside && !existsSync(packageDir)) await rename(replaced, packageDir);
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}
