// The bearer-token check of the API: the token must be one this emulator issued, unexpired, for
// one of its tenants, and delegated (App+User: it carries scp). Answers like Partner Center: 401
// without or with a bad token, 403 for an app-only token. The call then acts on the token's tenant.
import type { IncomingMessage } from 'node:http';
import { apiFault, FAULT_CODES, type ApiFault } from '../api-fault';
import { header } from '../http-io';
import type { EmulatorState } from '../state';
import type { Tenant } from '../tenants';

export type AuthResult =
  { ok: true; tenant: Tenant } | { ok: false; status: 401 | 403; fault: ApiFault; headers: Record<string, string> };

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="PartnerCenter", error="invalid_token"' };

export function checkBearer(state: EmulatorState, req: IncomingMessage): AuthResult {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
  if (!match) {
    return {
      ok: false,
      status: 401,
      fault: apiFault(
        FAULT_CODES.tokenMissing,
        'Partner Token missing in request context: send Authorization: Bearer <access token>.',
      ),
      headers: { 'WWW-Authenticate': 'Bearer realm="PartnerCenter"' },
    };
  }
  const check = state.signer.check(match[1]);
  if (!check.ok) {
    const why =
      check.reason === 'expired'
        ? 'the access token has expired'
        : 'the access token is not valid (unknown, revoked or malformed)';
    return {
      ok: false,
      status: 401,
      fault: apiFault(FAULT_CODES.accessDenied, `Access denied: ${why}.`),
      headers: CHALLENGE,
    };
  }
  const tenant = state.tenants.find(check.claims.tid);
  if (!tenant) {
    return {
      ok: false,
      status: 401,
      fault: apiFault(FAULT_CODES.accessDenied, 'Access denied: the access token was issued for another tenant.'),
      headers: CHALLENGE,
    };
  }
  if (typeof check.claims.scp !== 'string') {
    return {
      ok: false,
      status: 403,
      fault: apiFault(
        FAULT_CODES.forbidden,
        'Access denied: an app-only token cannot call this API; App+User (delegated) credentials are required.',
      ),
      headers: {},
    };
  }
  return { ok: true, tenant };
}
