// Everything one running emulator holds, shared by its route handlers.
import type { AdminHosts } from './admin-guard';
import type { FaultQueue } from './faults';
import type { ApiCallRecord, RecordLog, TokenCallRecord } from './request-log';
import type { ProfileStore } from './store';
import type { TokenSigner } from './tokens';

export interface EmulatorConfig {
  tenantId: string;
  clientId: string;
  /** undefined: a public client, no secret expected. */
  clientSecret?: string;
  refreshToken: string;
  tokenLifetimeSeconds: number;
  /** How a stale etag is answered: 412, or 400 with code 2055. */
  conflictMode: '412' | '400-2055';
}

export const DEFAULT_CONFIG: EmulatorConfig = {
  tenantId: '00000000-0000-0000-0000-0000000000aa',
  clientId: 'emulator-client',
  clientSecret: undefined,
  refreshToken: 'emulator-refresh-token',
  tokenLifetimeSeconds: 3600,
  conflictMode: '412',
};

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface EmulatorState {
  config: EmulatorConfig;
  store: ProfileStore;
  signer: TokenSigner;
  faults: FaultQueue;
  apiLog: RecordLog<ApiCallRecord>;
  tokenLog: RecordLog<TokenCallRecord>;
  /** First response of each PUT, by MS-RequestId, replayed when the same id comes again. */
  replays: Map<string, StoredResponse>;
  /** Hosts besides loopback the admin API answers to (the explicit --host). */
  adminHosts: AdminHosts;
  /** Aborted by close(): ends pending fault delays so nothing outlives the server. */
  shutdown: AbortSignal;
}
