// The provider package as the engines see it: mirror layout, launcher behaviour, CLI configs.
// No engine needed here; engines.test.ts drives the same package through Terraform/OpenTofu.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { devOverridesCliConfig, hclString, mirrorCliConfig } from '../../scripts/cli-config';
import { goPlatform, installProvider, parseSourceAddress } from '../../scripts/install-provider';

let tmp: string;
let fakeBundle: string;

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'install-test-'));
  fakeBundle = path.join(tmp, 'fake.cjs');
  // Stands in for the provider: reports who it is and what it was given.
  writeFileSync(fakeBundle, 'process.stdout.write(JSON.stringify({ pid: process.pid, args: process.argv.slice(2) }));\n');
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
  const { NODE_EXTRA_CA_CERTS: _unused, ...inherited } = process.env;
  return spawnSync(executable, args, { env: { ...inherited, ...env }, encoding: 'utf8' });
}

describe('installProvider', () => {
  test('writes the unpacked mirror layout: launcher + bundle, nothing else', async () => {
    const { packageDir, executable } = await install();
    expect(packageDir).toBe(path.join(tmp, 'mirror', 'terraform.local', 'test', 'kit', '0.1.0', goPlatform()));
    expect(readdirSync(packageDir).sort()).toEqual(['kit-provider.cjs', 'terraform-provider-kit_v0.1.0']);
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
    expect(child.stdout).toMatch(/terraform-provider-kit needs Node\.js 20 or newer.*not found/);
  });

  test('node older than 20: exit 1 with ONE line naming the version found', async () => {
    const { executable } = await install();
    const oldNode = path.join(tmp, 'old-node');
    writeFileSync(oldNode, '#!/bin/sh\necho v18.19.0\n', { mode: 0o755 });
    const child = launch(executable, { PARTNERCENTER_NODE: oldNode });
    expect(child.status).toBe(1);
    expect(child.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(child.stdout).toMatch(/needs Node\.js 20 or newer.*v18\.19\.0/);
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
    expect(text).toMatch(/dev_overrides \{\s*"terraform\.local\/partnercenter\/partnercenter" = "\/pkg"\s*\}\s*direct \{\}/);
  });

  test('strings are escaped for HCL, template sequences included', () => {
    expect(hclString('a"b\\c${x}%{y}')).toBe('"a\\"b\\\\c$${x}%%{y}"');
  });
});
