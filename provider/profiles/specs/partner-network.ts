// The partner network (AI Cloud Partner Program, formerly MPN) profile: GET /v1/profiles/mpn. The
// API has no PUT, so it is a data source only. Current docs name the id partnerId; older ones and
// the SDKs mpnId: either is read.
import { defineProfile, top } from '../spec';

export const PARTNER_NETWORK = defineProfile({
  name: 'mpn',
  typeName: 'partnercenter_partner_network_profile',
  title: 'partner network profile',
  changedIn: 'in the Partner Center dashboard (Account settings > Partner profile)',
  description: {
    data: 'Reads the partner network (AI Cloud Partner Program, formerly MPN) profile of the Partner Center account the credentials belong to: the partner name and partner id. It cannot be changed through the API, so there is no resource.',
  },
  readPath: '/v1/profiles/mpn',
  etag: 'none',
  groups: [],
  fields: [
    top('partner_name', 'partnerName', { readOnly: true, description: 'Name of the partner in the partner network.' }),
    top('partner_id', 'partnerId', {
      aliases: ['mpnId'],
      readOnly: true,
      description: 'Partner id in the partner network (the PartnerID, formerly the MPN id).',
    }),
    top('profile_type', 'profileType', {
      readOnly: true,
      description: 'Kind of profile as the API reports it (e.g. "mpn_profile").',
    }),
  ],
});
