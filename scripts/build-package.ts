// Builds everything the npm package ships (`npm run build`; `npm pack` and `npm publish` run it
// as "prepack"), into dist/:
//   dist/provider/partnercenter-provider.cjs  the provider bundle (scripts/build-provider.ts)
//   dist/lib/                                 the CDK bindings: tsconfig.lib.json compiles all of lib/
//                                             (lib/index.ts for cdktf, lib/cdktn/ for cdktn) to JS + .d.ts
//   dist/emulator/index.js + *.d.ts           `terraform-provider-partnercenter/emulator` (emulator/index.ts)
//   dist/cli/cli.cjs                          the `terraform-provider-partnercenter` command (cli/main.ts)
// The emulator and the CLI are esbuild bundles, like the provider: the package then has no
// runtime dependencies to install (got, @msgpack/msgpack, ... are inside the bundles, devDependencies
// here), so `npm install` of it is one small download. Only the CDK bindings import packages,
// the ones the user's CDK app already has: cdktf or cdktn, and constructs (peer dependencies).
// package.json "files" picks what ships; test/integration/package/pack.test.ts checks the result.
//
//   tsx scripts/build-package.ts
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { buildBundle, DEFAULT_BUNDLE, DEFAULT_ENTRY, NODE_BUNDLE } from './build-provider';
import { reachableDeclarations } from './build/declarations';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
export const CLI_BUNDLE = path.join(DIST, 'cli', 'cli.cjs');
export const EMULATOR_DIR = path.join(DIST, 'emulator');

async function buildProvider(): Promise<void> {
  await buildBundle({ entry: DEFAULT_ENTRY, outfile: DEFAULT_BUNDLE });
}

/** Every binding set under lib/ (cdktf's and cdktn's) in one tsc run, as tsconfig.lib.json says. */
function buildBindings(): void {
  rmSync(path.join(DIST, 'lib'), { recursive: true, force: true });
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.lib.json')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`tsc -p tsconfig.lib.json failed (exit ${r.status})\n${r.stdout}${r.stderr}`);
}

/** The declarations of emulator/index.ts and of what its types refer to, nothing else. */
function emulatorDeclarations(): void {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    types: ['node'],
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: path.join(ROOT, 'emulator'),
    outDir: EMULATOR_DIR,
  };
  const program = ts.createProgram([path.join(ROOT, 'emulator', 'index.ts')], options);
  const emitted = new Map<string, string>();
  const result = program.emit(undefined, (file, text) => emitted.set(path.resolve(file), text), undefined, true);
  const problems = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (problems.length > 0) {
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
    throw new Error(`emulator declarations:\n${ts.formatDiagnostics(problems, host)}`);
  }
  for (const [file, text] of reachableDeclarations(emitted, path.join(EMULATOR_DIR, 'index.d.ts'))) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

async function buildEmulator(): Promise<void> {
  rmSync(EMULATOR_DIR, { recursive: true, force: true });
  await build({
    ...NODE_BUNDLE,
    entryPoints: [path.join(ROOT, 'emulator', 'index.ts')],
    outfile: path.join(EMULATOR_DIR, 'index.js'),
  });
  emulatorDeclarations();
}

async function buildCli(): Promise<void> {
  rmSync(path.dirname(CLI_BUNDLE), { recursive: true, force: true });
  await build({
    ...NODE_BUNDLE,
    entryPoints: [path.join(ROOT, 'cli', 'main.ts')],
    outfile: CLI_BUNDLE,
    banner: { js: '#!/usr/bin/env node' },
  });
  chmodSync(CLI_BUNDLE, 0o755);
}

/** The steps, in order; a new part of the package is one more step here and one more "files" entry. */
export const STEPS: readonly { name: string; run: () => void | Promise<void>; output: string }[] = [
  { name: 'provider bundle', run: buildProvider, output: DEFAULT_BUNDLE },
  { name: 'CDK bindings (lib/)', run: buildBindings, output: path.join(DIST, 'lib') },
  { name: 'emulator library', run: buildEmulator, output: path.join(EMULATOR_DIR, 'index.js') },
  { name: 'command line', run: buildCli, output: CLI_BUNDLE },
];

// Progress goes to stderr: `npm pack --json` prints its JSON on stdout, after this script's output.
export async function buildPackage(log: (line: string) => void = console.error): Promise<void> {
  for (const step of STEPS) {
    const started = Date.now();
    await step.run();
    const stat = statSync(step.output);
    const size = stat.isFile() ? ` (${Math.round(stat.size / 1024)} KiB)` : '';
    log(`built ${step.name}: ${path.relative(ROOT, step.output)}${size} in ${Date.now() - started} ms`);
  }
}

if (require.main === module) {
  buildPackage().catch((err: unknown) => {
    console.error(`build-package: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
