// `npm run demo` as a user runs it (the tsx CLI on scripts/demo.ts), for the suites that hold it
// to its promises. In its own process group through spawnCapture, so a hang kills the engines
// and providers it started too, not only the tsx process.
import path from 'node:path';
import { ROOT } from './bundles';
import { enginesDir } from './engines';
import { envWithNode, type CachedNode } from './node-versions';
import { processEnvWith, spawnCapture } from './spawn-capture';

/**
 * Runs the demo with `args`; `env` adds to (or, with undefined, removes from) this process's.
 * `node` runs it on another Node (one from the `npm run nodes` cache), also first on its PATH, so
 * what the demo starts (the provider, a CDK CLI) runs on that Node too.
 */
export async function runDemo(
  args: string[],
  env: Record<string, string | undefined> = {},
  killAfterMs = 240_000,
  node?: CachedNode,
): Promise<{ code: number; out: string }> {
  const tsxCli = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const base = processEnvWith({ PARTNERCENTER_ENGINES_DIR: enginesDir(), ...env });
  const r = await spawnCapture(node?.path ?? process.execPath, [tsxCli, 'scripts/demo.ts', ...args], {
    cwd: ROOT,
    env: node ? processEnvWith({ ...base, PATH: envWithNode(node, base).PATH }) : base,
    killAfterMs,
  });
  return { code: r.code, out: `${r.stdout}\n${r.stderr}` };
}
