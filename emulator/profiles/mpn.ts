// The partner network (MPN, now AI Cloud Partner Program) profile: GET /v1/profiles/mpn, read-only
// (there is no PUT in the API: 405). The partner id is answered under both its current name
// (partnerId) and its older one (mpnId). GET ?mpnId=<id> looks up a partner by id (routes/profiles.ts).
import { createHash } from 'node:crypto';
import { text } from './groups';
import type { ProfileSpec } from './spec';

/** A stable 7-digit partner id per tenant. */
export function partnerIdFor(tenantId: string): string {
  const n = createHash('sha256').update(`mpn:${tenantId.toLowerCase()}`).digest().readUInt32BE(0);
  return String(1_000_000 + (n % 9_000_000));
}

export const MPN: ProfileSpec = {
  name: 'mpn',
  title: 'partner network (MPN)',
  path: '/v1/profiles/mpn',
  putPaths: [],
  objectType: 'MpnProfile',
  selfUri: '/profiles/mpn',
  etag: false,
  fields: [
    text('partnerName', { required: true }),
    text('partnerId', {
      required: true,
      alias: 'mpnId',
      pattern: /^[0-9]{1,10}$/,
      patternText: 'a partner id of digits such as 1234567',
    }),
    text('profileType', { readOnly: 'refuse', ignoreCase: true }),
  ],
  defaults: (tenantId) => ({
    partnerName: 'Contoso Partner Ltd',
    partnerId: partnerIdFor(tenantId),
    profileType: 'mpn_profile',
  }),
};
