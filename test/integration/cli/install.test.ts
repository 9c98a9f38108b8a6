// The provider package as the engines see it: mirror layout, launcher behaviour, CLI configs.
// No engine needed here; test/e2e/engines.test.ts drives the same package through
// Terraform/OpenTofu.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { devOverridesCliConfig, hclString, mirrorCliConfig } from '../../../provider/cli/cli-config';
import { goPlatform, installProvider, parseSourceAddress } from '../../../provider/cli/install';
import { makeClientCert } from '../../protocol/support/client-cert';
import { launchEnv } from '../../protocol/support/launcher';
import { KIT_BUNDLE, requireBundle } from '../../support/bundles';

let tmp: string;
let fakeBundle: string;
/** XDG_CACHE_HOME of every launch here, so the code cache never lands in the real ~/.cache. */
let xdgCache: string;

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'install-test-'));
  xdgCache = path.join(tmp, 'xdg-cache');
  fakeBundle = path.join(tmp, 'fake.cjs');
  // Stands in for the provider: reports who it is and what it was given.
  writeFileSync(
    fakeBundle,
    'process.stdout.write(JSON.stringify({ pid: process.pid, args: process.argv.slice(2) }));\n',
  );
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function install(extra: Partial<Parameters<typeof installProvider>[0]> = {}) {
  return installProvider({
    mirrorDir: path.join(tmp, 'mirror'),
    bundlePath: fakeBundle,
    sourceAddress: 'terraform.local/test/kit',
    version: '0.1.0',
    ...extra,
  });
}

function launch(executable: string, env: Record<string, string> = {}, args: string[] = []) {
  const { NODE_EXTRA_CA_CERTS: _unused, PARTNERCENTER_CODE_CACHE: _setting, ...inherited } = process.env;
  return spawnSync(executable, args, { env: { ...inherited, XDG_CACHE_HOME: xdgCache, ...env }, encoding: 'utf8' });
}

describe('installProvider', () => {
  test('writes the unpacked mirror layout: launcher + loader + bundle, nothing else', async () => {
    const { packageDir, executable } = await install();
    expect(packageDir).toBe(path.join(tmp, 'mirror', 'terraform.local', 'test', 'kit', '0.1.0', goPlatform()));
    expect(readdirSync(packageDir).sort()).toEqual([
      'kit-loader.cjs',
      'kit-provider.cjs',
      'terraform-provider-kit_v0.1.0',
    ]);
    expect(executable).toBe(path.join(packageDir, 'terraform-provider-kit_v0.1.0'));
    expect(statSync(executable).mode & 0o111).toBe(0o111);
    // Only the launcher may look like a provider executable to the engines.
    expect(readdirSync(packageDir).filter((f) => f.startsWith('terraform-provider-'))).toHaveLength(1);
  });

  test('a reinstall leaves no stale file behind (the lock hash covers the whole dir)', async () => {
    const { packageDir } = await install();
    writeFileSync(path.join(packageDir, 'stale.txt'), 'x');
    await install();
    expect(readdirSync(packageDir)).not.toContain('stale.txt');
  });

  test('rejects a source address without an explicit host, and a missing bundle', async () => {
    expect(() => parseSourceAddress('partnercenter/partnercenter')).toThrow(/explicit host/);
    await expect(install({ bundlePath: path.join(tmp, 'nope.cjs') })).rejects.toThrow(/bundle not found/);
    await expect(install({ version: 'latest' })).rejects.toThrow(/semantic/);
  });

  test('maps Node platform names to the engines (Go) names', () => {
    expect(goPlatform('linux', 'x64')).toBe('linux_amd64');
    expect(goPlatform('darwin', 'arm64')).toBe('darwin_arm64');
    expect(goPlatform('win32', 'ia32')).toBe('windows_386');
  });
});

