// The README's npm commands run as a user runs them (through npm, with their argument parsing),
// where the other suites call the same code as functions: build, install into a mirror (the
// default one under a temporary HOME), both benchmarks, and the emulator + curl edit.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROVIDER_VERSION } from '../../provider/meta';
import { enginesDir } from '../support/engines';

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = path.join('terraform.local', 'partnercenter', 'partnercenter', PROVIDER_VERSION);

let tmp: string;
beforeAll(() => (tmp = mkdtempSync(path.join(os.tmpdir(), 'readme-commands-'))));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function npmRun(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; out: string } {
  const r = spawnSync('npm', ['run', '--silent', ...args], {
    cwd: ROOT,
    env: { ...process.env, PARTNERCENTER_ENGINES_DIR: enginesDir(), ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

test('npm run build:provider -- --out <file> writes one bundle', () => {
  const out = path.join(tmp, 'bundle', 'provider.cjs');
  const r = npmRun(['build:provider', '--', '--out', out]);
  expect(r.code).toBe(0);
  expect(existsSync(out)).toBe(true);
}, 120_000);

test('npm run install:provider installs into ~/.terraform.d/plugins by default, and -- --mirror elsewhere', () => {
  const home = path.join(tmp, 'home');
  const byDefault = npmRun(['install:provider'], { HOME: home });
  expect(byDefault.code).toBe(0);
  const platformDirs = readdirSync(path.join(home, '.terraform.d', 'plugins', PACKAGE));
  expect(platformDirs).toHaveLength(1);
  expect(readdirSync(path.join(home, '.terraform.d', 'plugins', PACKAGE, platformDirs[0])).sort()).toEqual([
    'partnercenter-loader.cjs',
    'partnercenter-provider.cjs',
    `terraform-provider-partnercenter_v${PROVIDER_VERSION}`,
  ]);

  const mirror = path.join(tmp, 'mirror');
  const elsewhere = npmRun(['install:provider', '--', '--mirror', mirror]);
  expect(elsewhere.code).toBe(0);
  expect(existsSync(path.join(mirror, PACKAGE))).toBe(true);

  const wrong = npmRun(['install:provider', '--', '--bogus']);
  expect(wrong.code).not.toBe(0);
  expect(wrong.out).toMatch(/usage: install-provider/);
}, 120_000);

test('npm run bench prints the handshake median and its ratio to node -e 0', () => {
  const r = npmRun(['bench', '--', '--runs', '2']);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/provider \(spawn -> handshake\)\s+\d+\.\d/);
  expect(r.out).toMatch(/ratio \(median\): \d+\.\d\dx/);
}, 180_000);

test('npm run bench:plan prints a whole plan against an empty configuration', () => {
  const r = npmRun(['bench:plan', '--', '--runs', '1']);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/plan, billing profile in state \(3 launches\)\s+\d+/);
  expect(r.out).toMatch(/provider cost -?\d+ ms per launch/);
}, 180_000);

test('npm run emulator prints its URL, and the README curl edit changes the profile out of band', async () => {
  const child = spawn('npm', ['run', '--silent', 'emulator', '--', '--port', '0'], { cwd: ROOT, detached: true });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`emulator exited ${code}: ${out}`)));
    });
    const curl = spawnSync('curl', ['-sS', '-X', 'PATCH', `${url}/_emulator/profile`, '-H', 'content-type: application/json', '-d', '{"purchaseOrderNumber":"PO-X"}'], {
      encoding: 'utf8',
    });
    expect(curl.status).toBe(0);
    expect(JSON.parse(curl.stdout).purchaseOrderNumber).toBe('PO-X');
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
  }
}, 60_000);
