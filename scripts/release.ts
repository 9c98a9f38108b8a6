// `npm run release`: the release artifacts of this commit, in dist/release/:
//   terraform-provider-partnercenter_<version>_<os>_<arch>.zip     one per RELEASE_PLATFORMS
//   terraform-provider-partnercenter_<version>_SHA256SUMS          sha256sum format
//   terraform-provider-partnercenter_<version>_lock.hcl            lock entry with h1: and zh: hashes
//   mirror/<host>/<namespace>/<type>/                              what a team serves or copies:
//       index.json, <version>.json                                   provider network mirror protocol
//       terraform-provider-…_<version>_<os>_<arch>.zip               (same dir: a packed filesystem mirror)
// The zips are reproducible (scripts/release/zip.ts): the same commit and Node.js version give
// the same bytes. The bundle is always built afresh from provider/main.ts, so a stale
// dist/provider can never be shipped; --bundle ships a given one instead.
//
//   tsx scripts/release.ts [--out <dir>] [--bundle <file>]
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseSourceAddress } from '../provider/cli/install';
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../provider/meta';
import { buildBundle, DEFAULT_ENTRY } from './build-provider';
import { packageHashV1, sha256Hex, sha256Sums, zipHash } from './release/hashes';
import {
  archiveName,
  lockEntry,
  lockEntryName,
  mirrorIndex,
  mirrorVersion,
  RELEASE_PLATFORMS,
  sumsName,
} from './release/mirror';
import { packageFiles } from './release/package-files';
import { writeZip } from './release/zip';

const ROOT = path.resolve(__dirname, '..');
export const DEFAULT_RELEASE_DIR = path.join(ROOT, 'dist', 'release');

export interface ReleaseOptions {
  outDir: string;
  /** Ship this bundle instead of building one from provider/main.ts. */
  bundlePath?: string;
}

export interface ReleaseResult {
  outDir: string;
  /** Top-level files written (zips, SHA256SUMS, lock entry), with their SHA-256. */
  files: { name: string; bytes: number; sha256: string }[];
  /** The lock-file hashes of the package: its h1: and the zips' zh:. */
  hashes: { h1: string; zh: string };
  /** The mirror's provider folder: <outDir>/mirror/<host>/<namespace>/<type>. */
  mirrorProviderDir: string;
}

/** An existing --out must be empty or an earlier release: it is replaced as a whole. */
async function checkOutDir(outDir: string): Promise<void> {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) throw new Error(`--out ${outDir} is a file: name a folder`);
  const names = await readdir(outDir);
  if (names.length > 0 && !names.some((n) => n.endsWith('_SHA256SUMS'))) {
    throw new Error(
      `--out ${outDir} holds files that are not an earlier release (no *_SHA256SUMS file), and release replaces the whole folder: choose a new or empty folder`,
    );
  }
}

async function bundleToShip(opts: ReleaseOptions, scratch: string): Promise<string> {
  if (opts.bundlePath !== undefined) {
    const bundle = path.resolve(opts.bundlePath);
    if (!existsSync(bundle))
      throw new Error(`--bundle ${bundle} does not exist (build one with: npm run build:provider)`);
    return bundle;
  }
  return (await buildBundle({ entry: DEFAULT_ENTRY, outfile: path.join(scratch, 'partnercenter-provider.cjs') }))
    .outfile;
}

export async function buildRelease(opts: ReleaseOptions): Promise<ReleaseResult> {
  const outDir = path.resolve(opts.outDir);
  await checkOutDir(outDir);
  const { host, namespace, type } = parseSourceAddress(SOURCE_ADDRESS);
  const version = PROVIDER_VERSION;

  const scratch = await mkdtemp(path.join(os.tmpdir(), 'partnercenter-release-build-'));
  // Filled beside the target, then swapped in: no half-written release, no stale file left over.
  const staging = `${outDir}.staging-${process.pid}`;
  try {
    const bundlePath = await bundleToShip(opts, scratch);
    const entries = await packageFiles({ bundlePath, sourceAddress: SOURCE_ADDRESS, version });
    const zip = writeZip(entries);
    const hashes = { h1: packageHashV1(entries), zh: zipHash(zip) };
    const lock = lockEntry(SOURCE_ADDRESS, version, [hashes.h1, hashes.zh]);

    await rm(staging, { recursive: true, force: true });
    const providerDir = path.join(staging, 'mirror', host, namespace, type);
    await mkdir(providerDir, { recursive: true });
    const zips: Record<string, Buffer> = {};
    const archives: Record<string, { url: string; zip: Buffer }> = {};
    for (const platform of RELEASE_PLATFORMS) {
      const name = archiveName(type, version, platform);
      zips[name] = zip;
      archives[platform] = { url: name, zip };
      await writeFile(path.join(staging, name), zip);
      await writeFile(path.join(providerDir, name), zip);
    }
    const sums = sha256Sums(zips);
    await writeFile(path.join(staging, sumsName(type, version)), sums);
    await writeFile(path.join(staging, lockEntryName(type, version)), lock);
    await writeFile(path.join(providerDir, 'index.json'), mirrorIndex([version]));
    await writeFile(path.join(providerDir, `${version}.json`), mirrorVersion(archives));

    await mkdir(path.dirname(outDir), { recursive: true });
    await rm(outDir, { recursive: true, force: true });
    await rename(staging, outDir);

    const files = [
      ...Object.keys(zips)
        .sort()
        .map((name) => ({ name, bytes: zip.length, sha256: sha256Hex(zip) })),
      { name: sumsName(type, version), bytes: Buffer.byteLength(sums), sha256: sha256Hex(sums) },
      { name: lockEntryName(type, version), bytes: Buffer.byteLength(lock), sha256: sha256Hex(lock) },
    ];
    return { outDir, files, hashes, mirrorProviderDir: path.join(outDir, 'mirror', host, namespace, type) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  }
}

/** A path relative to the current dir when it lies inside it, else absolute. */
function shown(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}

const USAGE = 'usage: release [--out <dir>] [--bundle <file>]';

export function parseArgs(argv: string[]): ReleaseOptions {
  const opts: ReleaseOptions = { outDir: DEFAULT_RELEASE_DIR };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag !== '--out' && flag !== '--bundle') throw new Error(`${USAGE} (unknown option "${flag}")`);
    if (value === undefined || value === '' || value.startsWith('--')) {
      throw new Error(`${USAGE} (${flag} needs a value)`);
    }
    if (flag === '--out') opts.outDir = value;
    else opts.bundlePath = value;
  }
  return opts;
}

if (require.main === module) {
  Promise.resolve()
    .then(() => buildRelease(parseArgs(process.argv.slice(2))))
    .then(
      ({ outDir, files, hashes, mirrorProviderDir }) => {
        console.log(`release ${PROVIDER_VERSION} in ${shown(outDir)}:`);
        for (const f of files) console.log(`  ${f.sha256}  ${f.name}  (${Math.ceil(f.bytes / 1024)} KiB)`);
        console.log(`lock-file hashes: ${hashes.h1} ${hashes.zh}`);
        console.log(
          `mirror (serve it over HTTPS, or use it as a filesystem mirror): ${shown(path.join(outDir, 'mirror'))}`,
        );
        console.log(`  provider folder: ${shown(mirrorProviderDir)}`);
      },
      (err: unknown) => {
        console.error(`release: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
      },
    );
}
