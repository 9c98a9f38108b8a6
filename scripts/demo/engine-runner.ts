// Runs the demo's commands (the engine, the cdktf CLI) and prints each like a shell would.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { providerEnvFor } from '../../emulator/server';
import type { DemoEngine } from './engine';
import { noteRun } from './narrator';

export interface RunResult {
  code: number;
  output: string;
}

// Colour and cursor sequences (the cdktf CLI's spinner) and carriage returns.
// eslint-disable-next-line no-control-regex -- matching the ESC (\u001b) that starts each sequence is the point
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\r/g;

/** Runs `file args` in `cwd`; stdout and stderr interleaved, without escape sequences. */
export function runProgram(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  const command = `${path.basename(file)} ${args.join(' ')}`;
  console.log(`   $ ${command}`);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (e) => reject(new Error(`cannot run ${file}: ${e.message}`)));
    child.on('close', (code, signal) => {
      const result = { code: code ?? 1, output: output.replace(ANSI, '') };
      // A failing check in this step shows the end of this output (narrator.ts).
      noteRun({ command: signal ? `${command} (killed by ${signal})` : command, ...result });
      resolve(result);
    });
  });
}

export class EngineRunner {
  constructor(
    private readonly engine: DemoEngine,
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  run(args: string[]): Promise<RunResult> {
    return runProgram(this.engine.path, args, this.cwd, this.env);
  }
}

/** Credentials the demo's emulator accepts instead of its defaults (see demoCredentials). */
export interface DemoCredentials {
  refreshToken?: string;
  clientSecret?: string;
}

/**
 * PARTNERCENTER_DEMO_REFRESH_TOKEN and PARTNERCENTER_DEMO_CLIENT_SECRET: the refresh token the
 * emulator accepts, and a client secret it then requires (a confidential app), both handed to
 * the provider. Separate names so credentials for the real service in the shell never reach the demo.
 */
export function demoCredentials(env: NodeJS.ProcessEnv = process.env): DemoCredentials {
  const pick = (name: string) => (env[name] && env[name].trim() !== '' ? env[name].trim() : undefined);
  return {
    refreshToken: pick('PARTNERCENTER_DEMO_REFRESH_TOKEN'),
    clientSecret: pick('PARTNERCENTER_DEMO_CLIENT_SECRET'),
  };
}

/**
 * The engine env: our provider config, no colour, no telemetry, no costly extra CA bundle.
 * TF_LOG, TF_LOG_PROVIDER and TF_LOG_PATH pass through; a relative TF_LOG_PATH is made absolute
 * so every run (each in its own folder) appends to the one file.
 */
export function engineEnv(
  cliConfigFile: string,
  emulatorUrl: string,
  credentials: DemoCredentials = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    ...providerEnvFor(emulatorUrl),
  };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.PARTNERCENTER_ACCESS_TOKEN;
  // A secret from the user's shell belongs to a real app registration: never send it to the emulator.
  delete env.PARTNERCENTER_CLIENT_SECRET;
  delete env.PARTNERCENTER_DEMO_REFRESH_TOKEN;
  delete env.PARTNERCENTER_DEMO_CLIENT_SECRET;
  if (credentials.refreshToken) env.PARTNERCENTER_REFRESH_TOKEN = credentials.refreshToken;
  if (credentials.clientSecret) env.PARTNERCENTER_CLIENT_SECRET = credentials.clientSecret;
  // Relative to where the user typed the command (npm runs scripts from the package root).
  if (env.TF_LOG_PATH) env.TF_LOG_PATH = path.resolve(process.env.INIT_CWD ?? process.cwd(), env.TF_LOG_PATH);
  return env;
}
