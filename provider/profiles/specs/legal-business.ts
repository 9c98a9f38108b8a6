// The partner legal business profile: the legal entity Microsoft vets. Read at the current vetting
// version (GET /v1/profiles/legalbusiness?vettingVersion=Current), changed with PUT
// /v1/profiles/legalbusiness. Vetting status and sub-status are set by Microsoft; once vetting is
// Authorized the API may refuse a rename, and its refusal is shown in its own words. Versioned by
// an etag when the API gives one.
import { defineProfile, top } from '../spec';
import { addressFields, contactFields, groupDescription } from './address';

const VETTING = "by Microsoft's vetting of the partner's legal entity";

export const LEGAL_BUSINESS = defineProfile({
  name: 'legalbusiness',
  typeName: 'partnercenter_legal_business_profile',
  title: 'legal business profile',
  changedIn: 'in the Partner Center dashboard (Account settings > Legal info)',
  description: {
    resource:
      'The partner legal business profile (legal company name, address, primary contact and company approver) of the Partner Center account the credentials belong to, at its current vetting version. It always exists: creating the resource adopts it, destroying it only removes it from state. After vetting is Authorized, Partner Center may refuse a change of company_name.',
    data: 'Reads the partner legal business profile of the Partner Center account the credentials belong to, at its current vetting version.',
  },
  readPath: '/v1/profiles/legalbusiness?vettingVersion=Current',
  writePath: '/v1/profiles/legalbusiness',
  etag: 'optional',
  groups: [
    {
      attr: 'address',
      key: 'address',
      description: {
        resource: groupDescription('Legal address of the company', '`country` is read-only.'),
        data: 'Legal address of the company.',
      },
    },
    {
      attr: 'primary_contact',
      key: 'primaryContact',
      description: {
        resource: groupDescription('Primary legal contact'),
        data: 'Primary legal contact of the company.',
      },
    },
    {
      attr: 'company_approver_address',
      key: 'companyApproverAddress',
      description: {
        resource: groupDescription('Address of the person who approves for the company'),
        data: 'Address of the person who approves for the company.',
      },
    },
  ],
  fields: [
    top('company_name', 'companyName', {
      minLength: 1,
      maxLength: 200,
      description: 'Legal name of the company (1 to 200 characters).',
      resourceNote:
        'The API requires it, so it cannot be cleared; once vetting is Authorized, Partner Center may refuse a rename.',
    }),
    top('company_approver_email', 'companyApproverEmail', {
      email: true,
      caseInsensitive: true,
      maxLength: 200,
      description: 'E-mail address of the person who approves for the company (compared ignoring case).',
    }),
    top('vetting_status', 'vettingStatus', {
      readOnly: true,
      changedIn: VETTING,
      description: 'Vetting status of the legal entity: None, Pending, Authorized or Rejected.',
    }),
    top('vetting_sub_status', 'vettingSubStatus', {
      readOnly: true,
      changedIn: VETTING,
      description:
        'Step the vetting is at: None, Entry, EmailOwnership, EmailDomain, EmploymentVerification, Decision, BusinessVerification or Other.',
    }),
    top('profile_type', 'profileType', {
      readOnly: true,
      description: 'Kind of profile as the API reports it (e.g. "legal_business_profile").',
    }),
    ...addressFields('address', 'the legal address'),
    ...contactFields('primary_contact', 'the primary legal contact'),
    ...addressFields('company_approver_address', 'the company approver address', { countryWritable: true }),
  ],
});
