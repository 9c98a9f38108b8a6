// Launch-latency benchmark: spawns the bundled provider like an engine does (cookie, versions,
// AutoMTLS client certificate) and times spawn -> handshake line, against `node -e 0`
// (spawn -> exit) as the reference. Prints medians and the ratio; asserts nothing.
//
//   npm run bench -- [--runs N] [--bundle path/to/provider.cjs]
// Default bundle: dist/provider/partnercenter-provider.cjs if built, else the test fixture
// provider (bundled here to dist/test/kit-provider.cjs).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildKitProvider } from '../test/protocol/support/bundle';
import { MAGIC_COOKIE_VALUE } from '../provider/plugin/handshake';
import { createServerCertificate } from '../provider/plugin/tls/server-cert';

const ROOT = resolve(__dirname, '..');
const WARMUP = 3;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS; // costs ~27 ms per Node start; measured without it on both sides
  delete env.TF_LOG;
  delete env.TF_LOG_PROVIDER;
  return env;
}

/** ms from spawn to the first stdout line (then kills the process). */
function timeHandshake(bundle: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bundle], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (!out.includes('\n')) return;
      const ms = performance.now() - started;
      if (!/^1\|6\|unix\|/.test(out)) reject(new Error(`unexpected handshake: ${out}`));
      child.kill('SIGKILL');
      child.on('exit', () => resolvePromise(ms));
    });
    child.on('error', reject);
  });
}

/** ms from spawn to exit of `node -e 0`. */
function timeBareNode(env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
    child.on('exit', () => resolvePromise(performance.now() - started));
    child.on('error', reject);
  });
}

async function sample(runs: number, once: () => Promise<number>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await once();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await once());
  return out.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fmt = (n: number) => n.toFixed(1).padStart(6);

async function main(): Promise<void> {
  const runs = Number(option('--runs') ?? 20);
  const realBundle = join(ROOT, 'dist/provider/partnercenter-provider.cjs');
  const bundle = option('--bundle') ?? (existsSync(realBundle) ? realBundle : buildKitProvider());

  const env = baseEnv();
  const providerEnv = {
    ...env,
    TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    PLUGIN_CLIENT_CERT: createServerCertificate().certPem, // any certificate: the provider only pins it
  };

  const node = await sample(runs, () => timeBareNode(env));
  const provider = await sample(runs, () => timeHandshake(bundle, providerEnv));
  const ratio = quantile(provider, 0.5) / quantile(node, 0.5);

  console.log(`bundle: ${bundle}`);
  console.log(`runs: ${runs} (after ${WARMUP} warm-up), NODE_EXTRA_CA_CERTS unset`);
  console.log('                              median    min    p90  (ms)');
  console.log(`node -e 0 (spawn -> exit)     ${fmt(quantile(node, 0.5))} ${fmt(node[0])} ${fmt(quantile(node, 0.9))}`);
  console.log(`provider (spawn -> handshake) ${fmt(quantile(provider, 0.5))} ${fmt(provider[0])} ${fmt(quantile(provider, 0.9))}`);
  console.log(`ratio (median): ${ratio.toFixed(2)}x  (target <= 2.5x)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
