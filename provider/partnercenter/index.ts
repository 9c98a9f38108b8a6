// Public API of the Partner Center client.
export { CLOUDS, CLOUD_NAMES, isCloudName, type Cloud, type CloudName } from './clouds';
export { PartnerCenterClient, unquoteEtag, type CallOptions } from './client';
export type { PartnerCenterClientOptions } from './options';
export { AzureCliError, type AzureCliProblem } from './azure-cli';
export { tenantOfToken, type CredentialsTenant } from './token-claims';
export type { ClientLogger } from './logger';
export type { RetryOptions } from './retry';
export { DEFAULT_RETRY_POLICY } from './retry';
export {
  PartnerCenterError,
  ConflictError,
  AuthenticationError,
  ConfigurationError,
  CancelledError,
  NetworkError,
  withoutIds,
  type ErrorService,
} from './errors';
export { profileFromWire, profileToWire } from './wire';
export {
  copyProfile,
  readDocumentOf,
  type Address,
  type BillingProfile,
  type Contact,
  type JsonObject,
  type Profile,
  type ProfileGroup,
  type ProfileShape,
  type ProfileValue,
  type WireField,
} from './model';
