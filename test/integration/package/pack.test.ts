// What `npm pack` ships (the real pack, with its prepack build, from test/support/package-tarball.ts):
// everything a user needs (the provider bundle with its launcher and loader, the CLI, the CDK
// bindings and the emulator library, each JS with its .d.ts, the docs, README, LICENSE), no test
// or fixture, no source, and a package.json whose entry points all exist in the tarball.
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageTarball, type PackedPackage } from '../../support/package-tarball';

let packed: PackedPackage;
let files: string[];
let unpacked: string;
let manifest: Record<string, any>;

beforeAll(async () => {
  packed = await packageTarball();
  const list = spawnSync('tar', ['-tzf', packed.tarball], { encoding: 'utf8' });
  if (list.status !== 0) throw new Error(`tar -tzf ${packed.tarball} failed: ${list.stderr}`);
  files = list.stdout
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''))
    .sort();
  unpacked = mkdtempSync(path.join(os.tmpdir(), 'pack-contents-'));
  const extract = spawnSync('tar', ['-xzf', packed.tarball, '-C', unpacked, '--strip-components=1']);
  if (extract.status !== 0) throw new Error(`tar -xzf failed: ${extract.stderr.toString()}`);
  manifest = JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
  process.stderr.write(
    `package-tarball: ${files.length} files, ${readFileSync(packed.tarball).length} bytes, ` +
      `npm pack ${packed.cached ? 'reused (took' : 'took'} ${packed.packMs} ms${packed.cached ? ')' : ''}\n`,
  );
}, 300_000);
afterAll(() => rmSync(unpacked, { recursive: true, force: true }));

const read = (file: string) => readFileSync(path.join(unpacked, file), 'utf8');

test('holds what users need: provider bundle, launcher, loader, CLI, bindings, emulator, docs, README, LICENSE', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/provider/partnercenter-provider.cjs',
      'provider/launcher/launcher.sh',
      'provider/launcher/loader.cjs',
      'dist/cli/cli.cjs',
      'dist/lib/index.js',
      'dist/lib/index.d.ts',
      'dist/emulator/index.js',
      'dist/emulator/index.d.ts',
      'docs/index.md',
      'docs/install.md',
      'docs/cli.md',
      'docs/resources/billing_profile.md',
      'docs/data-sources/billing_profile.md',
    ]),
  );
  expect(read('LICENSE')).toMatch(/^Mozilla Public License Version 2\.0\n/);
  expect(read('dist/cli/cli.cjs')).toMatch(/^#!\/usr\/bin\/env node\n/);
});

test('holds no test, fixture, source map or TypeScript source', () => {
  const unwanted = files.filter(
    (f) =>
      /(^|\/)(test|tests|__tests__|fixtures?|examples|scripts)\//.test(f) ||
      /\.(test|spec)\.[cm]?[jt]s$/.test(f) ||
      /\.map$/.test(f) ||
      (/\.[cm]?ts$/.test(f) && !f.endsWith('.d.ts')),
  );
  expect(unwanted).toEqual([]);
});

test('every compiled module of the bindings and the emulator comes with its declarations', () => {
  const js = files.filter((f) => /^dist\/(lib|emulator)\/.*\.js$/.test(f));
  expect(js.length).toBeGreaterThan(5);
  expect(js.filter((f) => !files.includes(f.replace(/\.js$/, '.d.ts')))).toEqual([]);
});

test('package.json: public, a bin named like the package, every export and the bin in the tarball', () => {
  expect(manifest.private).toBeUndefined();
  expect(manifest.bin).toEqual({ [manifest.name]: 'dist/cli/cli.cjs' });
  const targets: string[] = [manifest.main, manifest.types, ...Object.values<string>(manifest.bin)];
  const walk = (v: unknown, condition?: string): void => {
    if (typeof v === 'string') {
      // The repository's own condition points at sources that do not ship.
      if (condition !== 'partnercenter-source') targets.push(v);
    } else if (v && typeof v === 'object') for (const [k, sub] of Object.entries(v)) walk(sub, k);
  };
  walk(manifest.exports);
  expect(Object.keys(manifest.exports)).toEqual(expect.arrayContaining(['.', './emulator', './package.json']));
  const missing = targets.map((t) => t.replace(/^\.\//, '')).filter((t) => !files.includes(t));
  expect(missing).toEqual([]);
});

test('dependencies: none to install (the JS that runs is bundled); cdktf (optional) and constructs are peers', () => {
  expect(manifest.dependencies ?? {}).toEqual({});
  expect(manifest.peerDependencies).toEqual(
    expect.objectContaining({ cdktf: expect.any(String), constructs: expect.any(String) }),
  );
  expect(manifest.peerDependenciesMeta.cdktf).toEqual({ optional: true });
  expect(manifest.peerDependenciesMeta.constructs).toBeUndefined();
});

/** The bare module names a CommonJS file requires (relative paths left out). */
function requiredPackages(file: string): string[] {
  const names = [...read(file).matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  return [...new Set(names.filter((n) => !n.startsWith('.')))].sort();
}

test('the bundles need nothing but Node.js itself; the bindings only their CDK runtime and constructs', () => {
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  for (const bundle of ['dist/provider/partnercenter-provider.cjs', 'dist/cli/cli.cjs', 'dist/emulator/index.js']) {
    const required = requiredPackages(bundle);
    expect(required.length).toBeGreaterThan(0);
    expect({ bundle, outside: required.filter((m) => !builtins.has(m)) }).toEqual({ bundle, outside: [] });
  }
  // Each binding set imports only its own CDK runtime (dist/lib/cdktn/ cdktn, the rest cdktf) and
  // constructs: what the user's CDK app has installed.
  for (const file of files.filter((f) => /^dist\/lib\/.*\.js$/.test(f))) {
    const runtime = file.startsWith('dist/lib/cdktn/') ? 'cdktn' : 'cdktf';
    const outside = requiredPackages(file).filter((m) => m !== runtime && m !== 'constructs');
    expect({ file, outside }).toEqual({ file, outside: [] });
  }
});
