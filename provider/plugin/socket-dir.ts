// The private folder that holds the plugin socket. It is removed on every exit we see
// (process-hygiene.ts), but a SIGKILL leaves it behind; so its name carries our pid, and each
// start removes the folders of dead providers first. Careful by design: only names of exactly
// our pattern (go-plugin's own folders are "plugin" + digits, never this), only real folders
// (lstat: a symlink is never followed), only our user's, only of a pid that no longer exists,
// and only when they hold nothing but the socket (no recursive delete).
import { lstatSync, mkdtempSync, readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

export const SOCKET_NAME = 'plugin.sock';
const PREFIX = 'plugin-';
/** `plugin-<pid>-XXXXXX`, the six characters from mkdtemp. */
const OURS = /^plugin-(\d+)-[A-Za-z0-9]{6}$/;

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH'; // EPERM: alive, another user's
  }
}

/** Removes the socket folders that dead providers of this user left in `parent`. Never throws. */
export function removeStaleSocketDirs(parent: string): string[] {
  const removed: string[] = [];
  const uid = process.getuid?.();
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = OURS.exec(name);
    if (!m || uid === undefined) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || !processGone(pid)) continue;
    const dir = join(parent, name);
    try {
      const st = lstatSync(dir);
      if (!st.isDirectory() || st.uid !== uid) continue;
      const entries = readdirSync(dir);
      if (entries.some((e) => e !== SOCKET_NAME)) continue;
      if (entries.length > 0) {
        const sock = join(dir, SOCKET_NAME);
        const s = lstatSync(sock);
        if (!s.isSocket() || s.uid !== uid) continue;
        unlinkSync(sock);
      }
      rmdirSync(dir);
      removed.push(dir);
    } catch {
      // gone meanwhile, or not ours to remove: leave it
    }
  }
  return removed;
}

/** A new private folder (0700, unguessable name) for our socket in `parent`, after the cleanup. */
export function makeSocketDir(parent: string): { dir: string; socketPath: string; removedStale: string[] } {
  const removedStale = removeStaleSocketDirs(parent);
  const dir = mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
  return { dir, socketPath: join(dir, SOCKET_NAME), removedStale };
}
