// Runs one engine command and times it from spawn to exit. Asynchronous on purpose: the
// emulators answer from this same process while the engine runs.
import { spawn } from 'node:child_process';

export interface EngineRun {
  ms: number;
  code: number;
  output: string;
}

/**
 * Resolves with the wall time; rejects when the exit code is not one of `okCodes` (a benchmark of
 * a failing command would measure the wrong thing).
 */
export function runEngine(
  engine: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  okCodes: number[] = [0],
): Promise<EngineRun> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(engine, [...args, '-no-color'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== null && okCodes.includes(code)) resolve({ ms, code, output });
      else reject(new Error(`${engine} ${args.join(' ')} (in ${cwd}) exited ${code}\n${output.slice(-3000)}`));
    });
  });
}

/** The environment without anything that changes how much the engine or a provider logs. */
export function quietEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const key of ['TF_LOG', 'TF_LOG_PATH', 'TF_LOG_CORE', 'TF_LOG_PROVIDER', 'TF_LOG_PROVIDER_PARTNERCENTER'])
    delete out[key];
  return out;
}
