// The real engines driving a provider built on our plugin server, through the user's path:
// launcher + bundle in a filesystem mirror, `init` with a lock file, then the whole lifecycle.
// The fixture provider (test/fixtures/kit-provider.ts) keeps its objects in a JSON file, so
// this suite tests the plugin layer and the packaging, not Partner Center.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hclString } from '../../provider/cli/cli-config';
import { goPlatform } from '../../provider/cli/install';
import { SOURCE_ADDRESS } from '../../provider/meta';
import { KIT_BUNDLE, KIT_SOURCE, PROVIDER_BUNDLE, requireBundle } from '../support/bundles';
import { goJsonStringify } from '../../provider/plugin/schema-json';
import { describeEachEngine, engineAtLeast, type Engine } from '../support/engines';
import { kitMainTf } from '../support/kit-config';
import { TfWorkdir, type RunResult } from '../support/tf-workdir';

// Lines that mean the engine caught the provider breaking a protocol rule, or had to kill it.
const LOG_RED_FLAGS = [/inconsistent/i, /invalid plan/i, /failed to exit gracefully/i];

const bundle = () => requireBundle(KIT_BUNDLE);

const THING_A = `resource "kitfixture_thing" "a" {
  name     = "alpha"
  size     = 0.1
  tags     = ["x", "y"]
  secret   = "s3cret-value"
  settings = { mode = "fast" }
}`;

/** Engines from which `providers schema -json` lists resource identities. */
const IDENTITY = { terraform: '1.12.0', tofu: '1.12.0' };

/** The bundle's schema JSON as `engine` prints it: without identities when the engine knows none. */
function withoutIdentityUnlessKnown(engine: Engine, json: string): string {
  if (engineAtLeast(engine, IDENTITY)) return json;
  const doc = JSON.parse(json) as { provider_schemas: Record<string, Record<string, unknown>> };
  for (const entry of Object.values(doc.provider_schemas)) delete entry.resource_identity_schemas;
  return goJsonStringify(doc);
}

/** The objects the provider has stored, by id (the fixture's store file). */
function storedIds(storePath: string): string[] {
  return existsSync(storePath) ? Object.keys(JSON.parse(readFileSync(storePath, 'utf8'))) : [];
}

