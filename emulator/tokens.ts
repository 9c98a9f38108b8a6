// Access tokens the emulator issues and later checks: base64url JSON claims plus an HMAC-SHA256
// signature with a key that lives only in this process. "user" tokens are delegated (App+User);
// "app" tokens are app-only and the API refuses them, as Partner Center does.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** Tenant the token was issued for. */
  tid: string;
  kind: 'user' | 'app';
  /** Signed-in user (user tokens only). */
  upn?: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  iat: number;
  jti: string;
}

export type TokenCheck =
  { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const PREFIX = 'pcemu';

export class TokenSigner {
  private key = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  issue(opts: { tenantId: string; user: boolean; lifetimeSeconds: number }): { token: string; claims: TokenClaims } {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = {
      tid: opts.tenantId,
      kind: opts.user ? 'user' : 'app',
      ...(opts.user ? { upn: 'billing.admin@contoso-partner.example' } : {}),
      iat,
      exp: iat + opts.lifetimeSeconds,
      jti: randomUUID(),
    };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${PREFIX}.${payload}.${this.sign(payload)}`, claims };
  }

  check(token: string): TokenCheck {
    const [prefix, payload, signature, ...rest] = token.split('.');
    if (prefix !== PREFIX || !payload || !signature || rest.length) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(payload));
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

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
