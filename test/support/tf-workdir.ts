// A throw-away Terraform/OpenTofu working directory for e2e tests: the providers are installed
// into a private filesystem mirror, a private CLI config points the engine at it, `init` runs
// once at creation, and every command runs with a hermetic environment.
import type { ChildProcess } from 'node:child_process';
import { processEnvWithout, spawnCapture } from './spawn-capture';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROVIDER_VERSION } from '../../provider/meta';
import { devOverridesCliConfig, mirrorCliConfig, writeCliConfig } from '../../provider/cli/cli-config';
import { installProvider } from '../../provider/cli/install';
import type { Engine } from './engines';

export interface ProviderInstall {
  sourceAddress: string;
  bundlePath: string;
  /** Defaults to the project's version (provider/meta.ts). */
  version?: string;
}

export interface CreateOptions {
  /** Files of the configuration, by name relative to the working dir (e.g. "main.tf"). */
  files: Record<string, string>;
  /** Extra environment for every command (e.g. the provider's PARTNERCENTER_* settings). */
  env?: Record<string, string>;
  providers: ProviderInstall[];
  /**
   * How the engine finds the providers: a filesystem mirror + `init` (the user path, default),
   * or dev_overrides (the development path: no `init`, no lock file).
   */
  via?: 'mirror' | 'dev_overrides';
  /** Run `init` at creation (default: true with a mirror, false with dev_overrides). */
  init?: boolean;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface RunOptions {
  /** Extra environment for this command only; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Exit codes that are not failures (default [0]). Anything else throws. */
  allowExitCodes?: number[];
  /** Sets TF_LOG for this command and returns the engine + provider log in `log`. */
  log?: LogLevel;
  /** Kill the engine (and the providers it started) after this long; a hang guard, default 5 min. */
  killAfterMs?: number;
  /** Called with the engine's process once it is spawned (e.g. to kill it mid-command). */
  onSpawn?: (child: ChildProcess) => void;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** TF_LOG output when `log` was asked for, else "". */
  log: string;
}

// Inherited variables that would make a run depend on the developer's shell.
const STRIPPED_ENV = [
  /^NODE_EXTRA_CA_CERTS$/, // re-reads a CA bundle on every provider launch (~27 ms each)
  /^TF_/, // logging, CLI args, data dir, workspace, plugin cache, reattach, CLI config, vars
  /^CHECKPOINT_/,
  /^PARTNERCENTER_(?!NODE$)/, // provider settings come only from the test
];

// Subcommands that accept -no-color (set through TF_CLI_ARGS_<cmd>, honoured by both engines).
const NO_COLOR_COMMANDS = ['init', 'validate', 'plan', 'apply', 'destroy', 'refresh', 'import', 'show', 'output'];

function baseEnv(): Record<string, string> {
  const env = processEnvWithout(STRIPPED_ENV);
  for (const cmd of NO_COLOR_COMMANDS) env[`TF_CLI_ARGS_${cmd}`] = '-no-color';
  return env;
}

/** stdout and stderr with line wrapping undone, so an engine's messages can be matched whole. */
export function flatOutput(r: RunResult): string {
  return `${r.stdout}\n${r.stderr}`.replace(/\s+/g, ' ');
}

export class TfWorkdir {
  private logCount = 0;

  private constructor(
    readonly engine: Engine,
    /** Temp root holding work/, mirror/, logs/ and the CLI config. */
    readonly root: string,
    /** The working directory the engine runs in. */
    readonly dir: string,
    /** Package dir of each installed provider, by source address. */
    readonly packageDirs: Record<string, string>,
    private readonly env: Record<string, string>,
  ) {}

  static async create(engine: Engine, opts: CreateOptions): Promise<TfWorkdir> {
    const root = await mkdtemp(path.join(os.tmpdir(), `tfwd-${engine.name}-`));
    const dir = path.join(root, 'work');
    const mirrorDir = path.join(root, 'mirror');
    await mkdir(dir);
    await mkdir(path.join(root, 'logs'));

    const packageDirs: Record<string, string> = {};
    for (const p of opts.providers) {
      const { packageDir } = await installProvider({
        mirrorDir,
        bundlePath: p.bundlePath,
        sourceAddress: p.sourceAddress,
        version: p.version ?? PROVIDER_VERSION,
      });
      packageDirs[p.sourceAddress] = packageDir;
    }
    const via = opts.via ?? 'mirror';
    const cliConfig = await writeCliConfig(
      path.join(root, 'cli.tfrc'),
      via === 'mirror'
        ? mirrorCliConfig({ mirrorDir, include: opts.providers.map((p) => p.sourceAddress) })
        : devOverridesCliConfig(packageDirs),
    );

    const env = {
      ...baseEnv(),
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      ...opts.env,
    };
    const wd = new TfWorkdir(engine, root, dir, packageDirs, env);
    for (const [name, text] of Object.entries(opts.files)) await wd.writeFile(name, text);
    if (opts.init ?? via === 'mirror') await wd.run(['init', '-input=false']);
    return wd;
  }

  /** Runs `<engine> ...args` in the working dir. Throws on an exit code not allowed. */
  async run(args: string[], opts: RunOptions = {}): Promise<RunResult> {
    const env: Record<string, string> = { ...this.env };
    for (const [key, value] of Object.entries(opts.env ?? {})) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    let logFile: string | undefined;
    if (opts.log) {
      logFile = path.join(this.root, 'logs', `run-${++this.logCount}.log`);
      env.TF_LOG = opts.log;
      env.TF_LOG_PATH = logFile;
    }

    const { code, stdout, stderr } = await spawnCapture(this.engine.path, args, {
      cwd: this.dir,
      env,
      killAfterMs: opts.killAfterMs ?? 300_000,
      onSpawn: opts.onSpawn,
    });
    const log = logFile && existsSync(logFile) ? await readFile(logFile, 'utf8') : '';
    const allowed = opts.allowExitCodes ?? [0];
    if (!allowed.includes(code)) {
      throw new Error(
        `${this.engine.name} ${args.join(' ')} exited ${code} (allowed: ${allowed.join(', ')}) in ${this.dir}\n` +
          `--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
      );
    }
    return { code, stdout, stderr, log };
  }

  async writeFile(name: string, text: string): Promise<void> {
    const file = path.join(this.dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }

  /** A file of the working dir, or undefined when it does not exist. */
  readFile(name: string): string | undefined {
    const file = path.join(this.dir, name);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  /** The parsed local state (terraform.tfstate), or undefined before the first apply. */
  readState(): any {
    const text = this.readFile('terraform.tfstate');
    return text === undefined ? undefined : JSON.parse(text);
  }

  /** Removes the temp dir (kept when PARTNERCENTER_KEEP_WORKDIRS is set, for debugging). */
  async dispose(): Promise<void> {
    if (process.env.PARTNERCENTER_KEEP_WORKDIRS) return;
    await rm(this.root, { recursive: true, force: true });
  }
}
