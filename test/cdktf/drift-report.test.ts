// The CI drift check (provider/cli/drift-report.ts): the plan analysis on its own, then the command
// (`terraform-provider-partnercenter drift`, cli/commands/drift.ts) against the emulator with each pinned engine for the outcomes the CDKTF e2e does not cover
// (managed drift through `npm run drift` is in e2e.test.ts).
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startEmulator, type RunningEmulator, providerEnvFor } from '../../emulator/server';
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../../provider/meta';
import { analysePlan, diffValues, type JsonPlan } from '../../provider/cli/drift/plan-drift';
import { renderReport } from '../../provider/cli/drift/render';
import { parseFlags } from '../../cli/args';
import { driftOptions, driftSpec } from '../../cli/commands/drift';
import { ROOT, TSX_BIN } from '../support/bundles';
import { engineLabel, listEngines } from '../support/engines';
import { EmulatorAdmin } from '../../emulator/admin-client';
import { createSandbox, expectExit, runCommand, type Sandbox } from './support/sandbox';

const profile = (over: Record<string, unknown> = {}) => ({
  id: 'billing',
  etag: 'e1',
  purchase_order_number: 'PO-1',
  tax_id: 'T-1',
  primary_contact: { email: 'a@contoso.example', phone_number: '+1 1' },
  ...over,
});

describe('analysePlan', () => {
  const plan: JsonPlan = {
    format_version: '1.2',
    resource_drift: [
      {
        address: 'partnercenter_billing_profile.billing',
        change: {
          actions: ['update'],
          before: profile(),
          after: profile({
            etag: 'e2',
            purchase_order_number: 'PO-EDITED',
            primary_contact: { email: 'a@contoso.example', phone_number: '+1 2' },
          }),
          after_unknown: {},
          before_sensitive: { primary_contact: {} },
          after_sensitive: { primary_contact: {} },
        },
      },
    ],
    resource_changes: [
      {
        address: 'partnercenter_billing_profile.billing',
        change: {
          actions: ['update'],
          before: profile({ etag: 'e2', purchase_order_number: 'PO-EDITED', tax_id: 'T-1' }),
          after: profile({ etag: null, purchase_order_number: 'PO-1', tax_id: 'T-2' }),
          after_unknown: { etag: true },
          before_sensitive: {},
          after_sensitive: { tax_id: true },
        },
      },
    ],
    output_changes: { etag: { actions: ['update'], before: 'e1', after: null, after_unknown: true } },
  };

  test('separates managed drift, unmanaged drift and configuration not yet applied', () => {
    const report = analysePlan(plan);
    expect(report.hasResourceChanges).toBe(true);
    expect(report.hasManagedDrift).toBe(true);
    const [r] = report.resources;
    expect(r.actions).toEqual(['update']);
    expect(r.drifted).toEqual([
      { path: 'etag', before: 'e1', after: 'e2', sensitive: false, restoredByApply: false },
      { path: 'primary_contact.phone_number', before: '+1 1', after: '+1 2', sensitive: false, restoredByApply: false },
      { path: 'purchase_order_number', before: 'PO-1', after: 'PO-EDITED', sensitive: false, restoredByApply: true },
    ]);
    // The new etag is unknown until apply: not listed as a pending change.
    expect(r.pending).toEqual([{ path: 'tax_id', before: 'T-1', after: 'T-2', sensitive: true }]);
    expect(report.outputs).toEqual([{ path: 'etag', before: 'e1', after: undefined, sensitive: false }]);
  });

  test('renders the fields with their values, hiding sensitive ones', () => {
    const text = renderReport(analysePlan(plan));
    expect(text).toMatch(/^DRIFT DETECTED/);
    expect(text).toContain(
      '~ purchase_order_number: "PO-1" -> "PO-EDITED"  (changed outside Terraform; apply restores the configured value)',
    );
    expect(text).toContain(
      '~ primary_contact.phone_number: "+1 1" -> "+1 2"  (changed outside Terraform; not managed: no action)',
    );
    expect(text).toContain('+ tax_id: (sensitive value) -> (sensitive value)  (configuration not applied yet)');
    expect(text).toContain('~ etag: "e1" -> (known after apply)');
    expect(text).not.toContain('T-2');
  });

  test('only outputs changing (an unmanaged edit moved the etag) is not resource drift', () => {
    const report = analysePlan({
      resource_drift: [{ address: 'x.y', change: { actions: ['update'], before: { a: '1' }, after: { a: '2' } } }],
      resource_changes: [{ address: 'x.y', change: { actions: ['no-op'], before: { a: '2' }, after: { a: '2' } } }],
      output_changes: { etag: { actions: ['update'], before: 'e1', after: 'e2' } },
    });
    expect(report.hasResourceChanges).toBe(false);
    expect(report.hasManagedDrift).toBe(false);
    expect(renderReport(report)).toMatch(/^No managed drift\./);
  });

  test('an empty plan reports no drift', () => {
    const report = analysePlan({
      resource_changes: [{ address: 'x.y', change: { actions: ['no-op'], before: {}, after: {} } }],
    });
    expect(report.resources).toEqual([]);
    expect(renderReport(report)).toMatch(/^No drift:/);
  });

  test('absent, null and "" are the same value; nested and list differences get dotted paths', () => {
    expect(diffValues({ a: null, b: '' }, { b: null })).toEqual([]);
    expect(diffValues({ a: { b: ['x', 'y'] } }, { a: { b: ['x', 'z', 'w'] } })).toEqual([
      ['a', 'b', '1'],
      ['a', 'b', '2'],
    ]);
  });
});

