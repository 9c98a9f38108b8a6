// What `configure` hands to every resource and data source call: the Partner Center API, or the
// reason it is not available yet. Planning never needs the API, so a provider block that
// depends on values known only during apply fails only the calls that do need it.
import type { BillingProfile, CredentialsTenant } from './partnercenter';

/** The part of PartnerCenterClient the resources use. */
export interface BillingProfileApi {
  getBillingProfile(opts: { signal?: AbortSignal }): Promise<BillingProfile>;
  /**
   * PUTs `profile` guarded by `etag`. Give it a profile read by getBillingProfile (changed in a
   * copy made with copyProfile): the PUT sends back every field that read returned, the ones the
   * model lacks included, so nothing the provider does not manage is cleared.
   */
  updateBillingProfile(profile: BillingProfile, etag: string, opts: { signal?: AbortSignal }): Promise<BillingProfile>;
  /**
   * The partner tenant of the credentials (the tid claim of their access token), which the
   * resource's state is bound to (resources/billing-profile-tenant.ts). A stand-in API without it
   * counts as credentials whose tenant cannot be read.
   */
  credentialsTenant?(opts: { signal?: AbortSignal }): Promise<CredentialsTenant>;
}

/** Thrown when a call needs the API but the provider could not be configured yet. */
export class ProviderNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderNotReadyError';
  }
}

export class ProviderClient {
  private constructor(
    private readonly api: BillingProfileApi | undefined,
    private readonly reason: string,
  ) {}

  static ready(api: BillingProfileApi): ProviderClient {
    return new ProviderClient(api, '');
  }

  static unavailable(reason: string): ProviderClient {
    return new ProviderClient(undefined, reason);
  }

  /** The API; throws ProviderNotReadyError with the reason when there is none. */
  billingProfiles(): BillingProfileApi {
    if (!this.api) throw new ProviderNotReadyError(this.reason);
    return this.api;
  }
}
