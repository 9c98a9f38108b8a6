import { UNKNOWN, type ObjectValue } from '../../../provider/plugin/cty/types';
import { config, liveProfile, liveState } from '../../support/billing-profile-fixtures';
import { BILLING } from '../../../provider/profiles/specs';
import { planProfile } from '../../../provider/profiles/plan';
import { profileToState } from '../../../provider/profiles/state';

describe('planProfile: create (adopt)', () => {
  it('plans config values for managed fields and unknown for everything the profile decides', () => {
    const { planned, diagnostics } = planProfile(
      BILLING,
      null,
      config({ tax_id: 'T-1' }, { primary_contact: { email: 'a@b.co' } }),
    );
    expect(diagnostics).toEqual([]);
    expect(planned.id).toBe('billing');
    expect(planned.tax_id).toBe('T-1');
    expect(planned.purchase_order_number).toBe(UNKNOWN);
    expect(planned.company_name).toBe(UNKNOWN);
    expect(planned.billing_day).toBe(UNKNOWN);
    expect(planned.etag).toBe(UNKNOWN);
    expect(planned.address).toBe(UNKNOWN);
    expect(planned.primary_contact).toEqual({
      first_name: UNKNOWN,
      last_name: UNKNOWN,
      email: 'a@b.co',
      phone_number: UNKNOWN,
    });
  });
});

describe('planProfile: update', () => {
  it('returns the prior object itself when nothing changes', () => {
    const prior = liveState();
    const cfg = config({ tax_id: '12-345678' }, { primary_contact: { email: 'billing@contoso.com' } });
    expect(planProfile(BILLING, prior, cfg).planned).toBe(prior);
    expect(planProfile(BILLING, prior, config()).planned).toBe(prior);
  });

  it('keeps the prior spelling when config is semantically equal', () => {
    const prior = liveState();
    const cfg = config({}, { primary_contact: { email: 'BILLING@Contoso.com' }, address: { state: 'wa' } });
    expect(planProfile(BILLING, prior, cfg).planned).toBe(prior);
  });

  it('plans no change when the API echoed a configured value in upper case (ß -> SS, ſ -> S)', () => {
    const prior = profileToState(BILLING, {
      ...liveProfile(),
      address: { ...liveProfile().address, state: 'STRASSE' },
    });
    prior.primary_contact = { ...(prior.primary_contact as ObjectValue), email: 'BILLING@CONTOSO.COM' };
    const cfg = config({}, { address: { state: 'Straße' }, primary_contact: { email: 'billing@contoſo.com' } });
    expect(planProfile(BILLING, prior, cfg).planned).toBe(prior);
  });

  it('plans config values for changed managed fields, prior values for the rest, and an unknown etag', () => {
    const prior = liveState();
    const { planned } = planProfile(
      BILLING,
      prior,
      config({ purchase_order_number: 'PO-2' }, { address: { city: 'Seattle' } }),
    );
    expect(planned.purchase_order_number).toBe('PO-2');
    expect(planned.tax_id).toBe('12-345678');
    expect(planned.company_name).toBe('Contoso Ltd');
    expect(planned.address).toEqual({ ...(prior.address as ObjectValue), city: 'Seattle' });
    expect(planned.primary_contact).toBe(prior.primary_contact);
    expect(planned.etag).toBe(UNKNOWN);
    expect(planned.id).toBe('billing');
  });

  it('ignores drift in unmanaged fields', () => {
    const prior = profileToState(BILLING, { ...liveProfile(), purchaseOrderNumber: 'changed elsewhere' });
    expect(planProfile(BILLING, prior, config({ tax_id: '12-345678' })).planned).toBe(prior);
  });

  it('plans "" against an absent value as a spelling change only: the etag stays known', () => {
    const prior = profileToState(BILLING, { ...liveProfile(), taxId: undefined });
    const { planned } = planProfile(BILLING, prior, config({ tax_id: '' }));
    expect(planned).not.toBe(prior);
    expect(planned.tax_id).toBe('');
    expect(planned.etag).toBe('etag-1');
  });

  it('clearing a value is a change', () => {
    const { planned } = planProfile(BILLING, liveState(), config({ tax_id: '' }));
    expect(planned.tax_id).toBe('');
    expect(planned.etag).toBe(UNKNOWN);
  });

  it('keeps unknown config values unknown', () => {
    const prior = liveState();
    const { planned } = planProfile(BILLING, prior, config({ purchase_order_number: UNKNOWN }));
    expect(planned.purchase_order_number).toBe(UNKNOWN);
    expect(planned.etag).toBe(UNKNOWN);
    const whole = planProfile(BILLING, prior, { ...config(), address: UNKNOWN }).planned;
    expect(whole.address).toBe(UNKNOWN);
  });

  it('fails on a read-only field, even when its value is unknown', () => {
    const { diagnostics } = planProfile(BILLING, liveState(), config({ billing_currency: UNKNOWN }));
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', path: ['billing_currency'] })]);
  });
});