describe('drift command line', () => {
  const flags = (argv: string[]) => parseFlags(argv, driftSpec, 'terraform-provider-partnercenter');
  test('the engine defaults to TERRAFORM_BINARY_NAME like the cdktf CLI', () => {
    expect(driftOptions(flags([]), { TERRAFORM_BINARY_NAME: 'tofu' })).toMatchObject({
      engine: 'tofu',
      dir: '.',
      init: true,
    });
    expect(driftOptions(flags(['--engine', '/x/terraform', '--no-init', '--dir', 'd']), {})).toMatchObject({
      engine: '/x/terraform',
      init: false,
      dir: 'd',
    });
    expect(() => flags(['--bogus'])).toThrow(/unknown flag --bogus/);
  });
});

const CONFIG = {
  terraform: { required_providers: { partnercenter: { source: SOURCE_ADDRESS, version: PROVIDER_VERSION } } },
  provider: { partnercenter: {} },
  resource: { partnercenter_billing_profile: { billing: { purchase_order_number: 'PO-DRIFT-TEST' } } },
};
const CLI = path.join(ROOT, 'cli', 'main.ts');

for (const engine of listEngines().filter((e) => e.pinned)) {
  describe(`drift-report against the emulator [${engineLabel(engine)}]`, () => {
    let sandbox: Sandbox;
    let emulator: RunningEmulator;
    let dir: string;
    let env: Record<string, string>;
    const report = (extra: Record<string, string> = {}) =>
      runCommand(TSX_BIN, [CLI, 'drift', '--dir', dir, '--engine', engine.path], {
        cwd: ROOT,
        env: { ...env, ...extra },
      });

    beforeAll(async () => {
      sandbox = await createSandbox();
      emulator = await startEmulator({ port: 0 });
      env = { ...sandbox.env, ...providerEnvFor(emulator.url) };
      dir = path.join(sandbox.root, 'work');
      await mkdir(dir);
      await writeFile(path.join(dir, 'main.tf.json'), JSON.stringify(CONFIG, null, 2));
      await runCommand(engine.path, ['init', '-input=false'], { cwd: dir, env }).then((r) =>
        expectExit(r, [0], 'init'),
      );
      await runCommand(engine.path, ['apply', '-auto-approve', '-input=false'], { cwd: dir, env }).then((r) =>
        expectExit(r, [0], 'apply'),
      );
    }, 120_000);

    afterAll(async () => {
      await emulator?.close();
      await sandbox?.dispose();
    });

    test('in sync: exit 0, "No drift"', async () => {
      const r = await report();
      expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringMatching(/^No drift:/) });
    }, 60_000);

    test('an edit of a field the configuration does not manage: exit 0, listed for information', async () => {
      await new EmulatorAdmin(emulator.url).patchProfile({ taxId: 'EDITED-ELSEWHERE' });
      const r = await report();
      expect(r.code).toBe(0);
      expect(r.output).toMatch(/^No managed drift\./);
      expect(r.output).toMatch(
        /~ tax_id: .* -> "EDITED-ELSEWHERE" {2}\(changed outside Terraform; not managed: no action\)/,
      );
    }, 60_000);

    test('the check itself failing (bad credentials) is exit 1 with the engine error', async () => {
      const r = await report({ PARTNERCENTER_REFRESH_TOKEN: 'not-the-right-token' });
      expect(r.code).toBe(1);
      expect(r.output).toMatch(/terraform-provider-partnercenter drift: .*plan failed/);
    }, 60_000);
  });
}
