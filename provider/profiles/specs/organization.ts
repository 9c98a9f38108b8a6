// The partner organization profile: the company's name, default address and contact settings.
// GET/PUT /v1/profiles/organization, versioned by an etag when the API gives one. Its tenantId is
// the partner tenant, which every profile state keeps as tenant_id (profiles/tenant.ts), so it is
// not a field of its own here; its API id is left as the API sent it.
import { defineProfile, top } from '../spec';
import { addressFields, groupDescription } from './address';

export const ORGANIZATION = defineProfile({
  name: 'organization',
  typeName: 'partnercenter_organization_profile',
  title: 'organization profile',
  changedIn: 'in the Partner Center dashboard (Account settings > Organization profile)',
  description: {
    resource:
      'The partner organization profile (company name, default address, contact e-mail, language and culture) of the Partner Center account the credentials belong to. It always exists: creating the resource adopts it, destroying it only removes it from state.',
    data: 'Reads the partner organization profile of the Partner Center account the credentials belong to.',
  },
  readPath: '/v1/profiles/organization',
  writePath: '/v1/profiles/organization',
  etag: 'optional',
  groups: [
    {
      attr: 'default_address',
      key: 'defaultAddress',
      description: {
        resource: groupDescription('Default address of the organization', '`country` is read-only.'),
        data: 'Default address of the organization.',
      },
    },
  ],
  fields: [
    top('company_name', 'companyName', {
      minLength: 1,
      maxLength: 200,
      description: 'Name of the partner organization (1 to 200 characters).',
      resourceNote: 'The API requires it, so it cannot be cleared.',
    }),
    top('email', 'email', {
      email: true,
      caseInsensitive: true,
      maxLength: 200,
      description: 'Contact e-mail address of the organization (compared ignoring case).',
    }),
    top('language', 'language', {
      caseInsensitive: true,
      maxLength: 20,
      description: 'Language the organization uses with Partner Center, e.g. "en" (compared ignoring case).',
    }),
    top('culture', 'culture', {
      caseInsensitive: true,
      maxLength: 20,
      pattern: { regex: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, means: 'a culture code such as "en-us"' },
      description: 'Culture (locale) of the organization, e.g. "en-us" (compared ignoring case).',
    }),
    top('domain', 'domain', {
      readOnly: true,
      caseInsensitive: true,
      changedIn: 'with the partner tenant in Microsoft Entra ID',
      description: 'Default domain of the partner tenant, e.g. "contoso.onmicrosoft.com".',
    }),
    top('profile_type', 'profileType', {
      readOnly: true,
      description: 'Kind of profile as the API reports it (e.g. "organization_profile").',
    }),
    ...addressFields('default_address', 'the default address'),
  ],
});
