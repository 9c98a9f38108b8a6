// The CDKTF example stack (every profile, and the partner network data source) through the real
// cdktf CLI, on every engine, against the emulator: synth -> deploy -> out-of-band edit -> diff
// shows the drift -> diff --refresh-only -> deploy restores it. The provider comes from the sandbox HOME's implied mirror, as for a user.
import path from 'node:path';
import { startEmulator, type RunningEmulator, providerEnvFor } from '../../emulator/server';
import { SOURCE_ADDRESS, PROVIDER_VERSION } from '../../provider/meta';
import { ROOT } from '../support/bundles';
import { describeEachEngine } from '../support/engines';
import { CdktfProject, STACK } from './support/cdktf-project';
import { EmulatorAdmin } from '../../emulator/admin-client';
import { createSandbox, type Sandbox } from './support/sandbox';

jest.setTimeout(180_000);

const EXAMPLE = {
  purchaseOrderNumber: 'PO-2024-0042',
  taxId: 'DE123456789',
  primaryContact: { firstName: 'Avery', lastName: 'Example', email: 'billing@contoso.example' },
  addressLine1: '1 Contoso Way',
};
/** What examples/cdktf/main.ts sets on the other profiles, in Terraform names. */
const OTHER_PROFILES = {
  support: { email: 'support@contoso.example', website: 'https://support.contoso.example' },
  organization: { email: 'admin@contoso.example', culture: 'en-us' },
  legal: { company_approver_email: 'approver@contoso.example', primary_contact: { email: 'legal@contoso.example' } },
};
const OUT_OF_BAND_PO = 'PO-EDITED-IN-DASHBOARD';
const CHECK_DRIFT = path.join(ROOT, 'examples', 'drift-detection', 'check-drift.sh');

