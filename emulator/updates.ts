// How a bound body becomes the next profile: PUT replaces every writable field (left out or empty
// means cleared) and keeps the read-only ones; the admin PATCH merges (null or "" removes a
// field) and may change anything, as an edit in the Partner Center dashboard would.
//
// Extra fields (binding.ts) are fields of the service this emulator does not type. The PATCH
// stores any it is given; a PUT treats the stored ones like the writable typed fields (the value
// sent, in any casing, or cleared when left out) and ignores extra properties not stored, as the
// service ignores properties it does not know.
import { TOP_LEVEL_KEYS, lookup, type BoundProfile, type JsonObject } from './binding';
import { ADDRESS_KEYS, CONTACT_KEYS, cloneProfile, compactProfile, type ProfileData } from './profile';

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** The extra fields stored in `stored` (keys matching none of `known`), each set to what `sent` holds. */
function extrasAfterPut(stored: unknown, known: readonly string[], sent: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (typeof stored !== 'object' || stored === null) return out;
  const names = new Set(known.map((k) => k.toLowerCase()));
  for (const key of Object.keys(stored)) {
    if (names.has(key.toLowerCase())) continue;
    const { value } = lookup(sent, key);
    if (value !== undefined && value !== null && value !== '') out[key] = value;
  }
  return out;
}

export function afterPut(current: ProfileData, body: BoundProfile): ProfileData {
  const address: Record<string, unknown> = extrasAfterPut(current.address, ADDRESS_KEYS, body.extra.address);
  for (const key of ADDRESS_KEYS) address[key] = orUndefined(body.address?.[key]);
  address.country = current.address?.country;
  const contact: Record<string, unknown> = extrasAfterPut(
    current.primaryContact,
    CONTACT_KEYS,
    body.extra.primaryContact,
  );
  for (const key of CONTACT_KEYS) contact[key] = orUndefined(body.primaryContact?.[key]);
  return compactProfile({
    ...extrasAfterPut(current, TOP_LEVEL_KEYS, body.extra.top),
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

/** Sets each key of `patch` in `target` (null or "" removes it), replacing the key in any other casing. */
function mergeInto(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    for (const k of Object.keys(target)) if (k !== key && k.toLowerCase() === key.toLowerCase()) delete target[k];
    if (value === null || value === '') delete target[key];
    else target[key] = value;
  }
}

export function afterPatch(current: ProfileData, patch: BoundProfile): ProfileData {
  const next = cloneProfile(current) as Record<string, unknown>;
  const { address, primaryContact, etag: _ignored, extra, ...top } = patch;
  mergeInto(next, top);
  mergeInto(next, extra.top);
  for (const [key, value, extras] of [
    ['address', address, extra.address] as const,
    ['primaryContact', primaryContact, extra.primaryContact] as const,
  ]) {
    if (value === null) {
      delete next[key];
      continue;
    }
    if (value === undefined && Object.keys(extras).length === 0) continue;
    const merged = { ...((next[key] as Record<string, unknown> | undefined) ?? {}) };
    if (value) mergeInto(merged, value);
    mergeInto(merged, extras);
    next[key] = merged;
  }
  return compactProfile(next as ProfileData);
}