describe('launcher', () => {
  test('execs node on the bundle: the process the engine starts IS node, args passed through', async () => {
    const { executable } = await install();
    const child = launch(executable, {}, ['--schema-json']);
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({ pid: child.pid, args: ['--schema-json'] });
  });

  test('honours PARTNERCENTER_NODE', async () => {
    const { executable } = await install();
    const child = launch(executable, { PARTNERCENTER_NODE: process.execPath });
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout).pid).toBe(child.pid);
  });

  test('no node: exit 1 with ONE explanatory line on stdout (what go-plugin shows the user)', async () => {
    const { executable } = await install();
    const child = launch(executable, { PARTNERCENTER_NODE: path.join(tmp, 'no-such-node') });
    expect(child.status).toBe(1);
    expect(child.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(child.stdout).toMatch(
      /terraform-provider-kit needs Node\.js 20 or newer \(supported: 20, 22, 24\).*not found/,
    );
  });

  test('node older than 20: exit 1 with ONE line naming the version found', async () => {
    const { executable } = await install();
    const oldNode = path.join(tmp, 'old-node');
    writeFileSync(oldNode, '#!/bin/sh\necho v18.19.0\n', { mode: 0o755 });
    const child = launch(executable, { PARTNERCENTER_NODE: oldNode });
    expect(child.status).toBe(1);
    expect(child.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(child.stdout).toMatch(/needs Node\.js 20 or newer \(supported: 20, 22, 24\).*v18\.19\.0/);
  });
});

