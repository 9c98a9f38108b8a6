// Where the provider bundles used by the tests live, and how they are built. Jest's globalSetup
// builds them (esbuild, well under a second each) so the e2e suites never test a stale bundle.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildBundle } from '../../scripts/build-provider';

export const ROOT = path.resolve(__dirname, '..', '..');

/** The real provider: entry written by the provider's own layer; built only once it exists. */
export const PROVIDER_ENTRY = path.join(ROOT, 'provider', 'main.ts');
export const PROVIDER_BUNDLE = path.join(ROOT, 'dist', 'provider', 'partnercenter-provider.cjs');

/** A small test provider on the same plugin server (test/fixtures/kit-main.ts). */
export const KIT_ENTRY = path.join(ROOT, 'test', 'fixtures', 'kit-main.ts');
export const KIT_BUNDLE = path.join(ROOT, 'dist', 'test', 'kit-provider.cjs');
/** Installed under its own address so it never collides with the real provider. */
export const KIT_SOURCE = 'terraform.local/test/kitfixture';

const BUNDLES = [
  { entry: PROVIDER_ENTRY, outfile: PROVIDER_BUNDLE },
  { entry: KIT_ENTRY, outfile: KIT_BUNDLE },
];

/** Builds every bundle whose entry exists; returns the bundles built. */
export async function buildTestBundles(): Promise<string[]> {
  const built: string[] = [];
  for (const b of BUNDLES) {
    if (!existsSync(b.entry)) continue;
    built.push((await buildBundle(b)).outfile);
  }
  return built;
}

/** The bundle's path; throws a clear error when it was not built (entry missing). */
export function requireBundle(bundle: string): string {
  if (!existsSync(bundle)) {
    const entry = BUNDLES.find((b) => b.outfile === bundle)?.entry;
    throw new Error(`bundle ${bundle} is missing: jest's globalSetup builds it from ${entry ?? 'its entry'}, which must exist`);
  }
  return bundle;
}
