// The --data file: the profile as the API returns it (camelCase JSON with attributes.etag), so
// it can be read and hand-edited. Writes go to a temporary file renamed over the target, so a
// crash never leaves half a file. A file that is not valid JSON is an error, never overwritten.
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

export class DataFileError extends Error {}

/** The parsed file, or undefined when it does not exist. */
export function readDataFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataFileError(`Cannot read emulator data file ${resolve(file)}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DataFileError(
      `Emulator data file ${resolve(file)} is not valid JSON (${(e as Error).message}). Fix it, or delete it to start from the default profile; it was left untouched.`,
    );
  }
}

export function writeDataFileAtomically(file: string, data: unknown): void {
  const dir = dirname(resolve(file));
  mkdirSync(dir, { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // fsync before the rename: otherwise a machine crash (not just a killed process) could leave
    // the renamed file empty.
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(data, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** True when a process with this pid exists (it may still be writing its temporary file). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, but not ours
  }
}

/**
 * Removes temporary files a killed emulator left next to `file` (never the file itself, nor the
 * temporary file of an emulator still running).
 */
export function removeStaleTempFiles(file: string): void {
  const dir = dirname(resolve(file));
  const pattern = new RegExp(`^${basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // no folder yet: nothing to clean
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (m && (Number(m[1]) === process.pid || !processExists(Number(m[1])))) rmSync(join(dir, name), { force: true });
  }
}
