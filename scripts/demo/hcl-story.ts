// The story told with plain Terraform/OpenTofu and examples/hcl/main.tf: adopt, empty plan,
// drift made in the "dashboard", the plan that shows it, the apply that restores it, and a stale
// saved plan refused by the ETag guard.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { EmulatorAdmin } from '../../emulator/admin-client';
import { profilePuts as puts } from './puts';
import { EngineRunner } from './engine-runner';
import { check, say, show, step } from './narrator';
import { staleSavedPlanChapter } from './stale-plan';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'hcl', 'main.tf');
const MANAGED_PO = 'PO-2026-001';

export async function hclStory(workdir: string, tf: EngineRunner, admin: EmulatorAdmin): Promise<void> {
  copyFileSync(EXAMPLE, path.join(workdir, 'main.tf'));

  step('init: the engine installs our provider from the local filesystem mirror');
  const init = await tf.run(['init', '-no-color', '-input=false']);
  show(
    init.output
      .split('\n')
      .filter((l) => /Installing|Installed|initialized/.test(l))
      .join('\n'),
  );
  check(init.code === 0, 'init succeeds');

  step('first apply: adopt the existing billing profile and set the managed fields');
  const before = await admin.profile();
  say(`live purchase order number before: ${JSON.stringify(before.purchaseOrderNumber ?? null)}`);
  const apply1 = await tf.run(['apply', '-auto-approve', '-no-color', '-input=false']);
  show(apply1.output);
  check(apply1.code === 0, 'apply succeeds');
  const afterAdopt = await admin.profile();
  check(afterAdopt.purchaseOrderNumber === MANAGED_PO, `the emulator now holds purchase order ${MANAGED_PO}`);
  const adoptPuts = puts(await admin.requests());
  check(
    adoptPuts.length === 1 && Boolean(adoptPuts[0].ifMatch),
    'exactly one PUT reached the API, guarded by If-Match',
  );

  step('plan again: nothing to do');
  const empty = await tf.run(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
  show(
    empty.output
      .split('\n')
      .filter((l) => /No changes|infrastructure matches/.test(l))
      .join('\n'),
  );
  check(empty.code === 0, 'plan -detailed-exitcode exits 0 (no changes)');

  step('someone edits the purchase order number in the Partner Center dashboard');
  const edited = await admin.patchProfile({ purchaseOrderNumber: 'PO-EDITED-IN-DASHBOARD' });
  const editedAttributes = edited.attributes as { etag?: string } | undefined;
  say(
    `out-of-band edit: purchaseOrderNumber = "${edited.purchaseOrderNumber}", new etag ${editedAttributes?.etag ?? edited.etag}`,
  );

  step('plan shows the drift (exit code 2 for CI)');
  const drift = await tf.run(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
  show(drift.output);
  check(drift.code === 2, 'plan -detailed-exitcode exits 2 (changes)');
  check(/purchase_order_number/.test(drift.output), 'the plan names the drifted field purchase_order_number');

  step('apply restores the declared value');
  const restore = await tf.run(['apply', '-auto-approve', '-no-color', '-input=false']);
  show(
    restore.output
      .split('\n')
      .filter((l) => /Apply complete|Modifying|Modifications complete/.test(l))
      .join('\n'),
  );
  check(restore.code === 0, 'apply succeeds');
  check((await admin.profile()).purchaseOrderNumber === MANAGED_PO, `the emulator holds ${MANAGED_PO} again`);

  await staleSavedPlanChapter(tf, admin);
}
