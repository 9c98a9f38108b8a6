// A user's project outside the repository, for the suites that install the packed package as a
// user would: a temp folder (never under the checkout) with its own HOME, an environment with
// nothing of the developer's Terraform settings and no PATH entry inside the checkout, and
// optionally another Node first on PATH (from the `npm run nodes` cache), so npm, npx, the CLIs
// they start and the provider the engine launches all run on it. The npm cache and user config
// stay the developer's (registry, proxy), as a CI cache would: only downloads are saved; so does
// NODE_EXTRA_CA_CERTS, which a network behind a TLS-inspecting proxy needs (the Node builds of
// the cache trust only their bundled CAs).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './bundles';
import { expectExit } from './command-tail';
import { envWithNode, type CachedNode } from './node-versions';
import { processEnvWithout, spawnCapture, type CapturedRun } from './spawn-capture';

// Inherited settings that would tie a run to the developer's shell or to the checkout: engine and
// CDKTF settings, the provider's settings, and what `npm test` sets for its own scripts.
const STRIPPED = [
  /^TF_/,
  /^CHECKPOINT_/,
  /^CDKTF_/,
  /^TERRAFORM_BINARY_NAME$/,
  /^PARTNERCENTER_/,
  /^NODE_OPTIONS$/,
  /^NODE_ENV$/,
  /^npm_/i,
  /^INIT_CWD$/,
];

// CSI sequences (colours, the CDK CLIs' spinners) and lone carriage returns.
// eslint-disable-next-line no-control-regex -- matching the ESC (\u001b) that starts each sequence is the point
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\r/g;

export interface RunningEmulator {
  url: string;
  /** The `export PARTNERCENTER_…=…` settings it printed. */
  settings: Record<string, string>;
  stop(): Promise<void>;
}

export class OutsideProject {
  readonly home: string;
  readonly dir: string;
  /** The environment every command runs with. */
  readonly env: Record<string, string>;

  private constructor(
    readonly root: string,
    node: CachedNode | undefined,
  ) {
    this.home = path.join(root, 'home');
    this.dir = path.join(root, 'app');
    mkdirSync(this.home);
    mkdirSync(this.dir);
    const inherited = processEnvWithout(STRIPPED);
    const checkout = realpathSync(ROOT);
    const pathEntries = (inherited.PATH ?? '')
      .split(path.delimiter)
      .filter((entry) => entry && !path.resolve(entry).startsWith(checkout + path.sep));
    const npmCache = process.env.npm_config_cache || path.join(os.homedir(), '.npm');
    const npmUserConfig = process.env.npm_config_userconfig || path.join(os.homedir(), '.npmrc');
    const env: Record<string, string> = {
      ...inherited,
      PATH: pathEntries.join(path.delimiter),
      HOME: this.home,
      npm_config_cache: npmCache,
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      CHECKPOINT_DISABLE: '1',
      DISABLE_VERSION_CHECK: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    };
    if (existsSync(npmUserConfig)) env.npm_config_userconfig = npmUserConfig;
    this.env = node ? (envWithNode(node, env) as Record<string, string>) : env;
  }

  /** A new project in a temp folder outside the checkout (checked), on `node` or this Node. */
  static create(name: string, node?: CachedNode): OutsideProject {
    const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), `${name}-`)));
    if (root.startsWith(realpathSync(ROOT) + path.sep)) throw new Error(`${root} is inside the checkout ${ROOT}`);
    return new OutsideProject(root, node);
  }

  /** Runs a command in the project folder; output without escape sequences. */
  async run(
    file: string,
    args: string[],
    extraEnv: Record<string, string> = {},
    killAfterMs = 300_000,
  ): Promise<CapturedRun> {
    const run = await spawnCapture(file, args, { cwd: this.dir, env: { ...this.env, ...extraEnv }, killAfterMs });
    const clean = (text: string) => text.replace(ANSI, '');
    return { code: run.code, stdout: clean(run.stdout), stderr: clean(run.stderr), output: clean(run.output) };
  }

  /** `run`, throwing with the end of the command's output unless it exits 0. */
  async runOk(file: string, args: string[], extraEnv: Record<string, string> = {}, killAfterMs?: number) {
    return expectExit(await this.run(file, args, extraEnv, killAfterMs), `${file} ${args.join(' ')}`);
  }

  /**
   * `npx terraform-provider-partnercenter emulator --port 0`, in the background: resolves once it
   * has printed its URL and settings.
   */
  startEmulator(): Promise<RunningEmulator> {
    const child = spawn('npx', ['terraform-provider-partnercenter', 'emulator', '--port', '0'], {
      cwd: this.dir,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    const stop = async () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return; // already gone
      }
      await exited;
    };
    return new Promise((resolve, reject) => {
      const guard = setTimeout(() => {
        void stop();
        reject(new Error(`the emulator did not print its settings within 60 s; its output:\n${out}`));
      }, 60_000);
      const onData = (b: Buffer) => {
        out += b.toString();
        const url = /^Partner Center emulator listening on (\S+)$/m.exec(out)?.[1];
        if (!url || !/^Ctrl-C stops it\.$/m.test(out)) return;
        clearTimeout(guard);
        const settings: Record<string, string> = {};
        // Values are shell words: plain, or single-quoted with '\'' for a quote.
        for (const m of out.matchAll(/^export (PARTNERCENTER_[A-Z_]+)=(.+)$/gm))
          settings[m[1]] = m[2].startsWith("'") ? m[2].slice(1, -1).replace(/'\\''/g, "'") : m[2];
        resolve({ url, settings, stop });
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('close', (code) => {
        clearTimeout(guard);
        reject(new Error(`the emulator exited (${code}) before printing its settings; its output:\n${out}`));
      });
    });
  }

  dispose(): void {
    if (!process.env.PARTNERCENTER_KEEP_WORKDIRS) rmSync(this.root, { recursive: true, force: true });
  }
}
