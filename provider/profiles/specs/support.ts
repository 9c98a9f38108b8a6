// The partner support profile: how customers reach the partner's support. GET /v1/profiles/support;
// the PUT is documented at /v1/profiles/supportprofile, while Microsoft's .NET and Java SDKs send
// it to /v1/profiles/support, the path used here. The API gives it no etag: the guard compares the
// live values (docs/architecture.md §7).
import { defineProfile, top } from '../spec';

export const SUPPORT = defineProfile({
  name: 'support',
  typeName: 'partnercenter_support_profile',
  title: 'support profile',
  changedIn: 'in the Partner Center dashboard (Account settings > Support profile)',
  description: {
    resource:
      'The partner support profile (the e-mail address, telephone and website customers use to reach the partner) of the Partner Center account the credentials belong to. It always exists: creating the resource adopts it, destroying it only removes it from state.',
    data: 'Reads the partner support profile of the Partner Center account the credentials belong to.',
  },
  readPath: '/v1/profiles/support',
  writePath: '/v1/profiles/support',
  etag: 'none',
  groups: [],
  fields: [
    top('email', 'email', {
      email: true,
      caseInsensitive: true,
      maxLength: 200,
      description: 'Support e-mail address customers write to (compared ignoring case).',
      resourceNote: 'Set to "" to clear it; leave it out to leave it unmanaged.',
    }),
    top('telephone', 'telephone', {
      maxLength: 200,
      description: 'Support telephone number customers call (up to 200 characters).',
      resourceNote: 'Set to "" to clear it; leave it out to leave it unmanaged.',
    }),
    top('website', 'website', {
      maxLength: 2000,
      // With its scheme: Partner Center shows it as a link, and the emulator refuses other values.
      pattern: {
        regex: /^https?:\/\/[^\s/]+\.[^\s]+$/i,
        means: 'a web address such as "https://support.contoso.com"',
      },
      description: 'Support website customers visit, with its scheme, e.g. "https://support.contoso.com".',
      resourceNote: 'Set to "" to clear it; leave it out to leave it unmanaged.',
    }),
    top('profile_type', 'profileType', {
      readOnly: true,
      description: 'Kind of profile as the API reports it (e.g. "support_profile").',
    }),
  ],
});
