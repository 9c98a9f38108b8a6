// The checksums of a release, in the forms the engines and `sha256sum` use:
//   zh:  SHA-256 of a zip archive (hex)
//   h1:  Go's dirhash "Hash1" of the unpacked package: SHA-256 over the sorted lines
//        "<sha256 hex of file>  <file name>\n", base64 (golang.org/x/mod/sumdb/dirhash)
// The engines compute h1: themselves from what they unpack; the release computes it from the same
// files so that the lock entry it writes holds both kinds.
import { createHash } from 'node:crypto';

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The lock file's "zh:" hash of an archive: SHA-256 of the zip file itself. */
export function zipHash(zip: Buffer): string {
  return `zh:${sha256Hex(zip)}`;
}

/** The lock file's "h1:" hash of a package whose files (top level only, as ours) are given. */
export function packageHashV1(files: readonly { name: string; data: Buffer }[]): string {
  const lines = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) // Go sorts the names bytewise
    .map((f) => {
      if (f.name.includes('\n')) throw new Error(`file name "${f.name}" contains a newline: dirhash cannot hash it`);
      return `${sha256Hex(f.data)}  ${f.name}\n`;
    });
  return `h1:${createHash('sha256').update(lines.join('')).digest('base64')}`;
}

/** `sha256sum` format ("<hex>  <name>"), sorted by name, so `sha256sum -c` checks it. */
export function sha256Sums(files: Record<string, Buffer>): string {
  return Object.keys(files)
    .sort()
    .map((name) => `${sha256Hex(files[name])}  ${name}\n`)
    .join('');
}
