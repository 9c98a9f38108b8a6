// The hand-written entry (lib/index.ts) over the generated bindings: what the constructs
// synthesize, and that the result is valid for the real engines with the real provider.
import { mkdtempSync } from 'node:fs';
import { mkdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { toBeValidTerraform } from 'cdktf/lib/testing/matchers';
// Declares the jest matcher types Testing.setupJest() installs (cdktf's index does not import it).
import 'cdktf/lib/testing/adapters/jest';
import {
  DataPartnerBillingProfile,
  DataPartnerLegalBusinessProfile,
  DataPartnerNetworkProfile,
  DataPartnerOrganizationProfile,
  DataPartnerSupportProfile,
  PartnerBillingProfile,
  PartnerCenterProvider,
  PartnerLegalBusinessProfile,
  PartnerOrganizationProfile,
  PartnerSupportProfile,
  PartnercenterProvider,
  generated,
  type PartnerBillingProfileConfig,
  type PartnerLegalBusinessProfileConfig,
} from '../../lib';
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../../provider/meta';
import { listEngines, engineLabel, type Engine } from '../support/engines';
import { createSandbox, type Sandbox } from './support/sandbox';

Testing.setupJest();

// Testing.app() / synthScope() would make a new temp dir per call and never remove it: share one.
const outdir = mkdtempSync(path.join(os.tmpdir(), 'cdktf-construct-test-'));
afterAll(() => rm(outdir, { recursive: true, force: true }));

function exampleStack(configure: (stack: TerraformStack) => void): TerraformStack {
  const stack = new TerraformStack(Testing.app({ outdir }), 'test');
  configure(stack);
  return stack;
}

const synthScope = (configure: (stack: TerraformStack) => void): string => Testing.synth(exampleStack(configure));

describe('PartnerBillingProfile construct', () => {
  test('synthesizes the managed attributes in Terraform names, leaving the rest out', () => {
    const synthesized = synthScope((scope) => {
      new PartnerCenterProvider(scope, 'pc');
      new PartnerBillingProfile(scope, 'billing', {
        purchaseOrderNumber: 'PO-1',
        taxId: '',
        address: { addressLine1: '1 Contoso Way', postalCode: '98052' },
        primaryContact: { email: 'billing@contoso.example' },
      });
    });
    expect(synthesized).toHaveResourceWithProperties(PartnerBillingProfile, {
      purchase_order_number: 'PO-1',
      tax_id: '',
      address: { address_line1: '1 Contoso Way', postal_code: '98052' },
      primary_contact: { email: 'billing@contoso.example' },
    });
    const resource = JSON.parse(synthesized).resource.partnercenter_billing_profile.billing;
    expect(Object.keys(resource).sort()).toEqual(['address', 'primary_contact', 'purchase_order_number', 'tax_id']);
    expect(resource.address).toEqual({ address_line1: '1 Contoso Way', postal_code: '98052' });
  });

  test('is the generated resource under a stable name', () => {
    expect(PartnerBillingProfile.tfResourceType).toBe('partnercenter_billing_profile');
    const stack = exampleStack((s) => new PartnerBillingProfile(s, 'billing'));
    expect(stack.node.findChild('billing')).toBeInstanceOf(generated.billingProfile.BillingProfile);
    expect(Testing.synth(stack)).not.toHaveResourceWithProperties(PartnerBillingProfile, {
      purchase_order_number: 'PO-1',
    });
  });

  test('computed attributes are references usable elsewhere in the stack', () => {
    const synthesized = synthScope((scope) => {
      const profile = new PartnerBillingProfile(scope, 'billing', {});
      new TerraformOutput(scope, 'etag', { value: profile.etag });
      new TerraformOutput(scope, 'city', { value: profile.address.city });
      new TerraformOutput(scope, 'currency', { value: profile.billingCurrency });
    });
    const outputs = JSON.parse(synthesized).output;
    expect(outputs.etag.value).toBe('${partnercenter_billing_profile.billing.etag}');
    expect(outputs.city.value).toBe('${partnercenter_billing_profile.billing.address.city}');
    expect(outputs.currency.value).toBe('${partnercenter_billing_profile.billing.billing_currency}');
  });

  test('lifecycle meta-arguments pass through (e.g. ignore a field edited in the dashboard)', () => {
    const synthesized = synthScope((scope) => {
      new PartnerBillingProfile(scope, 'billing', { taxId: 'X', lifecycle: { ignoreChanges: ['primary_contact'] } });
    });
    expect(synthesized).toHaveResourceWithProperties(PartnerBillingProfile, {
      lifecycle: { ignore_changes: ['primary_contact'] },
    });
  });
});

describe('PartnerCenterProvider and DataPartnerBillingProfile', () => {
  test('the provider block and required_providers use our source address and version', () => {
    const synthesized = synthScope((scope) => {
      new PartnerCenterProvider(scope, 'pc', { environment: 'usgov', locale: 'de-DE', alias: 'gov' });
    });
    expect(synthesized).toHaveProviderWithProperties(PartnerCenterProvider, {
      environment: 'usgov',
      locale: 'de-DE',
      alias: 'gov',
    });
    expect(JSON.parse(synthesized).terraform.required_providers.partnercenter).toEqual({
      source: SOURCE_ADDRESS,
      version: PROVIDER_VERSION,
    });
    expect(PartnerCenterProvider).toBe(PartnercenterProvider);
  });

  test('the data source synthesizes with no input', () => {
    const synthesized = synthScope((scope) => {
      const data = new DataPartnerBillingProfile(scope, 'current');
      new TerraformOutput(scope, 'company', { value: data.companyName });
    });
    expect(synthesized).toHaveDataSource(DataPartnerBillingProfile);
    expect(JSON.parse(synthesized).output.company.value).toBe(
      '${data.partnercenter_billing_profile.current.company_name}',
    );
  });
});

describe('the other profiles under stable names', () => {
  test('each class is the generated resource or data source of its Terraform type', () => {
    const cases: [{ tfResourceType: string; prototype: object }, string, new (...args: never[]) => unknown][] = [
      [PartnerSupportProfile, 'partnercenter_support_profile', generated.supportProfile.SupportProfile],
      [
        PartnerOrganizationProfile,
        'partnercenter_organization_profile',
        generated.organizationProfile.OrganizationProfile,
      ],
      [
        PartnerLegalBusinessProfile,
        'partnercenter_legal_business_profile',
        generated.legalBusinessProfile.LegalBusinessProfile,
      ],
      [
        DataPartnerSupportProfile,
        'partnercenter_support_profile',
        generated.dataPartnercenterSupportProfile.DataPartnercenterSupportProfile,
      ],
      [
        DataPartnerOrganizationProfile,
        'partnercenter_organization_profile',
        generated.dataPartnercenterOrganizationProfile.DataPartnercenterOrganizationProfile,
      ],
      [
        DataPartnerLegalBusinessProfile,
        'partnercenter_legal_business_profile',
        generated.dataPartnercenterLegalBusinessProfile.DataPartnercenterLegalBusinessProfile,
      ],
      [
        DataPartnerNetworkProfile,
        'partnercenter_partner_network_profile',
        generated.dataPartnercenterPartnerNetworkProfile.DataPartnercenterPartnerNetworkProfile,
      ],
    ];
    for (const [cls, type, base] of cases) {
      expect([type, cls.tfResourceType]).toEqual([type, type]);
      expect(cls.prototype).toBeInstanceOf(base);
    }
  });

  test('the resources synthesize only the managed attributes, in Terraform names', () => {
    const synthesized = synthScope((scope) => {
      new PartnerSupportProfile(scope, 'support', { email: 'support@contoso.example', telephone: '' });
      new PartnerOrganizationProfile(scope, 'organization', {
        culture: 'en-us',
        defaultAddress: { addressLine1: '1 Contoso Way' },
      });
      new PartnerLegalBusinessProfile(scope, 'legal', {
        companyApproverEmail: 'approver@contoso.example',
        primaryContact: { email: 'legal@contoso.example' },
        companyApproverAddress: { country: 'DE' },
      });
    });
    expect(JSON.parse(synthesized).resource).toEqual({
      partnercenter_support_profile: { support: { email: 'support@contoso.example', telephone: '' } },
      partnercenter_organization_profile: {
        organization: { culture: 'en-us', default_address: { address_line1: '1 Contoso Way' } },
      },
      partnercenter_legal_business_profile: {
        legal: {
          company_approver_email: 'approver@contoso.example',
          primary_contact: { email: 'legal@contoso.example' },
          company_approver_address: { country: 'DE' },
        },
      },
    });
  });

  test('read-only attributes and the data sources are references usable elsewhere in the stack', () => {
    const synthesized = synthScope((scope) => {
      const legal = new PartnerLegalBusinessProfile(scope, 'legal');
      const organization = new DataPartnerOrganizationProfile(scope, 'organization');
      const network = new DataPartnerNetworkProfile(scope, 'network');
      new DataPartnerSupportProfile(scope, 'support');
      new DataPartnerLegalBusinessProfile(scope, 'legal_live');
      new TerraformOutput(scope, 'vetting', { value: legal.vettingStatus });
      new TerraformOutput(scope, 'domain', { value: organization.domain });
      new TerraformOutput(scope, 'partner_id', { value: network.partnerId });
    });
    const json = JSON.parse(synthesized);
    expect(json.output).toEqual({
      vetting: { value: '${partnercenter_legal_business_profile.legal.vetting_status}' },
      domain: { value: '${data.partnercenter_organization_profile.organization.domain}' },
      partner_id: { value: '${data.partnercenter_partner_network_profile.network.partner_id}' },
    });
    expect(json.data).toEqual({
      partnercenter_organization_profile: { organization: {} },
      partnercenter_partner_network_profile: { network: {} },
      partnercenter_support_profile: { support: {} },
      partnercenter_legal_business_profile: { legal_live: {} },
    });
  });
});

// toBeValidTerraform runs `terraform init` + `validate` through a shell, with process.env, using
// the binary named by TERRAFORM_BINARY_NAME (read once when cdktf loads) or `terraform`. So each
// engine is put first on PATH under both names, and the sandbox env is swapped in for the call.
async function withEngineEnv<T>(engine: Engine, sandbox: Sandbox, fn: () => T): Promise<T> {
  const bin = path.join(sandbox.root, `bin-${engine.name}-${engine.version}`);
  await mkdir(bin, { recursive: true });
  for (const name of ['terraform', 'tofu']) await symlink(engine.path, path.join(bin, name)).catch(() => undefined);
  const saved = { ...process.env };
  try {
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, sandbox.env, { PATH: `${bin}${path.delimiter}${sandbox.env.PATH ?? ''}` });
    return fn();
  } finally {
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe('synthesized stacks are valid for the engines (with the real provider)', () => {
  let sandbox: Sandbox;
  const synthDirs: string[] = [];
  /** Testing.fullSynth writes to a fresh temp dir and leaves it there: track it for cleanup. */
  const fullSynth = (stack: TerraformStack): string => {
    const dir = Testing.fullSynth(stack);
    synthDirs.push(dir);
    return dir;
  };
  beforeAll(async () => {
    sandbox = await createSandbox();
  });
  afterAll(async () => {
    for (const dir of synthDirs) await rm(dir, { recursive: true, force: true });
    await sandbox?.dispose();
  });

  for (const engine of listEngines().filter((e) => e.pinned)) {
    test(`a stack like the example validates [${engineLabel(engine)}]`, async () => {
      const stack = exampleStack((s) => {
        new PartnerCenterProvider(s, 'pc');
        const profile = new PartnerBillingProfile(s, 'billing', {
          purchaseOrderNumber: 'PO-1',
          address: { addressLine1: 'x' },
        });
        new TerraformOutput(s, 'etag', { value: profile.etag });
      });
      const dir = fullSynth(stack);
      await withEngineEnv(engine, sandbox, () => expect(dir).toBeValidTerraform());
    }, 60_000);

    test(`a stack with every profile validates [${engineLabel(engine)}]`, async () => {
      const stack = exampleStack((s) => {
        new PartnerCenterProvider(s, 'pc');
        new PartnerBillingProfile(s, 'billing', { purchaseOrderNumber: 'PO-1' });
        new PartnerSupportProfile(s, 'support', { website: 'https://support.contoso.example' });
        new PartnerOrganizationProfile(s, 'organization', { culture: 'en-us' });
        new PartnerLegalBusinessProfile(s, 'legal', { primaryContact: { email: 'legal@contoso.example' } });
        new TerraformOutput(s, 'partner_id', { value: new DataPartnerNetworkProfile(s, 'network').partnerId });
      });
      const dir = fullSynth(stack);
      await withEngineEnv(engine, sandbox, () => expect(dir).toBeValidTerraform());
    }, 60_000);

    test(`setting the legal business profile's vetting status is rejected by validate [${engineLabel(engine)}]`, async () => {
      const stack = exampleStack((s) => {
        new PartnerCenterProvider(s, 'pc');
        // @ts-expect-error vettingStatus is not part of PartnerLegalBusinessProfileConfig
        const config: PartnerLegalBusinessProfileConfig = { vettingStatus: 'Authorized' };
        const profile = new PartnerLegalBusinessProfile(s, 'legal', config);
        profile.addOverride('vetting_status', 'Authorized');
      });
      const dir = fullSynth(stack);
      const result = await withEngineEnv(engine, sandbox, () => toBeValidTerraform(dir));
      expect(result.pass).toBe(false);
      expect(result.message).toMatch(/vetting_status is read-only/);
      expect(result.message).toMatch(/vetting/);
    }, 60_000);

    test(`setting a read-only attribute is rejected by validate [${engineLabel(engine)}]`, async () => {
      const stack = exampleStack((s) => {
        new PartnerCenterProvider(s, 'pc');
        // Read-only attributes are computed-only, so the config type does not offer them...
        // @ts-expect-error companyName is not part of PartnerBillingProfileConfig
        const config: PartnerBillingProfileConfig = { companyName: 'Renamed Ltd' };
        const profile = new PartnerBillingProfile(s, 'billing', config);
        // ...and one set through the escape hatch is still refused at validate.
        profile.addOverride('company_name', 'Renamed Ltd');
      });
      const dir = fullSynth(stack);
      // The functional form of the matcher, to check WHY it is invalid: the provider's own
      // plan-time validation names the field (not, say, a failed init).
      const result = await withEngineEnv(engine, sandbox, () => toBeValidTerraform(dir));
      expect(result.pass).toBe(false);
      expect(result.message).toMatch(/company_name/);
      expect(result.message).toMatch(/dashboard/i);
    }, 60_000);
  }
});
