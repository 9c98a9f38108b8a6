// The billing profile as the emulator stores it, and its API JSON form. The emulator keeps its own
// types (it fakes the external API; it does not share the provider's model).
import { randomBytes } from 'node:crypto';

export const ADDRESS_KEYS = [
  'country',
  'region',
  'city',
  'state',
  'addressLine1',
  'addressLine2',
  'postalCode',
  'firstName',
  'lastName',
  'phoneNumber',
] as const;
export const CONTACT_KEYS = ['firstName', 'lastName', 'email', 'phoneNumber'] as const;
export const TOP_STRING_KEYS = [
  'companyName',
  'purchaseOrderNumber',
  'taxId',
  'billingCurrency',
  'profileType',
] as const;

// Besides the typed fields, each level may hold extra fields (any JSON value) that the admin PATCH
// stored: fields of the service that a client's model may lack (binding.ts).
export type AddressData = Partial<Record<(typeof ADDRESS_KEYS)[number], string>> & Record<string, unknown>;
export type ContactData = Partial<Record<(typeof CONTACT_KEYS)[number], string>> & Record<string, unknown>;

export interface ProfileData {
  [extra: string]: unknown;
  companyName?: string;
  address?: AddressData;
  primaryContact?: ContactData;
  purchaseOrderNumber?: string;
  taxId?: string;
  billingCurrency?: string;
  billingDay?: number;
  profileType?: string;
}

export interface StoredProfile extends ProfileData {
  etag: string;
}

/** An opaque etag, like the service's: nothing to parse, only to compare. */
export function newEtag(): string {
  return randomBytes(12).toString('base64url');
}

export function defaultProfileData(): ProfileData {
  return {
    companyName: 'Contoso Partner Ltd',
    address: {
      country: 'US',
      region: 'WA',
      city: 'Redmond',
      state: 'WA',
      addressLine1: 'One Microsoft Way',
      addressLine2: 'Building 92',
      postalCode: '98052',
      firstName: 'Avery',
      lastName: 'Howard',
      phoneNumber: '+1 425 555 0100',
    },
    primaryContact: {
      firstName: 'Avery',
      lastName: 'Howard',
      email: 'billing@contoso-partner.example',
      phoneNumber: '+1 425 555 0100',
    },
    purchaseOrderNumber: 'PO-2024-0001',
    taxId: '12-345678',
    billingCurrency: 'USD',
    billingDay: 1,
    profileType: 'billing_profile',
  };
}

function compact<T extends object>(obj: T | undefined): T | undefined {
  if (!obj) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return Object.keys(out).length ? (out as T) : undefined;
}

/** Drops empty values at every level: the service omits empty fields. */
export function compactProfile<T extends ProfileData>(p: T): T {
  const out = compact(p) as T;
  const address = compact(p.address);
  const contact = compact(p.primaryContact);
  if (address) out.address = address;
  else delete out.address;
  if (contact) out.primaryContact = contact;
  else delete out.primaryContact;
  return out;
}

/** The response body of GET/PUT /v1/profiles/billing: camelCase, empties left out. */
export function toApiJson(p: StoredProfile): Record<string, unknown> {
  const { etag, ...data } = compactProfile(p);
  return {
    ...data,
    links: { self: { uri: '/profiles/billing', method: 'GET', headers: [] } },
    attributes: { etag, objectType: 'BillingProfile' },
  };
}

export function cloneProfile<T extends ProfileData>(p: T): T {
  return structuredClone(p);
}
