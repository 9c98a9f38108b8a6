// What the secret-leak suites search (test/e2e/secrets.test.ts, test/e2e/ephemeral-secrets.test.ts):
// files as text, each zip archive (a saved plan) opened up entry by entry, and the scan itself for
// the given secrets and any access token the emulator issued.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isZip, zipEntries } from './zip-entries';

/** Any emulator access token (a JWT: base64url JSON header and payload), or a piece of one. */
export const EMULATOR_TOKEN = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}/;

export interface Artifact {
  name: string;
  text: string;
}

/** A file as text, and each entry of it when it is a zip (a saved plan), named `<name>!<entry>`. */
export function artifactsOf(file: string, name: string): Artifact[] {
  const buf = readFileSync(file);
  const out = [{ name, text: buf.toString('latin1') }];
  if (isZip(buf))
    for (const z of zipEntries(buf)) out.push({ name: `${name}!${z.name}`, text: z.data.toString('latin1') });
  return out;
}

/** Every regular file under `dir` (symlinks not followed), zip archives opened up. */
export function filesUnder(dir: string, rel = ''): Artifact[] {
  const out: Artifact[] = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const name = path.join(rel, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(dir, name));
    if (!entry.isFile()) continue;
    out.push(...artifactsOf(path.join(dir, name), name));
  }
  return out;
}

/** "<artifact>: <what>" for every secret found. */
export function leaks(artifacts: Artifact[], secrets: Record<string, string>): string[] {
  const found: string[] = [];
  for (const a of artifacts) {
    for (const [what, value] of Object.entries(secrets)) if (a.text.includes(value)) found.push(`${a.name}: ${what}`);
    if (EMULATOR_TOKEN.test(a.text)) found.push(`${a.name}: emulator access token`);
  }
  return found;
}
