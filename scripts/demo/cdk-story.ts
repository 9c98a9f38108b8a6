// The same story through a CDK example stack and its real CLI: examples/cdktf/main.ts with cdktf,
// or examples/cdktn/main.ts with cdktn (CDK Terrain). synth, deploy (adopt), an empty diff,
// drift in `diff` and `diff --refresh-only`, deploy restores; then the ETag guard on the
// synthesized stack with the engine itself (deploy never applies a saved plan, so a stale one can
// only be shown there).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EmulatorAdmin } from '../../emulator/admin-client';
import { copyCdktfProject, copyCdktnProject } from '../cdktf-project-copy';
import type { CdkCli } from './cdk-cli';
import type { DemoEngine } from './engine';
import { EngineRunner, runProgram } from './engine-runner';
import { check, say, show, step } from './narrator';
import { profilePuts as puts } from './puts';
import { staleSavedPlanChapter } from './stale-plan';

const ROOT = path.resolve(__dirname, '..', '..');
const STACK = 'partnercenter-billing';

/** The parts of the synthesized cdk.tf.json the story shows and checks. */
interface SynthesizedStack {
  resource: { partnercenter_billing_profile: unknown };
  terraform: { required_providers: { partnercenter: { source: string } } };
}

export async function cdkStory(
  workdir: string,
  engine: DemoEngine,
  baseEnv: NodeJS.ProcessEnv,
  admin: EmulatorAdmin,
  cli: CdkCli,
): Promise<void> {
  const name = cli.runtime;
  const copy = name === 'cdktf' ? copyCdktfProject : copyCdktnProject;
  const dir = copy(path.join(workdir, `${name}-project`));
  const env: NodeJS.ProcessEnv = cli.env({
    ...baseEnv,
    TERRAFORM_BINARY_NAME: engine.path,
    DISABLE_VERSION_CHECK: '1',
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  });
  const run = (args: string[]) => runProgram(cli.bin, args, dir, env);
  const stackDir = path.join(dir, 'cdktf.out', 'stacks', STACK);
  const example = readFileSync(path.join(ROOT, 'examples', name, 'main.ts'), 'utf8');
  const declaredPo = /purchaseOrderNumber: '([^']+)'/.exec(example)?.[1];
  check(Boolean(declaredPo), 'the example stack declares a purchase order number');

  if (cli.nodeVersion !== process.versions.node) say(`${name} runs on Node v${cli.nodeVersion} (first on its PATH)`);

  step(`${name} synth: the TypeScript stack becomes Terraform JSON`);
  const synth = await run(['synth']);
  check(synth.code === 0, `${name} synth succeeds`);
  const synthesized = JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as SynthesizedStack;
  show(JSON.stringify(synthesized.resource.partnercenter_billing_profile, null, 2));
  check(
    synthesized.terraform.required_providers.partnercenter.source === 'terraform.local/partnercenter/partnercenter',
    'required_providers names our source address',
  );

  step(`${name} deploy: adopt the billing profile and set the declared fields`);
  const deploy = await run(['deploy', '--auto-approve', '--skip-provider-lock']);
  show(
    deploy.output
      .split('\n')
      .filter((l) => /Creating|Creation complete|Apply complete|etag =/.test(l))
      .join('\n'),
  );
  check(deploy.code === 0, `${name} deploy succeeds`);
  check(
    (await admin.profile()).purchaseOrderNumber === declaredPo,
    `the emulator now holds purchase order ${declaredPo}`,
  );
  check(puts(await admin.requests()).length === 1, 'exactly one PUT reached the API');

  step(`${name} diff: nothing to do`);
  const empty = await run(['diff']);
  check(empty.code === 0, `${name} diff succeeds`);
  check(/No changes/.test(empty.output), `${name} diff reports no changes`);

  step('someone edits the purchase order number in the Partner Center dashboard');
  await admin.patchProfile({ purchaseOrderNumber: 'PO-EDITED-IN-DASHBOARD' });
  const drift = await run(['diff']);
  show(
    drift.output
      .split('\n')
      .filter((l) => /changed outside|purchase_order_number|Plan:/.test(l))
      .join('\n'),
  );
  check(
    /purchase_order_number\s+=\s+"PO-EDITED-IN-DASHBOARD" -> "/.test(drift.output),
    `${name} diff shows the drift and the update that restores it`,
  );
  const refreshOnly = await run(['diff', '--refresh-only']);
  check(/refresh-only plan/.test(refreshOnly.output), `${name} diff --refresh-only shows only what changed outside`);

  step(`${name} deploy restores the declared value`);
  const restore = await run(['deploy', '--auto-approve']);
  check(restore.code === 0, `${name} deploy succeeds`);
  check((await admin.profile()).purchaseOrderNumber === declaredPo, `the emulator holds ${declaredPo} again`);

  say(
    `the synthesized stack in ${path.relative(workdir, stackDir)} is plain Terraform JSON: the engine can use it directly`,
  );
  await staleSavedPlanChapter(new EngineRunner(engine, stackDir, env), admin);
}
