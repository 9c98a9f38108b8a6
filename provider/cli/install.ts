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
//
//   tsx provider/cli/install.ts [--mirror <dir>] [--bundle <file>] [--source <host/ns/type>] [--version <v>]
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../meta';

const LAUNCHER_TEMPLATE = path.resolve(__dirname, '..', 'launcher', 'launcher.sh');
const LOADER_SOURCE = path.resolve(__dirname, '..', 'launcher', 'loader.cjs');

/** Where `npm run build:provider` writes the bundle (scripts/build-provider.ts builds it here). */
export const DEFAULT_BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'provider', 'partnercenter-provider.cjs');

export const DEFAULT_MIRROR = path.join(os.homedir(), '.terraform.d', 'plugins');

export interface InstallOptions {
  mirrorDir: string;
  bundlePath: string;
  /** "<host>/<namespace>/<type>", with an explicit host. */
  sourceAddress: string;
  version: string;
  /** Go-style target, e.g. "linux_amd64"; defaults to this machine. */
  platform?: string;
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

export async function installProvider(opts: InstallOptions): Promise<{ packageDir: string; executable: string }> {
  const { host, namespace, type } = parseSourceAddress(opts.sourceAddress);
  if (!/^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$/.test(opts.version)) {
    throw new Error(`version must be semantic (e.g. 0.1.0), got "${opts.version}"`);
  }
  if (!existsSync(opts.bundlePath)) {
    throw new Error(`provider bundle not found: ${opts.bundlePath} (build it with: npm run build:provider)`);
  }
  const platform = opts.platform ?? goPlatform();
  const packageDir = path.join(path.resolve(opts.mirrorDir), host, namespace, type, opts.version, platform);

  // Fill a fresh sibling dir, then swap it in: the lock-file hash covers every file in the
  // package dir, so no stale file from an earlier install may survive.
  const staging = `${packageDir}.installing-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const launcher = path.join(staging, executableName(type, opts.version));
  await writeFile(launcher, await readFile(LAUNCHER_TEMPLATE));
  await chmod(launcher, 0o755);
  await copyFile(opts.bundlePath, path.join(staging, bundleName(type)));
  await chmod(path.join(staging, bundleName(type)), 0o644);
  await copyFile(LOADER_SOURCE, path.join(staging, loaderName(type)));
  await chmod(path.join(staging, loaderName(type)), 0o644);
  await rm(packageDir, { recursive: true, force: true });
  await rename(staging, packageDir);

  return { packageDir, executable: path.join(packageDir, executableName(type, opts.version)) };
}

function parseArgs(argv: string[]): InstallOptions {
  const opts: InstallOptions = {
    mirrorDir: DEFAULT_MIRROR,
    bundlePath: DEFAULT_BUNDLE,
    sourceAddress: SOURCE_ADDRESS,
    version: PROVIDER_VERSION,
  };
  const flags: Record<string, keyof InstallOptions> = {
    '--mirror': 'mirrorDir',
    '--bundle': 'bundlePath',
    '--source': 'sourceAddress',
    '--version': 'version',
    '--platform': 'platform',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = flags[argv[i]];
    if (!key || argv[i + 1] === undefined) {
      throw new Error(
        `usage: install-provider [--mirror <dir>] [--bundle <file>] [--source <host/ns/type>] [--version <v>] [--platform <os_arch>] (unexpected "${argv[i]}")`,
      );
    }
    opts[key] = argv[i + 1];
  }
  return opts;
}

if (require.main === module) {
  Promise.resolve()
    .then(() => installProvider(parseArgs(process.argv.slice(2))))
    .then(
      ({ packageDir, executable }) => {
        console.log(`installed ${path.basename(executable)} into ${packageDir}`);
      },
      (err: unknown) => {
        console.error(`install-provider: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
      },
    );
}
