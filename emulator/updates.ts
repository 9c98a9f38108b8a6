// How a bound body becomes the next profile: PUT replaces every writable field (left out or empty
// means cleared) and keeps the read-only ones; the admin PATCH merges (null or "" removes a
// field) and may change anything, as an edit in the Partner Center dashboard would.
import type { BoundProfile } from './binding';
import { ADDRESS_KEYS, CONTACT_KEYS, cloneProfile, compactProfile, type ProfileData } from './profile';

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

export function afterPut(current: ProfileData, body: BoundProfile): ProfileData {
  const address: Record<string, string | undefined> = {};
  for (const key of ADDRESS_KEYS) address[key] = orUndefined(body.address?.[key]);
  address.country = current.address?.country;
  const contact: Record<string, string | undefined> = {};
  for (const key of CONTACT_KEYS) contact[key] = orUndefined(body.primaryContact?.[key]);
  return compactProfile({
    companyName: current.companyName,
    address,
    primaryContact: contact,
    purchaseOrderNumber: orUndefined(body.purchaseOrderNumber),
    taxId: orUndefined(body.taxId),
    billingCurrency: current.billingCurrency,
    billingDay: current.billingDay,
    profileType: current.profileType,
  });
}

function mergeInto(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete target[key];
    else target[key] = value;
  }
}

export function afterPatch(current: ProfileData, patch: BoundProfile): ProfileData {
  const next = cloneProfile(current) as Record<string, unknown>;
  const { address, primaryContact, etag: _ignored, ...top } = patch;
  mergeInto(next, top);
  for (const [key, value] of [['address', address] as const, ['primaryContact', primaryContact] as const]) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else {
      const merged = { ...((next[key] as Record<string, unknown>) ?? {}) };
      mergeInto(merged, value);
      next[key] = merged;
    }
  }
  return compactProfile(next as ProfileData);
}
