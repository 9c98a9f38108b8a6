// The package's command (cli/main.ts, `npx terraform-provider-partnercenter` once installed), run
// as a process from the sources: usage errors, --version and --help, install and its messages,
// the emulator command's settings and clean stop, the schema. test/e2e/package-hcl.test.ts runs
// the packed, installed command the same way a user does.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMMANDS } from '../../../cli/main';
import { EmulatorAdmin } from '../../../emulator/admin-client';
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../../../provider/meta';
import { PROVIDER_BUNDLE, ROOT, requireBundle } from '../../support/bundles';
import { describeRun } from '../../support/command-tail';
import { processEnvWith, spawnCapture, type CapturedRun } from '../../support/spawn-capture';

const PACKAGE_PATH = path.join('terraform.local', 'partnercenter', 'partnercenter', PROVIDER_VERSION);
// One node process (tsx as a loader), so that a signal reaches the command itself.
const NODE_ARGS = ['--import', 'tsx', path.join(ROOT, 'cli', 'main.ts')];

let tmp: string;
let home: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'cli-command-'));
  home = path.join(tmp, 'home');
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CapturedRun> {
  return spawnCapture(process.execPath, [...NODE_ARGS, ...args], {
    cwd: ROOT,
    env: processEnvWith({ HOME: home, ...env }),
    killAfterMs: 60_000,
  });
}

/** The run, checked to have exited `code`; the message shows its output otherwise. */
async function exits(args: string[], code: number, env: Record<string, string | undefined> = {}) {
  const run = await cli(args, env);
  if (run.code !== code) throw new Error(`expected exit ${code}: ${describeRun(`cli ${args.join(' ')}`, run)}`);
  return run;
}

