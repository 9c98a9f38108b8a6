// The partner legal business profile: GET /v1/profiles/legalbusiness?vettingVersion=Current|
// LastFinalized, PUT /v1/profiles/legalbusiness. Vetting is the service's: vettingStatus and
// vettingSubStatus are ignored in a PUT (the reference's PUT example sends them back as read, so a
// client repeating them must not fail; the emulator keeps the stored values whatever is sent), and
// the admin PATCH sets them, as the vetting team would. Once vetting is Authorized the company
// name is fixed (routes/profiles.ts), as the Partner Center documentation says for vetted partners.
import { ADDRESS, CONTACT, text } from './groups';
import { EMAIL, EMAIL_TEXT, type ProfileSpec } from './spec';

/** ApiFault code of the refused rename: the API's code for an invalid property. */
const INVALID_PROPERTY = 3000;

export const VETTING_STATUSES = ['None', 'Pending', 'Authorized', 'Rejected'] as const;
export const VETTING_SUB_STATUSES = [
  'None',
  'Entry',
  'EmailOwnership',
  'EmailDomain',
  'EmploymentVerification',
  'Decision',
  'Other',
  'BusinessVerification',
] as const;
/** Statuses that end a vetting round: the version then becomes the "last finalized" one. */
export const FINAL_VETTING_STATUSES: readonly string[] = ['Authorized', 'Rejected'];
export const VETTING_VERSIONS = ['Current', 'LastFinalized'] as const;

export const LEGAL_BUSINESS: ProfileSpec = {
  name: 'legalbusiness',
  title: 'legal business',
  path: '/v1/profiles/legalbusiness',
  putPaths: ['/v1/profiles/legalbusiness'],
  objectType: 'LegalBusinessProfile',
  selfUri: '/profiles/legalbusiness',
  etag: true,
  fields: [
    text('companyName', { required: true }),
    { key: 'address', kind: 'group', group: ADDRESS },
    { key: 'primaryContact', kind: 'group', group: CONTACT },
    { key: 'companyApproverAddress', kind: 'group', group: ADDRESS },
    text('companyApproverEmail', { pattern: EMAIL, patternText: EMAIL_TEXT }),
    text('vettingStatus', { readOnly: 'ignore', oneOf: VETTING_STATUSES }),
    text('vettingSubStatus', { readOnly: 'ignore', oneOf: VETTING_SUB_STATUSES }),
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
      postalCode: '98052',
      phoneNumber: '+1 425 555 0100',
    },
    primaryContact: {
      firstName: 'Avery',
      lastName: 'Howard',
      email: 'legal@contoso-partner.example',
      phoneNumber: '+1 425 555 0100',
    },
    companyApproverAddress: {
      country: 'US',
      region: 'WA',
      city: 'Redmond',
      state: 'WA',
      addressLine1: 'One Microsoft Way',
      postalCode: '98052',
      firstName: 'Jordan',
      lastName: 'Lee',
      phoneNumber: '+1 425 555 0102',
    },
    companyApproverEmail: 'approver@contoso-partner.example',
    vettingStatus: 'None',
    vettingSubStatus: 'None',
    profileType: 'legal_business_profile',
  }),
  finalDecision: (data) => {
    const status = data.vettingStatus;
    return typeof status === 'string' && FINAL_VETTING_STATUSES.includes(status) ? status : undefined;
  },
  putRefusal: (current, body) => {
    const sent = body.fields.companyName;
    if (current.vettingStatus !== 'Authorized' || typeof sent !== 'string') return undefined;
    if (sent.trim() === (typeof current.companyName === 'string' ? current.companyName.trim() : '')) return undefined;
    return {
      code: INVALID_PROPERTY,
      field: 'companyName',
      description:
        'Invalid property companyName: the company name of a legal business profile whose vetting is Authorized ' +
        'cannot be changed through the API. Keep the current company name, or contact Partner Center support ' +
        'to have the legal entity re-verified under its new name.',
    };
  },
};
