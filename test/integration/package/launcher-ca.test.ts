// The launcher keeps NODE_EXTRA_CA_CERTS away from Node's start-up (Node 20 would read the file
// and every bundled root before any code runs, on every launch) and hands it to the provider
// under another name; the provider puts it back (test/e2e/outbound-ca.test.ts covers the rest).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installProvider } from '../../../provider/cli/install';

let tmp: string;
let executable: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'launcher-ca-'));
  const bundle = path.join(tmp, 'fake.cjs');
  // Reports the environment node was started with (what Node itself read at start-up) and the one
  // the code sees.
  writeFileSync(
    bundle,
    [
      "const fs = require('node:fs');",
      "const initial = fs.readFileSync('/proc/self/environ', 'latin1').split('\\0').filter(Boolean);",
      'process.stdout.write(JSON.stringify({',
      '  initial: initial.filter((e) => /NODE_EXTRA_CA_CERTS/.test(e)),',
      '  env: Object.keys(process.env).filter((k) => /NODE_EXTRA_CA_CERTS/.test(k)).map((k) => `${k}=${process.env[k]}`),',
      '}));',
    ].join('\n'),
  );
  ({ executable } = await installProvider({
    mirrorDir: path.join(tmp, 'mirror'),
    bundlePath: bundle,
    sourceAddress: 'terraform.local/test/kit',
    version: '0.1.0',
  }));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function launch(env: Record<string, string>): { initial: string[]; env: string[] } {
  const { NODE_EXTRA_CA_CERTS: _inherited, ...rest } = process.env;
  const r = spawnSync(executable, [], {
    env: { ...rest, XDG_CACHE_HOME: path.join(tmp, 'xdg'), ...env },
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { initial: string[]; env: string[] };
}

const onLinux = process.platform === 'linux' ? test : test.skip;

onLinux('node starts without NODE_EXTRA_CA_CERTS; the file is handed over under the launcher name', () => {
  expect(launch({ NODE_EXTRA_CA_CERTS: '/some/ca.pem' })).toEqual({
    initial: ['PARTNERCENTER_LAUNCHER_NODE_EXTRA_CA_CERTS=/some/ca.pem'],
    env: ['PARTNERCENTER_LAUNCHER_NODE_EXTRA_CA_CERTS=/some/ca.pem'],
  });
});

onLinux('an empty NODE_EXTRA_CA_CERTS is handed over empty; a stale launcher variable is dropped', () => {
  expect(launch({ NODE_EXTRA_CA_CERTS: '' }).initial).toEqual(['PARTNERCENTER_LAUNCHER_NODE_EXTRA_CA_CERTS=']);
  expect(launch({ PARTNERCENTER_LAUNCHER_NODE_EXTRA_CA_CERTS: '/stale.pem' })).toEqual({ initial: [], env: [] });
});
