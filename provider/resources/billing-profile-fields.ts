// The billing profile's data fields, one row each: the Terraform attribute, where it lives in the
// API model, how two values are compared, and what the API accepts. The schema, the state
// mapping, the diff and the validation are all derived from this table, so a field is added in
// one place.
import { copyProfile, type Address, type BillingProfile, type Contact } from '../partnercenter/model';

/** The single nested attributes and the model key each one maps to. */
export const GROUPS = {
  address: 'address',
  primary_contact: 'primaryContact',
} as const satisfies Record<string, keyof BillingProfile>;
export type GroupName = keyof typeof GROUPS;

export type FieldValue = string | number | undefined;

export interface FieldSpec {
  /** Dotted attribute path, as shown to users: "primary_contact.email". */
  path: string;
  /** The nested attribute holding it, or undefined for a top-level attribute. */
  group?: GroupName;
  /** Attribute name inside its object. */
  attr: string;
  /** Key in the API model (inside the group's object for nested fields). */
  key: string;
  kind: 'string' | 'number';
  /**
   * Compared ignoring letter case, because the API treats these as codes or addresses whose case
   * carries no meaning: ISO country and currency codes, state/province codes, e-mail addresses.
   * Everything else (names, address lines, postal codes, PO number, tax id) is compared exactly.
   */
  caseInsensitive?: boolean;
  /** Changed only in the Partner Center dashboard: computed-only, so the engine refuses it in a config. */
  readOnly?: boolean;
  /** Length limits the API enforces (docs/architecture.md §5.2). */
  minLength?: number;
  maxLength?: number;
  email?: boolean;
  /** What the field is: the data source's description, and the start of the resource's. */
  description: string;
  /** How to set it in a resource config (only in the resource's description). */
  resourceNote?: string;
}

/** Where a read-only field is changed (both descriptions say it; billing-profile-schema.ts). */
export const DASHBOARD = 'It is changed in the Partner Center dashboard (Settings > Billing profile).';

function top(
  attr: string,
  key: keyof BillingProfile,
  rest: Omit<FieldSpec, 'path' | 'attr' | 'key' | 'kind'> & { kind?: 'string' | 'number' },
): FieldSpec {
  return { path: attr, attr, key, kind: 'string', ...rest };
}

function inAddress(
  attr: string,
  key: keyof Address,
  rest: Omit<FieldSpec, 'path' | 'attr' | 'key' | 'kind' | 'group'>,
): FieldSpec {
  return { path: `address.${attr}`, group: 'address', attr, key, kind: 'string', ...rest };
}

function inContact(
  attr: string,
  key: keyof Contact,
  rest: Omit<FieldSpec, 'path' | 'attr' | 'key' | 'kind' | 'group'>,
): FieldSpec {
  return { path: `primary_contact.${attr}`, group: 'primary_contact', attr, key, kind: 'string', ...rest };
}

