// `npm run release` end to end: the artifacts it writes, then every engine installing from them
// the two ways a team would: the zips as a packed filesystem mirror, and the mirror tree served
// over HTTPS on loopback as a provider network mirror (a CA made here, trusted via SSL_CERT_FILE).
// Lock files: the engines record h1: for a mirrored package (zh: comes from signed registry
// releases; OpenTofu 1.12 adds the zh: of each zip it downloads from a network mirror), so the zh:
// pins of every platform come from the release's lock entry; the engines check both.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmulatorAdmin } from '../../emulator/admin-client';
import { providerEnvFor, startEmulator, type RunningEmulator } from '../../emulator/server';
import { hclString } from '../../provider/cli/cli-config';
import { executableName, goPlatform, installProvider } from '../../provider/cli/install';
import { PROVIDER_TYPE, PROVIDER_VERSION, SOURCE_ADDRESS } from '../../provider/meta';
import { packageHashV1, sha256Hex } from '../../scripts/release/hashes';
import { PROVIDER_BUNDLE, requireBundle, ROOT } from '../support/bundles';
import { describeEachEngine, engineAtLeast, type Engine } from '../support/engines';
import { processEnvWith, spawnCapture, type CapturedRun } from '../support/spawn-capture';
import { serveStaticHttps, type StaticHttpsServer } from '../support/static-https';
import { makeTestCa, type TestCa } from '../support/test-ca';
import { flatOutput, TfWorkdir } from '../support/tf-workdir';

const V = PROVIDER_VERSION;
const PROVIDER_PATH = SOURCE_ADDRESS; // host/namespace/type: the mirror's folder for the provider
const PLATFORMS = ['darwin_amd64', 'darwin_arm64', 'linux_amd64', 'linux_arm64'];
const zipName = (platform: string) => `terraform-provider-${PROVIDER_TYPE}_${V}_${platform}.zip`;
const SUMS = `terraform-provider-${PROVIDER_TYPE}_${V}_SHA256SUMS`;
const LOCK_ENTRY = `terraform-provider-${PROVIDER_TYPE}_${V}_lock.hcl`;
/** The platform the engines install for here (the release must cover it). */
const HERE = goPlatform();
const COMPANY = 'Release Mirror Test GmbH';
const STEP_TIMEOUT = 180_000;

const PROVIDERS_TF = `terraform {
  required_providers {
    partnercenter = {
      source  = "${SOURCE_ADDRESS}"
      version = "${V}"
    }
  }
}

provider "partnercenter" {}
`;
const MAIN_TF = `data "partnercenter_billing_profile" "live" {}

output "company_name" {
  value = data.partnercenter_billing_profile.live.company_name
}
`;

let tmp: string;
let releaseDir: string;
let ca: TestCa;
let server: StaticHttpsServer;
let emulator: RunningEmulator;
/** sha256 hex by file name, from the release's SHA256SUMS. */
let sums: Record<string, string>;

/** `npm run release -- --out <dir>` as a user runs it; throws with the command's output tail. */
async function npmRelease(args: string[]): Promise<CapturedRun> {
  return spawnCapture('npm', ['run', '--silent', 'release', '--', ...args], {
    cwd: ROOT,
    env: processEnvWith({}),
    killAfterMs: 120_000,
  });
}

function tail(r: CapturedRun): string {
  return r.output.split('\n').slice(-30).join('\n');
}

async function release(out: string): Promise<void> {
  const r = await npmRelease(['--out', out]);
  if (r.code !== 0) throw new Error(`npm run release -- --out ${out} exited ${r.code}:\n${tail(r)}`);
}

function parseSums(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.trimEnd().split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
    if (!m) throw new Error(`not a sha256sum line: "${line}"`);
    out[m[2]] = m[1];
  }
  return out;
}

/** The hashes of our provider's block in a lock file. */
function lockHashes(lock: string | undefined): string[] {
  const block = lock?.split(/^provider /m).find((b) => b.startsWith(`"${SOURCE_ADDRESS}"`));
  if (!block) throw new Error(`no lock entry for ${SOURCE_ADDRESS} in:\n${lock ?? '(no lock file)'}`);
  return [...block.matchAll(/"((?:h1|zh):[^"]+)"/g)].map((m) => m[1]).sort();
}

