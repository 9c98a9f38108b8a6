// Names and documents of a release: the archive and checksum file names HashiCorp's own provider
// releases use, the provider network mirror protocol's two JSON documents
// (<host>/<namespace>/<type>/index.json and <version>.json, archive URLs relative to the latter),
// and a dependency lock entry holding both kinds of hashes.
import { zipHash } from './hashes';

/** The platforms a release ships (Go's GOOS_GOARCH); the package itself is the same on each. */
export const RELEASE_PLATFORMS = ['darwin_amd64', 'darwin_arm64', 'linux_amd64', 'linux_arm64'] as const;

/** terraform-provider-<type>_<version>_<os>_<arch>.zip: also the packed filesystem mirror's name. */
export function archiveName(type: string, version: string, platform: string): string {
  return `terraform-provider-${type}_${version}_${platform}.zip`;
}

export function sumsName(type: string, version: string): string {
  return `terraform-provider-${type}_${version}_SHA256SUMS`;
}

export function lockEntryName(type: string, version: string): string {
  return `terraform-provider-${type}_${version}_lock.hcl`;
}

/** index.json: the versions the mirror serves. */
export function mirrorIndex(versions: string[]): string {
  const doc = { versions: Object.fromEntries([...versions].sort().map((v) => [v, {}])) };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** <version>.json: each platform's archive, by URL relative to this file, with its zh: hash. */
export function mirrorVersion(archives: Record<string, { url: string; zip: Buffer }>): string {
  const doc = {
    archives: Object.fromEntries(
      Object.keys(archives)
        .sort()
        .map((platform) => [platform, { url: archives[platform].url, hashes: [zipHash(archives[platform].zip)] }]),
    ),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * A provider block for .terraform.lock.hcl. The engines record only the h1: hash of what they
 * unpack when a package comes from a mirror (they take zh: hashes from signed registry releases
 * only), but they check and keep any zh: hash a lock file already holds.
 */
export function lockEntry(sourceAddress: string, version: string, hashes: string[]): string {
  return [
    `# Dependency lock entry for ${sourceAddress} ${version}: h1: covers the unpacked package, zh:`,
    '# each zip (see the SHA256SUMS file). Put this block in .terraform.lock.hcl to pin the release.',
    `provider "${sourceAddress}" {`,
    `  version = "${version}"`,
    '  hashes = [',
    ...[...new Set(hashes)].sort().map((h) => `    "${h}",`),
    '  ]',
    '}',
    '',
  ].join('\n');
}
