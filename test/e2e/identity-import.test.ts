// Resource identity through real engines, with the fixture provider (test/fixtures/kit-provider.ts:
// its thing has the identity { id (required for import), store (optional) }). Engines with
// identity (Terraform >= 1.12, OpenTofu >= 1.12: here OpenTofu 1.12.6) store it in the state and
// import by `import { to = ..., identity = {...} }`; the provider refuses an identity naming
// another store, as the real provider refuses another tenant. Engines before it never call
// GetResourceIdentitySchemas and work as before.
import path from 'node:path';
import { hclString } from '../../provider/cli/cli-config';
import { KIT_BUNDLE, KIT_SOURCE, requireBundle } from '../support/bundles';
import { engineAtLeast, engineLabel, enginesWith, listEngines } from '../support/engines';
import { kitMainTf } from '../support/kit-config';
import { flatOutput, TfWorkdir, type RunResult } from '../support/tf-workdir';

const IDENTITY = { terraform: '1.12.0', tofu: '1.12.0' };

const THING_A = `resource "kitfixture_thing" "a" {
  name = "alpha"
  size = 2
}`;

const importBlock = (identity: string) => `import {\n  to       = kitfixture_thing.a\n  identity = ${identity}\n}\n`;

/** The provider's RPC names in a TF_LOG=trace log (from its "RPC finished" debug lines). */
function rpcsIn(log: string): Set<string> {
  return new Set([...log.matchAll(/tf_rpc[=:"\s]+([A-Za-z]+)/g)].map((m) => m[1]));
}

async function workdir(engine: ReturnType<typeof listEngines>[number]): Promise<{ wd: TfWorkdir; store: string }> {
  const wd = await TfWorkdir.create(engine, {
    files: {},
    providers: [{ sourceAddress: KIT_SOURCE, bundlePath: requireBundle(KIT_BUNDLE) }],
    init: false,
  });
  const store = path.join(wd.root, 'store.json');
  await wd.writeFile('main.tf', kitMainTf(store, THING_A));
  await wd.run(['init', '-input=false']);
  return { wd, store };
}

for (const engine of enginesWith('import by resource identity', IDENTITY)) {
  describe(`resource identity [${engineLabel(engine)}]`, () => {
    let wd: TfWorkdir;
    let id: string;
    const instance = () => wd.readState().resources[0].instances[0];

    beforeAll(async () => {
      ({ wd } = await workdir(engine));
    }, 120_000);
    afterAll(() => wd?.dispose());

    test('apply stores the identity beside the state; the engine asked for the identity schemas', async () => {
      const apply = await wd.run(['apply', '-auto-approve', '-input=false'], { log: 'trace' });
      expect(apply.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
      id = instance().attributes.id;
      expect(instance().identity).toEqual({ id, store: 'store.json' });
      expect(instance().identity_schema_version).toBe(0);
      expect(rpcsIn(apply.log)).toContain('GetResourceIdentitySchemas');
      const plan = await wd.run(['plan', '-detailed-exitcode', '-input=false']);
      expect(plan.code).toBe(0);
    }, 120_000);

    test('import { identity = { id } } adopts the object, fills the store, then plans empty', async () => {
      await wd.run(['state', 'rm', 'kitfixture_thing.a']);
      await wd.writeFile('imports.tf', importBlock(`{ id = ${hclString(id)} }`));
      const plan = await wd.run(['plan', '-input=false']);
      expect(plan.stdout).toMatch(/Plan: 1 to import, 0 to add, 0 to change, 0 to destroy\./);
      await wd.run(['apply', '-auto-approve', '-input=false']);
      expect(instance().attributes).toMatchObject({ id, name: 'alpha', size: 2 });
      expect(instance().identity).toEqual({ id, store: 'store.json' });
      const again = await wd.run(['plan', '-detailed-exitcode', '-input=false']);
      expect(again.code).toBe(0);
    }, 120_000);

    test('an identity naming another store is refused at plan time, nothing imported', async () => {
      await wd.run(['state', 'rm', 'kitfixture_thing.a']);
      await wd.writeFile('imports.tf', importBlock(`{ id = ${hclString(id)}, store = "elsewhere.json" }`));
      const plan: RunResult = await wd.run(['plan', '-input=false'], { allowExitCodes: [1] });
      expect(flatOutput(plan)).toContain('Thing in another store');
      expect(flatOutput(plan)).toContain(
        'The identity names the store "elsewhere.json", but this provider uses "store.json".',
      );
      expect(wd.readState().resources).toEqual([]);
    }, 120_000);

    test('an identity without its required id is refused, naming it', async () => {
      // Left out: the engine checks the identity against the schema the provider gave.
      await wd.writeFile('imports.tf', importBlock('{ store = "store.json" }'));
      const absent = await wd.run(['plan', '-input=false'], { allowExitCodes: [1] });
      expect(flatOutput(absent)).toMatch(/attribute "id" is required/);
      // Null passes the engine's type check and reaches the provider's required-for-import check.
      await wd.writeFile('imports.tf', importBlock('{ id = null, store = "store.json" }'));
      const nulled = await wd.run(['plan', '-input=false'], { allowExitCodes: [1] });
      expect(flatOutput(nulled)).toContain(
        `Importing kitfixture_thing by identity needs "id" in the import block's identity = { ... }.`,
      );
    }, 120_000);
  });
}

// Engines before identity: the RPC is never called and the schema stays as they expect (the
// lifecycle itself is in engines.test.ts).
for (const engine of listEngines().filter((e) => !engineAtLeast(e, IDENTITY))) {
  describe(`no resource identity [${engineLabel(engine)}]`, () => {
    let wd: TfWorkdir;
    beforeAll(async () => {
      ({ wd } = await workdir(engine));
    }, 120_000);
    afterAll(() => wd?.dispose());

    test('apply and plan work and never call GetResourceIdentitySchemas; the state holds no identity', async () => {
      const apply = await wd.run(['apply', '-auto-approve', '-input=false'], { log: 'trace' });
      expect(apply.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
      const rpcs = rpcsIn(apply.log);
      expect(rpcs).toContain('ApplyResourceChange'); // the log holds the provider's RPC lines
      expect(rpcs).not.toContain('GetResourceIdentitySchemas');
      expect(wd.readState().resources[0].instances[0].identity).toBeUndefined();
    }, 120_000);
  });
}
