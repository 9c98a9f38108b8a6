import type { BillingProfile } from '../../../provider/partnercenter';
import { Decimal, UNKNOWN } from '../../../provider/plugin/cty/types';
import { config, liveProfile } from '../../support/billing-profile-fixtures';
import { BILLING } from '../../../provider/profiles/specs';
import {
  diffProfiles,
  formatChanges,
  managedFields,
  mergeManaged,
  readKeepingPriorSpelling,
  sameValue,
} from '../../../provider/profiles/diff';
import { profileToState, stateToProfile } from '../../../provider/profiles/state';

const field = (path: string) => BILLING.fields.find((f) => f.path === path)!;

describe('sameValue (normalisation)', () => {
  it('treats absent and "" as the same value', () => {
    expect(sameValue(field('tax_id'), undefined, '')).toBe(true);
    expect(sameValue(field('tax_id'), '', 'x')).toBe(false);
  });

  it('ignores case for email, country, currency and state only', () => {
    expect(sameValue(field('primary_contact.email'), 'Billing@Contoso.COM', 'billing@contoso.com')).toBe(true);
    expect(sameValue(field('address.country'), 'us', 'US')).toBe(true);
    expect(sameValue(field('billing_currency'), 'usd', 'USD')).toBe(true);
    expect(sameValue(field('address.state'), 'wa', 'WA')).toBe(true);
    expect(sameValue(field('address.city'), 'redmond', 'Redmond')).toBe(false);
    expect(sameValue(field('purchase_order_number'), 'po-1', 'PO-1')).toBe(false);
  });

  // Regression (found by billing-profile-properties.test.ts): these upper-case to text that
  // lowercases to something else, so an API echoing them in upper case made a perpetual diff.
  it.each([
    ['address.state', 'Straße', 'STRASSE'],
    ['address.state', 'ﬀ', 'FF'],
    ['primary_contact.email', 'µ@ſ.io', 'Μ@S.IO'],
    ['address.country', 'ς', 'Σ'],
  ])('%s: %s and its upper-case form %s are the same value', (path, value, upper) => {
    expect(value.toUpperCase()).toBe(upper);
    expect(sameValue(field(path), value, upper)).toBe(true);
    expect(sameValue(field(path), upper, value.toLowerCase())).toBe(true);
  });

  // Review finding: a full case folding made these one value, so a change between them planned nothing.
  it.each([
    ['primary_contact.email', 'fatih@contoso.example', 'fatıh@contoso.example'],
    ['primary_contact.email', 'info@strasse.example', 'info@straße.example'],
    ['primary_contact.email', 'user@contoso.example', 'uſer@contoso.example'],
  ])('%s: %s and %s stay different values', (path, a, b) => {
    expect(sameValue(field(path), a, b)).toBe(false);
    expect(sameValue(field(path), b, a)).toBe(false);
  });
});

describe('state mapping', () => {
  it('round-trips a profile, with both nested objects always present', () => {
    const state = profileToState(BILLING, liveProfile());
    expect(state.id).toBe('billing');
    expect(state.etag).toBe('etag-1');
    expect(state.address).toMatchObject({ address_line1: '1 Microsoft Way', address_line2: null, country: 'US' });
    expect(state.primary_contact).toMatchObject({ email: 'billing@contoso.com' });
    expect(stateToProfile(BILLING, state)).toEqual(liveProfile());
    expect(profileToState(BILLING, {}).address).toEqual(expect.objectContaining({ city: null }));
  });

  it('keeps "" distinct from null and reads numbers of any representation', () => {
    const state = profileToState(BILLING, { taxId: '' });
    expect(state.tax_id).toBe('');
    expect(state.purchase_order_number).toBeNull();
    expect(stateToProfile(BILLING, { ...state, billing_day: 15n }).billingDay).toBe(15);
    expect(stateToProfile(BILLING, { ...state, billing_day: new Decimal('7') }).billingDay).toBe(7);
  });
});

describe('managedFields / mergeManaged', () => {
  it('manages exactly the fields that are non-null in config, unknown included', () => {
    const cfg = config({ tax_id: 'T', purchase_order_number: UNKNOWN }, { primary_contact: { email: 'a@b.co' } });
    expect(managedFields(BILLING, cfg).map((f) => f.path)).toEqual([
      'purchase_order_number',
      'tax_id',
      'primary_contact.email',
    ]);
  });

  it('puts the full live object with managed fields replaced and read-only fields as live', () => {
    const live = liveProfile();
    const cfg = config({ tax_id: '', purchase_order_number: 'PO-2' }, { address: { address_line2: 'Suite 5' } });
    const merged = mergeManaged(BILLING, live, cfg);
    expect(merged).toEqual({
      ...live,
      taxId: '',
      purchaseOrderNumber: 'PO-2',
      address: { ...live.address, addressLine2: 'Suite 5' },
    });
    expect(live.taxId).toBe('12-345678'); // not mutated
  });

  it('creates a missing nested object', () => {
    const merged = mergeManaged<BillingProfile>(
      BILLING,
      { etag: 'e' },
      config({}, { primary_contact: { email: 'x@y.com' } }),
    );
    expect(merged.primaryContact).toEqual({ email: 'x@y.com' });
  });
});

describe('diffProfiles / formatChanges', () => {
  it('lists semantic differences by attribute path, in table order', () => {
    const a = liveProfile();
    const b = liveProfile();
    b.primaryContact!.email = 'BILLING@contoso.com'; // case only: not a change
    b.primaryContact!.phoneNumber = '999';
    b.taxId = undefined;
    b.address!.addressLine2 = '';
    const changes = diffProfiles(BILLING, a, b);
    expect(changes).toEqual([
      { path: 'tax_id', from: '12-345678', to: undefined },
      { path: 'primary_contact.phone_number', from: '4255550101', to: '999' },
    ]);
    expect(formatChanges(changes)).toBe(
      '  tax_id: "12-345678" -> (empty)\n  primary_contact.phone_number: "4255550101" -> "999"',
    );
  });

  it('restricts the comparison to the given fields', () => {
    const b = { ...liveProfile(), companyName: 'Other' };
    expect(diffProfiles(BILLING, liveProfile(), b, [field('tax_id')])).toEqual([]);
    expect(diffProfiles(BILLING, liveProfile(), b).map((c) => c.path)).toEqual(['company_name']);
  });
});

describe('readKeepingPriorSpelling', () => {
  it('keeps the prior spelling of semantically equal values and takes real changes from live', () => {
    const live = liveProfile();
    live.taxId = undefined;
    live.etag = 'etag-2';
    const prior = liveProfile();
    prior.taxId = '';
    prior.primaryContact!.email = 'Billing@Contoso.com';
    prior.address!.city = 'Seattle';
    const read = readKeepingPriorSpelling(BILLING, live, prior);
    expect(read.taxId).toBe('');
    expect(read.primaryContact!.email).toBe('Billing@Contoso.com');
    expect(read.address!.city).toBe('Redmond');
    expect(read.etag).toBe('etag-2');
  });

  it('returns live as is when there is no prior', () => {
    const live = { ...liveProfile(), taxId: '' };
    expect(readKeepingPriorSpelling(BILLING, live, {})).toEqual({ ...live, taxId: undefined });
  });
});
