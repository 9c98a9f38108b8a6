// Runs a command the way the e2e suites need: own process group, output captured, hang guard.
import { spawn, type ChildProcess } from 'node:child_process';

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as received. */
  output: string;
}

/**
 * Spawns a command in its own process group and collects its output. On the hang guard the whole
 * group is killed, providers included, so a stuck run cannot outlive the test.
 */
export function spawnCapture(
  file: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; killAfterMs: number; onSpawn?: (child: ChildProcess) => void },
): Promise<CapturedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    opts.onSpawn?.(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const both: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => (out.push(b), both.push(b)));
    child.stderr.on('data', (b: Buffer) => (err.push(b), both.push(b)));
    let killed = false;
    const guard = setTimeout(() => {
      killed = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, opts.killAfterMs);
    child.on('error', (e) => {
      clearTimeout(guard);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (killed) {
        reject(
          new Error(
            `${file} ${args.join(' ')} did not finish within ${opts.killAfterMs} ms and was killed\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
          ),
        );
      } else {
        resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, output: Buffer.concat(both).toString('utf8') });
      }
    });
  });
}

/** This process's environment with `extra` laid over it (an undefined value removes a variable). */
export function processEnvWith(extra: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...extra })) if (v !== undefined) env[k] = v;
  return env;
}

/** This process's environment without the variables whose names match one of `patterns`. */
export function processEnvWithout(patterns: readonly RegExp[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !patterns.some((re) => re.test(k))) env[k] = v;
  return env;
}
