// The local Partner Center emulator: plain node:http serving the partner profile API, the Entra
// ID token endpoint and the /_emulator/ admin API (docs/architecture.md §6).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminHostsFor } from './admin-guard';
import { apiFault, FAULT_CODES } from './api-fault';
import { FaultQueue } from './faults';
import { sendJson } from './http-io';
import { RecordLog, type ApiCallRecord, type TokenCallRecord } from './request-log';
import { handleAdmin } from './routes/admin';
import { handleApiCall } from './routes/api';
import { TOKEN_PATH, handleTokenRequest } from './routes/oauth';
import { DEFAULT_CONFIG, type EmulatorConfig, type EmulatorState } from './state';
import { TenantRegistry } from './tenants';
import { TokenSigner } from './tokens';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Persistence file: loaded at start (created when missing), rewritten atomically on change. */
  data?: string;
  /** The default partner tenant (more are added with POST /_emulator/tenants). */
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  tokenLifetimeSeconds?: number;
  conflictMode?: '412' | '400-2055';
  /** The billing profile to start from (and to return to on reset) instead of the default one. */
  initialProfile?: object;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:41234 (API base and authority host alike). */
  url: string;
  port: number;
  close(): Promise<void>;
}

function resolveConfig(opts: EmulatorOptions): EmulatorConfig {
  const lifetime = opts.tokenLifetimeSeconds ?? DEFAULT_CONFIG.tokenLifetimeSeconds;
  if (!Number.isInteger(lifetime) || lifetime < 1)
    throw new Error(`tokenLifetimeSeconds must be a whole number >= 1, got ${lifetime}`);
  const conflictMode = opts.conflictMode ?? DEFAULT_CONFIG.conflictMode;
  if (conflictMode !== '412' && conflictMode !== '400-2055')
    throw new Error(`conflictMode must be '412' or '400-2055', got ${String(conflictMode)}`);
  return {
    tenantId: opts.tenantId ?? DEFAULT_CONFIG.tenantId,
    clientId: opts.clientId ?? DEFAULT_CONFIG.clientId,
    clientSecret: opts.clientSecret || undefined,
    refreshToken: opts.refreshToken ?? DEFAULT_CONFIG.refreshToken,
    tokenLifetimeSeconds: lifetime,
    conflictMode,
  };
}

async function route(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://emulator').pathname;
  if (path.startsWith('/_emulator/')) return handleAdmin(state, req, res, path);
  if (path.startsWith('/v1/')) return handleApiCall(state, req, res, path);
  const token = TOKEN_PATH.exec(path);
  if (token) return handleTokenRequest(state, req, res, decodeURIComponent(token[1]), path);
  req.resume();
  sendJson(res, 404, {
    error: `nothing at ${path}: the emulator serves /v1/profiles/…, /{tenant}/oauth2/v2.0/token and /_emulator/…`,
  });
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const config = resolveConfig(opts);
  const shutdown = new AbortController();
  const host = opts.host ?? '127.0.0.1';
  const state: EmulatorState = {
    config,
    tenants: TenantRegistry.open({
      file: opts.data,
      defaultTenantId: config.tenantId,
      initialProfile: opts.initialProfile,
    }),
    signer: new TokenSigner(),
    faults: new FaultQueue(),
    apiLog: new RecordLog<ApiCallRecord>(),
    tokenLog: new RecordLog<TokenCallRecord>(),
    adminHosts: adminHostsFor(opts.host),
    shutdown: shutdown.signal,
  };
  const server = createServer((req, res) => {
    route(state, req, res).catch((e: unknown) => {
      // A bug or a write failure (e.g. the data file): answer 500 and say why on stderr.
      process.stderr.write(`emulator: ${req.method} ${req.url} failed: ${(e as Error).stack ?? String(e)}\n`);
      if (!res.headersSent)
        sendJson(res, 500, apiFault(FAULT_CODES.unexpected, `Unexpected service error: ${(e as Error).message}`));
      else res.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    state.tenants.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        shutdown.abort();
        server.close((e) => {
          state.tenants.close(); // only now: a write in flight may still save
          if (e) reject(e);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/** The credentials a default emulator accepts (tenant, client id, refresh token; no client secret). */
export const EMULATOR_DEFAULTS = {
  tenantId: DEFAULT_CONFIG.tenantId,
  clientId: DEFAULT_CONFIG.clientId,
  refreshToken: DEFAULT_CONFIG.refreshToken,
} as const;

/**
 * PARTNERCENTER_* variables that point the provider at an emulator at `url` (default credentials),
 * acting for `tenantId` (default: the default tenant; another must have been added first).
 */
export function providerEnvFor(url: string, tenantId: string = EMULATOR_DEFAULTS.tenantId): Record<string, string> {
  return {
    PARTNERCENTER_BASE_URL: url,
    PARTNERCENTER_AUTHORITY_HOST: url,
    PARTNERCENTER_TENANT_ID: tenantId,
    PARTNERCENTER_CLIENT_ID: EMULATOR_DEFAULTS.clientId,
    PARTNERCENTER_REFRESH_TOKEN: EMULATOR_DEFAULTS.refreshToken,
  };
}
