// The partner billing profile: GET/PUT /v1/profiles/billing, versioned by an etag
// (docs/architecture.md §5.2).
import { defineProfile, top } from '../spec';
import { addressFields, contactFields, groupDescription } from './address';

export const BILLING = defineProfile({
  name: 'billing',
  typeName: 'partnercenter_billing_profile',
  title: 'billing profile',
  changedIn: 'in the Partner Center dashboard (Settings > Billing profile)',
  description: {
    resource:
      'The partner billing profile of the Partner Center account the credentials belong to. It always exists: creating the resource adopts it, destroying it only removes it from state.',
    data: 'Reads the partner billing profile of the Partner Center account the credentials belong to.',
  },
  readPath: '/v1/profiles/billing',
  writePath: '/v1/profiles/billing',
  etag: 'required',
  groups: [
    {
      attr: 'address',
      key: 'address',
      description: {
        resource: groupDescription('Billing address', '`country` is read-only.'),
        data: 'Billing address of the profile.',
      },
    },
    {
      attr: 'primary_contact',
      key: 'primaryContact',
      description: {
        resource: groupDescription('Primary billing contact'),
        data: 'Primary billing contact of the profile.',
      },
    },
  ],
  fields: [
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
    top('company_name', 'companyName', { readOnly: true, description: 'Company name on the billing profile.' }),
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
    ...addressFields('address', 'the billing address'),
    ...contactFields('primary_contact', 'the primary billing contact'),
  ],
});
