// `npm run demo` is the README's main job: run it as a user would (a child process) and hold it
// to its promise: exit 0 only when every narrated step behaved, nothing left running.
import { existsSync } from 'node:fs';
import { runDemo } from '../support/demo-run';

describe('npm run demo', () => {
  test.each([['terraform'], ['tofu']])(
    'tells the whole story with %s and exits 0',
    async (engine) => {
      const { code, out } = await runDemo(['--engine', engine]);
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
    },
    240_000,
  );

  test('--cdktf tells the same story through the CDKTF example stack', async () => {
    const { code, out } = await runDemo(['--cdktf']);
    expect(out).toContain('Demo complete');
    expect(code).toBe(0);
    expect(out).toMatch(/cdktf diff shows the drift/);
    expect(out).toMatch(/Billing profile changed outside Terraform since the plan/);
  }, 240_000);

  test('rejects an unknown option with its usage line', async () => {
    const { code, out } = await runDemo(['--bogus']);
    expect(code).toBe(1);
    expect(out).toMatch(/usage: npm run demo -- \[--cdktf\]/);
  }, 60_000);
});
