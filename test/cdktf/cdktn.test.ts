// The cdktn entry (lib/cdktn/index.ts over lib/cdktn/generated): the same stable names as the
// cdktf entry, classes built on cdktn's own TerraformResource, and the same Terraform JSON for the
// same stack.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import type { Construct } from 'constructs';
import * as forCdktf from '../../lib';
import * as forCdktn from '../../lib/cdktn';

const outdir = mkdtempSync(path.join(os.tmpdir(), 'cdktn-construct-test-'));
afterAll(() => rm(outdir, { recursive: true, force: true }));

/** The example's constructs in `stack`, through one runtime's bindings; returns the etag reference. */
function addExample(stack: Construct, bindings: typeof forCdktf | typeof forCdktn): string {
  new bindings.PartnerCenterProvider(stack, 'pc');
  const profile = new bindings.PartnerBillingProfile(stack, 'billing', {
    purchaseOrderNumber: 'PO-1',
    taxId: '',
    address: { addressLine1: '1 Contoso Way' },
    primaryContact: { email: 'billing@contoso.example' },
    lifecycle: { ignoreChanges: ['tax_id'] },
  });
  new bindings.DataPartnerBillingProfile(stack, 'live');
  new bindings.PartnerSupportProfile(stack, 'support', { email: 'support@contoso.example' });
  new bindings.PartnerOrganizationProfile(stack, 'organization', { culture: 'en-us' });
  new bindings.PartnerLegalBusinessProfile(stack, 'legal', { primaryContact: { email: 'legal@contoso.example' } });
  new bindings.DataPartnerSupportProfile(stack, 'support_live');
  new bindings.DataPartnerOrganizationProfile(stack, 'organization_live');
  new bindings.DataPartnerLegalBusinessProfile(stack, 'legal_live');
  new bindings.DataPartnerNetworkProfile(stack, 'network');
  return profile.etag;
}

function viaCdktf(): unknown {
  const stack = new cdktf.TerraformStack(cdktf.Testing.app({ outdir }), 'test');
  new cdktf.TerraformOutput(stack, 'etag', { value: addExample(stack, forCdktf) });
  return JSON.parse(cdktf.Testing.synth(stack));
}

function viaCdktn(): unknown {
  const stack = new cdktn.TerraformStack(cdktn.Testing.app({ outdir }), 'test');
  new cdktn.TerraformOutput(stack, 'etag', { value: addExample(stack, forCdktn) });
  return JSON.parse(cdktn.Testing.synth(stack));
}

test('lib/cdktn exports the same names as lib/index.ts, generated namespace included', () => {
  expect(Object.keys(forCdktn).sort()).toEqual(Object.keys(forCdktf).sort());
  expect(Object.keys(forCdktn.generated).sort()).toEqual(Object.keys(forCdktf.generated).sort());
  expect(Object.keys(forCdktn)).toEqual(
    expect.arrayContaining([
      'PartnerBillingProfile',
      'DataPartnerBillingProfile',
      'PartnerSupportProfile',
      'PartnerOrganizationProfile',
      'PartnerLegalBusinessProfile',
      'DataPartnerSupportProfile',
      'DataPartnerOrganizationProfile',
      'DataPartnerLegalBusinessProfile',
      'DataPartnerNetworkProfile',
      'PartnerCenterProvider',
    ]),
  );
});

test("the cdktn classes extend cdktn's TerraformResource and TerraformProvider, not cdktf's", () => {
  expect(forCdktn.PartnerBillingProfile.prototype).toBeInstanceOf(cdktn.TerraformResource);
  expect(forCdktn.PartnerBillingProfile.prototype).not.toBeInstanceOf(cdktf.TerraformResource);
  expect(forCdktn.DataPartnerBillingProfile.prototype).toBeInstanceOf(cdktn.TerraformDataSource);
  for (const cls of [
    forCdktn.PartnerSupportProfile,
    forCdktn.PartnerOrganizationProfile,
    forCdktn.PartnerLegalBusinessProfile,
  ])
    expect(cls.prototype).toBeInstanceOf(cdktn.TerraformResource);
  for (const cls of [
    forCdktn.DataPartnerSupportProfile,
    forCdktn.DataPartnerOrganizationProfile,
    forCdktn.DataPartnerLegalBusinessProfile,
    forCdktn.DataPartnerNetworkProfile,
  ])
    expect(cls.prototype).toBeInstanceOf(cdktn.TerraformDataSource);
  expect(forCdktn.PartnerCenterProvider.prototype).toBeInstanceOf(cdktn.TerraformProvider);
  expect(forCdktf.PartnerBillingProfile.prototype).toBeInstanceOf(cdktf.TerraformResource);
});

test('a cdktn stack synthesizes the same Terraform JSON as the cdktf stack', () => {
  const synthesized = viaCdktn();
  expect(synthesized).toEqual(viaCdktf());
  expect(synthesized).toMatchObject({
    resource: {
      partnercenter_billing_profile: {
        billing: { purchase_order_number: 'PO-1', lifecycle: { ignore_changes: ['tax_id'] } },
      },
    },
    data: {
      partnercenter_billing_profile: { live: {} },
      partnercenter_partner_network_profile: { network: {} },
    },
    terraform: { required_providers: { partnercenter: { source: 'terraform.local/partnercenter/partnercenter' } } },
  });
});
