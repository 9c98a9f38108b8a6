// The CDKTF example (../cdktf/main.ts) for CDK Terrain: the same stack on the cdktn runtime,
// through the bindings generated for it (terraform-provider-partnercenter/cdktn).
//
//   npx cdktn synth
//   npx cdktn deploy --skip-provider-lock --auto-approve
//   npx cdktn diff --skip-provider-lock [--refresh-only]
//
// See README.md in this folder for the one-time provider install and why --skip-provider-lock.
import { App, TerraformOutput, TerraformStack } from 'cdktn';
import { Construct } from 'constructs';
import {
  DataPartnerNetworkProfile,
  PartnerBillingProfile,
  PartnerCenterProvider,
  PartnerLegalBusinessProfile,
  PartnerOrganizationProfile,
  PartnerSupportProfile,
} from 'terraform-provider-partnercenter/cdktn';

export class PartnerProfilesStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    // One constraint for both engines: Terraform and OpenTofu before 1.12 compare it with their own
    // version (OpenTofu 1.12 reads it only from .tofu files). OpenTofu works from 1.6, Terraform
    // from 1.8, which this cannot say without refusing OpenTofu 1.6 and 1.7.
    this.addOverride('terraform.required_version', '>= 1.6.0');

    // No settings in code: the provider reads PARTNERCENTER_TENANT_ID, PARTNERCENTER_CLIENT_ID,
    // PARTNERCENTER_REFRESH_TOKEN, PARTNERCENTER_BASE_URL, ... itself when Terraform runs it,
    // so credentials never land in cdk.tf.json, the plan file or the state.
    new PartnerCenterProvider(this, 'partnercenter');

    const profile = new PartnerBillingProfile(this, 'billing', {
      purchaseOrderNumber: 'PO-2024-0042',
      taxId: 'DE123456789',
      primaryContact: {
        firstName: 'Avery',
        lastName: 'Example',
        email: 'billing@contoso.example',
      },
      // Only the fields written here are managed; the rest of the address keeps its live value.
      address: { addressLine1: '1 Contoso Way' },
    });

    new TerraformOutput(this, 'etag', {
      value: profile.etag,
      description: 'ETag of the billing profile after the last apply',
    });

    // Every profile works the same way: it always exists (creating the construct adopts it,
    // destroying it only forgets it), and only the fields written here are managed.
    new PartnerSupportProfile(this, 'support', {
      email: 'support@contoso.example',
      website: 'https://support.contoso.example',
    });

    new PartnerOrganizationProfile(this, 'organization', {
      email: 'admin@contoso.example',
      culture: 'en-us',
    });

    const legal = new PartnerLegalBusinessProfile(this, 'legal', {
      companyApproverEmail: 'approver@contoso.example',
      primaryContact: { email: 'legal@contoso.example' },
    });

    new TerraformOutput(this, 'vetting_status', {
      value: legal.vettingStatus,
      description: "Microsoft's vetting of the legal business profile (read-only)",
    });

    // The partner network (AI Cloud Partner Program) profile cannot be changed through the API:
    // a data source only.
    const network = new DataPartnerNetworkProfile(this, 'network');
    new TerraformOutput(this, 'partner_id', {
      value: network.partnerId,
      description: 'Partner id in the AI Cloud Partner Program (formerly the MPN id)',
    });
  }
}

const app = new App();
new PartnerProfilesStack(app, 'partnercenter-billing');
app.synth();
