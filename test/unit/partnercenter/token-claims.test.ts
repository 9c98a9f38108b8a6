// The partner tenant read from an access token (provider/partnercenter/token-claims.ts): the tid
// claim of a JWT, from Entra ID and the emulator alike, without checking the signature; a token
// that does not say gives a reason that never quotes it.
import { TokenSigner } from '../../../emulator/tokens';
import { tenantOfToken } from '../../../provider/partnercenter';

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown, header: unknown = { typ: 'JWT', alg: 'RS256', kid: 'k1' }) =>
  `${b64(header)}.${b64(payload)}.${b64('not-a-real-signature')}`;

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('tenantOfToken', () => {
  it('reads tid from an Entra ID shaped access token (signature not checked), lower-cased', () => {
    const token = jwt({
      aud: 'https://api.partnercenter.microsoft.com',
      iss: `https://sts.windows.net/${TENANT}/`,
      tid: TENANT.toUpperCase(),
      oid: '0b5f6c1e-8f0a-4a57-9d1e-3c2b1a0f9e8d',
      amr: ['pwd', 'mfa'],
      scp: 'user_impersonation',
      exp: 1_900_000_000,
    });
    expect(tenantOfToken(token)).toEqual({ tenantId: TENANT });
  });

  it('reads the emulator tokens the same way', () => {
    const { token } = new TokenSigner().issue({
      tenantId: TENANT,
      clientId: 'emulator-client',
      user: true,
      lifetimeSeconds: 60,
    });
    expect(tenantOfToken(token)).toEqual({ tenantId: TENANT });
  });

  it.each([
    ['an opaque token', 'opaque-access-token-0123456789abcdef', 'is not a JWT'],
    ['two segments', `${b64({ alg: 'none' })}.${b64({ tid: TENANT })}`, 'is not a JWT'],
    ['an encrypted token (JWE, five segments)', 'a.b.c.d.e', 'is encrypted (a JWE)'],
    ['a payload that is not JSON', `${b64({ alg: 'RS256' })}.${b64('tid=x')}.sig`, 'not base64url JSON'],
    ['a payload that is not base64url', `${b64({ alg: 'RS256' })}.not+base64/.sig`, 'not base64url JSON'],
    ['no tid claim', jwt({ oid: 'x', scp: 'user_impersonation' }), 'has no tid (tenant id) claim'],
    ['a tid that is not a GUID', jwt({ tid: 'contoso.onmicrosoft.com' }), 'is not a tenant id (GUID)'],
    ['a tid that is not text', jwt({ tid: 42 }), 'has no tid (tenant id) claim'],
  ])('%s: no tenant, a reason that does not quote the token', (_name, token, reason) => {
    const got = tenantOfToken(token);
    expect(got.tenantId).toBeUndefined();
    expect('reason' in got && got.reason).toContain(reason);
    expect(JSON.stringify(got)).not.toContain(token);
  });
});
