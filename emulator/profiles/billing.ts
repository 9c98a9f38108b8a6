// The partner billing profile: GET/PUT /v1/profiles/billing. Its rules are the ones the emulator
// has always applied (docs/architecture.md §6.1): company name, country, currency, billing day and
// profile type are the service's; no middle name in its address; state without the 2-letter limit.
import { CONTACT, text } from './groups';
import { COUNTRY, COUNTRY_TEXT, PHONE, PHONE_TEXT, type GroupSpec, type ProfileSpec } from './spec';

const BILLING_ADDRESS: GroupSpec = {
  name: 'Address',
  fields: [
    text('country', {
      required: true,
      readOnly: 'refuse',
      ignoreCase: true,
      pattern: COUNTRY,
      patternText: COUNTRY_TEXT,
    }),
    text('addressLine1', { required: true, max: 200 }),
    text('addressLine2', { max: 200 }),
    text('city'),
    text('state'),
    text('region'),
    text('postalCode'),
    text('firstName', { max: 50 }),
    text('lastName', { max: 50 }),
    text('phoneNumber', { pattern: PHONE, patternText: PHONE_TEXT }),
  ],
};

export const BILLING: ProfileSpec = {
  name: 'billing',
  title: 'billing',
  path: '/v1/profiles/billing',
  putPaths: ['/v1/profiles/billing'],
  objectType: 'BillingProfile',
  selfUri: '/profiles/billing',
  etag: true,
  fields: [
    text('companyName', { readOnly: 'refuse' }),
    { key: 'address', kind: 'group', group: BILLING_ADDRESS },
    { key: 'primaryContact', kind: 'group', group: CONTACT },
    text('purchaseOrderNumber'),
    text('taxId'),
    text('billingCurrency', {
      readOnly: 'refuse',
      ignoreCase: true,
      pattern: /^[A-Za-z]{3}$/,
      patternText: 'a 3-letter ISO 4217 currency code such as USD',
    }),
    {
      key: 'billingDay',
      kind: 'integer',
      readOnly: 'refuse',
      min: 1,
      max: 31,
      rangeText: 'a day of the month, 1 to 31',
    },
    text('profileType', { readOnly: 'refuse', ignoreCase: true }),
  ],
  defaults: () => ({
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
  }),
};
