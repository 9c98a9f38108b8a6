import { validateBillingProfileConfig } from '../../provider/resources/billing-profile-validate';
import { UNKNOWN } from '../../provider/plugin/cty/types';
import { config } from './billing-profile-fixtures';

describe('validateBillingProfileConfig', () => {
  it('accepts a config of writable fields within limits', () => {
    const cfg = config(
      { purchase_order_number: 'PO', tax_id: '' },
      { address: { address_line1: 'x'.repeat(200), first_name: 'n'.repeat(50) }, primary_contact: { email: 'a.b@example.co.uk' } },
    );
    expect(validateBillingProfileConfig(cfg)).toEqual([]);
  });

  it.each([
    ['company_name', config({ company_name: 'X' }), ['company_name']],
    ['billing_currency', config({ billing_currency: 'EUR' }), ['billing_currency']],
    ['billing_day', config({ billing_day: 5 }), ['billing_day']],
    ['profile_type', config({ profile_type: 'x' }), ['profile_type']],
    ['address.country', config({}, { address: { country: 'DE' } }), ['address', 'country']],
  ])('rejects read-only %s, naming it and the dashboard', (name, cfg, path) => {
    const diags = validateBillingProfileConfig(cfg);
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ severity: 'error', path, summary: `${name} is read-only` });
    expect(diags[0].detail).toContain('Partner Center dashboard');
  });

  it('skips unknown read-only values at validate time but not at plan time', () => {
    const cfg = config({ company_name: UNKNOWN });
    expect(validateBillingProfileConfig(cfg)).toEqual([]);
    expect(validateBillingProfileConfig(cfg, { unknownReadOnlyIsSet: true })).toHaveLength(1);
    // A wholly unknown nested object may leave country null: not an error.
    expect(validateBillingProfileConfig({ ...config(), address: UNKNOWN }, { unknownReadOnlyIsSet: true })).toEqual([]);
  });

  it('enforces the API length limits with the attribute path', () => {
    const diags = validateBillingProfileConfig(
      config({}, { address: { address_line2: 'x'.repeat(201), last_name: 'y'.repeat(51) }, primary_contact: { first_name: 'z'.repeat(51) } }),
    );
    expect(diags.map((d) => d.path)).toEqual([
      ['address', 'address_line2'],
      ['address', 'last_name'],
      ['primary_contact', 'first_name'],
    ]);
    expect(diags[0].detail).toContain('at most 200');
    expect(diags[1].detail).toContain('at most 50');
  });

  it('holds the fields the API caps at 200 characters to the same limit as the emulator', () => {
    const long = 'p'.repeat(201);
    const diags = validateBillingProfileConfig(
      config({ purchase_order_number: long, tax_id: long }, { address: { city: long, postal_code: long }, primary_contact: { phone_number: long } }),
    );
    expect(diags.map((d) => d.path)).toEqual([
      ['purchase_order_number'],
      ['tax_id'],
      ['address', 'city'],
      ['address', 'postal_code'],
      ['primary_contact', 'phone_number'],
    ]);
    expect(validateBillingProfileConfig(config({ purchase_order_number: 'p'.repeat(200) }))).toEqual([]);
  });

  it('refuses to clear address_line1, which the API requires', () => {
    const [d] = validateBillingProfileConfig(config({}, { address: { address_line1: '' } }));
    expect(d.path).toEqual(['address', 'address_line1']);
    expect(d.detail).toContain('cannot be cleared');
  });

  it('checks the e-mail format, allowing "" to clear it and skipping unknown values', () => {
    expect(validateBillingProfileConfig(config({}, { primary_contact: { email: 'not-an-email' } }))[0]).toMatchObject({
      path: ['primary_contact', 'email'],
      summary: 'Invalid value for primary_contact.email',
    });
    expect(validateBillingProfileConfig(config({}, { primary_contact: { email: 'a@b' } }))).toHaveLength(1);
    expect(validateBillingProfileConfig(config({}, { primary_contact: { email: '' } }))).toEqual([]);
    expect(validateBillingProfileConfig(config({}, { primary_contact: { email: UNKNOWN } }))).toEqual([]);
  });
});
