// The pure parts of the guarded adoption (provider/profiles/create-guard.ts and
// planAdoptionFromLive): the plan made from a plan-time read, the planned private data that keeps
// that read, and the conflict it gives when the live profile moved since.
import { UNKNOWN, type ObjectValue } from '../../../provider/plugin/cty/types';
import type { BillingProfile } from '../../../provider/partnercenter/model';
import { config, liveProfile } from '../../support/billing-profile-fixtures';
import { BILLING } from '../../../provider/profiles/specs';
import {
  adoptionConflict,
  decodeAdoptionPrivate,
  encodeAdoptionPrivate,
} from '../../../provider/profiles/create-guard';
import { conflictSummary } from '../../../provider/profiles/errors';
import { adoptionWrites, planAdoptionFromLive } from '../../../provider/profiles/plan';
import { profileToState } from '../../../provider/profiles/state';

const bytes = (s: string) => new TextEncoder().encode(s);
const json = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b)) as Record<string, unknown>;

describe('planAdoptionFromLive', () => {
  it('plans the fields the config leaves out as read, the configured ones as configured, etag unknown for a PUT', () => {
    const live = liveProfile();
    const planned = planAdoptionFromLive(
      BILLING,
      config({ tax_id: 'T-1' }, { primary_contact: { email: 'a@b.co' } }),
      live,
    );
    expect(planned).toEqual({
      ...profileToState(BILLING, live),
      tax_id: 'T-1',
      primary_contact: { first_name: 'Grace', last_name: 'Hopper', email: 'a@b.co', phone_number: '4255550101' },
      etag: UNKNOWN,
    });
  });

  it('plans the live etag when the config already holds: the apply PUTs nothing', () => {
    const live = liveProfile();
    // Equal in meaning, spelled otherwise: the create plan must show the config's spelling.
    const cfg = config({ tax_id: '12-345678' }, { primary_contact: { email: 'BILLING@contoso.com' } });
    expect(adoptionWrites(BILLING, cfg, live)).toBe(false);
    const planned = planAdoptionFromLive(BILLING, cfg, live);
    expect(planned.etag).toBe('etag-1');
    expect(planned.primary_contact).toMatchObject({ email: 'BILLING@contoso.com', first_name: 'Grace' });
    expect(planAdoptionFromLive(BILLING, config(), live)).toEqual(profileToState(BILLING, live));
  });

  it('keeps a value not known yet unknown, and then expects a PUT', () => {
    const live = liveProfile();
    const cfg: ObjectValue = { ...config({ purchase_order_number: UNKNOWN }), address: UNKNOWN };
    const planned = planAdoptionFromLive(BILLING, cfg, live);
    expect(planned.purchase_order_number).toBe(UNKNOWN);
    expect(planned.address).toBe(UNKNOWN);
    expect(planned.company_name).toBe('Contoso Ltd');
    expect(planned.etag).toBe(UNKNOWN);
    expect(adoptionWrites(BILLING, config({ tax_id: UNKNOWN }), live)).toBe(true);
  });

  it('plans an absent live field null, and "" in config as ""', () => {
    const live: BillingProfile = { ...liveProfile(), purchaseOrderNumber: undefined };
    const planned = planAdoptionFromLive(BILLING, config({ tax_id: '' }), live);
    expect(planned.purchase_order_number).toBeNull();
    expect(planned.tax_id).toBe('');
    expect(planned.etag).toBe(UNKNOWN); // clearing the tax id is a write
  });
});

describe('the planned private data of an adoption', () => {
  it('is versioned JSON with the etag and the modelled values by attribute path', () => {
    const doc = json(encodeAdoptionPrivate(BILLING, liveProfile()));
    expect(doc.v).toBe(1);
    expect(doc.etag).toBe('etag-1');
    expect(doc.read).toMatchObject({
      'address.city': 'Redmond',
      billing_day: 1,
      'primary_contact.email': 'billing@contoso.com',
    });
  });

  it('decodes back to the read', () => {
    const live = liveProfile();
    const read = decodeAdoptionPrivate(BILLING, encodeAdoptionPrivate(BILLING, live));
    expect(read?.etag).toBe('etag-1');
    expect(read?.profile).toEqual(live);
  });

  it('is no read when empty (a plan that read nothing, or one made before this guard), of another version or not ours', () => {
    for (const data of [
      new Uint8Array(),
      bytes('{"v":2,"etag":"e"}'),
      bytes('{"etag":"e"}'),
      bytes('not json'),
      bytes('["v",1]'),
      new Uint8Array([0xff, 0xfe]),
    ])
      expect(decodeAdoptionPrivate(BILLING, data)).toBeUndefined();
  });

  it('drops values of the wrong type', () => {
    const read = decodeAdoptionPrivate(
      BILLING,
      bytes('{"v":1,"etag":"e","read":{"tax_id":7,"billing_day":"1","address.city":"X"}}'),
    );
    expect(read?.profile).toEqual({ etag: 'e', address: { city: 'X' } });
  });
});

describe('adoptionConflict', () => {
  it('is the conflict error naming each field changed since the read, when the etag moved', () => {
    const atPlan = encodeAdoptionPrivate(BILLING, liveProfile());
    const now: BillingProfile = {
      ...liveProfile(),
      address: { ...liveProfile().address, city: 'Bellevue' },
      primaryContact: { ...liveProfile().primaryContact, email: 'oob@contoso.com' },
      etag: 'etag-2',
    };
    const d = adoptionConflict(BILLING, atPlan, now);
    expect(d).toMatchObject({ severity: 'error', summary: conflictSummary(BILLING) });
    expect(d?.detail).toContain('Fields that differ from the profile the plan read:');
    expect(d?.detail).toContain('address.city: "Redmond" -> "Bellevue"');
    expect(d?.detail).toContain('primary_contact.email: "billing@contoso.com" -> "oob@contoso.com"');
    expect(d?.detail).toContain('Nothing was written');
    expect(d?.detail).toMatch(/Run plan again/);
  });

  it('says so when the change is in a part of the profile the provider does not show', () => {
    const d = adoptionConflict(BILLING, encodeAdoptionPrivate(BILLING, liveProfile()), {
      ...liveProfile(),
      etag: 'etag-2',
    });
    expect(d?.detail).toContain('No field this provider shows differs');
  });

  it('is nothing when the etag is the one read, or when no read was kept', () => {
    expect(adoptionConflict(BILLING, encodeAdoptionPrivate(BILLING, liveProfile()), liveProfile())).toBeUndefined();
    expect(adoptionConflict(BILLING, new Uint8Array(), { ...liveProfile(), etag: 'etag-2' })).toBeUndefined();
    expect(adoptionConflict(BILLING, undefined, liveProfile())).toBeUndefined();
    // A profile without an etag read as one without an etag: equal.
    const noEtag: BillingProfile = { ...liveProfile(), etag: undefined };
    expect(adoptionConflict(BILLING, encodeAdoptionPrivate(BILLING, noEtag), noEtag)).toBeUndefined();
  });
});
