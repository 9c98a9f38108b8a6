// The README's npm commands run as a user runs them (through npm, with their argument parsing),
// where the other suites call the same code as functions: build, install into a mirror (the
// default one under a temporary HOME), both benchmarks, and the emulator + curl edit.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROVIDER_VERSION } from '../../provider/meta';
import { ROOT } from '../support/bundles';
import { enginesDir } from '../support/engines';
import { expectExit } from '../support/command-tail';
import { processEnvWith, spawnCapture, type CapturedRun } from '../support/spawn-capture';

const PACKAGE = path.join('terraform.local', 'partnercenter', 'partnercenter', PROVIDER_VERSION);

let tmp: string;
beforeAll(() => (tmp = mkdtempSync(path.join(os.tmpdir(), 'readme-commands-'))));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `npm run --silent <args>` in its own process group (a hang kills what it started too). */
async function npmRun(args: string[], env: Record<string, string> = {}): Promise<CapturedRun & { out: string }> {
  const r = await spawnCapture('npm', ['run', '--silent', ...args], {
    cwd: ROOT,
    env: processEnvWith({ PARTNERCENTER_ENGINES_DIR: enginesDir(), ...env }),
    killAfterMs: 230_000,
  });
  return { ...r, out: `${r.stdout}\n${r.stderr}` };
}

test('npm run build:provider -- --out <file> writes one bundle', async () => {
  const out = path.join(tmp, 'bundle', 'provider.cjs');
  const r = await npmRun(['build:provider', '--', '--out', out]);
  expectExit(r, 'npm run build:provider');
  expect(existsSync(out)).toBe(true);
}, 120_000);

test('npm run install:provider installs into ~/.terraform.d/plugins by default, and -- --mirror elsewhere', async () => {
  const home = path.join(tmp, 'home');
  const byDefault = await npmRun(['install:provider'], { HOME: home });
  expectExit(byDefault, 'npm run install:provider');
  const platformDirs = readdirSync(path.join(home, '.terraform.d', 'plugins', PACKAGE));
  expect(platformDirs).toHaveLength(1);
  expect(readdirSync(path.join(home, '.terraform.d', 'plugins', PACKAGE, platformDirs[0])).sort()).toEqual([
    'partnercenter-loader.cjs',
    'partnercenter-provider.cjs',
    `terraform-provider-partnercenter_v${PROVIDER_VERSION}`,
  ]);

  const mirror = path.join(tmp, 'mirror');
  const elsewhere = await npmRun(['install:provider', '--', '--mirror', mirror]);
  expectExit(elsewhere, 'npm run install:provider -- --mirror');
  expect(existsSync(path.join(mirror, PACKAGE))).toBe(true);

  const wrong = await npmRun(['install:provider', '--', '--bogus']);
  expect(wrong.code).not.toBe(0);
  expect(wrong.code).toBe(2);
  expect(wrong.out).toMatch(/install: unknown flag --bogus/);
}, 120_000);

// The benchmark's shape, never its timings: --quick runs every row once or twice.
const TARGET_ROWS = [
  /start-up: ours \/ node -e 0\s+\d+\.\d\dx\s+<= 1\.5x\s+(yes|NO)/,
  /RSS after a plan \(refresh\+plan launch, at its end\)\s+\d+\.\d MB\s+<= 50 MB\s+(yes|NO)/,
  /RSS peak during a plan \(maxRSS, any launch\)\s+\d+\.\d MB/,
  /plan: ours \/ Go \(terraform, static token\)\s+\d+\.\d\dx\s+<= 1\.3x\s+(yes|NO)/,
  /apply: ours \/ Go \(terraform, static token\)\s+\d+\.\d\dx\s+<= 1\.3x\s+(yes|NO)/,
];
const COMMAND_ROW = (op: string, provider: string, engine: string) =>
  new RegExp(
    `${op}\\s+${provider.replace(/[()]/g, '\\$&')}\\s+${engine} \\S+\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+(GET|none)`,
  );

