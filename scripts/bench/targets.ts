// A benchmark target: one working directory, one engine, one provider set-up, and its own
// emulator (so no target's applies show up as drift in another's plans). It knows how to set
// itself up (init + first apply), and runs plan / apply with the right -var values: applies
// alternate purchaseOrderNumber between two values so each changes exactly one field.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmulatorAdmin } from '../../emulator/admin-client';
import type { ApiCallRecord, TokenCallRecord } from '../../emulator/request-log';
import { providerEnvFor, startEmulator, type RunningEmulator } from '../../emulator/server';
import type { DemoEngine } from '../demo/engine';
import { EMPTY_CONFIG, oursConfig, oursScalingConfig, PO_VALUES, restapiConfig, restapiScalingConfig } from './configs';
import { quietEnv, runEngine, type EngineRun } from './run-engine';
import type { Workspace } from './workspace';

export type ProviderKind = 'ours' | 'go' | 'none';
export type Auth = 'static' | 'refresh';

export interface TargetSpec {
  id: string;
  label: string;
  provider: ProviderKind;
  engine: DemoEngine;
  auth?: Auth;
  /** Provider aliases (scaling targets); absent: the single-resource configuration. */
  aliases?: number;
}

/** One command run with its API traffic, as the emulator saw it. */
export interface ObservedRun extends EngineRun {
  requests: ApiCallRecord[];
  tokenRequests: TokenCallRecord[];
  /** The engine log, for probe runs. */
  log?: string;
}

export const EXECUTABLE_PREFIX: Record<Exclude<ProviderKind, 'none'>, string> = {
  ours: 'terraform-provider-partnercenter_',
  go: 'terraform-provider-restapi_',
};

export class Target {
  private po = 0;
  /** restapi: the etag its state's data holds (what a no-change plan must pass). */
  private stateEtag = '';
  private probes = 0;

  private constructor(
    readonly spec: TargetSpec,
    readonly dir: string,
    private readonly emulator: RunningEmulator,
    readonly admin: EmulatorAdmin,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async create(spec: TargetSpec, ws: Workspace): Promise<Target> {
    const dir = path.join(ws.root, 'targets', spec.id);
    mkdirSync(dir, { recursive: true });
    const emulator = await startEmulator({ port: 0 });
    const admin = new EmulatorAdmin(emulator.url);
    const env: NodeJS.ProcessEnv = {
      ...quietEnv(process.env),
      TF_CLI_CONFIG_FILE: ws.cliConfig,
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      XDG_CACHE_HOME: ws.cacheHome,
    };
    // Not the user's settings: only what each target sets below.
    for (const key of Object.keys(env))
      if (key.startsWith('PARTNERCENTER_') || key.startsWith('TF_VAR_')) delete env[key];
    // Unset unless a row sets it (the Node matrix, scripts/bench/node-matrix.ts, measures both).
    delete env.NODE_EXTRA_CA_CERTS;
    delete env.TF_PLUGIN_CACHE_DIR;
    if (spec.provider === 'ours' && spec.auth === 'refresh') Object.assign(env, providerEnvFor(emulator.url));
    else if (spec.provider !== 'none') {
      env.PARTNERCENTER_BASE_URL = emulator.url;
      env.TF_VAR_token = await admin.token(true); // a delegated token, as the refresh exchange would give
    }
    const hcl =
      spec.provider === 'none'
        ? EMPTY_CONFIG
        : spec.provider === 'ours'
          ? spec.aliases
            ? oursScalingConfig(spec.aliases)
            : oursConfig()
          : spec.aliases
            ? restapiScalingConfig(spec.aliases, emulator.url, PO_VALUES[0])
            : restapiConfig(emulator.url);
    writeFileSync(path.join(dir, 'main.tf'), hcl);
    return new Target(spec, dir, emulator, admin, env);
  }

  /** init, then an apply that puts the profile in the state (not for data-source-only configs). */
  async setup(): Promise<void> {
    await this.engine(['init', '-input=false']);
    if (this.spec.provider === 'go' && this.spec.aliases) await this.engine(['apply', '-auto-approve', '-input=false']);
    else if (this.spec.provider !== 'none' && !this.spec.aliases) await this.apply();
  }

  /** A plan that must find nothing to do (-detailed-exitcode 0). */
  plan(extraEnv: NodeJS.ProcessEnv = {}): Promise<ObservedRun> {
    return this.observe(['plan', '-input=false', '-detailed-exitcode', ...this.vars(this.stateEtag)], extraEnv);
  }

  /** An apply that changes purchaseOrderNumber only. */
  async apply(extraEnv: NodeJS.ProcessEnv = {}): Promise<ObservedRun> {
    this.po = 1 - this.po;
    // restapi cannot send If-Match: the current etag goes into the body (read outside the timing).
    const etag =
      this.spec.provider === 'go' && !this.spec.aliases
        ? String(((await this.admin.profile()).attributes as { etag?: unknown }).etag)
        : '';
    const run = await this.observe(['apply', '-auto-approve', '-input=false', ...this.vars(etag)], extraEnv);
    if (!/Apply complete! Resources: [01] added, [01] changed/.test(run.output)) {
      throw new Error(`${this.spec.label}: apply did not apply one change:\n${run.output.slice(-2000)}`);
    }
    this.stateEtag = etag;
    return run;
  }

  /**
   * The same command logged into a file: the engine at trace (plugin launches, RPC times), the
   * providers at debug (their RPC, API-call and resource-usage lines). Not trace for the
   * providers: that logs every request and response body, which is not how they usually run
   * and would inflate the memory measured.
   */
  async probe(op: 'plan' | 'apply', extraEnv: NodeJS.ProcessEnv = {}): Promise<ObservedRun> {
    const logFile = path.join(this.dir, `probe-${op}-${++this.probes}.log`);
    const run = await this[op]({ ...extraEnv, TF_LOG: 'trace', TF_LOG_PROVIDER: 'debug', TF_LOG_PATH: logFile });
    return { ...run, log: readFileSync(logFile, 'utf8') };
  }

  close(): Promise<void> {
    return this.emulator.close();
  }

  private vars(etag: string): string[] {
    if (this.spec.provider === 'none' || this.spec.aliases) return [];
    const out = ['-var', `po=${PO_VALUES[this.po]}`];
    if (this.spec.provider === 'go') out.push('-var', `etag=${etag}`);
    return out;
  }

  private engine(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<EngineRun> {
    return runEngine(this.spec.engine.path, args, this.dir, { ...this.env, ...extraEnv });
  }

  private async observe(args: string[], extraEnv: NodeJS.ProcessEnv): Promise<ObservedRun> {
    const before = await this.admin.mark();
    const run = await this.engine(args, extraEnv).catch((err: unknown) => {
      if (err instanceof Error && /exited 2\b/.test(err.message) && args[0] === 'plan') {
        throw new Error(`${this.spec.label}: plan found changes, expected none\n${err.message}`);
      }
      throw err;
    });
    const { api, tokens } = await this.admin.since(before);
    return { ...run, requests: api, tokenRequests: tokens };
  }
}
