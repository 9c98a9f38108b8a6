// The e2e harness itself: engine discovery must fail loudly (never skip) when an engine is missing.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEachEngine, isPinnedVersion, listEngines, PINNED_VERSIONS } from '../support/engines';
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

test('both pinned engines present: listed first, marked pinned', () => {
  fakeEngine('terraform', `${TERRAFORM}-dev`);
  fakeEngine('tofu', `${TOFU}-dev`);
  const engines = listEngines(dir);
  expect(engines.slice(0, 2)).toEqual([
    { name: 'terraform', version: `${TERRAFORM}-dev`, path: path.join(dir, 'bin', 'terraform'), pinned: true },
    { name: 'tofu', version: `${TOFU}-dev`, path: path.join(dir, 'bin', 'tofu'), pinned: true },
  ]);
  // Anything else comes from PATH and is a different version.
  for (const extra of engines.slice(2)) {
    expect(extra.pinned).toBe(false);
    expect(extra.version).not.toBe(engines.find((e) => e.name === extra.name)!.version);
  }
});

test('go install builds report -dev versions, which count as pinned', () => {
  expect(isPinnedVersion('1.6.3-dev', '1.6.3')).toBe(true);
  expect(isPinnedVersion('1.6.3', '1.6.3')).toBe(true);
  expect(isPinnedVersion('1.6.30', '1.6.3')).toBe(false);
});

test('the real engines cache (npm run engines) has both pinned engines', () => {
  const names = listEngines()
    .filter((e) => e.pinned)
    .map((e) => e.name);
  expect(names).toEqual(['terraform', 'tofu']);
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
