// The e2e harness itself: engine discovery must fail loudly (never skip) when an engine is missing.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEachEngine, isPinnedVersion, listEngines, PINNED_ENGINES, PINNED_VERSIONS } from '../support/engines';
import { TfWorkdir } from '../support/tf-workdir';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'engines-test-'));
  mkdirSync(path.join(dir, 'bin'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// The pinned versions (scripts/engine-versions.json), as the fake engines report them.
const TERRAFORM = PINNED_VERSIONS.terraform;
const TOFU = PINNED_VERSIONS.tofu;
const escaped = (version: string) => version.replace(/\./g, '\\.');

/** A stand-in engine binary that answers `version -json` with the given version. */
function fakeEngine(name: string, version: string): void {
  writeFileSync(path.join(dir, 'bin', name), `#!/bin/sh\necho '{"terraform_version":"${version}"}'\n`, { mode: 0o755 });
}

test('a missing pinned engine throws, naming npm run engines', () => {
  fakeEngine('terraform', `${TERRAFORM}-dev`);
  expect(() => listEngines(dir)).toThrow(new RegExp(`tofu v${escaped(TOFU)} not found at .*npm run engines`));
});

test('a pinned engine of the wrong version throws', () => {
  fakeEngine('terraform', '1.9.0');
  fakeEngine('tofu', TOFU);
  expect(() => listEngines(dir)).toThrow(
    new RegExp(`reports version 1\\.9\\.0, expected ${escaped(TERRAFORM)}.*npm run engines`),
  );
});

// Builds beside the default ones, under their own binary name (tofu-1.12.6: bin/tofu is 1.6.3).
const SIDE_BUILDS = PINNED_ENGINES.filter((e) => e.binary !== e.name);

test('engine-versions.json pins OpenTofu 1.12.6 beside the default builds, under its own name', () => {
  expect(SIDE_BUILDS).toContainEqual({ name: 'tofu', version: '1.12.6', binary: 'tofu-1.12.6' });
});

test('a missing side build (bin/tofu-1.12.6) throws, naming it and npm run engines', () => {
  fakeEngine('terraform', `${TERRAFORM}-dev`);
  fakeEngine('tofu', `${TOFU}-dev`);
  const side = SIDE_BUILDS[0];
  expect(() => listEngines(dir)).toThrow(
    new RegExp(`${side.name} v${escaped(side.version)} not found at .*bin/${escaped(side.binary)}: .*npm run engines`),
  );
});

test('every pinned engine present: listed first in engine-versions.json order, marked pinned', () => {
  for (const e of PINNED_ENGINES) fakeEngine(e.binary, e.binary === e.name ? `${e.version}-dev` : e.version);
  const engines = listEngines(dir);
  expect(engines.slice(0, PINNED_ENGINES.length)).toEqual(
    PINNED_ENGINES.map((e) => ({
      name: e.name,
      version: e.binary === e.name ? `${e.version}-dev` : e.version,
      path: path.join(dir, 'bin', e.binary),
      pinned: true,
    })),
  );
  // Anything else comes from PATH and is a version no pinned build of that engine has.
  for (const extra of engines.slice(PINNED_ENGINES.length)) {
    expect(extra.pinned).toBe(false);
    for (const e of PINNED_ENGINES.filter((p) => p.name === extra.name)) {
      expect(isPinnedVersion(extra.version, e.version)).toBe(false);
    }
  }
});

test('go install builds report -dev versions, which count as pinned', () => {
  expect(isPinnedVersion('1.6.3-dev', '1.6.3')).toBe(true);
  expect(isPinnedVersion('1.6.3', '1.6.3')).toBe(true);
  expect(isPinnedVersion('1.6.30', '1.6.3')).toBe(false);
});

test('the real engines cache (npm run engines) has every pinned engine', () => {
  const pinned = listEngines()
    .filter((e) => e.pinned)
    .map((e) => [e.name, e.version.replace(/-dev$/, '')]);
  expect(pinned).toEqual(PINNED_ENGINES.map((e) => [e.name, e.version]));
});

// The workdir harness on each real engine, with the built-in terraform_data resource (no
// provider to install), so harness faults are told apart from provider faults.
describeEachEngine('TfWorkdir', (engine) => {
  let wd: TfWorkdir;
  beforeAll(async () => {
    wd = await TfWorkdir.create(engine, {
      files: { 'main.tf': 'resource "terraform_data" "x" {\n  input = "one"\n}\n' },
      providers: [],
    });
  }, 120_000);
  afterAll(() => wd?.dispose());

  test('apply writes state; an unchanged plan exits 0; a change exits 2', async () => {
    await wd.run(['apply', '-auto-approve', '-input=false']);
    expect(wd.readState().resources[0].instances[0].attributes.output.value).toBe('one');
    expect((await wd.run(['plan', '-detailed-exitcode'])).code).toBe(0);

    await wd.writeFile('main.tf', 'resource "terraform_data" "x" {\n  input = "two"\n}\n');
    const plan = await wd.run(['plan', '-detailed-exitcode'], { allowExitCodes: [2] });
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('"two"');
    expect(plan.stdout).not.toContain('\x1b['); // -no-color through TF_CLI_ARGS_plan
  }, 120_000);

  test('an exit code that is not allowed throws, with the output', async () => {
    await expect(wd.run(['plan', '-detailed-exitcode'])).rejects.toThrow(/exited 2 \(allowed: 0\)[\s\S]*"two"/);
  }, 60_000);

  test('log: captures TF_LOG output for that run only', async () => {
    const traced = await wd.run(['validate'], { log: 'trace' });
    expect(traced.log).toMatch(/\[(TRACE|DEBUG|INFO)\]/);
    expect((await wd.run(['validate'])).log).toBe('');
  }, 60_000);
});
