// Launch-latency benchmark: installs the bundled provider into a temporary filesystem mirror
// (launcher + code-cache loader + bundle, as provider/cli/install.ts does), spawns the
// launcher like an engine does (direct exec, cookie, versions, AutoMTLS client certificate) and
// times spawn -> handshake line, against `node -e 0` (spawn -> exit) as the reference.
// Rows: the installed launcher with a warm code cache (the headline row, used for the ratio);
// the first run with an empty code cache; the launcher with PARTNERCENTER_CODE_CACHE=off;
// `node <bundle>` without the launcher; and, when given, a Go provider binary. Each handshake
// also samples the process's VmRSS. `measureHandshake()` is what `npm run bench`
// (scripts/bench.ts) runs; run this file directly for these rows alone. Asserts nothing.
//
//   npx tsx scripts/bench-handshake.ts [--runs N] [--bundle path/to/provider.cjs] [--go <provider binary>]
// Default bundle: dist/provider/partnercenter-provider.cjs, built first when missing.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { MAGIC_COOKIE_VALUE } from '../provider/plugin/handshake';
import { createServerCertificate } from '../provider/plugin/tls/server-cert';
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../provider/meta';
import { quantile } from './bench/stats';
import { buildBundle, DEFAULT_BUNDLE, DEFAULT_ENTRY } from './build-provider';
import { installProvider } from '../provider/cli/install';

const WARMUP = 3;
/** Cold-cache runs, each with its own empty cache dir. */
const COLD_RUNS = 5;
/** The loader's cache dir under XDG_CACHE_HOME. */
const CACHE_SUBDIR = 'terraform-provider-partnercenter';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS; // costs ~27 ms per Node start; measured without it on both sides
  delete env.TF_LOG;
  delete env.TF_LOG_PROVIDER;
  return env;
}

/** What an engine gives a provider it launches, on top of `env`, with `node` for the launcher. */
export function launchEnv(env: NodeJS.ProcessEnv, node: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {
    ...env,
    TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    PLUGIN_CLIENT_CERT: createServerCertificate().certPem, // any certificate: the provider only pins it
    PARTNERCENTER_NODE: node, // the same node as the `node -e 0` reference
  };
  delete out.PARTNERCENTER_CODE_CACHE;
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `ready()` holds (polled), or after `timeoutMs` regardless. */
async function waitUntil(ready: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready() && Date.now() < deadline) await sleep(5);
}

/** VmRSS of a live process in KiB (Linux), or undefined where /proc is missing. */
function vmRssKb(pid: number | undefined): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** One timed launch: ms, and the VmRSS (KiB) read at the handshake line (outside the timed span). */
export interface Timing {
  ms: number;
  rssKb?: number;
}

/**
 * ms from spawn to the first stdout line; then kills the process, after `beforeKill` when given
 * (the cold-cache runs wait for the loader to write the cache, which it does after the handshake).
 * Protocol 6 for our provider; SDKv2 Go providers answer with protocol 5.
 */
export function timeHandshake(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  beforeKill?: () => Promise<void>,
): Promise<Timing> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    let timed = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (timed || !out.includes('\n')) return;
      timed = true;
      const ms = performance.now() - started;
      const rssKb = vmRssKb(child.pid);
      if (!/^1\|[56]\|unix\|/.test(out)) reject(new Error(`unexpected handshake: ${out}`));
      child.on('exit', () => resolvePromise({ ms, rssKb }));
      void (beforeKill ?? (() => Promise.resolve()))().finally(() => child.kill('SIGKILL'));
    });
    child.on('error', reject);
  });
}

/** ms from spawn to exit of `node -e <script>` (default `node -e 0`). */
export function timeBareNode(env: NodeJS.ProcessEnv, node: string = process.execPath, script = '0'): Promise<Timing> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(node, ['-e', script], { env, stdio: 'ignore' });
    child.on('exit', () => resolvePromise({ ms: performance.now() - started }));
    child.on('error', reject);
  });
}

/**
 * The modules any Node provider that speaks go-plugin's protocol loads before it can answer:
 * a unix socket, mutual TLS and HTTP/2 (gRPC). Spawn -> exit of a node that loads only them is
 * the floor under our start-up that no provider code can go below.
 */
const PLUGIN_STACK = "require('node:net'); require('node:tls'); require('node:crypto'); require('node:http2')";

/** `runs` timings after the warm-up: times and RSS readings, each sorted. */
export async function sample(runs: number, once: () => Promise<Timing>): Promise<{ ms: number[]; rssKb: number[] }> {
  for (let i = 0; i < WARMUP; i++) await once();
  const timings: Timing[] = [];
  for (let i = 0; i < runs; i++) timings.push(await once());
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  return {
    ms: sorted(timings.map((t) => t.ms)),
    rssKb: sorted(timings.flatMap((t) => (t.rssKb === undefined ? [] : [t.rssKb]))),
  };
}
const fmt = (n: number) => n.toFixed(1).padStart(6);

