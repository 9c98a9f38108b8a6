// The read-merge-PUT keeps what the model lacks (docs/architecture.md §2.3 step 3): the body the
// client sends for mergeManaged(BILLING, live, config) is the live GET body with only the managed fields
// changed, whatever else that body held and however it spelled its names.
import { profileFromWire, profileToWire } from '../../../provider/partnercenter/wire';
import { config, unmodelledGetBody } from '../../support/billing-profile-fixtures';
import { BILLING } from '../../../provider/profiles/specs';
import { mergeManaged } from '../../../provider/profiles/diff';

type Json = Record<string, unknown>;

/** The PUT body of an apply of `cfg` against a live profile whose GET body was `get`. */
function putBody(get: Json, cfg = config({ tax_id: 'T-NEW' }, { address: { city: 'Seattle' } })): Json {
  const live = profileFromWire(BILLING.shape, JSON.parse(JSON.stringify(get)) as Json);
  return profileToWire(BILLING.shape, mergeManaged(BILLING, live, cfg), live.etag);
}

const GET: Json = unmodelledGetBody();

describe('mergeManaged, then the PUT body', () => {
  it('holds every field of the GET, the unmodelled ones at the top and nested included', () => {
    expect(putBody(GET)).toEqual({
      ...GET,
      taxId: 'T-NEW',
      address: { ...(GET.address as Json), city: 'Seattle' },
    });
  });

  it('holds a managed field once, in camelCase, when the GET spelled it in PascalCase', () => {
    const body = putBody({
      TaxId: 'T-1',
      Address: { City: 'Redmond', AddressLine3: 'Floor 3', Country: 'US' },
      PrimaryContact: { MiddleName: 'Q' },
      Attributes: { Etag: 'E1' },
    });
    expect(body).toEqual({
      taxId: 'T-NEW',
      address: { AddressLine3: 'Floor 3', Country: 'US', city: 'Seattle' },
      PrimaryContact: { MiddleName: 'Q' },
      Attributes: { Etag: 'E1' },
    });
    expect(Object.keys(body).filter((k) => k.toLowerCase() === 'taxid')).toEqual(['taxId']);
  });

  it('sends an unmanaged field back exactly as the GET had it', () => {
    const body = putBody(
      { ...GET, purchaseOrderNumber: 4711, PROFILETYPE: 'billing_profile' },
      config({ tax_id: 'T-NEW' }),
    );
    expect(body.purchaseOrderNumber).toBe(4711);
    expect(body.PROFILETYPE).toBe('billing_profile');
    expect(body.address).toEqual(GET.address);
  });

  it('keeps "__proto__" keys as data and pollutes no prototype', () => {
    const get = JSON.parse(
      '{"__proto__": {"isAdmin": true}, "address": {"__proto__": {"y": 1}, "city": "Redmond"}, "attributes": {"etag": "E1"}}',
    ) as Json;
    const body = putBody(get);
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(body.address)).toBe(Object.prototype);
    expect((body as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(JSON.parse(JSON.stringify(body))).toEqual(
      JSON.parse(
        '{"__proto__": {"isAdmin": true}, "address": {"__proto__": {"y": 1}, "city": "Seattle"}, "attributes": {"etag": "E1"}, "taxId": "T-NEW"}',
      ),
    );
  });
});
