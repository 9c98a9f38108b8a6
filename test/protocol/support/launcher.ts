// Starts the provider the way go-plugin does: direct exec, the magic cookie, protocol versions
// and (for AutoMTLS) a client certificate in the environment; stdout and stderr are pipes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIT_BUNDLE, requireBundle } from '../../support/bundles';
import type { ClientCert } from './client-cert';

// The engines' literal cookie, not the provider's constant: a wrong constant there must fail here.
export const MAGIC_COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

export interface LaunchOptions {
  clientCert?: ClientCert;
  /** Extra variables; undefined removes one. */
  env?: Record<string, string | undefined>;
  args?: string[];
  /** The bundle to run (default: the kit fixture provider). */
  bundle?: string;
  /** Run under this umask (through sh, as a shell-started engine would); default: ours. */
  umask?: string;
}

export interface ProviderProcess {
  child: ChildProcess;
  storePath: string;
  stdout: () => string;
  stderr: () => string;
  /** The first stdout line (rejects if the process exits first). */
  firstLine: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function launchEnv(opts: LaunchOptions, storePath: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE,
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    TF_LOG: 'trace',
    KIT_FIXTURE_STORE: storePath,
  };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.PLUGIN_CLIENT_CERT;
  delete env.PLUGIN_UNIX_SOCKET_DIR;
  if (opts.clientCert) env.PLUGIN_CLIENT_CERT = opts.clientCert.certPem;
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function launchProvider(opts: LaunchOptions = {}): ProviderProcess {
  const bundle = opts.bundle ?? requireBundle(KIT_BUNDLE);
  const storePath = join(mkdtempSync(join(tmpdir(), 'kit-store-')), 'store.json');
  const argv = [process.execPath, bundle, ...(opts.args ?? [])];
  const [file, ...args] =
    opts.umask === undefined ? argv : ['sh', '-c', `umask ${opts.umask} && exec "$@"`, 'sh', ...argv];
  const child = spawn(file, args, { env: launchEnv(opts, storePath), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`provider exited (${code}) before its first line; stderr:\n${err}`)));
  });
  firstLine.catch(() => undefined); // callers that expect an early exit do not await it
  return { child, storePath, stdout: () => out, stderr: () => err, firstLine, exited };
}

/** Ends a provider still running at the end of a test. */
export async function stopProvider(p: ProviderProcess): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) {
    p.child.kill('SIGKILL');
    await p.exited;
  }
}
