// Whole-command benchmark: the wall time of `terraform plan` on a configuration whose billing
// profile is in the state (3 provider launches, one API read), against the same engine planning
// an empty configuration (no provider at all). The difference is what our provider costs per
// command; a 2-second shutdown wait per launch would show up here as >= 6 s. Asserts nothing.
//
//   npm run bench:plan [-- --runs N] [-- --engine terraform|tofu]
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../emulator/server';
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../provider/meta';
import { buildBundle, DEFAULT_BUNDLE, DEFAULT_ENTRY } from './build-provider';
import { mirrorCliConfig, writeCliConfig } from './cli-config';
import { findOrBuildEngine, type DemoEngine } from './demo/engine';
import { engineEnv } from './demo/engine-runner';
import { installProvider } from './install-provider';

const ROOT = path.resolve(__dirname, '..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * Runs the engine; resolves to wall ms; rejects on a non-zero exit. Asynchronous on purpose: the
 * emulator answers from this same process.
 */
function timed(engine: DemoEngine, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(engine.path, [...args, '-no-color'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Number(process.hrtime.bigint() - start) / 1e6);
      else reject(new Error(`${engine.name} ${args.join(' ')} exited ${code}\n${output}`));
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const runs = Number(option('--runs') ?? 7);
  const engine = findOrBuildEngine(option('--engine') as DemoEngine['name'] | undefined);
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-plan-'));
  const emulator = await startEmulator({ port: 0 });
  try {
    const bundle = await buildBundle({ entry: DEFAULT_ENTRY, outfile: DEFAULT_BUNDLE });
    const mirrorDir = path.join(work, 'mirror');
    await installProvider({ mirrorDir, bundlePath: bundle.outfile, sourceAddress: SOURCE_ADDRESS, version: PROVIDER_VERSION });
    const cliConfig = await writeCliConfig(path.join(work, 'cli.tfrc'), mirrorCliConfig({ mirrorDir, include: [SOURCE_ADDRESS] }));
    const env = engineEnv(cliConfig, emulator.url);

    const withProvider = path.join(work, 'with-provider');
    mkdirSync(withProvider);
    copyFileSync(path.join(ROOT, 'examples', 'hcl', 'main.tf'), path.join(withProvider, 'main.tf'));
    await timed(engine, ['init', '-input=false'], withProvider, env);
    await timed(engine, ['apply', '-auto-approve', '-input=false'], withProvider, env);

    const baseline = path.join(work, 'empty');
    mkdirSync(baseline);
    writeFileSync(path.join(baseline, 'main.tf'), 'terraform {}\n');
    await timed(engine, ['init', '-input=false'], baseline, env);

    const plan = ['plan', '-input=false', '-detailed-exitcode'];
    await timed(engine, plan, withProvider, env); // warm-up (page cache, code cache)
    await timed(engine, plan, baseline, env);
    const ours: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      ours.push(await timed(engine, plan, withProvider, env));
      bare.push(await timed(engine, plan, baseline, env));
    }
    const m = median(ours);
    const b = median(bare);
    console.log(`engine: ${engine.name} v${engine.version}; runs: ${runs} (after 1 warm-up); NODE_EXTRA_CA_CERTS unset`);
    console.log(`${''.padEnd(44)}median     min  (ms)`);
    console.log(`${'plan, billing profile in state (3 launches)'.padEnd(44)}${m.toFixed(0).padStart(6)}  ${Math.min(...ours).toFixed(0).padStart(6)}`);
    console.log(`${'plan, empty configuration (no provider)'.padEnd(44)}${b.toFixed(0).padStart(6)}  ${Math.min(...bare).toFixed(0).padStart(6)}`);
    console.log(`ratio (median): ${(m / b).toFixed(2)}x; provider cost ${((m - b) / 3).toFixed(0)} ms per launch (a 2 s shutdown wait would add 2000)`);
  } finally {
    await emulator.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(`bench-plan: ${err.message}`);
  process.exitCode = 1;
});
