// Plan-time validation of the support, organization and legal business profiles (validate.ts,
// driven by their specs): the e-mail, website and culture shapes, and the read-only fields refused
// with where they are changed, among them the legal address country (read-only) next to the
// company approver's (writable).
import { UNKNOWN, type ObjectValue } from '../../../provider/plugin/cty/types';
import { configOf } from '../../support/arbitraries';
import { LEGAL_BUSINESS, ORGANIZATION, SUPPORT } from '../../../provider/profiles/specs';
import type { ProfileSpec } from '../../../provider/profiles/spec';
import { validateProfileConfig } from '../../../provider/profiles/validate';
import { profileResource } from '../../../provider/profiles/resource';
import { planProfile } from '../../../provider/profiles/plan';
import { profileToState } from '../../../provider/profiles/state';

const validate = (spec: ProfileSpec, values: Record<string, string>) =>
  validateProfileConfig(spec, configOf(spec, values));

describe('support profile', () => {
  it('accepts an e-mail address, a telephone and a web address, or "" for each', () => {
    expect(
      validate(SUPPORT, {
        email: 'Help@Contoso.com',
        telephone: '+1 425 555 0100',
        website: 'https://help.contoso.com/x',
      }),
    ).toEqual([]);
    expect(validate(SUPPORT, { email: '', telephone: '', website: '' })).toEqual([]);
  });

  it.each(['support', 'help@', '@contoso.com', 'help desk@contoso.com', 'help@contoso'])(
    'refuses the e-mail %j, naming email and the shape wanted',
    (email) => {
      const diags = validate(SUPPORT, { email });
      expect(diags).toEqual([
        expect.objectContaining({ severity: 'error', summary: 'Invalid value for email', path: ['email'] }),
      ]);
      expect(diags[0].detail).toBe(
        `"email" must be an e-mail address like name@example.com (or "" to clear it); got ${JSON.stringify(email)}.`,
      );
    },
  );

  it.each(['contoso', 'support.contoso.com', 'https://contoso', 'https://help contoso.com', 'ftp:/x'])(
    'refuses the website %j, naming website and an example of a web address',
    (website) => {
      const diags = validate(SUPPORT, { website });
      expect(diags).toHaveLength(1);
      expect(diags[0]).toMatchObject({ summary: 'Invalid value for website', path: ['website'] });
      expect(diags[0].detail).toBe(
        `"website" must be a web address such as "https://support.contoso.com" (or "" to clear it); got ${JSON.stringify(website)}.`,
      );
    },
  );

  it('refuses profile_type, saying it is changed in the dashboard', () => {
    const [d] = validate(SUPPORT, { profile_type: 'x' });
    expect(d).toMatchObject({ summary: 'profile_type is read-only', path: ['profile_type'] });
    expect(d.detail).toContain('(Account settings > Support profile)');
    expect(d.detail).toContain('Remove "profile_type" from the partnercenter_support_profile configuration');
  });
});

describe('organization profile', () => {
  it.each(['en-us', 'EN-US', 'fr', 'zh-Hant-TW', 'sr-Latn-RS'])('accepts the culture %j', (culture) => {
    expect(validate(ORGANIZATION, { culture })).toEqual([]);
  });

  it.each(['english', 'en_us', 'e', 'en-', 'en-us-', '12-ab'])(
    'refuses the culture %j, naming culture and an example',
    (culture) => {
      const diags = validate(ORGANIZATION, { culture });
      expect(diags).toHaveLength(1);
      expect(diags[0]).toMatchObject({ summary: 'Invalid value for culture', path: ['culture'] });
      expect(diags[0].detail).toBe(
        `"culture" must be a culture code such as "en-us" (or "" to clear it); got ${JSON.stringify(culture)}.`,
      );
    },
  );

  it('requires company_name: "" cannot clear it', () => {
    const [d] = validate(ORGANIZATION, { company_name: '' });
    expect(d.detail).toContain('The API requires a value for "company_name", so it cannot be cleared with ""');
  });

  it('refuses the domain, saying it changes with the partner tenant, and the default address country', () => {
    const diags = validate(ORGANIZATION, { domain: 'x.onmicrosoft.com', 'default_address.country': 'FR' });
    expect(diags.map((d) => d.summary)).toEqual(['domain is read-only', 'default_address.country is read-only']);
    expect(diags[0].detail).toContain(
      'it is changed with the partner tenant in Microsoft Entra ID, not through the API',
    );
    expect(diags[1].path).toEqual(['default_address', 'country']);
  });
});