const row = (label: string, sorted: number[]) =>
  `${label.padEnd(38)}${fmt(quantile(sorted, 0.5))} ${fmt(sorted[0])} ${fmt(quantile(sorted, 0.9))}`;

export interface HandshakeOptions {
  runs: number;
  bundle: string;
  /** A Go provider binary to time the same way (a reference row), if any. */
  goProvider?: string;
}

/** Sorted samples (ms) per row, and VmRSS (KiB, sorted) at the handshake. */
export interface HandshakeResult {
  runs: number;
  warmup: number;
  coldRuns: number;
  node: number[];
  /** node loading the plugin stack only (PLUGIN_STACK), spawn -> exit. */
  nodeStack: number[];
  provider: number[];
  cold: number[];
  cacheOff: number[];
  direct: number[];
  go?: number[];
  rssKb: { provider: number[]; go?: number[] };
  /** Median provider / median `node -e 0`. */
  ratio: number;
}

export async function measureHandshake({ runs, bundle, goProvider }: HandshakeOptions): Promise<HandshakeResult> {
  const work = mkdtempSync(join(tmpdir(), 'bench-handshake-'));
  try {
    const { executable } = await installProvider({
      mirrorDir: join(work, 'mirror'),
      bundlePath: bundle,
      sourceAddress: SOURCE_ADDRESS,
      version: PROVIDER_VERSION,
    });

    const env = baseEnv();
    const providerEnv = launchEnv(env, process.execPath);
    const withCache = (xdg: string) => ({ ...providerEnv, XDG_CACHE_HOME: xdg });
    const launcher = (e: NodeJS.ProcessEnv, beforeKill?: () => Promise<void>) =>
      timeHandshake(executable, [], e, beforeKill);

    const node = (await sample(runs, () => timeBareNode(env))).ms;
    const nodeStack = (await sample(runs, () => timeBareNode(env, process.execPath, PLUGIN_STACK))).ms;

    // Cold: every run gets an empty cache dir and waits (untimed) for the cache to be written.
    const cold: number[] = [];
    let xdg = '';
    for (let i = 0; i < COLD_RUNS; i++) {
      xdg = join(work, `cache-${i}`);
      mkdirSync(xdg);
      const cacheDir = join(xdg, CACHE_SUBDIR);
      const written = () => existsSync(cacheDir) && readdirSync(cacheDir).some((f) => f.endsWith('.v8cache'));
      cold.push((await launcher(withCache(xdg), () => waitUntil(written, 5000))).ms);
    }
    cold.sort((a, b) => a - b);

    const provider = await sample(runs, () => launcher(withCache(xdg))); // warm: the last cold run's cache
    const cacheOff = (await sample(runs, () => launcher({ ...withCache(xdg), PARTNERCENTER_CODE_CACHE: 'off' }))).ms;
    const direct = (await sample(runs, () => timeHandshake(process.execPath, [bundle], providerEnv))).ms;
    const go = goProvider ? await sample(runs, () => timeHandshake(goProvider, [], providerEnv)) : undefined;
    return {
      runs,
      warmup: WARMUP,
      coldRuns: COLD_RUNS,
      node,
      nodeStack,
      provider: provider.ms,
      cold,
      cacheOff,
      direct,
      go: go?.ms,
      rssKb: { provider: provider.rssKb, go: go?.rssKb },
      ratio: quantile(provider.ms, 0.5) / quantile(node, 0.5),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const runs = Number(option('--runs') ?? 20);
  const bundle =
    option('--bundle') ??
    (existsSync(DEFAULT_BUNDLE)
      ? DEFAULT_BUNDLE
      : (await buildBundle({ entry: DEFAULT_ENTRY, outfile: DEFAULT_BUNDLE })).outfile);
  const r = await measureHandshake({ runs, bundle, goProvider: option('--go') });
  console.log(`bundle: ${relative(process.cwd(), bundle)}`);
  console.log('launcher: installed in a temp mirror, spawned as the engines do; code cache in a temp XDG_CACHE_HOME');
  console.log(`runs: ${runs} (after ${WARMUP} warm-up), NODE_EXTRA_CA_CERTS unset`);
  console.log(`${''.padEnd(38)}median    min    p90  (ms)`);
  console.log(row('node -e 0 (spawn -> exit)', r.node));
  console.log(row('node loading net, tls, crypto, http2', r.nodeStack));
  console.log(row('provider (spawn -> handshake)', r.provider) + '   installed launcher, warm code cache');
  console.log(row(`  cold code cache (1st run, ${COLD_RUNS} runs)`, r.cold));
  console.log(row('  PARTNERCENTER_CODE_CACHE=off', r.cacheOff));
  console.log(row('  node <bundle> (no launcher/loader)', r.direct));
  if (r.go) console.log(row('Go provider (spawn -> handshake)', r.go));
  console.log(`ratio (median): ${r.ratio.toFixed(2)}x  (target <= 1.5x, issue 17)`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
