// `npm run demo` is the README's main job: run it as a user would (a child process) and hold it
// to its promise: exit 0 only when every narrated step behaved, nothing left running.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { listEngines } from '../support/engines';

const ROOT = path.resolve(__dirname, '..', '..');

function runDemo(args: string[]): { code: number | null; out: string } {
  const env = { ...process.env, PARTNERCENTER_ENGINES_DIR: path.dirname(path.dirname(listEngines()[0].path)) };
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/demo.ts', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('npm run demo', () => {
  test.each([['terraform'], ['tofu']])('tells the whole story with %s and exits 0', (engine) => {
    const { code, out } = runDemo(['--engine', engine]);
    expect(out).toContain('Demo complete');
    expect(code).toBe(0);
    // The narrated checks that matter most, in the engine's own words.
    expect(out).toMatch(/plan -detailed-exitcode exits 2/);
    expect(out).toMatch(/Billing profile changed outside Terraform since the plan/);
    expect(out).toMatch(/out-of-band value is kept/);
    expect(out).not.toMatch(/demo failed/);
    // It cleans up: the temporary working directory is gone (and the process exited, so the
    // in-process emulator was closed).
    const workdir = /working directory (\S+)/.exec(out)?.[1];
    expect(workdir).toBeDefined();
    expect(existsSync(workdir!)).toBe(false);
  }, 240_000);

  test('--cdktf tells the same story through the CDKTF example stack', () => {
    const { code, out } = runDemo(['--cdktf']);
    expect(out).toContain('Demo complete');
    expect(code).toBe(0);
    expect(out).toMatch(/cdktf diff shows the drift/);
    expect(out).toMatch(/Billing profile changed outside Terraform since the plan/);
  }, 240_000);

  test('rejects an unknown option with its usage line', () => {
    const { code, out } = runDemo(['--bogus']);
    expect(code).toBe(1);
    expect(out).toMatch(/usage: npm run demo -- \[--cdktf\]/);
  }, 60_000);
});
