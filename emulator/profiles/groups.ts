// The nested types the profiles share: Address and Contact. Limits of the research-documented
// Address type (docs/architecture.md §5.2) for the profiles added with it; the billing profile
// keeps the rules it has always had (billing.ts).
import { COUNTRY, COUNTRY_TEXT, EMAIL, EMAIL_TEXT, PHONE, PHONE_TEXT, type GroupSpec, type TextField } from './spec';

const text = (key: string, rules: Omit<TextField, 'key' | 'kind'> = {}): TextField => ({
  key,
  kind: 'string',
  ...rules,
});

/** Address as the utility resources document it: country exactly 2 letters, state at most 2. */
export const ADDRESS: GroupSpec = {
  name: 'Address',
  fields: [
    text('country', { required: true, pattern: COUNTRY, patternText: COUNTRY_TEXT }),
    text('addressLine1', { required: true, max: 200 }),
    text('addressLine2', { max: 200 }),
    text('city'),
    text('state', { max: 2 }),
    text('region'),
    text('postalCode'),
    text('firstName', { max: 50 }),
    text('middleName', { max: 50 }),
    text('lastName', { max: 50 }),
    text('phoneNumber', { pattern: PHONE, patternText: PHONE_TEXT }),
  ],
};

export const CONTACT: GroupSpec = {
  name: 'Contact',
  fields: [
    text('firstName', { max: 50 }),
    text('lastName', { max: 50 }),
    text('email', { pattern: EMAIL, patternText: EMAIL_TEXT }),
    text('phoneNumber', { pattern: PHONE, patternText: PHONE_TEXT }),
  ],
};

export { text };
