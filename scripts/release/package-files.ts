// The files of one provider package, exactly as `npm run install:provider` lays them out
// (provider/cli/install.ts): the release zips hold that folder's files, so an engine that unpacks
// a zip gets the same package, and the same h1: hash, as one that reads an installed mirror.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { installProvider } from '../../provider/cli/install';
import type { ZipEntry } from './zip';

export interface PackageSpec {
  bundlePath: string;
  sourceAddress: string;
  version: string;
}

/**
 * Installs the package into a temporary mirror and reads it back: names, bytes, and the mode the
 * installer gave each file, reduced to 0o755 (executable) or 0o644 so that a umask cannot
 * change the archive.
 */
export async function packageFiles(spec: PackageSpec): Promise<ZipEntry[]> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'partnercenter-release-'));
  try {
    // The platform only names the folder: the package (sh launcher + JavaScript) is the same on
    // every platform.
    const { packageDir } = await installProvider({ ...spec, mirrorDir: tmp, platform: 'linux_amd64' });
    const names = (await readdir(packageDir)).sort();
    const entries: ZipEntry[] = [];
    for (const name of names) {
      const file = path.join(packageDir, name);
      const st = await stat(file);
      if (!st.isFile()) throw new Error(`unexpected non-file "${name}" in the installed package ${packageDir}`);
      entries.push({ name, data: await readFile(file), mode: st.mode & 0o111 ? 0o755 : 0o644 });
    }
    return entries;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