describeEachEngine('CDKTF example via the cdktf CLI', (engine) => {
  let sandbox: Sandbox;
  let emulator: RunningEmulator;
  let project: CdktfProject;

  beforeAll(async () => {
    sandbox = await createSandbox();
    emulator = await startEmulator({ port: 0 });
    project = await CdktfProject.create(sandbox, 'project', engine, providerEnvFor(emulator.url));
  });

  afterAll(async () => {
    await emulator?.close();
    await sandbox?.dispose();
  });

  test('synth writes the resource and required_providers with our source address', async () => {
    await project.cdktf(['synth']);
    const tf = project.synthesized();
    expect(tf.terraform.required_providers.partnercenter).toEqual({
      source: SOURCE_ADDRESS,
      version: PROVIDER_VERSION,
    });
    expect(tf.resource.partnercenter_billing_profile.billing).toMatchObject({
      purchase_order_number: EXAMPLE.purchaseOrderNumber,
      tax_id: EXAMPLE.taxId,
      primary_contact: { first_name: 'Avery', last_name: 'Example', email: EXAMPLE.primaryContact.email },
      address: { address_line1: EXAMPLE.addressLine1 },
    });
    // Credentials come from the environment at run time, never from the synthesized file.
    expect(JSON.stringify(tf)).not.toContain('emulator-refresh-token');
    expect(tf.output.etag.value).toBe('${partnercenter_billing_profile.billing.etag}');
    // The example declares every profile, and reads the partner network one.
    expect(Object.keys(tf.resource).sort()).toEqual([
      'partnercenter_billing_profile',
      'partnercenter_legal_business_profile',
      'partnercenter_organization_profile',
      'partnercenter_support_profile',
    ]);
    expect(tf.resource).toMatchObject({
      partnercenter_support_profile: { support: OTHER_PROFILES.support },
      partnercenter_organization_profile: { organization: OTHER_PROFILES.organization },
      partnercenter_legal_business_profile: { legal: OTHER_PROFILES.legal },
    });
    // A data source without input: only cdktf's metadata ("//").
    expect(Object.keys(tf.data.partnercenter_partner_network_profile.network)).toEqual(['//']);
    expect(tf.output.partner_id.value).toBe('${data.partnercenter_partner_network_profile.network.partner_id}');
  });

  test('deploy (first run needs --skip-provider-lock) applies the example and records the lock', async () => {
    const deploy = await project.cdktf(['deploy', '--auto-approve', '--skip-provider-lock']);
    const live = await new EmulatorAdmin(emulator.url).profile();
    expect(live).toMatchObject({
      purchaseOrderNumber: EXAMPLE.purchaseOrderNumber,
      taxId: EXAMPLE.taxId,
      primaryContact: EXAMPLE.primaryContact,
      address: { addressLine1: EXAMPLE.addressLine1, city: 'Redmond' },
    });
    expect(deploy.output).toContain(`etag = ${live.attributes?.etag}`);
    const admin = new EmulatorAdmin(emulator.url);
    expect(await admin.getProfileOf('support')).toMatchObject({
      email: OTHER_PROFILES.support.email,
      website: OTHER_PROFILES.support.website,
    });
    expect(await admin.getProfileOf('organization')).toMatchObject({
      email: OTHER_PROFILES.organization.email,
      culture: OTHER_PROFILES.organization.culture,
    });
    expect(await admin.getProfileOf('legalbusiness')).toMatchObject({
      companyApproverEmail: OTHER_PROFILES.legal.company_approver_email,
      primaryContact: { email: OTHER_PROFILES.legal.primary_contact.email, firstName: 'Avery' },
    });
    expect(deploy.output).toContain(`partner_id = ${(await admin.getProfileOf('mpn')).partnerId}`);
    expect(deploy.output).toContain('vetting_status = None');
    expect(project.lockFile()).toContain(`provider "${SOURCE_ADDRESS}"`);
  });

  test('diff right after deploy has nothing to do (the lock file from init is enough)', async () => {
    const diff = await project.cdktf(['diff']);
    expect(diff.output).toMatch(/No changes\. Your infrastructure matches the configuration/);
  });

  test('an out-of-band edit shows as drift in diff, and diff does not write', async () => {
    const edited = await new EmulatorAdmin(emulator.url).patchProfile({ purchaseOrderNumber: OUT_OF_BAND_PO });
    const diff = await project.cdktf(['diff']);
    expect(diff.output).toMatch(/Objects have changed outside of (Terraform|OpenTofu)/);
    expect(diff.output).toContain(`purchase_order_number = "${OUT_OF_BAND_PO}" -> "${EXAMPLE.purchaseOrderNumber}"`);
    expect(diff.output).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);
    expect((await new EmulatorAdmin(emulator.url).profile()).attributes?.etag).toBe(edited.attributes?.etag);
  });

  test('diff --refresh-only shows the edit as a state update only', async () => {
    const diff = await project.cdktf(['diff', '--refresh-only']);
    expect(diff.output).toContain(`purchase_order_number = "${EXAMPLE.purchaseOrderNumber}" -> "${OUT_OF_BAND_PO}"`);
    expect(diff.output).toMatch(/This is a refresh-only plan/);
    expect(diff.output).not.toMatch(/to change/);
  });

  test('the drift check (npm run drift) exits 2 and names the drifted field', async () => {
    const check = await project.run('bash', [CHECK_DRIFT]);
    expect(check.code).toBe(2);
    expect(check.output).toContain('DRIFT DETECTED');
    expect(check.output).toContain(
      `purchase_order_number: "${EXAMPLE.purchaseOrderNumber}" -> "${OUT_OF_BAND_PO}"  (changed outside Terraform; apply restores the configured value)`,
    );
  });

  test('deploy puts the configured value back, and the drift check then passes', async () => {
    await project.cdktf(['deploy', '--auto-approve']);
    expect((await new EmulatorAdmin(emulator.url).profile()).purchaseOrderNumber).toBe(EXAMPLE.purchaseOrderNumber);
    expect(project.synthesized()['//'].metadata.stackName).toBe(STACK);
    const check = await project.run('bash', [CHECK_DRIFT]);
    expect({ code: check.code, output: check.output }).toEqual({
      code: 0,
      output: expect.stringContaining('No drift'),
    });
  });
});
