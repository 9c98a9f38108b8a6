// Every profile the provider serves: a resource for each one the API lets change, a data source for each.
import type { ProfileSpec } from '../spec';
import { BILLING } from './billing';
import { LEGAL_BUSINESS } from './legal-business';
import { ORGANIZATION } from './organization';
import { PARTNER_NETWORK } from './partner-network';
import { SUPPORT } from './support';

export { BILLING, LEGAL_BUSINESS, ORGANIZATION, PARTNER_NETWORK, SUPPORT };

export const PROFILE_SPECS: readonly ProfileSpec[] = [BILLING, SUPPORT, ORGANIZATION, LEGAL_BUSINESS, PARTNER_NETWORK];
