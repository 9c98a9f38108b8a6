// Reading and writing a generated folder as a whole (relative POSIX path -> text).
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `dir` (dot-files included), or an empty map when `dir` does not exist. */
export async function readTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  async function walk(sub: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(path.join(dir, sub), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && sub === '') return;
      throw err;
    }
    for (const entry of entries) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else files.set(rel, await readFile(path.join(dir, rel), 'utf8'));
    }
  }
  await walk('');
  return files;
}

/**
 * Replaces `dir` with exactly `files`: written to a sibling first and swapped in, so no stale
 * file from an earlier generation survives and an interrupted run leaves the old folder intact.
 */
export async function writeTree(dir: string, files: Map<string, string>): Promise<void> {
  const target = path.resolve(dir);
  const staging = `${target}.generating-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  for (const [rel, text] of files) {
    const file = path.join(staging, ...rel.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  await rm(target, { recursive: true, force: true });
  await rename(staging, target);
}

/** Paths that are missing, extra or different in `actual` compared with `expected`. */
export function diffTrees(expected: Map<string, string>, actual: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [rel, text] of expected) {
    if (!actual.has(rel)) problems.push(`missing: ${rel}`);
    else if (actual.get(rel) !== text) problems.push(`differs: ${rel}`);
  }
  for (const rel of actual.keys()) if (!expected.has(rel)) problems.push(`unexpected: ${rel}`);
  return problems;
}
