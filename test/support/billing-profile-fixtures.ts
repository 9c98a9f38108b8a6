// Shared sample data for the billing profile unit tests (not a test file itself).
import type { BillingProfile } from '../../provider/partnercenter/model';
import type { ObjectValue, Value } from '../../provider/plugin/cty/types';
import { BILLING } from '../../provider/profiles/specs';
import { profileToState } from '../../provider/profiles/state';

export function liveProfile(): BillingProfile {
  return {
    companyName: 'Contoso Ltd',
    address: {
      country: 'US',
      city: 'Redmond',
      state: 'WA',
      addressLine1: '1 Microsoft Way',
      postalCode: '98052',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phoneNumber: '4255550100',
    },
    primaryContact: { firstName: 'Grace', lastName: 'Hopper', email: 'billing@contoso.com', phoneNumber: '4255550101' },
    purchaseOrderNumber: 'PO-1',
    taxId: '12-345678',
    billingCurrency: 'USD',
    billingDay: 1,
    profileType: 'billing_profile',
    etag: 'etag-1',
  };
}

export function liveState(): ObjectValue {
  return profileToState(BILLING, liveProfile());
}

/** A config object with every attribute null, then the given top-level values and nested values. */
export function config(
  top: Record<string, Value> = {},
  nested: { address?: Record<string, Value> | null; primary_contact?: Record<string, Value> | null } = {},
): ObjectValue {
  const nullGroup = (names: string[], values: Record<string, Value>) => ({
    ...Object.fromEntries(names.map((n) => [n, null])),
    ...values,
  });
  const addressNames = [
    'address_line1',
    'address_line2',
    'city',
    'state',
    'region',
    'postal_code',
    'first_name',
    'last_name',
    'phone_number',
    'country',
  ];
  const contactNames = ['first_name', 'last_name', 'email', 'phone_number'];
  return {
    id: null,
    purchase_order_number: null,
    tax_id: null,
    company_name: null,
    billing_currency: null,
    billing_day: null,
    profile_type: null,
    etag: null,
    address: nested.address ? nullGroup(addressNames, nested.address) : null,
    primary_contact: nested.primary_contact ? nullGroup(contactNames, nested.primary_contact) : null,
    ...top,
  };
}

/** A GET body of the billing profile with fields the model does not have, at the top and in both
 * nested objects (a fresh copy each call). */
export function unmodelledGetBody(): Record<string, unknown> {
  return {
    companyName: 'Contoso',
    address: { country: 'US', addressLine1: '1 Main St', addressLine3: 'Floor 3', city: 'Redmond' },
    primaryContact: { firstName: 'Ann', middleName: 'Q', email: 'ann@contoso.example' },
    taxId: 'T-1',
    billingDay: 1,
    vatRegistered: true,
    links: { self: { uri: '/profiles/billing', method: 'GET', headers: [] } },
    attributes: { etag: 'E1', objectType: 'BillingProfile' },
  };
}