describe('code-cache loader', () => {
  const EVENT = 'partnercenter code cache: ';
  const DEBUG = { PARTNERCENTER_CODE_CACHE: 'debug' };
  const cacheDir = () => path.join(xdgCache, 'terraform-provider-partnercenter');
  const cacheFiles = () =>
    existsSync(cacheDir()) ? readdirSync(cacheDir()).filter((f) => f.endsWith('.v8cache')) : [];
  /** First word of each debug line the loader wrote to stderr: miss, hit, written, damaged, ... */
  const events = (stderr: string) =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith(EVENT))
      .map((l) => l.slice(EVENT.length).split(' ')[0]);

  /** The stand-in provider installed and launched once, so that its cache file exists. */
  async function installedWithCache(): Promise<{ executable: string; file: string }> {
    handshakeBundle();
    const { executable } = await install();
    expect(launch(executable).status).toBe(0);
    const [name] = cacheFiles();
    return { executable, file: path.join(cacheDir(), name) };
  }

  /** A stand-in provider that prints a handshake-like line; enough code for a real cache. */
  const HANDSHAKE = '1|6|unix|/tmp/plugin.sock|grpc|AAAA';
  function handshakeBundle() {
    const fns = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x * ${i} + ${i}; }`).join('\n');
    writeFileSync(
      fakeBundle,
      `${fns}\nlet total = 0;\nfor (let i = 0; i < 50; i++) total += eval('f' + i)(i);\n` +
        `process.stdout.write(${JSON.stringify(HANDSHAKE)} + '\\n');\n`,
    );
  }

  test('runs the bundle as the main module, exactly as `node <bundle>` does', async () => {
    writeFileSync(
      fakeBundle,
      [
        "if (process.argv.includes('--throw')) {",
        "  throw new Error('boom');",
        '}',
        'process.stdout.write(JSON.stringify({',
        '  main: require.main === module, id: module.id, filename: __filename, dirname: __dirname,',
        '  argv: process.argv.slice(1), thisIsExports: this === module.exports, cached: require.cache[__filename] === module,',
        "  mainModule: process.mainModule === module, path: typeof require('node:path').join, paths: module.paths,",
        "  leaked: Object.keys(process.env).filter((k) => k === 'PARTNERCENTER_NODE_CHECKED'),",
        '}));',
      ].join('\n'),
    );
    const { packageDir, executable } = await install();
    const bundle = path.join(packageDir, 'kit-provider.cjs');
    const direct = spawnSync(process.execPath, [bundle, '--debug'], { encoding: 'utf8' });
    const viaLoader = launch(executable, {}, ['--debug']);
    expect(viaLoader.status).toBe(0);
    expect(JSON.parse(viaLoader.stdout)).toEqual(JSON.parse(direct.stdout));
    expect(JSON.parse(viaLoader.stdout)).toMatchObject({
      main: true,
      id: '.',
      filename: bundle,
      argv: [bundle, '--debug'],
      leaked: [],
    });

    // Uncaught errors: same exit status, and stack positions in the bundle file's own line:column.
    const position = (stderr: string) => stderr.match(/kit-provider\.cjs:\d+:\d+/)?.[0];
    const thrownDirect = spawnSync(process.execPath, [bundle, '--throw'], { encoding: 'utf8' });
    const thrown = launch(executable, {}, ['--throw']);
    expect(thrown.status).toBe(thrownDirect.status);
    expect(position(thrown.stderr)).toBe('kit-provider.cjs:2:9');
    expect(position(thrown.stderr)).toBe(position(thrownDirect.stderr));
    expect(thrown.stdout).toBe('');
  });

  test('writes the cache in the user cache dir (keyed by bundle, node, arch), then runs from it', async () => {
    handshakeBundle();
    const { packageDir } = await install();
    const executable = path.join(packageDir, 'terraform-provider-kit_v0.1.0');

    const first = launch(executable, DEBUG);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(`${HANDSHAKE}\n`);
    expect(events(first.stderr)).toEqual(expect.arrayContaining(['miss', 'written']));
    const files = cacheFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(
      new RegExp(`^kit-[0-9a-f]{20}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8cache$`),
    );
    // Nothing lands in the package dir: the lock-file hash covers it.
    expect(readdirSync(packageDir).sort()).toEqual([
      'kit-loader.cjs',
      'kit-provider.cjs',
      'terraform-provider-kit_v0.1.0',
    ]);
    const written = statSync(path.join(cacheDir(), files[0])).mtimeMs;

    const second = launch(executable, DEBUG);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(`${HANDSHAKE}\n`);
    expect(events(second.stderr)).toEqual(['hit']);
    expect(statSync(path.join(cacheDir(), files[0])).mtimeMs).toBe(written);

    // Another package dir holding the same bundle (engines copy packages per working dir) shares it.
    const copy = await install({ mirrorDir: path.join(tmp, 'other-mirror') });
    expect(events(launch(copy.executable, DEBUG).stderr)).toEqual(['hit']);
    // A different bundle gets its own file.
    writeFileSync(fakeBundle, `${readFileSync(fakeBundle, 'utf8')}// changed\n`);
    const changed = await install();
    expect(events(launch(changed.executable, DEBUG).stderr)).toEqual(expect.arrayContaining(['miss', 'written']));
    expect(cacheFiles()).toHaveLength(2);
  });

  test('the first launch that calls the API completes the cache once, at exit', async () => {
    // The stand-in announces an API call, as provider/partnercenter/got-attempt.ts does.
    writeFileSync(
      fakeBundle,
      `function api() { return 42; }\nprocess.stdout.write(${JSON.stringify(HANDSHAKE)} + '\\n');\n` +
        "if (process.argv.includes('--api') && api() === 42) process.emit('partnercenter:api-used');\n",
    );
    const { executable } = await install();
    const magic = () => readFileSync(path.join(cacheDir(), cacheFiles()[0])).subarray(0, 8).toString('latin1');

    expect(events(launch(executable, DEBUG).stderr)).toEqual(['miss', 'written', 'written']); // start-up cache, node-checked
    expect(magic()).toBe('PCV8CC01');
    expect(events(launch(executable, DEBUG).stderr)).toEqual(['hit']); // no API call: left as it is
    expect(events(launch(executable, DEBUG, ['--api']).stderr)).toEqual(['hit', 'written']); // completed at exit
    expect(magic()).toBe('PCV8CC02');
    expect(events(launch(executable, DEBUG, ['--api']).stderr)).toEqual(['hit']); // complete: never rewritten
  });

  test('a damaged cache file is ignored and replaced; the handshake is unaffected', async () => {
    const { executable, file } = await installedWithCache();
    const good = readFileSync(file);

    // Flipped bytes in the middle of V8's data: V8 itself would abort the process on these.
    const flipped = Buffer.from(good);
    for (let i = Math.floor(good.length / 2); i < Math.floor(good.length / 2) + 16; i++) flipped[i] ^= 0xff;
    for (const damaged of [
      flipped,
      good.subarray(0, good.length - 100),
      Buffer.from('not a cache at all'),
      Buffer.alloc(0),
    ]) {
      writeFileSync(file, damaged);
      const run = launch(executable, DEBUG);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${HANDSHAKE}\n`);
      expect(events(run.stderr)).toEqual(['damaged', 'written']);
      expect(events(launch(executable, DEBUG).stderr)).toEqual(['hit']);
    }
  });

  test('V8 rejecting the data (other node build) means running without it, then rewriting it', async () => {
    const { executable, file } = await installedWithCache();
    // A well-formed file (header and hashes right) whose payload V8 does not accept.
    const good = readFileSync(file);
    const payload = Buffer.alloc(512, 7);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest();
    writeFileSync(file, Buffer.concat([good.subarray(0, 40), sha(payload), payload]));
    const run = launch(executable, DEBUG);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${HANDSHAKE}\n`);
    expect(events(run.stderr)).toEqual(['rejected', 'written']);
    expect(events(launch(executable, DEBUG).stderr)).toEqual(['hit']);
  });

  test('an unusable cache dir only means running without a cache', async () => {
    handshakeBundle();
    const { executable } = await install();
    writeFileSync(path.join(tmp, 'a-file'), 'x');
    // XDG_CACHE_HOME is a file (so the cache dir cannot exist, even for root), or relative (ignored
    // per the XDG spec: HOME/.cache is used, here also a file).
    const unusable: Record<string, string>[] = [
      { XDG_CACHE_HOME: path.join(tmp, 'a-file') },
      { XDG_CACHE_HOME: 'relative/cache', HOME: path.join(tmp, 'a-file') },
    ];
    for (const env of unusable) {
      for (let i = 0; i < 2; i++) {
        const run = launch(executable, { ...DEBUG, ...env });
        expect(run.status).toBe(0);
        expect(run.stdout).toBe(`${HANDSHAKE}\n`);
        expect(events(run.stderr)).toEqual(['unreadable', 'not', 'not']); // code cache, node-checked, code cache
      }
    }
    expect(existsSync(xdgCache)).toBe(false);
  });

  test('a cache dir others can write to is not trusted with code: no cache is read or written', async () => {
    const { executable } = await installedWithCache();
    chmodSync(cacheDir(), 0o777);
    const run = launch(executable, DEBUG);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${HANDSHAKE}\n`);
    expect(run.stderr).toContain(`${EVENT}disabled: ${cacheDir()} is writable by others (mode 777)`);
    expect(events(run.stderr)).not.toContain('hit');
    chmodSync(cacheDir(), 0o700);
    expect(events(launch(executable, DEBUG).stderr)).toEqual(['hit']);
  });

  test('PARTNERCENTER_CODE_CACHE=off reads and writes nothing', async () => {
    handshakeBundle();
    const { executable } = await install();
    for (let i = 0; i < 2; i++) {
      const run = launch(executable, { PARTNERCENTER_CODE_CACHE: 'off' });
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${HANDSHAKE}\n`);
      expect(run.stderr).toBe('');
    }
    expect(existsSync(xdgCache)).toBe(false);
  });

  test('`node --version` runs only for a node not yet seen to pass it', async () => {
    handshakeBundle();
    const { executable } = await install();
    const log = path.join(tmp, 'node-calls.log');
    const node = path.join(tmp, 'logging-node');
    writeFileSync(node, `#!/bin/sh\necho "$1" >> '${log}'\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 });
    const calls = () =>
      readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((a) => path.basename(a));

    expect(launch(executable, { PARTNERCENTER_NODE: node }).stdout).toBe(`${HANDSHAKE}\n`);
    expect(calls()).toEqual(['--version', 'kit-loader.cjs']);
    expect(readFileSync(path.join(cacheDir(), 'node-checked'), 'utf8')).toBe(`${node}\n`);
    expect(launch(executable, { PARTNERCENTER_NODE: node }).stdout).toBe(`${HANDSHAKE}\n`);
    expect(calls()).toEqual(['--version', 'kit-loader.cjs', 'kit-loader.cjs']);
    // Another node (here: `node` on PATH) is checked again, and then remembered instead.
    expect(launch(executable, { PARTNERCENTER_NODE: '' }).status).toBe(0);
    expect(readFileSync(path.join(cacheDir(), 'node-checked'), 'utf8')).toBe('node\n');
    expect(launch(executable, { PARTNERCENTER_NODE: node }).stdout).toBe(`${HANDSHAKE}\n`);
    expect(calls()).toEqual(['--version', 'kit-loader.cjs', 'kit-loader.cjs', '--version', 'kit-loader.cjs']);
  });

  test('a package without the loader still runs the bundle directly', async () => {
    const { packageDir, executable } = await install();
    rmSync(path.join(packageDir, 'kit-loader.cjs'));
    const child = launch(executable, {}, ['--schema-json']);
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({ pid: child.pid, args: ['--schema-json'] });
    expect(existsSync(xdgCache)).toBe(false);
  });

  test('real provider: stdout carries only the handshake line, cold and warm', async () => {
    const { executable } = await install({
      bundlePath: requireBundle(KIT_BUNDLE),
      sourceAddress: 'terraform.local/test/kitfixture',
    });
    const clientCert = makeClientCert();
    mkdirSync(path.join(tmp, 'store'));
    const env = launchEnv(
      { clientCert, env: { XDG_CACHE_HOME: xdgCache, PARTNERCENTER_CODE_CACHE: 'debug', TF_LOG: undefined } },
      path.join(tmp, 'store', 'store.json'),
    );
    /** Runs the provider until its handshake line and `until()`, then kills it. */
    const run = (until: () => boolean) =>
      new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(executable, [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        const killWhenDone = async () => {
          for (let i = 0; i < 400 && !until(); i++) await new Promise((r) => setTimeout(r, 25));
          child.kill('SIGKILL');
        };
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          const first = !stdout.includes('\n');
          stdout += d;
          if (!first || !stdout.includes('\n')) return;
          void killWhenDone();
        });
        child.on('error', reject);
        child.on('close', () => resolve({ stdout, stderr }));
      });
    const handshakeOnly = /^1\|6\|unix\|[^|\n]+\|grpc\|[A-Za-z0-9+/]+\n$/;

    const cold = await run(() => cacheFiles().length > 0);
    expect(cold.stdout).toMatch(handshakeOnly);
    expect(events(cold.stderr)).toEqual(expect.arrayContaining(['miss', 'written']));
    expect(cacheFiles()).toEqual([expect.stringMatching(/^kitfixture-/)]);

    const warm = await run(() => true);
    expect(warm.stdout).toMatch(handshakeOnly);
    expect(events(warm.stderr)).toEqual(['hit']);
  });
});

describe('CLI config files', () => {
  test('filesystem mirror: the listed providers come from the mirror, the rest from registries', () => {
    const text = mirrorCliConfig({ mirrorDir: '/m', include: ['terraform.local/*/*'] });
    expect(text).toMatch(/filesystem_mirror \{\s*path\s*= "\/m"\s*include = \["terraform\.local\/\*\/\*"\]\s*\}/);
    expect(text).toMatch(/direct \{\s*exclude = \["terraform\.local\/\*\/\*"\]\s*\}/);
  });

  test('dev_overrides: maps each source address to its package dir', () => {
    const text = devOverridesCliConfig({ 'terraform.local/partnercenter/partnercenter': '/pkg' });
    expect(text).toMatch(
      /dev_overrides \{\s*"terraform\.local\/partnercenter\/partnercenter" = "\/pkg"\s*\}\s*direct \{\}/,
    );
  });

  test('strings are escaped for HCL, template sequences included', () => {
    expect(hclString('a"b\\c${x}%{y}')).toBe('"a\\"b\\\\c$${x}%%{y}"');
  });
});