describe('usage', () => {
  test('--version prints the package version', async () => {
    expect((await exits(['--version'], 0)).stdout).toBe(`${PROVIDER_VERSION}\n`);
  });

  test('--help lists every command; <command> --help lists its flags', async () => {
    const help = (await exits(['--help'], 0)).stdout;
    for (const c of COMMANDS) expect(help).toMatch(new RegExp(`^  ${c.spec.name} `, 'm'));
    for (const c of COMMANDS) {
      const own = (await exits([c.spec.name, '--help'], 0)).stdout;
      expect(own).toMatch(new RegExp(`^usage: terraform-provider-partnercenter ${c.spec.name}`));
      for (const f of c.spec.flags) expect(own).toContain(`--${f.name}`);
    }
  }, 60_000);

  test.each([
    [
      ['install', '--bogus'],
      /install: unknown flag --bogus \(flags: --mirror, --platform, --bundle; see: .* install --help\)/,
    ],
    [['install', '--mirror'], /install: --mirror needs a value: --mirror DIR/],
    [['install', '--mirror', '--platform', 'linux_amd64'], /install: --mirror needs a value/],
    [['install', '--platform', 'linux'], /install: --platform must be <os>_<arch> .* got "linux"/],
    [['install', 'somewhere'], /install: unexpected argument "somewhere"/],
    [['emulator', '--port', 'eighty'], /emulator: --port must be a whole number from 0 to 65535, got "eighty"/],
    [['emulator', '--port', '70000'], /emulator: --port must be a whole number from 0 to 65535, got "70000"/],
    [['emulator', '--conflict-mode', '409'], /emulator: --conflict-mode must be 412 or 400-2055, got "409"/],
    [['emulator', '--port', '1', '--port', '2'], /emulator: --port is given twice/],
    [['schema', '--json'], /schema: unknown flag --json \(flags: none;/],
    [['instal'], /unknown command "instal"/],
    [[], /a command is required/],
  ])('%j: exit 2, naming what is wrong', async (args, message) => {
    const run = await exits(args, 2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  test('drift: a wrong flag exits 1, since 2 means drift there', async () => {
    const run = await exits(['drift', '--dir'], 1);
    expect(run.stderr).toMatch(/drift: --dir needs a value: --dir DIR/);
  });

  test('docs/cli.md documents every command and flag', () => {
    // A | inside a table cell is written \| there.
    const doc = readFileSync(path.join(ROOT, 'docs', 'cli.md'), 'utf8').replace(/\\\|/g, '|');
    for (const c of COMMANDS) {
      expect(doc).toMatch(new RegExp(`^## ${c.spec.name}$`, 'm'));
      for (const f of c.spec.flags) expect(doc).toContain(`\`--${f.name}${f.value ? ` ${f.value}` : ''}\``);
    }
  });
});

describe('install', () => {
  const packageDir = (mirror: string) =>
    path.join(mirror, PACKAGE_PATH, readdirSync(path.join(mirror, PACKAGE_PATH))[0]);

  test('into ~/.terraform.d/plugins by default: prints the hash and the required_providers block', async () => {
    const run = await exits(['install'], 0);
    const dir = packageDir(path.join(home, '.terraform.d', 'plugins'));
    expect(readdirSync(dir).sort()).toEqual([
      'partnercenter-loader.cjs',
      'partnercenter-provider.cjs',
      `terraform-provider-partnercenter_v${PROVIDER_VERSION}`,
    ]);
    expect(run.stdout).toContain(`into ${dir}`);
    expect(run.stdout).toMatch(/package hash \(what \.terraform\.lock\.hcl records\): h1:[A-Za-z0-9+/]{43}=/);
    expect(run.stdout).toContain(
      `partnercenter = {\n      source  = "${SOURCE_ADDRESS}"\n      version = "${PROVIDER_VERSION}"\n    }`,
    );
    // The default mirror needs no CLI configuration.
    expect(run.stdout).not.toMatch(/provider_installation/);
    expect(readFileSync(path.join(dir, 'partnercenter-provider.cjs'))).toEqual(
      readFileSync(requireBundle(PROVIDER_BUNDLE)),
    );
  });

  test('--mirror elsewhere also prints the CLI config for that folder; --platform picks the platform dir', async () => {
    const mirror = path.join(tmp, 'mirror');
    const run = await exits(['install', '--mirror', mirror, '--platform', 'darwin_arm64'], 0);
    expect(readdirSync(path.join(mirror, PACKAGE_PATH))).toEqual(['darwin_arm64']);
    expect(run.stdout).toContain('export TF_CLI_CONFIG_FILE=');
    expect(run.stdout).toContain(`filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}`);
    expect(run.stdout).toContain(`include = ["${SOURCE_ADDRESS}"]`);
  });

  test('the same bytes again: said to keep lock files valid; different bytes: a warning with the old hash', async () => {
    const first = await exits(['install'], 0);
    const hash = /h1:\S+/.exec(first.stdout)![0];
    const again = await exits(['install'], 0);
    expect(again.stdout).toContain(hash);
    expect(again.stdout).toMatch(/the same bytes were already installed there: existing lock files stay valid/);
    expect(again.stderr).toBe('');

    // Another build under the same version, as an older install of a changed bundle leaves it.
    const dir = packageDir(path.join(home, '.terraform.d', 'plugins'));
    writeFileSync(path.join(dir, 'partnercenter-provider.cjs'), '// an older build\n');
    const older = /h1:\S+/.exec(
      (await exits(['install', '--bundle', path.join(dir, 'partnercenter-provider.cjs')], 0)).stdout,
    )![0];
    const replaced = await exits(['install'], 0);
    expect(replaced.stdout).toContain(hash);
    expect(replaced.stderr).toContain(
      `warning: this replaced different bytes under the same version ${PROVIDER_VERSION} (was ${older})`,
    );
    expect(replaced.stderr).toMatch(
      /delete the "terraform\.local\/partnercenter\/partnercenter" entry from\s+\.terraform\.lock\.hcl/,
    );
  }, 60_000);

  test('a bundle that is missing: exit 1 naming it, nothing installed', async () => {
    const run = await exits(['install', '--bundle', path.join(tmp, 'nope.cjs')], 1);
    expect(run.stderr).toMatch(/install: provider bundle not found: .*nope\.cjs/);
  });
});

describe('emulator', () => {
  /** Starts the command; resolves with its first lines of stdout once the settings are printed. */
  function start(args: string[]): { child: ChildProcess; printed: Promise<string>; stderr: () => string } {
    const child = spawn(process.execPath, [...NODE_ARGS, 'emulator', ...args], {
      cwd: ROOT,
      env: processEnvWith({ HOME: home }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const printed = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ctrl-C stops it.\n')) resolve(out);
      });
      child.once('exit', (code) => reject(new Error(`emulator exited ${code} early\n${out}\n${err}`)));
    });
    return { child, printed, stderr: () => err };
  }

  const settings = (out: string) =>
    Object.fromEntries([...out.matchAll(/^export (PARTNERCENTER_\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));

  test.each([['SIGTERM'], ['SIGINT']] as const)(
    'prints its URL and the provider settings, serves, and stops on %s with exit 0',
    async (signal) => {
      const { child, printed, stderr } = start([
        '--port',
        '0',
        '--tenant-id',
        'contoso.example',
        '--client-secret',
        "it's",
      ]);
      try {
        const out = await printed;
        const url = /^Partner Center emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)![1];
        expect(out.split('\n')[0]).toBe(`Partner Center emulator listening on ${url}`);
        expect(settings(out)).toEqual({
          PARTNERCENTER_BASE_URL: url,
          PARTNERCENTER_AUTHORITY_HOST: url,
          PARTNERCENTER_TENANT_ID: 'contoso.example',
          PARTNERCENTER_CLIENT_ID: 'emulator-client',
          PARTNERCENTER_REFRESH_TOKEN: 'emulator-refresh-token',
          PARTNERCENTER_CLIENT_SECRET: `'it'\\''s'`,
        });
        expect((await new EmulatorAdmin(url).profile()).companyName).toBe('Contoso Partner Ltd');
        expect(stderr()).not.toMatch(/warning/);
        const exited = once(child, 'exit');
        child.kill(signal);
        expect((await exited)[0]).toBe(0);
        expect(stderr()).toContain(`emulator: ${signal}, shutting down`);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
    30_000,
  );

  test('--host that is not loopback: a warning that the admin API has no authentication', async () => {
    const { child, printed, stderr } = start(['--host', '0.0.0.0']);
    try {
      await printed;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
      expect(stderr()).toMatch(
        /warning: --host 0\.0\.0\.0 is not a loopback address.*admin API \(\/_emulator\/\) has no authentication/,
      );
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);

  test('a port in use: exit 1, naming the port and suggesting --port 0', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const run = await exits(['emulator', '--port', String(port)], 1);
      expect(run.stderr).toContain(
        `emulator: port ${port} is already in use on 127.0.0.1:${port} (EADDRINUSE): another emulator or program listens there. ` +
          'Use --port 0 to take a free port (the URL is printed)',
      );
      expect(run.stdout).not.toContain('listening on');
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  }, 30_000);

  test('--data keeps the profile in the file', async () => {
    const data = path.join(tmp, 'profile.json');
    const { child, printed } = start(['--data', data]);
    try {
      const url = /listening on (\S+)/.exec(await printed)![1];
      await new EmulatorAdmin(url).patchProfile({ purchaseOrderNumber: 'PO-KEPT' });
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
      expect(JSON.parse(readFileSync(data, 'utf8')).purchaseOrderNumber).toBe('PO-KEPT');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});

test('schema prints what the bundle prints with --schema-json', async () => {
  const run = await exits(['schema'], 0);
  const direct = await spawnCapture(process.execPath, [requireBundle(PROVIDER_BUNDLE), '--schema-json'], {
    cwd: ROOT,
    env: processEnvWith({}),
    killAfterMs: 30_000,
  });
  expect(run.stdout).toBe(direct.stdout);
  const schema = JSON.parse(run.stdout);
  const provider = schema.provider_schemas[SOURCE_ADDRESS];
  expect(Object.keys(provider.resource_schemas)).toEqual([
    'partnercenter_billing_profile',
    'partnercenter_legal_business_profile',
    'partnercenter_organization_profile',
    'partnercenter_support_profile',
  ]);
  // The partner network profile has no PUT: a data source only.
  expect(Object.keys(provider.data_source_schemas)).toEqual([
    'partnercenter_billing_profile',
    'partnercenter_legal_business_profile',
    'partnercenter_organization_profile',
    'partnercenter_partner_network_profile',
    'partnercenter_support_profile',
  ]);
});
