// The partner billing profile as the Partner Center API describes it (camelCase JSON names).
// Every field may be absent: the API omits empty fields, and absent, null and "" are the same.

export interface Address {
  country?: string;
  region?: string;
  city?: string;
  state?: string;
  addressLine1?: string;
  addressLine2?: string;
  postalCode?: string;
  firstName?: string;
  lastName?: string;
  phoneNumber?: string;
}

export interface Contact {
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
}

export interface BillingProfile {
  companyName?: string;
  address?: Address;
  primaryContact?: Contact;
  purchaseOrderNumber?: string;
  taxId?: string;
  billingCurrency?: string;
  billingDay?: number;
  profileType?: string;
  /** attributes.etag of the API body: the version of the profile. */
  etag?: string;
}

export const ADDRESS_FIELDS = [
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
] as const satisfies readonly (keyof Address)[];

export const CONTACT_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phoneNumber',
] as const satisfies readonly (keyof Contact)[];
