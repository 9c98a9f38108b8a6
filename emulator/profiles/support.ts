// The partner support profile: GET /v1/profiles/support. The REST reference documents its PUT at
// /v1/profiles/supportprofile while the SDKs send it to /v1/profiles/support: the emulator accepts
// both. The API versions it with no etag (none in its examples; the SDK sample PUTs a fresh object),
// so If-Match and attributes.etag are not checked (docs/architecture.md §6.1).
import { text } from './groups';
import { EMAIL, EMAIL_TEXT, PHONE, PHONE_TEXT, type ProfileSpec } from './spec';

export const SUPPORT: ProfileSpec = {
  name: 'support',
  title: 'support',
  path: '/v1/profiles/support',
  putPaths: ['/v1/profiles/support', '/v1/profiles/supportprofile'],
  objectType: 'PartnerSupportProfile',
  selfUri: '/profiles/support',
  etag: false,
  fields: [
    text('email', { pattern: EMAIL, patternText: EMAIL_TEXT }),
    text('telephone', { pattern: PHONE, patternText: PHONE_TEXT }),
    text('website', {
      max: 2048,
      pattern: /^https?:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/i,
      patternText: 'an http or https address such as https://support.example.com',
    }),
    text('profileType', { readOnly: 'refuse', ignoreCase: true }),
  ],
  defaults: () => ({
    email: 'support@contoso-partner.example',
    telephone: '+1 425 555 0101',
    website: 'https://support.contoso-partner.example',
    profileType: 'support_profile',
  }),
};
