// POST /{tenant}/oauth2/v2.0/token (and the v1 /{tenant}/oauth2/token): the refresh-token grant
// of Entra ID, for the configured client and refresh token only. The token is issued for the
// tenant of the path, any tenant the emulator serves; `common` and `organizations` (which name
// none: Entra ID then issues for the refresh token's home tenant) give the default tenant.
// Failures answer with the OAuth error JSON (error, error_description) and AADSTS-style messages.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { header, readBody, sendJson } from '../http-io';
import type { EmulatorState } from '../state';
import { MULTI_TENANT_AUTHORITIES, type Tenant } from '../tenants';

export const TOKEN_PATH = /^\/([^/]+)\/oauth2\/(?:v2\.0\/)?token$/;

interface OAuthFailure {
  status: number;
  error: string;
  description: string;
}

/** The tenant a token endpoint path names, if the emulator serves it. */
function tenantOfPath(state: EmulatorState, tenant: string): Tenant | undefined {
  return MULTI_TENANT_AUTHORITIES.has(tenant.toLowerCase()) ? state.tenants.default : state.tenants.find(tenant);
}

function checkGrant(state: EmulatorState, tenant: string, form: URLSearchParams): OAuthFailure | undefined {
  const c = state.config;
  if (!tenantOfPath(state, tenant)) {
    return { status: 400, error: 'invalid_request', description: `AADSTS90002: Tenant '${tenant}' not found.` };
  }
  const grant = form.get('grant_type');
  if (grant !== 'refresh_token') {
    return {
      status: 400,
      error: 'unsupported_grant_type',
      description: `AADSTS70003: The emulator supports only grant_type=refresh_token, got '${grant ?? ''}'.`,
    };
  }
  const clientId = form.get('client_id');
  if (clientId !== c.clientId) {
    return {
      status: 400,
      error: 'unauthorized_client',
      description: `AADSTS700016: Application with identifier '${clientId ?? ''}' was not found in the directory '${tenant}'.`,
    };
  }
  if (c.clientSecret !== undefined && form.get('client_secret') !== c.clientSecret) {
    return { status: 401, error: 'invalid_client', description: 'AADSTS7000215: Invalid client secret provided.' };
  }
  if (form.get('refresh_token') !== c.refreshToken) {
    return {
      status: 400,
      error: 'invalid_grant',
      description: 'AADSTS70000: The provided refresh token is invalid, expired or revoked.',
    };
  }
  return undefined;
}

export async function handleTokenRequest(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  tenant: string,
  path: string,
): Promise<void> {
  const record = (status: number, form: URLSearchParams | undefined, error?: string) =>
    state.tokenLog.add({
      path,
      tenant,
      grantType: form?.get('grant_type') ?? null,
      clientId: form?.get('client_id') ?? null,
      status,
      ...(error ? { error } : {}),
      at: new Date().toISOString(),
    });

  if (req.method !== 'POST') {
    sendJson(
      res,
      405,
      { error: 'invalid_request', error_description: 'The token endpoint accepts only POST.' },
      { Allow: 'POST' },
    );
    return record(405, undefined, 'invalid_request');
  }
  const type = header(req, 'content-type') ?? '';
  const text = await readBody(req);
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    sendJson(res, 400, {
      error: 'invalid_request',
      error_description: 'AADSTS900144: The request body must be application/x-www-form-urlencoded.',
    });
    return record(400, undefined, 'invalid_request');
  }
  const form = new URLSearchParams(text);
  const failure = checkGrant(state, tenant, form);
  if (failure) {
    sendJson(res, failure.status, {
      error: failure.error,
      error_description: failure.description,
      error_codes: [],
      timestamp: new Date().toISOString(),
    });
    return record(failure.status, form, failure.error);
  }
  const lifetime = state.config.tokenLifetimeSeconds;
  const { token } = state.signer.issue({
    tenantId: (tenantOfPath(state, tenant) ?? state.tenants.default).id,
    clientId: state.config.clientId,
    user: true,
    lifetimeSeconds: lifetime,
  });
  sendJson(
    res,
    200,
    {
      token_type: 'Bearer',
      scope: form.get('scope') ?? '',
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: token,
      refresh_token: state.config.refreshToken,
    },
    { 'Cache-Control': 'no-store' },
  );
  record(200, form);
}
