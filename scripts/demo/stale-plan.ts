// The ETag guard chapter, shared by both stories: a plan saved with -out goes stale when the
// profile changes before it is applied; the apply must refuse and keep the other person's edit.
import type { EmulatorAdmin } from '../../emulator/admin-client';
import type { EngineRunner } from './engine-runner';
import { check, say, show, step } from './narrator';
import { profilePuts as puts } from './puts';

export async function staleSavedPlanChapter(tf: EngineRunner, admin: EmulatorAdmin): Promise<void> {
  step('a saved plan goes stale: the profile changes between plan and apply');
  await admin.patchProfile({ taxId: '99-9999999' });
  const saved = await tf.run(['plan', '-out=stale.tfplan', '-no-color', '-input=false']);
  check(saved.code === 0, 'plan -out=stale.tfplan succeeds (it plans to restore the tax id)');
  const putsBefore = puts(await admin.requests()).length;
  await admin.patchProfile({ purchaseOrderNumber: 'PO-URGENT-FROM-FINANCE' });
  say('meanwhile finance changes the purchase order number in the dashboard');
  const stale = await tf.run(['apply', '-no-color', '-input=false', 'stale.tfplan']);
  show(stale.output);
  check(stale.code !== 0, 'applying the stale plan fails');
  check(
    /changed outside Terraform/i.test(stale.output),
    'the error says the profile changed outside Terraform since the plan',
  );
  const kept = await admin.profile();
  check(
    kept.purchaseOrderNumber === 'PO-URGENT-FROM-FINANCE',
    "finance's out-of-band value is kept (nothing overwritten)",
  );
  check(puts(await admin.requests()).length === putsBefore, 'no PUT reached the API');
  say('what to do: run plan again, review, apply (or put the new value in the configuration)');
}