describeEachEngine('engine lifecycle with the fixture provider (filesystem mirror)', (engine) => {
  let wd: TfWorkdir;
  let store: string;
  /** Every run's TF_LOG=trace output, scanned at the end. */
  const logs: { args: string[]; log: string }[] = [];
  const run = async (args: string[], allowExitCodes?: number[]): Promise<RunResult> => {
    const result = await wd.run(args, { allowExitCodes, log: 'trace' });
    logs.push({ args, log: result.log });
    return result;
  };

  beforeAll(async () => {
    wd = await TfWorkdir.create(engine, {
      files: {},
      providers: [{ sourceAddress: KIT_SOURCE, bundlePath: bundle() }],
      init: false,
    });
    store = path.join(wd.root, 'store.json');
    await wd.writeFile('main.tf', kitMainTf(store, THING_A));
  }, 60_000);
  afterAll(() => wd?.dispose());

  test('init installs from the mirror and writes the lock file', async () => {
    const init = await run(['init', '-input=false']);
    expect(init.stdout).toMatch(
      new RegExp(`Installed ${KIT_SOURCE.replace(/\./g, '\\.')} v0\\.1\\.0 \\(unauthenticated\\)`),
    );
    const lock = wd.readFile('.terraform.lock.hcl');
    expect(lock).toContain(`provider "${KIT_SOURCE}"`);
    expect(lock).toMatch(/version\s*=\s*"0\.1\.0"/);
    expect(lock).toMatch(/"h1:[A-Za-z0-9+/=]+"/);
    expect(existsSync(path.join(wd.dir, '.terraform', 'providers', KIT_SOURCE, '0.1.0', goPlatform()))).toBe(true);
  }, 60_000);

  test('validate', async () => {
    expect((await run(['validate'])).stdout).toContain('The configuration is valid');
  }, 60_000);

  test('plan: one to add, secrets hidden, computed values unknown', async () => {
    const plan = await run(['plan', '-detailed-exitcode', '-input=false'], [2]);
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    expect(plan.stdout).not.toContain('s3cret-value');
    expect(plan.stdout).toMatch(/id\s+= \(known after apply\)/);
  }, 60_000);

  test('apply creates the object; state holds the applied values', async () => {
    const apply = await run(['apply', '-auto-approve', '-input=false']);
    expect(apply.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    const attrs = wd.readState().resources[0].instances[0].attributes;
    expect(attrs).toMatchObject({ name: 'alpha', size: 0.1, settings: { mode: 'fast', level: 1 } });
    expect([...attrs.tags].sort()).toEqual(['x', 'y']);
    expect(storedIds(store)).toEqual([attrs.id]);
  }, 60_000);

  test('a second plan is empty (exit code 0)', async () => {
    const plan = await run(['plan', '-detailed-exitcode', '-input=false']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No changes.');
  }, 60_000);

  test('an import {} block adopts an existing object, then plans empty', async () => {
    const id: string = wd.readState().resources[0].instances[0].attributes.id;
    await run(['state', 'rm', 'kitfixture_thing.a']);
    await wd.writeFile('imports.tf', `import {\n  to = kitfixture_thing.a\n  id = ${hclString(id)}\n}\n`);

    const plan = await run(['plan', '-input=false']);
    expect(plan.stdout).toMatch(/Plan: 1 to import, 0 to add, 0 to change, 0 to destroy\./);
    await run(['apply', '-auto-approve', '-input=false']);
    expect(wd.readState().resources[0].instances[0].attributes.id).toBe(id);

    await wd.writeFile('imports.tf', '');
    expect((await run(['plan', '-detailed-exitcode', '-input=false'])).code).toBe(0);
  }, 60_000);

  test('apply -destroy deletes the object and empties the state', async () => {
    const destroy = await run(['apply', '-destroy', '-auto-approve', '-input=false']);
    expect(destroy.stdout).toContain('Resources: 0 added, 0 changed, 1 destroyed.');
    expect(wd.readState().resources).toEqual([]);
    expect(storedIds(store)).toEqual([]);
  }, 60_000);

  test("providers schema -json equals the bundle's own --schema-json", async () => {
    const engineJson = (await run(['providers', 'schema', '-json'])).stdout.trim();
    const ownJson = withoutIdentityUnlessKnown(
      engine,
      execFileSync(process.execPath, [bundle(), '--schema-json'], { encoding: 'utf8' }).trim(),
    );
    expect(JSON.parse(engineJson)).toEqual(JSON.parse(ownJson));
    // Same key order and escaping as Go's encoding/json, too.
    expect(engineJson).toBe(ownJson);
  }, 60_000);

  test('TF_LOG=trace of every command: no protocol complaints, no forced kills', () => {
    expect(logs.length).toBeGreaterThanOrEqual(8);
    for (const { args, log } of logs) {
      expect({ args, hasLog: log.length > 0 }).toEqual({ args, hasLog: true });
      const flagged = log.split('\n').filter((line) => LOG_RED_FLAGS.some((re) => re.test(line)));
      expect({ args, flagged }).toEqual({ args, flagged: [] });
    }
  });
});

describeEachEngine('engine with the fixture provider through dev_overrides (no init)', (engine) => {
  let wd: TfWorkdir;
  beforeAll(async () => {
    wd = await TfWorkdir.create(engine, {
      files: {},
      providers: [{ sourceAddress: KIT_SOURCE, bundlePath: bundle() }],
      via: 'dev_overrides',
    });
    await wd.writeFile('main.tf', kitMainTf(path.join(wd.root, 'store.json'), THING_A));
  }, 60_000);
  afterAll(() => wd?.dispose());

  test('validate and plan work without init, with the overrides warning', async () => {
    const validate = await wd.run(['validate']);
    expect(validate.stdout + validate.stderr).toMatch(/Provider development overrides are in effect/);
    const plan = await wd.run(['plan', '-input=false']);
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    expect(wd.readFile('.terraform.lock.hcl')).toBeUndefined();
  }, 60_000);
});

// The real provider's package: what users install must init and report the schema it was built with.
describeEachEngine('the partnercenter provider package', (engine) => {
  let wd: TfWorkdir;
  beforeAll(async () => {
    const files = {
      'main.tf': `terraform {\n  required_providers {\n    partnercenter = {\n      source  = "${SOURCE_ADDRESS}"\n    }\n  }\n}\n`,
    };
    wd = await TfWorkdir.create(engine, {
      files,
      providers: [{ sourceAddress: SOURCE_ADDRESS, bundlePath: requireBundle(PROVIDER_BUNDLE) }],
    });
  }, 60_000);
  afterAll(() => wd?.dispose());

  test("init + providers schema -json equals the bundle's --schema-json", async () => {
    expect(wd.readFile('.terraform.lock.hcl')).toContain(`provider "${SOURCE_ADDRESS}"`);
    const engineJson = (await wd.run(['providers', 'schema', '-json'])).stdout.trim();
    const ownJson = withoutIdentityUnlessKnown(
      engine,
      execFileSync(process.execPath, [PROVIDER_BUNDLE, '--schema-json'], { encoding: 'utf8' }).trim(),
    );
    expect(JSON.parse(engineJson)).toEqual(JSON.parse(ownJson));
    expect(engineJson).toBe(ownJson);
  }, 60_000);
});
