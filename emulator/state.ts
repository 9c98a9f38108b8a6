// Everything one running emulator holds, shared by its route handlers.
import type { AdminHosts } from './admin-guard';
import type { FaultQueue } from './faults';
import type { ApiCallRecord, RecordLog, TokenCallRecord } from './request-log';
import type { TenantRegistry } from './tenants';
import type { TokenSigner } from './tokens';

export interface EmulatorConfig {
  /** The default tenant: the one admin calls without ?tenant= and the multi-tenant authorities act on. */
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

export type { StoredResponse } from './tenants';

export interface EmulatorState {
  config: EmulatorConfig;
  /** The partner tenants served, each with its profile and replay cache (tenants.ts). */
  tenants: TenantRegistry;
  signer: TokenSigner;
  faults: FaultQueue;
  apiLog: RecordLog<ApiCallRecord>;
  tokenLog: RecordLog<TokenCallRecord>;
  /** Hosts besides loopback the admin API answers to (the explicit --host). */
  adminHosts: AdminHosts;
  /** Aborted by close(): ends pending fault delays so nothing outlives the server. */
  shutdown: AbortSignal;
}
