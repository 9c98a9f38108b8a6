// Bundles a provider entry (default provider/main.ts) and all its dependencies into ONE
// CommonJS file for Node 20. One small file keeps the installed package tiny: the engines
// re-hash the whole package directory on every command (lock-file check), and a bundle also
// starts faster than resolving node_modules.
//
//   tsx scripts/build-provider.ts [--entry <file>] [--out <file>]
import { build, type BuildOptions as EsbuildOptions } from 'esbuild';
import { existsSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BUNDLE } from '../provider/cli/install';
import { lazyIntlPlugin } from './build/lazy-intl-plugin';
import { lazyJsStreamSocketPlugin } from './build/lazy-js-stream-socket-plugin';

const ROOT = path.resolve(__dirname, '..');

export const DEFAULT_ENTRY = path.join(ROOT, 'provider', 'main.ts');
// The bundle's place is the installer's default (provider/cli/install.ts), which ships and so
// may not import scripts/ (docs/architecture.md §1, R5).
export { DEFAULT_BUNDLE };

/** esbuild settings of every Node bundle: this provider bundle, and the CLI and emulator bundles of
 * scripts/build-package.ts. */
export const NODE_BUNDLE: EsbuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Whitespace + syntax only: identifiers stay readable in stack traces the provider logs.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'eof',
  logLevel: 'silent',
  plugins: [lazyIntlPlugin, lazyJsStreamSocketPlugin],
};

export interface BuildOptions {
  entry: string;
  outfile: string;
}

/** Builds the bundle and returns its absolute path and size in bytes. */
export async function buildBundle({ entry, outfile }: BuildOptions): Promise<{ outfile: string; bytes: number }> {
  const entryPath = path.resolve(entry);
  if (!existsSync(entryPath)) throw new Error(`provider entry not found: ${entryPath}`);
  const outPath = path.resolve(outfile);
  // Write beside the target, then rename: a suite running at the same time never sees half a file.
  const tmpPath = `${outPath}.${process.pid}.tmp`;
  const result = await build({
    entryPoints: [entryPath],
    outfile: tmpPath,
    ...NODE_BUNDLE,
  });
  renameSync(tmpPath, outPath);
  for (const w of result.warnings) console.warn(`build-provider: warning: ${w.text}`);
  return { outfile: outPath, bytes: statSync(outPath).size };
}

function parseArgs(argv: string[]): BuildOptions {
  const opts: BuildOptions = { entry: DEFAULT_ENTRY, outfile: DEFAULT_BUNDLE };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag === '--entry' || flag === '--out') && value) {
      if (flag === '--entry') opts.entry = value;
      else opts.outfile = value;
      i++;
    } else {
      throw new Error(`usage: build-provider [--entry <file>] [--out <file>] (unexpected "${flag}")`);
    }
  }
  return opts;
}

if (require.main === module) {
  Promise.resolve()
    .then(() => buildBundle(parseArgs(process.argv.slice(2))))
    .then(
      ({ outfile, bytes }) =>
        console.log(`built ${path.relative(process.cwd(), outfile)} (${Math.round(bytes / 1024)} KiB)`),
      (err: unknown) => {
        console.error(`build-provider: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
      },
    );
}