function lockFileWith(hashes: string[]): string {
  return `provider "${SOURCE_ADDRESS}" {\n  version = "${V}"\n  hashes = [\n${hashes.map((h) => `    "${h}",\n`).join('')}  ]\n}\n`;
}

const releaseHashes = () => lockHashes(readFileSync(path.join(releaseDir, LOCK_ENTRY), 'utf8'));
const h1Of = (hashes: string[]) => hashes.filter((h) => h.startsWith('h1:'));

/**
 * What `engine` records for the zips of `platforms` fetched from the network mirror: the release's
 * h1:, plus, on OpenTofu 1.12 (not 1.6, nor Terraform), the zh: of each zip downloaded, which must
 * be its SHA256SUMS line.
 */
function networkMirrorHashes(engine: Engine, platforms: string[]): string[] {
  const zh = engine.name === 'tofu' && engineAtLeast(engine, { terraform: '0', tofu: '1.12.0' });
  const zipHashes = zh ? platforms.map((p) => `zh:${sums[zipName(p)]}`) : [];
  return [...new Set([...h1Of(releaseHashes()), ...zipHashes])].sort();
}

async function cliConfig(name: string, installation: string): Promise<string> {
  const file = path.join(tmp, `${name}.tfrc`);
  await writeFile(
    file,
    `disable_checkpoint = true\n\nprovider_installation {\n${installation}  direct {\n    exclude = ["terraform.local/*/*"]\n  }\n}\n`,
  );
  return file;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'release-mirror-'));
  releaseDir = path.join(tmp, 'release');
  await release(releaseDir);
  sums = parseSums(readFileSync(path.join(releaseDir, SUMS), 'utf8'));
  await mkdir(path.join(tmp, 'ca'));
  ca = await makeTestCa(path.join(tmp, 'ca'));
  server = await serveStaticHttps(path.join(releaseDir, 'mirror'), ca);
  emulator = await startEmulator({ port: 0 });
  await new EmulatorAdmin(emulator.url).patchProfile({ companyName: COMPANY });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await emulator?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('npm run release', () => {
  test('writes one zip per platform, SHA256SUMS, a lock entry and the mirror tree', async () => {
    const top = (await readdir(releaseDir)).sort();
    expect(top).toEqual([...PLATFORMS.map(zipName), LOCK_ENTRY, SUMS, 'mirror'].sort());
    expect(Object.keys(sums).sort()).toEqual(PLATFORMS.map(zipName));
    for (const [name, hex] of Object.entries(sums)) {
      expect(sha256Hex(readFileSync(path.join(releaseDir, name)))).toBe(hex);
    }

    const providerDir = path.join(releaseDir, 'mirror', PROVIDER_PATH);
    expect((await readdir(providerDir)).sort()).toEqual(['index.json', `${V}.json`, ...PLATFORMS.map(zipName)].sort());
    expect(JSON.parse(readFileSync(path.join(providerDir, 'index.json'), 'utf8'))).toEqual({ versions: { [V]: {} } });
    const archives = JSON.parse(readFileSync(path.join(providerDir, `${V}.json`), 'utf8')).archives;
    expect(Object.keys(archives).sort()).toEqual(PLATFORMS);
    for (const p of PLATFORMS) {
      expect(archives[p]).toEqual({ url: zipName(p), hashes: [`zh:${sums[zipName(p)]}`] });
      expect(
        readFileSync(path.join(providerDir, zipName(p))).equals(readFileSync(path.join(releaseDir, zipName(p)))),
      ).toBe(true);
    }
    // The lock entry: the zips' zh: (one value: the package is the same on every platform) and one h1:.
    expect(releaseHashes()).toEqual([expect.stringMatching(/^h1:[A-Za-z0-9+/]{43}=$/), `zh:${sums[zipName(HERE)]}`]);
  });

  test('the zips hold what npm run install:provider lays out (same h1:)', async () => {
    const { packageDir } = await installProvider({
      mirrorDir: path.join(tmp, 'installed'),
      bundlePath: requireBundle(PROVIDER_BUNDLE),
      sourceAddress: SOURCE_ADDRESS,
      version: V,
    });
    const names = (await readdir(packageDir)).sort();
    expect(names).toEqual([
      `${PROVIDER_TYPE}-loader.cjs`,
      `${PROVIDER_TYPE}-provider.cjs`,
      executableName(PROVIDER_TYPE, V),
    ]);
    // The engines' h1: of the unpacked zip is checked against this in the engine tests below.
    // The bundle jest's globalSetup built and the one release built come from the same sources.
    const installed = packageHashV1(names.map((name) => ({ name, data: readFileSync(path.join(packageDir, name)) })));
    expect(h1Of(releaseHashes())).toEqual([installed]);
  });

  test('a second run writes byte-identical artifacts', async () => {
    const again = path.join(tmp, 'release-again');
    await release(again);
    expect(readFileSync(path.join(again, SUMS), 'utf8')).toBe(readFileSync(path.join(releaseDir, SUMS), 'utf8'));
    expect(readFileSync(path.join(again, LOCK_ENTRY), 'utf8')).toBe(
      readFileSync(path.join(releaseDir, LOCK_ENTRY), 'utf8'),
    );
    const versionDoc = path.join('mirror', PROVIDER_PATH, `${V}.json`);
    expect(readFileSync(path.join(again, versionDoc), 'utf8')).toBe(
      readFileSync(path.join(releaseDir, versionDoc), 'utf8'),
    );
    await rm(again, { recursive: true, force: true });
  }, 120_000);

  test('refuses an --out folder that is not a release, and an option without its value', async () => {
    const other = path.join(tmp, 'not-a-release');
    await mkdir(other);
    await writeFile(path.join(other, 'notes.txt'), 'keep me\n');
    const refused = await npmRelease(['--out', other]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`--out ${other} holds files that are not an earlier release`);
    expect(readFileSync(path.join(other, 'notes.txt'), 'utf8')).toBe('keep me\n');

    const noValue = await npmRelease(['--bundle']);
    expect(noValue.code).not.toBe(0);
    expect(noValue.stderr).toContain('usage: release [--out <dir>] [--bundle <file>] (--bundle needs a value)');
  }, 60_000);
});

