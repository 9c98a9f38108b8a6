// Access tokens the emulator issues and later checks, in the shape of Microsoft Entra ID (v1.0)
// access tokens for the Partner Center API: a JWT (header.payload.signature, base64url) whose
// payload carries tid, oid, amr, scp, exp and the rest of the claims Entra ID puts there, so a
// client reads the same claims from both. It is signed with HMAC-SHA256 (HS256) under a key that
// lives only in this process, where Entra ID signs with RS256 keys it publishes: a client cannot
// check either, the API checks both. Delegated (App+User) tokens carry `scp`; app-only ones do not,
// and the API refuses them, as Partner Center does.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** The audience of Partner Center API tokens. */
export const TOKEN_AUDIENCE = 'https://api.partnercenter.microsoft.com';

export interface TokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Tenant the token was issued for. */
  tid: string;
  /** Object id of the signed-in user (delegated) or of the app's service principal (app-only). */
  oid: string;
  /** Client id of the app the token was issued to. */
  appid: string;
  idtyp: 'user' | 'app';
  ver: '1.0';
  /** Unique token id, as Entra ID's `uti`. */
  uti: string;
  /** Delegated tokens only: the granted scopes, space-separated. */
  scp?: string;
  /** Delegated tokens only: how the user signed in. */
  amr?: string[];
  upn?: string;
  name?: string;
}

export type TokenCheck =
  { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const HEADER = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'partnercenter-emulator' })).toString(
  'base64url',
);

/** A GUID derived from `seed`: the same user (or app) object id for a tenant every time. */
function stableGuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class TokenSigner {
  private key = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  issue(opts: { tenantId: string; clientId: string; user: boolean; lifetimeSeconds: number }): {
    token: string;
    claims: TokenClaims;
  } {
    const iat = Math.floor(this.now() / 1000);
    const tid = opts.tenantId;
    const claims: TokenClaims = {
      aud: TOKEN_AUDIENCE,
      iss: `https://sts.windows.net/${tid}/`,
      iat,
      nbf: iat,
      exp: iat + opts.lifetimeSeconds,
      tid,
      oid: stableGuid(`${opts.user ? 'user' : 'app'}:${tid.toLowerCase()}`),
      appid: opts.clientId,
      idtyp: opts.user ? 'user' : 'app',
      ver: '1.0',
      uti: randomUUID(),
      ...(opts.user
        ? {
            scp: 'user_impersonation',
            amr: ['pwd', 'mfa'],
            upn: 'billing.admin@contoso-partner.example',
            name: 'Billing Admin',
          }
        : {}),
    };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${HEADER}.${payload}.${this.sign(`${HEADER}.${payload}`)}`, claims };
  }

  check(token: string): TokenCheck {
    const [header, payload, signature, ...rest] = token.split('.');
    if (header !== HEADER || !payload || !signature || rest.length) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { ok: false, reason: 'bad-signature' };
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (claims.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  /** Invalidates every token issued so far (tests: a token revoked before its expiry). */
  revokeAll(): void {
    this.key = randomBytes(32);
  }

  private sign(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }
}
