// The --data file: the profile as the API returns it (camelCase JSON with attributes.etag), so
// it can be read and hand-edited. Writes go to a temporary file renamed over the target, so a
// crash never leaves half a file. A file that is not valid JSON is an error, never overwritten.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
  mkdirSync(dirname(resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