test('npm run bench -- --quick prints every table and writes the JSON', async () => {
  const json = path.join(tmp, 'bench.json');
  const r = await npmRun(['bench', '--', '--quick', '--json', json]);
  expectExit(r, 'npm run bench -- --quick');
  expect(r.out).toMatch(/ours: spawn -> handshake\s+\d+\.\d/);
  expect(r.out).toMatch(/Go restapi: spawn -> handshake\s+\d+\.\d/);
  expect(r.out).toMatch(/ratio ours \/ node -e 0 \(median\): \d+\.\d\dx/);
  for (const [op, provider] of [
    ['plan', 'ours, static token'],
    ['plan', 'Go restapi'],
    ['plan', 'ours, refresh token'],
    ['apply', 'ours, static token'],
    ['apply', 'Go restapi'],
    ['apply', 'ours, refresh token'],
  ]) {
    expect(r.out).toMatch(COMMAND_ROW(op, provider, 'terraform'));
  }
  expect(r.out).toMatch(COMMAND_ROW('plan', 'ours, static token', 'tofu'));
  expect(r.out).toMatch(COMMAND_ROW('plan', 'Go restapi', 'tofu'));
  expect(r.out).toMatch(/plan\s+engine alone \(empty config\)\s+terraform/);
  // A behaviour, not a timing: the apply step reads once (the ETag check) and writes once.
  expect(r.out).toMatch(
    /CHECK apply step of one change by our provider = exactly 1 GET \(ETag check\) \+ 1 PUT: yes \(whole command 2 GET \+ 1 PUT: refresh\+plan launch: GET; apply launch: GET \+ PUT\)/,
  );
  expect(r.out).toMatch(/plan: refresh\+plan launch, peak \(maxRSS\)\s+\d+\.\d MB/);
  for (const n of [1, 5, 20]) expect(r.out).toMatch(new RegExp(`^\\s+${n}\\s+\\d+\\s+\\d+\\s+\\d+\\.\\d\\dx`, 'm'));
  expect(r.out).toMatch(/terraform apply \(static token\)\n\s+launch\s+total\s+spawn->handshake/);
  for (const row of TARGET_ROWS) expect(r.out).toMatch(row);
  // The Node matrix of issue 17: every supported Node, with NODE_EXTRA_CA_CERTS unset and set.
  for (const major of ['20', '22', '24'])
    for (const ca of ['unset', 'set'])
      expect(r.out).toMatch(new RegExp(`^\\s+${major}\\.\\d+\\.\\d+\\s+${ca}\\s+\\d+\\.\\d`, 'm'));

  const doc = JSON.parse(readFileSync(json, 'utf8'));
  expect(Object.keys(doc)).toEqual([
    'meta',
    'handshake',
    'commands',
    'applyCheck',
    'memory',
    'nodeMatrix',
    'scaling',
    'profile',
    'targets',
  ]);
  expect(doc.meta).toMatchObject({
    quick: true,
    cores: expect.any(Number),
    loadavg: { start: expect.any(Array), end: expect.any(Array) },
  });
  expect(doc.handshake.ratio).toEqual(expect.any(Number));
  const ids = doc.commands.map((c: { id: string }) => c.id);
  expect(ids).toEqual(
    expect.arrayContaining([
      'terraform.plan.ours',
      'terraform.plan.go',
      'terraform.apply.ours',
      'terraform.apply.go',
      'terraform.plan.ours-refresh',
      'tofu.plan.ours',
      'tofu.plan.go',
    ]),
  );
  for (const c of doc.commands)
    expect(c).toMatchObject({
      wallMs: { median: expect.any(Number), samples: expect.any(Array) },
      launches: expect.any(Number),
      api: expect.any(Object),
    });
  expect(doc.applyCheck).toMatchObject({ GET: 2, PUT: 1, exactlyOneEach: true });
  expect(doc.memory.planMaxRssKb).toEqual(expect.any(Number));
  expect(doc.scaling.map((p: { aliases: number }) => p.aliases)).toEqual([1, 5, 20]);
  expect(doc.profile['terraform.apply.ours'].launches.length).toBeGreaterThan(0);
  expect(doc.targets.map((t: { name: string }) => t.name).slice(0, 4)).toHaveLength(4);
}, 240_000);

test('npm run bench:plan -- --quick prints the command rows only', async () => {
  const json = path.join(tmp, 'bench-plan.json');
  const r = await npmRun(['bench:plan', '--', '--quick', '--json', json]);
  expectExit(r, 'npm run bench:plan -- --quick');
  expect(r.out).toMatch(COMMAND_ROW('plan', 'ours, static token', 'terraform'));
  expect(r.out).toMatch(/plan\s+engine alone \(empty config\)\s+terraform \S+\s+\d+/);
  expect(r.out).not.toMatch(/spawn -> handshake\s+\d/);
  const doc = JSON.parse(readFileSync(json, 'utf8'));
  expect(doc.handshake).toBeNull();
  expect(doc.scaling).toEqual([]);
  expect(doc.commands.length).toBeGreaterThan(0);
}, 240_000);

test('npm run emulator prints its URL, and the README curl edit changes the profile out of band', async () => {
  const child = spawn('npm', ['run', '--silent', 'emulator', '--', '--port', '0'], { cwd: ROOT, detached: true });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`emulator exited ${code}: ${out}`)));
    });
    const curl = spawnSync(
      'curl',
      [
        '-sS',
        '-X',
        'PATCH',
        `${url}/_emulator/profile`,
        '-H',
        'content-type: application/json',
        '-d',
        '{"purchaseOrderNumber":"PO-X"}',
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(curl.status).toBe(0);
    expect(JSON.parse(curl.stdout).purchaseOrderNumber).toBe('PO-X');
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
  }
}, 60_000);
