// The partner tenant an access token belongs to: the `tid` claim of the delegated Entra ID token
// (docs/architecture.md §5.8). The payload is decoded WITHOUT checking the signature: the client
// holds no key to check it with (Entra ID signs with keys the API trusts, the emulator with a
// key of its own), and it does not need to: the API verifies every token it is sent. The claim
// only tells the provider which tenant its own credentials are for, to refuse writing through
// them into a state bound to another tenant. Nothing here logs or returns the token.

/** A tenant read from the token, or why none could be read (never quoting the token). */
export type CredentialsTenant = { tenantId: string } | { tenantId?: undefined; reason: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The JSON object a base64url JWT segment holds, or undefined. */
function segmentObject(segment: string): Record<string, unknown> | undefined {
  if (!BASE64URL.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The `tid` of a JWT access token (compact JWS: header.payload.signature). */
export function tenantOfToken(token: string): CredentialsTenant {
  const parts = token.trim().split('.');
  if (parts.length === 5) return { reason: 'the access token is encrypted (a JWE), so its claims cannot be read' };
  if (parts.length !== 3) return { reason: 'the access token is not a JWT (header.payload.signature)' };
  const header = segmentObject(parts[0]);
  const payload = segmentObject(parts[1]);
  if (!header || !payload)
    return { reason: 'the access token is not a JWT: its header or payload is not base64url JSON' };
  const tid = payload.tid;
  if (typeof tid !== 'string') return { reason: 'the access token has no tid (tenant id) claim' };
  if (!GUID.test(tid)) return { reason: 'the tid claim of the access token is not a tenant id (GUID)' };
  return { tenantId: tid.toLowerCase() };
}
