import { profileFromWire, profileToWire } from '../../../provider/partnercenter/wire';
import { BILLING } from '../../../provider/profiles/specs';

describe('profileFromWire', () => {
  it('reads the camelCase body the API returns, etag from attributes', () => {
    const profile = profileFromWire(BILLING.shape, {
      companyName: 'Contoso',
      address: { country: 'US', addressLine1: '1 Main St', city: 'Redmond' },
      primaryContact: { email: 'a@b.example' },
      billingDay: 1,
      attributes: { etag: 'abc', objectType: 'BillingProfile' },
      links: { self: { uri: '/profiles/billing' } },
    });
    expect(profile).toEqual({
      companyName: 'Contoso',
      address: { country: 'US', addressLine1: '1 Main St', city: 'Redmond' },
      primaryContact: { email: 'a@b.example' },
      billingDay: 1,
      etag: 'abc',
    });
  });

  it('tolerates PascalCase keys at every level', () => {
    const profile = profileFromWire(BILLING.shape, {
      CompanyName: 'Contoso',
      Address: { Country: 'US', AddressLine1: '1 Main St', PostalCode: '98052' },
      PrimaryContact: { FirstName: 'Ann', Email: 'ann@contoso.example' },
      PurchaseOrderNumber: 'PO-1',
      TaxId: 'T-1',
      BillingCurrency: 'USD',
      BillingDay: 15,
      ProfileType: 'billing_profile',
      Attributes: { Etag: 'E1', ObjectType: 'BillingProfile' },
    });
    expect(profile).toEqual({
      companyName: 'Contoso',
      address: { country: 'US', addressLine1: '1 Main St', postalCode: '98052' },
      primaryContact: { firstName: 'Ann', email: 'ann@contoso.example' },
      purchaseOrderNumber: 'PO-1',
      taxId: 'T-1',
      billingCurrency: 'USD',
      billingDay: 15,
      profileType: 'billing_profile',
      etag: 'E1',
    });
  });

  it('prefers the exact camelCase key when both casings are present', () => {
    expect(profileFromWire(BILLING.shape, { taxId: 'camel', TaxId: 'pascal' }).taxId).toBe('camel');
  });

  it('treats missing keys, null and "" as absent and leaves out empty nested objects', () => {
    const profile = profileFromWire(BILLING.shape, {
      companyName: null,
      taxId: '',
      address: { city: null },
      primaryContact: {},
    });
    expect(profile).toEqual({});
  });

  it('reads a numeric billing day sent as a string, and numbers in string fields as text', () => {
    expect(profileFromWire(BILLING.shape, { billingDay: '7', address: { postalCode: 98052 } })).toEqual({
      billingDay: 7,
      address: { postalCode: '98052' },
    });
  });

  it('rejects a body that is not an object', () => {
    expect(() => profileFromWire(BILLING.shape, [])).toThrow(/billing profile JSON object, got an array/);
    expect(() => profileFromWire(BILLING.shape, 'x')).toThrow(/got string/);
  });
});

describe('profileToWire', () => {
  it('writes camelCase with the etag under attributes and leaves out absent fields', () => {
    const body = profileToWire(BILLING.shape, {
      companyName: 'Contoso',
      address: { country: 'US', addressLine1: '1 Main St', city: undefined },
      primaryContact: {},
      taxId: undefined,
      billingDay: 1,
      etag: 'E1',
    });
    expect(body).toEqual({
      companyName: 'Contoso',
      address: { country: 'US', addressLine1: '1 Main St' },
      billingDay: 1,
      attributes: { etag: 'E1' },
    });
  });

  it('keeps "" so a caller can clear a field', () => {
    expect(profileToWire(BILLING.shape, { purchaseOrderNumber: '', address: { addressLine2: '' } })).toEqual({
      purchaseOrderNumber: '',
      address: { addressLine2: '' },
    });
  });

  it('round-trips through profileFromWire', () => {
    const profile = {
      companyName: 'C',
      address: { country: 'US', state: 'WA' },
      primaryContact: { email: 'x@y.example' },
      billingDay: 3,
      etag: 'e',
    };
    expect(profileFromWire(BILLING.shape, profileToWire(BILLING.shape, profile))).toEqual(profile);
  });
});
