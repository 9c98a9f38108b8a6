// The hash Terraform and OpenTofu record in .terraform.lock.hcl for a provider installed from an
// unpacked filesystem mirror: Go's dirhash "h1:" scheme over the package directory. Each regular
// file contributes the line "<sha256 hex>  <path relative to the dir, with />\n"; the lines are
// sorted by path, and the hash is "h1:" + base64(sha256(all lines)). Two installs with equal
// hashes are interchangeable for every lock file; different hashes break the lock files that
// recorded the old one.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await filesUnder(path.join(dir, entry.name), rel)));
    else files.push(rel);
  }
  return files;
}

/** Byte-wise order, as Go's sort.Strings (JavaScript's default sort compares UTF-16 units). */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export async function packageHash(dir: string): Promise<string> {
  const files = (await filesUnder(dir)).sort(byteOrder);
  const summary = createHash('sha256');
  for (const file of files) {
    const digest = createHash('sha256')
      .update(await readFile(path.join(dir, file)))
      .digest('hex');
    summary.update(`${digest}  ${file}\n`);
  }
  return `h1:${summary.digest('base64')}`;
}
