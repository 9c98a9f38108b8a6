// `npm run demo` is the README's main job: run it as a user would (a child process) and hold it
// to its promise: exit 0 only when every narrated step behaved, nothing left running.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ptyPackageDir } from '../../scripts/demo/cdktf-node-check';
import { runDemo } from '../support/demo-run';
import { cachedNode, PINNED_NODES, type NodeMajor } from '../support/node-versions';

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

  test('--cdktn tells the same story through the cdktn example stack and the cdktn CLI', async () => {
    const { code, out } = await runDemo(['--cdktn']);
    expect(out).toContain('Demo complete');
    expect(code).toBe(0);
    // cdktn-cli needs Node >= 22.19: on an older Node the demo runs it on the cached Node 24.
    if (Number(process.versions.node.split('.')[0]) < 22) {
      expect(out).toContain(`cdktn runs on Node v${PINNED_NODES['24']}`);
    }
    expect(out).toMatch(/\$ cdktn deploy --auto-approve/);
    expect(out).toMatch(/cdktn diff shows the drift/);
    expect(out).toMatch(/Billing profile changed outside Terraform since the plan/);
  }, 240_000);

  // The HCL story on each pinned Node besides the current one (about 5 s each): the demo, the
  // provider it builds and the engine's provider launches all run on that Node.
  test.each(Object.keys(PINNED_NODES) as NodeMajor[])(
    'tells the HCL story on Node %s',
    async (major) => {
      const node = cachedNode(major);
      const { code, out } = await runDemo(['--engine', 'terraform'], {}, 120_000, node);
      expect(out).toContain(`Node v${node.version}`);
      expect(out).toContain('Demo complete');
      expect(code).toBe(0);
      expect(out).toMatch(/Billing profile changed outside Terraform since the plan/);
    },
    150_000,
  );

  test('--cdktf on Node 24 stops before starting anything, naming the cause and the fixes', async () => {
    const node = cachedNode('24');
    // The story this tells needs the module as npm installs it: not compiled for Node 24 (the
    // third fix below compiles it into build/; `npm ci` starts afresh).
    const compiled = path.join(ptyPackageDir(), 'build');
    if (existsSync(compiled))
      throw new Error(`${compiled} exists (a compiled node-pty): remove it to test the Node 24 check`);
    const { code, out } = await runDemo(['--cdktf'], {}, 60_000, node);
    expect(code).toBe(1);
    expect(out).toContain(`cdktf-cli cannot start on Node v${node.version}`);
    expect(out).toMatch(
      /@cdktf\/node-pty-prebuilt-multiarch \S+, which ships prebuilt binaries for ABIs .*127 \(Node 22\), not for this Node's ABI 137 \(Node 24\)/,
    );
    expect(out).toMatch(/Fixes \(any one\):\n- run the CDKTF story on Node 20 or 22/);
    expect(out).toContain(`${PINNED_NODES['22']}/bin:$PATH npm run demo -- --cdktf`);
    expect(out).toContain('npm run demo -- --cdktn');
    expect(out).toMatch(/- compile the module for this Node .*npx --yes node-gyp rebuild --nodedir=/);
    // Early: no emulator, no build, no step.
    expect(out).not.toMatch(/== 1\./);
    expect(out).not.toContain('Partner Center emulator listening');
  }, 60_000);

  test('rejects an unknown option, and --cdktf with --cdktn, with its usage line', async () => {
    const bogus = await runDemo(['--bogus']);
    expect(bogus.code).toBe(1);
    expect(bogus.out).toMatch(/usage: npm run demo -- \[--cdktf \| --cdktn\]/);
    const both = await runDemo(['--cdktf', '--cdktn']);
    expect(both.code).toBe(1);
    expect(both.out).toMatch(/--cdktf and --cdktn exclude each other/);
  }, 60_000);
});
