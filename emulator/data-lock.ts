// One emulator per --data file: two on the same file would each keep their own profile in memory
// and overwrite each other's edits. The lock is `<data>.lock` holding the owner's pid; it is
// made whole in a temporary file and linked into place, so it exists only with its pid in it
// and link() fails atomically when another emulator holds it. A lock whose pid is dead (a
// killed emulator) is stale and taken over.
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { DataFileError, processExists } from './persistence';

/** Lock files this process holds, by absolute path (a second emulator in-process is refused too). */
const held = new Set<string>();

export interface DataLock {
  readonly path: string;
  release(): void;
}

function ownerOf(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function stillHeld(lock: string, pid: number | undefined): boolean {
  if (pid === undefined) return false;
  // Our own pid: held only if this process took it; otherwise it is left from an earlier process
  // that had the same pid (e.g. pid 1 in a container started again).
  return pid === process.pid ? held.has(lock) : processExists(pid);
}

/** Takes the lock of `file` or throws a DataFileError naming the file and the other emulator's pid. */
export function lockDataFile(file: string): DataLock {
  const target = resolve(file);
  const lock = `${target}.lock`;
  // Named like the data file's own temporary files, so a start after a kill removes it.
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  mkdirSync(dirname(target), { recursive: true }); // the data file's folder is created when missing
  writeFileSync(temp, `${process.pid}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temp, lock);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = ownerOf(lock);
      if (stillHeld(lock, owner) || attempt >= 3) {
        throw new DataFileError(
          `Emulator data file ${target} is in use by another emulator (pid ${owner ?? 'unknown'}, lock file ${lock}). ` +
            'Two emulators on one file would overwrite each other’s edits: stop the other one or give this one ' +
            'another --data file. If no emulator is running, delete the lock file.',
        );
      }
      rmSync(lock, { force: true }); // stale: its emulator is gone
    }
  } finally {
    rmSync(temp, { force: true });
  }
  held.add(lock);
  return {
    path: lock,
    release() {
      if (!held.delete(lock)) return;
      // Remove only our own lock (never one a later emulator took over).
      if (ownerOf(lock) === process.pid) rmSync(lock, { force: true });
    },
  };
}
