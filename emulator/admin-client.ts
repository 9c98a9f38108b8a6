// A typed client of the emulator's admin API (/_emulator/…), for tests and scripts.
import got from 'got';
import type { ApiCallRecord, TokenCallRecord } from './request-log';

interface FaultCommon {
  count?: number;
  /** Only calls of this method get the fault (default: any). */
  method?: 'GET' | 'PUT';
}
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

export class EmulatorAdmin {
  constructor(readonly url: string) {}

  private call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, json?: unknown): Promise<T> {
    return got(`${this.url}/_emulator/${path}`, { method, json, retry: { limit: 0 } }).then((res) =>
      res.body ? (JSON.parse(res.body) as T) : (undefined as T),
    );
  }

  profile(): Promise<ProfileJson> {
    return this.call('GET', 'profile');
  }
  /** An out-of-band edit, as if made in the Partner Center dashboard. */
  patchProfile(patch: object): Promise<ProfileJson> {
    return this.call('PATCH', 'profile', patch);
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