describe('legal business profile', () => {
  it.each(['vetting_status', 'vetting_sub_status'])(
    "refuses %s, naming it and saying it is set by Microsoft's vetting",
    (field) => {
      const diags = validate(LEGAL_BUSINESS, { [field]: 'Authorized' });
      expect(diags).toHaveLength(1);
      expect(diags[0]).toMatchObject({ severity: 'error', summary: `${field} is read-only`, path: [field] });
      expect(diags[0].detail).toContain(`"${field}" cannot be set by Terraform or OpenTofu`);
      expect(diags[0].detail).toContain("by Microsoft's vetting of the partner's legal entity");
      expect(diags[0].detail).toContain(
        `Remove "${field}" from the partnercenter_legal_business_profile configuration`,
      );
    },
  );

  it('refuses vetting_status at plan time, when its value was not known yet at validate time', () => {
    const config: ObjectValue = { ...configOf(LEGAL_BUSINESS, {}), vetting_status: UNKNOWN };
    expect(validateProfileConfig(LEGAL_BUSINESS, config)).toEqual([]);
    const prior = profileToState(LEGAL_BUSINESS, { companyName: 'Contoso', vettingStatus: 'Pending', etag: 'e1' });
    const { planned, diagnostics } = planProfile(LEGAL_BUSINESS, prior, config);
    expect(diagnostics.map((d) => d.summary)).toEqual(['vetting_status is read-only']);
    expect(planned).toBe(prior);
  });

  it('lets the company approver address country be set, and checks it is a two-letter code', () => {
    expect(validate(LEGAL_BUSINESS, { 'company_approver_address.country': 'de' })).toEqual([]);
    const diags = validate(LEGAL_BUSINESS, { 'company_approver_address.country': 'Germany' });
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({
      summary: 'Invalid value for company_approver_address.country',
      path: ['company_approver_address', 'country'],
    });
    expect(diags[0].detail).toBe(
      '"company_approver_address.country" must be a two-letter ISO 3166 country code such as "US" (or "" to clear it); got "Germany".',
    );
  });

  it('refuses the legal address country, which is tied to the partner tenant', () => {
    const diags = validate(LEGAL_BUSINESS, { 'address.country': 'DE' });
    expect(diags).toEqual([
      expect.objectContaining({ summary: 'address.country is read-only', path: ['address', 'country'] }),
    ]);
    expect(diags[0].detail).toContain('(Account settings > Legal info)');
  });

  it('in the schema: the approver country is optional, the legal address country computed only', () => {
    const attrs = profileResource(LEGAL_BUSINESS).schema.block.attributes;
    const inner = (g: string) => attrs[g].nested!.attributes.country;
    expect(inner('company_approver_address')).toMatchObject({ optional: true, computed: true });
    expect(inner('address').optional).toBeUndefined();
    expect(inner('address').computed).toBe(true);
  });

  it('refuses an approver e-mail that is not one, and accepts one in any letter case', () => {
    expect(validate(LEGAL_BUSINESS, { company_approver_email: 'Approver@Contoso.COM' })).toEqual([]);
    const [d] = validate(LEGAL_BUSINESS, { company_approver_email: 'approver' });
    expect(d).toMatchObject({ summary: 'Invalid value for company_approver_email' });
  });
});
