// `npm run demo` as a user runs it (the tsx CLI on scripts/demo.ts), for the suites that hold it
// to its promises. In its own process group through spawnCapture, so a hang kills the engines
// and providers it started too, not only the tsx process.
import path from 'node:path';
import { ROOT } from './bundles';
import { enginesDir } from './engines';
import { processEnvWith, spawnCapture } from './spawn-capture';

/** Runs the demo with `args`; `env` adds to (or, with undefined, removes from) this process's. */
export async function runDemo(
  args: string[],
  env: Record<string, string | undefined> = {},
  killAfterMs = 240_000,
): Promise<{ code: number; out: string }> {
  const tsxCli = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const r = await spawnCapture(process.execPath, [tsxCli, 'scripts/demo.ts', ...args], {
    cwd: ROOT,
    env: processEnvWith({ PARTNERCENTER_ENGINES_DIR: enginesDir(), ...env }),
    killAfterMs,
  });
  return { code: r.code, out: `${r.stdout}\n${r.stderr}` };
}
