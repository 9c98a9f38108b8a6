// Runs the demo's commands (the engine, the cdktf CLI) and prints each like a shell would.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { providerEnvFor } from '../../emulator/server';
import type { DemoEngine } from './engine';

export interface RunResult {
  code: number;
  output: string;
}

// Colour and cursor sequences (the cdktf CLI's spinner) and carriage returns.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\r/g;

/** Runs `file args` in `cwd`; stdout and stderr interleaved, without escape sequences. */
export function runProgram(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  console.log(`   $ ${path.basename(file)} ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output: output.replace(ANSI, '') }));
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

/** The engine env: our provider config, no colour, no telemetry, no costly extra CA bundle. */
export function engineEnv(cliConfigFile: string, emulatorUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    ...providerEnvFor(emulatorUrl),
  };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.PARTNERCENTER_ACCESS_TOKEN;
  return env;
}
