// Where the provider bundles used by the tests live, and how they are built. Jest's globalSetup
// builds them (esbuild, well under a second each) so the e2e suites never test a stale bundle.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildBundle, DEFAULT_BUNDLE, DEFAULT_ENTRY } from '../../scripts/build-provider';

export const ROOT = path.resolve(__dirname, '..', '..');

/** The real provider, where `npm run build:provider` puts it. */
export const PROVIDER_ENTRY = DEFAULT_ENTRY;
export const PROVIDER_BUNDLE = DEFAULT_BUNDLE;

/** The tsx CLI, for running the repository's TypeScript scripts as a user would. */
export const TSX_BIN = path.join(ROOT, 'node_modules', '.bin', 'tsx');

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
    throw new Error(
      `bundle ${bundle} is missing: jest's globalSetup builds it from ${entry ?? 'its entry'}, which must exist`,
    );
  }
  return bundle;
}
