// The PUT body of a profile that was read from JSON (docs/architecture.md §2.3, §5.3): every
// field the GET returned goes back as it came, unmodelled ones included, and only the modelled
// fields whose value changed are rewritten.
import { copyProfile, readDocumentOf, type BillingProfile } from '../../../provider/partnercenter/model';
import { profileFromWire, profileToWire } from '../../../provider/partnercenter/wire';
import { unmodelledGetBody } from '../../support/billing-profile-fixtures';
import { BILLING } from '../../../provider/profiles/specs';

/** Read, change a managed field of the read profile, write with the read's etag. */
function changed(body: unknown, change: (p: BillingProfile) => void, etag = 'E1'): Record<string, unknown> {
  const read = profileFromWire(BILLING.shape, JSON.parse(JSON.stringify(body)));
  change(read);
  return profileToWire(BILLING.shape, read, etag);
}

describe('profileToWire of a profile read from JSON', () => {
  it('sends back unmodelled fields at the top and in nested objects, changing only the managed one', () => {
    const body = changed(unmodelledGetBody(), (p) => {
      p.taxId = 'T-2';
      p.address = { ...p.address, city: 'Seattle' };
    });
    const expected = unmodelledGetBody();
    expected.taxId = 'T-2';
    (expected.address as Record<string, unknown>).city = 'Seattle';
    expect(body).toEqual(expected);
  });

  it('sends read-only fields back as read, and the etag used in If-Match under attributes.etag', () => {
    const body = changed(
      {
        ...unmodelledGetBody(),
        billingDay: '7',
        address: { country: 'us', postalCode: 98052 },
        attributes: { etag: '"E1"', objectType: 'BillingProfile' },
      },
      (p) => (p.taxId = 'T-2'),
      'E1',
    );
    expect(body.billingDay).toBe('7');
    expect(body.address).toEqual({ country: 'us', postalCode: 98052 });
    expect(body.attributes).toEqual({ etag: 'E1', objectType: 'BillingProfile' });
  });

  it('writes a managed field once, in camelCase, when the GET spelled its name in PascalCase', () => {
    const body = changed(
      {
        TaxId: 'T-1',
        Address: { City: 'Redmond', AddressLine3: 'Floor 3' },
        VatRegistered: true,
        Attributes: { Etag: 'E1' },
      },
      (p) => {
        p.taxId = 'T-2';
        p.address = { ...p.address, city: 'Seattle' };
      },
    );
    expect(body).toEqual({
      taxId: 'T-2',
      address: { AddressLine3: 'Floor 3', city: 'Seattle' },
      VatRegistered: true,
      Attributes: { Etag: 'E1' },
    });
  });

  it('leaves a PascalCase field as read when its value did not change', () => {
    const body = changed({ TaxId: 'T-1', PurchaseOrderNumber: 'PO-1' }, (p) => (p.taxId = 'T-2'));
    expect(body).toEqual({ taxId: 'T-2', PurchaseOrderNumber: 'PO-1', attributes: { etag: 'E1' } });
  });

  it('clears with "" and removes every casing of a cleared field', () => {
    const body = changed({ PurchaseOrderNumber: 'PO-1', address: { AddressLine2: 'B', addressLine3: 'C' } }, (p) => {
      p.purchaseOrderNumber = '';
      p.address = { ...p.address, addressLine2: '' };
    });
    expect(body).toEqual({
      purchaseOrderNumber: '',
      address: { addressLine3: 'C', addressLine2: '' },
      attributes: { etag: 'E1' },
    });
  });

  it('keeps a "__proto__" key as an ordinary key, at the top and nested, and pollutes nothing', () => {
    const text =
      '{"__proto__": {"polluted": true}, "address": {"__proto__": {"x": 1}, "city": "Redmond"}, "taxId": "T-1"}';
    const body = changed(JSON.parse(text), (p) => {
      p.taxId = 'T-2';
      p.address = { ...p.address, city: 'Seattle' };
    });
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(body.address)).toBe(Object.prototype);
    expect((body as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(body))).toEqual(
      JSON.parse(
        '{"__proto__": {"polluted": true}, "address": {"__proto__": {"x": 1}, "city": "Seattle"}, "taxId": "T-2", "attributes": {"etag": "E1"}}',
      ),
    );
    expect(JSON.stringify(body)).toContain('"__proto__":{"polluted":true}');
  });

  it('keeps the read document across copies, never in the enumerable fields, and never mutates it', () => {
    const source = unmodelledGetBody();
    const read = profileFromWire(BILLING.shape, source);
    expect(Object.keys(read)).not.toContain('document');
    expect(readDocumentOf(read)).toEqual(source);
    expect(Object.isFrozen(readDocumentOf(read))).toBe(true);
    const copy = copyProfile(read);
    copy.taxId = 'T-9';
    profileToWire(BILLING.shape, copy, 'E1');
    expect(readDocumentOf(copy)).toEqual(unmodelledGetBody());
    expect(source).toEqual(unmodelledGetBody());
  });

  it('writes only the modelled fields for a profile built by hand', () => {
    expect(profileToWire(BILLING.shape, { taxId: 'T', address: { city: 'X' } }, 'E')).toEqual({
      taxId: 'T',
      address: { city: 'X' },
      attributes: { etag: 'E' },
    });
  });
});
