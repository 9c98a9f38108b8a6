// Bundles the fixture provider once per test process (esbuild, like the real build), written
// atomically so parallel jest workers never run a half-written file.
import { buildSync } from 'esbuild';
import { mkdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
export const KIT_BUNDLE = join(ROOT, 'dist/test/kit-provider.cjs');
let built = false;

export function buildKitProvider(): string {
  if (built) return KIT_BUNDLE;
  mkdirSync(join(ROOT, 'dist/test'), { recursive: true });
  const temp = `${KIT_BUNDLE}.${process.pid}.tmp`;
  buildSync({
    entryPoints: [join(ROOT, 'test/fixtures/kit-main.ts')],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  renameSync(temp, KIT_BUNDLE);
  built = true;
  return KIT_BUNDLE;
}
