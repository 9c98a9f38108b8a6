// A typed client of the emulator's admin API (/_emulator/…), for tests and scripts.
import got from 'got';
import type { ApiCallRecord, TokenCallRecord } from './request-log';

interface FaultCommon {
  count?: number;
  /** Only calls of this method get the fault (default: any). */
  method?: 'GET' | 'PUT';
  /** Only calls to this API path get the fault, e.g. '/v1/profiles/support' (default: any /v1 path). */
  path?: string;
}

/** The partner profiles the emulator serves, by the name of their admin route (/_emulator/profiles/<name>). */
export type EmulatorProfileName = 'billing' | 'support' | 'organization' | 'legalbusiness' | 'mpn';
export type FaultSpec = FaultCommon &
  (
    | { status: number; retryAfter?: number }
    | { delayMs: number }
    | { reset: true; afterProcessing?: boolean }
    | { body: 'malformed-json' | 'html' | 'empty'; status?: number; afterProcessing?: boolean }
  );

/** A profile as the admin API returns it: JSON that callers (tests, the demo) inspect field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely typed on purpose: callers check fields at run time
export type ProfileJson = Record<string, any>;

export interface LogMark {
  api: number;
  tokens: number;
}

export interface EmulatorAdminOptions {
  /** The partner tenant whose profile and tokens the calls are about (default: the emulator's default tenant). */
  tenant?: string;
}

export class EmulatorAdmin {
  readonly tenant: string | undefined;

  constructor(
    readonly url: string,
    opts: EmulatorAdminOptions = {},
  ) {
    this.tenant = opts.tenant;
  }

  /** The same emulator, for the profile and tokens of another partner tenant. */
  forTenant(tenant: string): EmulatorAdmin {
    return new EmulatorAdmin(this.url, { tenant });
  }

  private call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, json?: unknown): Promise<T> {
    const query = this.tenant === undefined ? '' : `?tenant=${encodeURIComponent(this.tenant)}`;
    return got(`${this.url}/_emulator/${path}${query}`, { method, json, retry: { limit: 0 } }).then((res) =>
      res.body ? (JSON.parse(res.body) as T) : (undefined as T),
    );
  }

  /**
   * Adds a partner tenant with its own profile (`profile` as the API returns one, else the default
   * profile). Its token endpoint path /<tenantId>/oauth2/v2.0/token then issues its tokens for the
   * same client id and refresh token.
   */
  addTenant(tenantId: string, profile?: object): Promise<{ tenantId: string; profile: ProfileJson }> {
    return this.call('POST', 'tenants', profile === undefined ? { tenantId } : { tenantId, profile });
  }
  tenants(): Promise<{ tenantId: string; default: boolean }[]> {
    return this.call('GET', 'tenants');
  }

  /** The billing profile (as getProfileOf('billing')). */
  profile(): Promise<ProfileJson> {
    return this.call('GET', 'profile');
  }
  /** An out-of-band edit of the billing profile, as if made in the Partner Center dashboard. */
  patchProfile(patch: object): Promise<ProfileJson> {
    return this.call('PATCH', 'profile', patch);
  }
  /** One partner profile as the API returns it (the support and mpn ones without attributes.etag). */
  getProfileOf(name: EmulatorProfileName): Promise<ProfileJson> {
    return this.call('GET', `profiles/${name}`);
  }
  /**
   * An out-of-band edit of one partner profile, as if made in the Partner Center dashboard (or,
   * for legalbusiness's vettingStatus, by the vetting team): merged deeply, null removes a field,
   * read-only fields may change; a new etag where the profile has one.
   */
  patchProfileOf(name: EmulatorProfileName, patch: object): Promise<ProfileJson> {
    return this.call('PATCH', `profiles/${name}`, patch);
  }
  /** The names getProfileOf and patchProfileOf take. */
  profileNames(): Promise<EmulatorProfileName[]> {
    return this.call('GET', 'profiles');
  }
  injectFault(spec: FaultSpec): Promise<void> {
    return this.call('POST', 'faults', spec);
  }
  pendingFaults(): Promise<{ pending: unknown[] }> {
    return this.call('GET', 'faults');
  }
  clearFaults(): Promise<void> {
    return this.call('DELETE', 'faults');
  }
  requests(): Promise<ApiCallRecord[]> {
    return this.call('GET', 'requests');
  }
  tokenRequests(): Promise<TokenCallRecord[]> {
    return this.call('GET', 'token-requests');
  }
  /** A mark in both request logs, to read what one step caused with `since`. */
  async mark(): Promise<LogMark> {
    return { api: (await this.requests()).length, tokens: (await this.tokenRequests()).length };
  }
  /** The API calls and token exchanges logged after `mark`. */
  async since(mark: LogMark): Promise<{ api: ApiCallRecord[]; tokens: TokenCallRecord[] }> {
    return { api: (await this.requests()).slice(mark.api), tokens: (await this.tokenRequests()).slice(mark.tokens) };
  }
  /** Every tenant's profiles back to their initial ones; logs, faults and replay caches emptied. Returns this tenant's billing profile. */
  reset(): Promise<ProfileJson> {
    return this.call('POST', 'reset');
  }
  async token(user = true): Promise<string> {
    return (await this.call<{ access_token: string }>('POST', 'tokens', { user })).access_token;
  }
  revokeTokens(): Promise<void> {
    return this.call('POST', 'tokens/revoke');
  }
}