export const FIELDS: readonly FieldSpec[] = [
  top('purchase_order_number', 'purchaseOrderNumber', {
    maxLength: 200,
    description: 'Purchase order number printed on invoices (up to 200 characters).',
    resourceNote: 'Set to "" to clear it; leave it out to leave it unmanaged.',
  }),
  top('tax_id', 'taxId', {
    maxLength: 200,
    description: 'Tax identifier of the partner, e.g. a VAT number (up to 200 characters).',
    resourceNote: 'Set to "" to clear it; leave it out to leave it unmanaged.',
  }),
  top('company_name', 'companyName', {
    readOnly: true,
    description: 'Company name on the billing profile.',
  }),
  top('billing_currency', 'billingCurrency', {
    readOnly: true,
    caseInsensitive: true,
    description: 'ISO 4217 currency the partner is billed in, e.g. "USD".',
  }),
  top('billing_day', 'billingDay', {
    kind: 'number',
    readOnly: true,
    description: 'Day of the month the billing cycle starts, when the API reports one.',
  }),
  top('profile_type', 'profileType', {
    readOnly: true,
    description: 'Kind of profile as the API reports it (e.g. "billing_profile").',
  }),
  inAddress('address_line1', 'addressLine1', {
    minLength: 1,
    maxLength: 200,
    description: 'First line of the billing address (1 to 200 characters).',
    resourceNote: 'The API requires it, so it cannot be cleared.',
  }),
  inAddress('address_line2', 'addressLine2', {
    maxLength: 200,
    description: 'Second line of the billing address (up to 200 characters).',
    resourceNote: 'Set to "" to clear it.',
  }),
  inAddress('city', 'city', { maxLength: 200, description: 'City of the billing address (up to 200 characters).' }),
  inAddress('state', 'state', {
    maxLength: 200,
    caseInsensitive: true,
    description:
      'State or province of the billing address; a code such as "WA" where the country uses codes (compared ignoring case).',
  }),
  inAddress('region', 'region', {
    maxLength: 200,
    description: 'Region of the billing address, for countries that use one (up to 200 characters).',
  }),
  inAddress('postal_code', 'postalCode', {
    maxLength: 200,
    description: 'Postal or ZIP code of the billing address (up to 200 characters).',
  }),
  inAddress('first_name', 'firstName', {
    maxLength: 50,
    description: 'First name of the person the billing address is for (up to 50 characters).',
  }),
  inAddress('last_name', 'lastName', {
    maxLength: 50,
    description: 'Last name of the person the billing address is for (up to 50 characters).',
  }),
  inAddress('phone_number', 'phoneNumber', {
    maxLength: 200,
    description: 'Phone number attached to the billing address (up to 200 characters).',
  }),
  inAddress('country', 'country', {
    readOnly: true,
    caseInsensitive: true,
    description: 'ISO 3166 two-letter country of the billing address, e.g. "US"; it is tied to the partner tenant.',
  }),
  inContact('first_name', 'firstName', {
    maxLength: 50,
    description: 'First name of the primary billing contact (up to 50 characters).',
  }),
  inContact('last_name', 'lastName', {
    maxLength: 50,
    description: 'Last name of the primary billing contact (up to 50 characters).',
  }),
  inContact('email', 'email', {
    email: true,
    caseInsensitive: true,
    description: 'E-mail address of the primary billing contact (compared ignoring case).',
  }),
  inContact('phone_number', 'phoneNumber', {
    maxLength: 200,
    description: 'Phone number of the primary billing contact (up to 200 characters).',
  }),
];

export const WRITABLE_FIELDS = FIELDS.filter((f) => !f.readOnly);

export function fieldsOfGroup(group: GroupName | undefined): FieldSpec[] {
  return FIELDS.filter((f) => f.group === group);
}

/** A field's value in a profile (undefined when absent). */
export function getField(profile: BillingProfile, field: FieldSpec): FieldValue {
  const holder = field.group
    ? (profile[GROUPS[field.group]] as Record<string, unknown> | undefined)
    : (profile as Record<string, unknown>);
  const v = holder?.[field.key];
  if (v === null || v === undefined) return undefined;
  return typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v);
}

/** Sets a field in place (undefined removes it), creating its group object when needed. */
export function setField(profile: BillingProfile, field: FieldSpec, value: FieldValue): void {
  let holder = profile as Record<string, unknown>;
  if (field.group) {
    const key = GROUPS[field.group];
    holder = (profile[key] as Record<string, unknown> | undefined) ?? {};
    profile[key] = holder;
  }
  if (value === undefined) delete holder[field.key];
  else holder[field.key] = value;
}

/**
 * A deep copy, so merges never touch the profile they started from. It keeps the JSON the profile
 * was read from, which the PUT sends back with the managed fields changed (model.ts).
 */
export function cloneProfile(p: BillingProfile): BillingProfile {
  return copyProfile(p);
}
