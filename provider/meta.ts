// Identity of the provider: one source address with an explicit hostname, so Terraform and
// OpenTofu resolve it the same way (a bare "ns/type" means a different registry in each).
// Named imports only, so the bundle holds these two strings, not the whole package.json.
import { name, version } from '../package.json';

export const PROVIDER_TYPE = 'partnercenter';
export const PROVIDER_HOST = 'terraform.local';
export const PROVIDER_NAMESPACE = 'partnercenter';
export const SOURCE_ADDRESS = `${PROVIDER_HOST}/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
export const PROVIDER_VERSION: string = version;
/** The npm package's name, which is also its command's (`npx terraform-provider-partnercenter`). */
export const PACKAGE_NAME: string = name;
/** Value of the MS-PartnerCenter-Application header. */
export const APPLICATION_NAME = `terraform-provider-${PROVIDER_TYPE}/${PROVIDER_VERSION}`;
