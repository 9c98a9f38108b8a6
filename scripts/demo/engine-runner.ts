// Runs one engine command in the demo's working directory and prints it like a shell would.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { DemoEngine } from './engine';

export interface RunResult {
  code: number;
  output: string;
}

export class EngineRunner {
  constructor(
    private readonly engine: DemoEngine,
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  run(args: string[]): Promise<RunResult> {
    console.log(`   $ ${path.basename(this.engine.path)} ${args.join(' ')}`);
    return new Promise((resolve, reject) => {
      const child = spawn(this.engine.path, args, { cwd: this.cwd, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? 1, output }));
    });
  }
}

/** The engine env: our provider config, no colour, no telemetry, no costly extra CA bundle. */
export function engineEnv(cliConfigFile: string, emulatorUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    PARTNERCENTER_BASE_URL: emulatorUrl,
    PARTNERCENTER_AUTHORITY_HOST: emulatorUrl,
    PARTNERCENTER_TENANT_ID: '00000000-0000-0000-0000-0000000000aa',
    PARTNERCENTER_CLIENT_ID: 'emulator-client',
    PARTNERCENTER_REFRESH_TOKEN: 'emulator-refresh-token',
  };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.PARTNERCENTER_ACCESS_TOKEN;
  return env;
}
