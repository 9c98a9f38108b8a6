// What `configure` hands to every resource and data source call: the Partner Center API, or the
// reason it is not available yet. Planning never needs the API, so a provider block that
// depends on values known only during apply fails only the calls that do need it.
import type { CredentialsTenant, Profile, ProfileShape } from './partnercenter';

/** The part of PartnerCenterClient the resources and data sources use. */
export interface ProfileApi {
  getProfile(shape: ProfileShape, opts: { signal?: AbortSignal }): Promise<Profile>;
  /**
   * PUTs `profile`, guarded by `etag` where the profile has one. Give it a profile read by
   * getProfile (changed in a copy made with copyProfile): the PUT sends back every field that
   * read returned, the ones the model lacks included, so nothing the provider does not manage is
   * cleared.
   */
  updateProfile(
    shape: ProfileShape,
    profile: Profile,
    etag: string | undefined,
    opts: { signal?: AbortSignal },
  ): Promise<Profile>;
  /**
   * The partner tenant of the credentials (the tid claim of their access token), which every
   * profile state is bound to (profiles/tenant.ts). A stand-in API without it counts as
   * credentials whose tenant cannot be read.
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
    private readonly api: ProfileApi | undefined,
    private readonly reason: string,
  ) {}

  static ready(api: ProfileApi): ProviderClient {
    return new ProviderClient(api, '');
  }

  static unavailable(reason: string): ProviderClient {
    return new ProviderClient(undefined, reason);
  }

  /** The API; throws ProviderNotReadyError with the reason when there is none. */
  profiles(): ProfileApi {
    if (!this.api) throw new ProviderNotReadyError(this.reason);
    return this.api;
  }
}
