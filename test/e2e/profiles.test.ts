// The support, organization and legal business profiles end to end, with their data sources and
// the partner network data source: the real engines run the built provider against an in-process
// emulator over HTTP. CI time matters, so the three resources share one configuration and one
// working dir per engine, and each engine run serves several assertions. The steps run in order.
import { EmulatorAdmin, type EmulatorProfileName, type LogMark, type ProfileJson } from '../../emulator/admin-client';
import type { ApiCallRecord } from '../../emulator/request-log';
import { EMULATOR_DEFAULTS } from '../../emulator/server';
import { profileFromWire } from '../../provider/partnercenter';
import { SOURCE_ADDRESS } from '../../provider/meta';
import type { ProfileSpec } from '../../provider/profiles/spec';
import { LEGAL_BUSINESS, ORGANIZATION, SUPPORT } from '../../provider/profiles/specs';
import { profileToState } from '../../provider/profiles/state';
import { describeEachEngine } from '../support/engines';
import { createEmulatorWorkdir, type EmulatorWorkdir } from '../support/emulator-workdir';
import { TfWorkdir, type RunOptions, type RunResult } from '../support/tf-workdir';

const APPLY = ['apply', '-auto-approve', '-input=false'];
const STEP_TIMEOUT = 180_000;

const SUPPORT_RES = 'partnercenter_support_profile.this';
const ORG_RES = 'partnercenter_organization_profile.this';
const LEGAL_RES = 'partnercenter_legal_business_profile.this';

/** Each resource's spec, its emulator admin name and its API path. */
const PROFILES: { spec: ProfileSpec; name: EmulatorProfileName; path: string }[] = [
  { spec: SUPPORT, name: 'support', path: '/v1/profiles/support' },
  { spec: ORGANIZATION, name: 'organization', path: '/v1/profiles/organization' },
  { spec: LEGAL_BUSINESS, name: 'legalbusiness', path: '/v1/profiles/legalbusiness' },
];

/** The values the configuration manages; every other field of the profiles is left as it is. */
interface Managed {
  supportEmail: string;
  orgLanguage: string;
  orgCity: string;
  approverEmail: string;
  legalFirstName: string;
  /** Managed only when set (the legal business rename step). */
  legalCompanyName?: string;
}

const MANAGED: Managed = {
  supportEmail: 'helpdesk@contoso-partner.example',
  orgLanguage: 'fr',
  orgCity: 'Bellevue',
  approverEmail: 'approvals@contoso-partner.example',
  legalFirstName: 'Morgan',
};

const PROVIDERS_TF = `terraform {
  required_providers {
    partnercenter = {
      source = "${SOURCE_ADDRESS}"
    }
  }
}

provider "partnercenter" {}
`;

/** The three resources, the four data sources (read after the resources) and their outputs. */
function mainTf(m: Managed): string {
  const companyName = m.legalCompanyName === undefined ? '' : `  company_name           = "${m.legalCompanyName}"\n`;
  return `resource "partnercenter_support_profile" "this" {
  email = "${m.supportEmail}"
}

resource "partnercenter_organization_profile" "this" {
  language = "${m.orgLanguage}"
  default_address = {
    city = "${m.orgCity}"
  }
}

resource "partnercenter_legal_business_profile" "this" {
${companyName}  company_approver_email = "${m.approverEmail}"
  primary_contact = {
    first_name = "${m.legalFirstName}"
  }
}

data "partnercenter_support_profile" "live" {
  depends_on = [${SUPPORT_RES}]
}

data "partnercenter_organization_profile" "live" {
  depends_on = [${ORG_RES}]
}

data "partnercenter_legal_business_profile" "live" {
  depends_on = [${LEGAL_RES}]
}

data "partnercenter_partner_network_profile" "live" {}

output "support" {
  value = {
    email     = data.partnercenter_support_profile.live.email
    telephone = data.partnercenter_support_profile.live.telephone
    website   = data.partnercenter_support_profile.live.website
  }
}

output "organization" {
  value = {
    company_name = data.partnercenter_organization_profile.live.company_name
    language     = data.partnercenter_organization_profile.live.language
    culture      = data.partnercenter_organization_profile.live.culture
    domain       = data.partnercenter_organization_profile.live.domain
    city         = data.partnercenter_organization_profile.live.default_address.city
  }
}

output "legal" {
  value = {
    company_name           = data.partnercenter_legal_business_profile.live.company_name
    company_approver_email = data.partnercenter_legal_business_profile.live.company_approver_email
    first_name             = data.partnercenter_legal_business_profile.live.primary_contact.first_name
    vetting_status         = data.partnercenter_legal_business_profile.live.vetting_status
  }
}

output "partner_network" {
  value = {
    partner_name = data.partnercenter_partner_network_profile.live.partner_name
    partner_id   = data.partnercenter_partner_network_profile.live.partner_id
  }
}
`;
}