describeEachEngine('release artifacts', (engine) => {
  let fsConfig: string;
  let netConfig: string;
  let netWd: TfWorkdir | undefined;

  const workdir = (cliConfigFile: string) =>
    TfWorkdir.create(engine, {
      files: { 'providers.tf': PROVIDERS_TF, 'main.tf': MAIN_TF },
      // The CLI config comes from the test (it overrides the one TfWorkdir writes for `providers`).
      env: { ...providerEnvFor(emulator.url), TF_CLI_CONFIG_FILE: cliConfigFile, SSL_CERT_FILE: ca.caCertFile },
      providers: [],
      init: false,
    });
  /** Requests the mirror server received while `fn` ran. */
  const requestsDuring = async (fn: () => Promise<unknown>): Promise<string[]> => {
    const from = server.requests.length;
    await fn();
    return server.requests.slice(from);
  };

  beforeAll(async () => {
    fsConfig = await cliConfig(
      `fs-${engine.name}-${engine.version}`,
      `  filesystem_mirror {\n    path    = ${hclString(path.join(releaseDir, 'mirror'))}\n    include = ["terraform.local/*/*"]\n  }\n`,
    );
    netConfig = await cliConfig(
      `net-${engine.name}-${engine.version}`,
      `  network_mirror {\n    url     = ${hclString(server.url)}\n    include = ["terraform.local/*/*"]\n  }\n`,
    );
  });
  afterAll(() => netWd?.dispose());

  test(
    'init from the zips as a packed filesystem mirror, then plan against the emulator',
    async () => {
      const wd = await workdir(fsConfig);
      try {
        const init = await wd.run(['init', '-input=false']);
        expect(flatOutput(init)).toContain(`Installed ${SOURCE_ADDRESS} v${V} (unauthenticated)`);
        // Unpacked by the engine from the zip: the launcher kept its executable bit.
        const launcher = path.join(
          wd.dir,
          '.terraform',
          'providers',
          PROVIDER_PATH,
          V,
          HERE,
          executableName(PROVIDER_TYPE, V),
        );
        expect(statSync(launcher).mode & 0o111).not.toBe(0);
        expect(lockHashes(wd.readFile('.terraform.lock.hcl'))).toEqual(h1Of(releaseHashes()));

        const plan = await wd.run(['plan', '-input=false']);
        expect(flatOutput(plan)).toContain(`+ company_name = "${COMPANY}"`);
      } finally {
        await wd.dispose();
      }
    },
    STEP_TIMEOUT,
  );

  test(
    'init from the network mirror over HTTPS, trusting the CA through SSL_CERT_FILE only',
    async () => {
      netWd = await workdir(netConfig);
      const wd = netWd;
      const untrusted = await wd.run(['init', '-input=false'], {
        env: { SSL_CERT_FILE: undefined, SSL_CERT_DIR: path.join(tmp, 'ca', 'no-such-dir') },
        allowExitCodes: [1],
      });
      expect(flatOutput(untrusted)).toMatch(/x509: certificate signed by unknown authority/);

      const fetched = await requestsDuring(() => wd.run(['init', '-input=false']));
      expect(fetched).toEqual(
        expect.arrayContaining([
          `GET /${PROVIDER_PATH}/index.json 200`,
          `GET /${PROVIDER_PATH}/${V}.json 200`,
          `GET /${PROVIDER_PATH}/${zipName(HERE)} 200`,
        ]),
      );
      expect(lockHashes(wd.readFile('.terraform.lock.hcl'))).toEqual(networkMirrorHashes(engine, [HERE]));
    },
    STEP_TIMEOUT,
  );

  test(
    'providers lock -net-mirror fetches each platform; from the release lock entry it keeps h1: and zh:',
    async () => {
      const wd = netWd!;
      const lockArgs = [
        'providers',
        'lock',
        `-net-mirror=${server.url}`,
        '-platform=linux_amd64',
        '-platform=darwin_arm64',
      ];

      // From no lock file: the engine records what it computed itself, the h1: of the unpacked zips
      // (and, on OpenTofu 1.12, the zh: of the zips).
      await rm(path.join(wd.dir, '.terraform.lock.hcl'));
      const fetched = await requestsDuring(() => wd.run(lockArgs));
      for (const p of ['linux_amd64', 'darwin_arm64'])
        expect(fetched).toContain(`GET /${PROVIDER_PATH}/${zipName(p)} 200`);
      expect(lockHashes(wd.readFile('.terraform.lock.hcl'))).toEqual(
        networkMirrorHashes(engine, ['linux_amd64', 'darwin_arm64']),
      );

      // From the release's lock entry: every platform's package is checked against it and both
      // kinds are kept; the zh: values are the SHA256SUMS lines.
      await wd.writeFile('.terraform.lock.hcl', readFileSync(path.join(releaseDir, LOCK_ENTRY), 'utf8'));
      const locked = await wd.run(lockArgs);
      expect(flatOutput(locked)).toMatch(/All checksums for this platform were already tracked/);
      const hashes = lockHashes(wd.readFile('.terraform.lock.hcl'));
      expect(hashes).toEqual(releaseHashes());
      expect(hashes.filter((h) => h.startsWith('zh:'))).toEqual([
        ...new Set(['linux_amd64', 'darwin_arm64'].map((p) => `zh:${sums[zipName(p)]}`)),
      ]);
    },
    STEP_TIMEOUT,
  );

  test(
    'a second init with that lock file passes; a zh: that does not match fails with a checksum error',
    async () => {
      const wd = netWd!;
      const lock = wd.readFile('.terraform.lock.hcl')!;
      await rm(path.join(wd.dir, '.terraform'), { recursive: true, force: true });
      await wd.run(['init', '-input=false']);
      expect(wd.readFile('.terraform.lock.hcl')).toBe(lock);

      // zh: alone decides (an h1: that matches would be enough on its own).
      const wrongZh = `zh:${sha256Hex('not the release zip')}`;
      await wd.writeFile('.terraform.lock.hcl', lockFileWith([wrongZh]));
      await rm(path.join(wd.dir, '.terraform'), { recursive: true, force: true });
      const bad = await wd.run(['init', '-input=false'], { allowExitCodes: [1] });
      expect(flatOutput(bad)).toMatch(
        /doesn't match any of the checksums previously recorded in the dependency lock file/,
      );

      await wd.writeFile('.terraform.lock.hcl', lockFileWith([`zh:${sums[zipName(HERE)]}`]));
      await wd.run(['init', '-input=false']);
      expect(existsSync(path.join(wd.dir, '.terraform', 'providers', PROVIDER_PATH, V, HERE))).toBe(true);
    },
    STEP_TIMEOUT,
  );
});
