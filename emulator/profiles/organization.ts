// The partner organization profile: GET/PUT /v1/profiles/organization. Its id, tenant id and
// domain are the service's (a PUT may repeat them, not change them); the rest is the partner's.
import { createHash } from 'node:crypto';
import { ADDRESS, text } from './groups';
import { EMAIL, EMAIL_TEXT, type ProfileSpec } from './spec';

/** A stable GUID-shaped id per tenant, so a restart without a data file gives the same one. */
export function stableGuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const ORGANIZATION: ProfileSpec = {
  name: 'organization',
  title: 'organization',
  path: '/v1/profiles/organization',
  putPaths: ['/v1/profiles/organization'],
  objectType: 'OrganizationProfile',
  selfUri: '/profiles/organization',
  etag: true,
  fields: [
    text('id', { readOnly: 'refuse', ignoreCase: true }),
    text('companyName', { required: true }),
    { key: 'defaultAddress', kind: 'group', group: ADDRESS },
    text('tenantId', { readOnly: 'refuse', ignoreCase: true }),
    text('domain', { readOnly: 'refuse', ignoreCase: true }),
    text('email', { pattern: EMAIL, patternText: EMAIL_TEXT }),
    text('language', {
      pattern: /^[A-Za-z]{2,3}$/,
      patternText: 'a 2- or 3-letter ISO 639 language code such as en',
    }),
    text('culture', {
      pattern: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
      patternText: 'a culture name such as en-us',
    }),
    text('profileType', { readOnly: 'refuse', ignoreCase: true }),
  ],
  defaults: (tenantId) => ({
    id: stableGuid(`organization:${tenantId.toLowerCase()}`),
    companyName: 'Contoso Partner Ltd',
    defaultAddress: {
      country: 'US',
      region: 'WA',
      city: 'Redmond',
      state: 'WA',
      addressLine1: 'One Microsoft Way',
      postalCode: '98052',
      firstName: 'Avery',
      lastName: 'Howard',
      phoneNumber: '+1 425 555 0100',
    },
    tenantId,
    domain: 'contoso-partner.onmicrosoft.com',
    email: 'admin@contoso-partner.example',
    language: 'en',
    culture: 'en-us',
    profileType: 'organization_profile',
  }),
};