/** Import blocks adopting the three profiles by `ids` (support, organization, legalbusiness). */
function importsTf(ids: [string, string, string]): string {
  return [SUPPORT_RES, ORG_RES, LEGAL_RES].map((to, i) => `import {\n  to = ${to}\n  id = "${ids[i]}"\n}\n`).join('\n');
}

/** Engine output with box drawing and line wrapping undone, so messages can be matched whole. */
function text(r: RunResult): string {
  return `${r.stdout}\n${r.stderr}`.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');
}

/**
 * Every engine run of the suite, checked for a complaint about the provider itself (a failure must
 * show the real error alone, not "This is a bug in the provider" on top of it).
 */
async function run(wd: TfWorkdir, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const r = await wd.run(args, opts);
  expect(text(r)).not.toMatch(/bug in the provider|inconsistent|invalid plan/i);
  return r;
}

function resourceState(wd: TfWorkdir, type: string): Record<string, unknown> {
  const res = wd.readState().resources.find((r: any) => r.mode === 'managed' && r.type === type);
  return res.instances[0].attributes;
}

describeEachEngine('partner profiles: support, organization, legal business, partner network', (engine) => {
  let setup: EmulatorWorkdir | undefined;
  let admin: EmulatorAdmin;
  let wd: TfWorkdir;

  const live = (name: EmulatorProfileName) => admin.getProfileOf(name);
  /** The live profile as its resource's state would hold it (read with the default tenant's credentials). */
  const liveAsState = async (spec: ProfileSpec, name: EmulatorProfileName) => ({
    ...profileToState(spec, profileFromWire(spec.shape, await live(name))),
    tenant_id: EMULATOR_DEFAULTS.tenantId,
  });
  const puts = (calls: ApiCallRecord[]) => calls.filter((c) => c.method === 'PUT');
  const putsSince = async (m: LogMark) => puts((await admin.since(m)).api);
  /** All three profiles, to compare before and after a step that must not write. */
  const snapshot = async (): Promise<ProfileJson[]> => Promise.all(PROFILES.map((p) => live(p.name)));

  beforeAll(async () => {
    setup = await createEmulatorWorkdir(engine, { 'providers.tf': PROVIDERS_TF, 'main.tf': mainTf(MANAGED) });
    ({ admin, wd } = setup);
  }, STEP_TIMEOUT);

  afterAll(() => setup?.dispose());

  test(
    'first apply adopts the three profiles, setting only the managed fields; the data sources read them live',
    async () => {
      // A partner name of its own, so the data source is seen to read it rather than a default.
      await admin.patchProfileOf('mpn', { partnerName: 'Contoso Partner Network Ltd' });
      const [support, org, legal] = await snapshot();
      const m = await admin.mark();
      await run(wd, APPLY);

      const writes = await putsSince(m);
      expect(writes.map((w) => w.path).sort()).toEqual(PROFILES.map((p) => p.path).sort());
      expect(writes.every((w) => w.status === 200)).toBe(true);

      const [support2, org2, legal2] = await snapshot();
      expect(support2).toMatchObject({
        email: MANAGED.supportEmail,
        telephone: support.telephone,
        website: support.website,
      });
      expect(org2).toMatchObject({
        language: MANAGED.orgLanguage,
        culture: org.culture,
        email: org.email,
        companyName: org.companyName,
        defaultAddress: { ...org.defaultAddress, city: MANAGED.orgCity },
      });
      expect(legal2).toMatchObject({
        companyApproverEmail: MANAGED.approverEmail,
        companyName: legal.companyName,
        primaryContact: { ...legal.primaryContact, firstName: MANAGED.legalFirstName },
        address: legal.address,
        companyApproverAddress: legal.companyApproverAddress,
      });
      for (const p of PROFILES) expect(resourceState(wd, p.spec.typeName)).toEqual(await liveAsState(p.spec, p.name));

      const outputs = JSON.parse((await run(wd, ['output', '-json'])).stdout);
      expect(outputs.support.value).toEqual({
        email: support2.email,
        telephone: support2.telephone,
        website: support2.website,
      });
      expect(outputs.organization.value).toEqual({
        company_name: org2.companyName,
        language: org2.language,
        culture: org2.culture,
        domain: org2.domain,
        city: org2.defaultAddress.city,
      });
      expect(outputs.legal.value).toEqual({
        company_name: legal2.companyName,
        company_approver_email: legal2.companyApproverEmail,
        first_name: legal2.primaryContact.firstName,
        vetting_status: legal2.vettingStatus,
      });
      const mpn = await live('mpn');
      expect(outputs.partner_network.value).toEqual({
        partner_name: 'Contoso Partner Network Ltd',
        partner_id: mpn.partnerId,
      });
      expect(mpn.partnerId).toMatch(/^\d+$/);
    },
    STEP_TIMEOUT,
  );

  test(
    'a second plan is empty',
    async () => {
      const plan = await run(wd, ['plan', '-detailed-exitcode'], { allowExitCodes: [0] });
      expect(plan.stdout).toContain('No changes');
    },
    STEP_TIMEOUT,
  );

  test(
    'drift: out-of-band edits of managed fields plan updates of those only; apply restores them and keeps the unmanaged edits',
    async () => {
      await admin.patchProfileOf('support', {
        email: 'oob-support@contoso-partner.example',
        telephone: '+1 425 555 0177',
      });
      await admin.patchProfileOf('organization', { language: 'de', culture: 'de-de' });
      await admin.patchProfileOf('legalbusiness', {
        primaryContact: { firstName: 'Oob' },
        companyApproverAddress: { city: 'Kirkland' },
      });

      const plan = text(await run(wd, ['plan', '-detailed-exitcode'], { allowExitCodes: [2] }));
      expect(plan).toContain('Plan: 0 to add, 3 to change, 0 to destroy');
      expect(plan).toContain(`email = "oob-support@contoso-partner.example" -> "${MANAGED.supportEmail}"`);
      expect(plan).toContain(`language = "de" -> "${MANAGED.orgLanguage}"`);
      expect(plan).toContain(`first_name = "Oob" -> "${MANAGED.legalFirstName}"`);
      // The unmanaged edits are not planned back (at most reported as changed outside Terraform).
      for (const edited of ['+1 425 555 0177', 'de-de', 'Kirkland']) expect(plan).not.toContain(`"${edited}" ->`);

      await run(wd, APPLY);
      const [support, org, legal] = await snapshot();
      expect(support).toMatchObject({ email: MANAGED.supportEmail, telephone: '+1 425 555 0177' });
      expect(org).toMatchObject({ language: MANAGED.orgLanguage, culture: 'de-de' });
      expect(legal.primaryContact.firstName).toBe(MANAGED.legalFirstName);
      expect(legal.companyApproverAddress.city).toBe('Kirkland');
    },
    STEP_TIMEOUT,
  );

  test(
    'a saved plan is refused when the profile changed after it (support: by its values, organization: by its etag); nothing is written',
    async () => {
      await wd.writeFile(
        'main.tf',
        mainTf({ ...MANAGED, supportEmail: 'planned@contoso-partner.example', orgLanguage: 'es' }),
      );
      await run(wd, ['plan', '-out=stale.plan'], { allowExitCodes: [0] });
      await admin.patchProfileOf('support', { website: 'https://help.contoso-partner.example' });
      await admin.patchProfileOf('organization', { email: 'oob-admin@contoso-partner.example' });
      const before = await snapshot();

      const m = await admin.mark();
      const out = text(await run(wd, ['apply', '-input=false', 'stale.plan'], { allowExitCodes: [1] }));
      expect(out).toContain('Support profile changed outside Terraform since the plan');
      expect(out).toContain(
        'The support profile in Partner Center no longer has the values this plan was made against',
      );
      expect(out).toMatch(
        /website: "https:\/\/support\.contoso-partner\.example" -> "https:\/\/help\.contoso-partner\.example"/,
      );
      expect(out).toContain('Organization profile changed outside Terraform since the plan');
      expect(out).toContain(
        'The organization profile in Partner Center no longer has the version (etag) this plan was made against',
      );
      expect(out).toMatch(/email: "admin@contoso-partner\.example" -> "oob-admin@contoso-partner\.example"/);
      expect(out).toContain('Nothing was written');

      expect(await putsSince(m)).toEqual([]);
      expect(await snapshot()).toEqual(before);
    },
    STEP_TIMEOUT,
  );

  test(
    'bad input fails at plan naming each field, before any API or token call',
    async () => {
      await wd.writeFile(
        'main.tf',
        mainTf(MANAGED)
          .replace(`email = "${MANAGED.supportEmail}"`, 'email = "not-an-email"')
          .replace(
            `language = "${MANAGED.orgLanguage}"`,
            `language = "${MANAGED.orgLanguage}"\n  culture  = "english please"`,
          )
          .replace('  company_approver_email', '  vetting_status         = "Authorized"\n  company_approver_email'),
      );
      try {
        const m = await admin.mark();
        const out = text(await run(wd, ['plan', '-input=false'], { allowExitCodes: [1] }));
        expect(out).toContain('Error: Invalid value for email');
        expect(out).toContain('"email" must be an e-mail address like name@example.com');
        expect(out).toContain('Error: Invalid value for culture');
        expect(out).toContain('"culture" must be a culture code such as "en-us"');
        expect(out).toContain('Error: vetting_status is read-only');
        expect(out).toContain(`Remove "vetting_status" from the partnercenter_legal_business_profile configuration`);
        const { api, tokens } = await admin.since(m);
        expect(api).toEqual([]);
        expect(tokens).toEqual([]);
      } finally {
        await wd.writeFile('main.tf', mainTf(MANAGED));
      }
    },
    STEP_TIMEOUT,
  );

  test(
    'destroy forgets the three profiles with a warning and leaves them as they are',
    async () => {
      const before = await snapshot();
      const m = await admin.mark();
      const out = text(await run(wd, [...APPLY, '-destroy']));
      for (const title of ['Support profile', 'Organization profile', 'Legal business profile'])
        expect(out).toContain(`${title} removed from state only`);
      expect(await snapshot()).toEqual(before);
      expect(await putsSince(m)).toEqual([]);
      expect(wd.readState().resources.filter((r: any) => r.mode === 'managed')).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  test(
    'import: a wrong id is refused naming the right one; the right ids adopt the live profiles without writing',
    async () => {
      await wd.writeFile('imports.tf', importsTf(['profile', 'org', 'legal']));
      const wrong = text(await run(wd, ['plan', '-input=false'], { allowExitCodes: [1] }));
      expect(wrong).toContain('Invalid import id "profile"');
      expect(wrong).toContain('its import id is "support"');
      expect(wrong).toContain('Invalid import id "org"');
      expect(wrong).toContain('its import id is "organization"');
      expect(wrong).toContain('Invalid import id "legal"');
      expect(wrong).toContain('its import id is "legalbusiness"');

      await wd.writeFile('imports.tf', importsTf(['support', 'organization', 'legalbusiness']));
      const m = await admin.mark();
      const apply = await run(wd, APPLY);
      expect(apply.stdout).toMatch(/3 imported, 0 added, 0 changed, 0 destroyed/);
      expect(await putsSince(m)).toEqual([]);
      for (const p of PROFILES) expect(resourceState(wd, p.spec.typeName)).toEqual(await liveAsState(p.spec, p.name));
      await wd.writeFile('imports.tf', '');
    },
    STEP_TIMEOUT,
  );

  test(
    'legal business: once vetting is Authorized, a rename fails with the API refusal in the diagnostic',
    async () => {
      await admin.patchProfileOf('legalbusiness', { vettingStatus: 'Authorized' });
      const before = await live('legalbusiness');
      await wd.writeFile('main.tf', mainTf({ ...MANAGED, legalCompanyName: 'Contoso Renamed Ltd' }));
      const out = text(await run(wd, APPLY, { allowExitCodes: [1] }));
      expect(out).toContain('Partner Center API error while updating the legal business profile');
      expect(out).toContain(
        'Invalid property companyName: the company name of a legal business profile whose vetting is Authorized cannot be changed through the API.',
      );
      expect(out).toContain('API error code: 3000');
      expect(await live('legalbusiness')).toEqual(before);
    },
    STEP_TIMEOUT,
  );
});
