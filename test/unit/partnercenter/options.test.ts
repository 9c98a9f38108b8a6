import { APPLICATION_NAME } from '../../../provider/meta';
import {
  CLOUDS,
  ConfigurationError,
  PartnerCenterClient,
  isCloudName,
  unquoteEtag,
} from '../../../provider/partnercenter';
import {
  checkBaseUrl,
  isLoopbackHost,
  isValidTenantId,
  quotableUrl,
  resolveOptions,
} from '../../../provider/partnercenter/options';
import { BILLING } from '../../../provider/profiles/specs';
import type { BillingProfile } from '../../../provider/partnercenter';

const creds = { tenantId: 't', clientId: 'c', refreshToken: 'r' };

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigurationError) return e.field;
    throw e;
  }
  return undefined;
}

describe('clouds', () => {
  it('knows the four clouds and their authorities', () => {
    expect(['public', 'china', 'usgov', 'germany'].every(isCloudName)).toBe(true);
    expect(isCloudName('azure')).toBe(false);
    expect(isCloudName('toString')).toBe(false);
    expect(CLOUDS.china.apiBaseUrl).toBe('https://partner.partnercenterapi.microsoftonline.cn');
    expect(CLOUDS.usgov.authorityHost).toBe('https://login.microsoftonline.us');
    expect(CLOUDS.public.scope).toBe('https://api.partnercenter.microsoft.com/user_impersonation');
    expect(CLOUDS.germany.retired).toMatch(/closed/);
  });
});

describe('resolveOptions', () => {
  it('defaults to the public cloud, en-US and the provider application name', () => {
    const o = resolveOptions(creds);
    expect(o).toMatchObject({
      baseUrl: CLOUDS.public.apiBaseUrl,
      authorityHost: CLOUDS.public.authorityHost,
      locale: 'en-US',
      application: APPLICATION_NAME,
    });
    expect(o.credentials).toEqual({
      kind: 'refreshToken',
      tenantId: 't',
      clientId: 'c',
      refreshToken: 'r',
      clientSecret: undefined,
    });
  });

  it('uses overrides without a trailing slash, and a given access token instead of the exchange', () => {
    const o = resolveOptions({
      environment: 'china',
      baseUrl: 'http://127.0.0.1:9/',
      authorityHost: 'http://127.0.0.1:9',
      accessToken: 'at',
    });
    expect(o).toMatchObject({
      baseUrl: 'http://127.0.0.1:9',
      authorityHost: 'http://127.0.0.1:9',
      cloud: CLOUDS.china,
    });
    expect(o.credentials).toEqual({ kind: 'accessToken', accessToken: 'at' });
  });

  it('names the offending option', () => {
    expect(fieldOf(() => resolveOptions({ ...creds, environment: 'mars' as never }))).toBe('environment');
    expect(fieldOf(() => resolveOptions({ ...creds, baseUrl: 'not a url' }))).toBe('baseUrl');
    expect(fieldOf(() => resolveOptions({ ...creds, authorityHost: 'ftp://x' }))).toBe('authorityHost');
    expect(fieldOf(() => resolveOptions({ ...creds, locale: 'en_US!' }))).toBe('locale');
    expect(fieldOf(() => resolveOptions({ tenantId: 't', clientId: 'c' }))).toBe('refreshToken');
    expect(fieldOf(() => resolveOptions({ clientId: 'c', refreshToken: 'r' }))).toBe('tenantId');
    expect(fieldOf(() => resolveOptions({ tenantId: 't', refreshToken: 'r' }))).toBe('clientId');
    expect(fieldOf(() => resolveOptions({ ...creds, retry: { maxAttempts: -2 } }))).toBe('retry.maxAttempts');
  });

  it('says how to fix an unknown environment', () => {
    expect(() => resolveOptions({ ...creds, environment: 'mars' as never })).toThrow(
      'environment "mars" is not a Partner Center cloud: use one of public, china, usgov, germany',
    );
  });
});

describe('PartnerCenterClient construction', () => {
  it('warns once for the retired Germany cloud', () => {
    const warnings: string[] = [];
    const client = new PartnerCenterClient({
      ...creds,
      environment: 'germany',
      log: { debug() {}, trace() {}, warn: (m) => warnings.push(m) },
    });
    expect(client.cloud.name).toBe('germany');
    expect(warnings).toEqual([CLOUDS.germany.retired]);
  });

  it('refuses an update without an etag before any call', async () => {
    const client = new PartnerCenterClient({ accessToken: 'x', baseUrl: 'http://127.0.0.1:9' });
    await expect(client.updateProfile<BillingProfile>(BILLING.shape, {}, ' ')).rejects.toThrow(/needs the etag/);
  });

  it('unquotes etags given quoted or weak', () => {
    expect(unquoteEtag('"abc"')).toBe('abc');
    expect(unquoteEtag('W/"abc"')).toBe('abc');
    expect(unquoteEtag('abc')).toBe('abc');
  });
});

// docs/security.md "Endpoints checked at plan time": the one check the client and the provider's
// ValidateProviderConfig share.
describe('checkBaseUrl', () => {
  const problem = (v: string) => {
    const c = checkBaseUrl(v);
    return c.ok ? 'ok' : c.problem;
  };

  it('accepts https anywhere and http to loopback only (127.0.0.0/8, [::1], localhost; any port)', () => {
    for (const v of [
      'https://api.partnercenter.microsoft.com',
      'https://login.example:8443/base',
      'http://127.0.0.1:8080',
      'http://127.255.1.2',
      'http://127.1', // URL normalises it to 127.0.0.1
      'http://[::1]:9',
      'http://[0:0:0:0:0:0:0:1]',
      'http://localhost:8080',
      'http://LOCALHOST',
    ])
      expect([v, problem(v)]).toEqual([v, 'ok']);
  });

  it('refuses plain http to any other host', () => {
    for (const v of [
      'http://login.microsoftonline.com',
      'http://10.0.0.1:8080',
      'http://128.0.0.1',
      'http://0.0.0.0',
      'http://[::2]',
      'http://localhost.example',
      'http://127.0.0.1.nip.io',
      'HTTP://api.example',
    ])
      expect([v, problem(v)]).toEqual([v, 'plain http']);
  });

  it('refuses user info, even empty, on https and on loopback', () => {
    for (const v of [
      'https://user:pass@api.example',
      'https://user@api.example',
      'http://user:pass@127.0.0.1:8080',
      'http://:pass@127.0.0.1',
      'http://@127.0.0.1',
      'http:\\\\user:pass@127.0.0.1',
    ])
      expect([v, problem(v)]).toEqual([v, 'user info']);
  });

  it('keeps the other problems', () => {
    expect(problem('127.0.0.1:8080/api')).toBe('not a URL');
    expect(problem('ftp://127.0.0.1')).toBe('not http(s)');
    expect(problem('https://api.example/?x=1')).toBe('query or fragment');
  });

  it('isLoopbackHost takes URL hostnames', () => {
    expect(['127.0.0.1', '127.9.9.9', '[::1]', 'localhost'].every(isLoopbackHost)).toBe(true);
    expect(['::1', '128.0.0.1', 'localhost.', 'my-localhost', '127.0.0.1.example'].some(isLoopbackHost)).toBe(false);
  });

  it('quotableUrl masks everything before the last "@", even in a value that does not parse', () => {
    expect(quotableUrl('http://user:secret@127.0.0.1')).toBe('http://***@127.0.0.1');
    expect(quotableUrl('http://u:se/cr@et@host')).toBe('http://***@host');
    expect(quotableUrl('user:secret@host')).not.toContain('secret');
    expect(quotableUrl('https://api.example/v1')).toBe('https://api.example/v1');
  });
});

describe('isValidTenantId', () => {
  it('takes a GUID or a domain name', () => {
    for (const t of [
      '00000000-0000-0000-0000-0000000000aa',
      'contoso.onmicrosoft.com',
      'contoso.example',
      'common',
      't',
    ])
      expect([t, isValidTenantId(t)]).toEqual([t, true]);
  });

  it("refuses what would change the token URL's path, and other non-names", () => {
    for (const t of [
      '..',
      '.',
      'a..b',
      '../x',
      'a/b',
      'a\\b',
      '%2e%2e',
      'a?b',
      'a#b',
      '-a',
      'a-',
      'a b',
      '',
      'x'.repeat(64),
    ])
      expect([t, isValidTenantId(t)]).toEqual([t, false]);
  });
});

describe("resolveOptions refuses unsafe endpoints and tenants (the client's own check)", () => {
  const message = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ConfigurationError) return `${e.field}: ${e.message}`;
      throw e;
    }
    return 'accepted';
  };

  it('user info in baseUrl or authorityHost, without quoting it', () => {
    const base = message(() => resolveOptions({ ...creds, baseUrl: 'https://svc:Pa55word@api.example' }));
    expect(base).toBe(
      'baseUrl: baseUrl must not carry a user name or password before "@" (not shown here): remove them, the client authenticates with its bearer token',
    );
    const authority = message(() => resolveOptions({ ...creds, authorityHost: 'http://svc:Pa55word@127.0.0.1:9' }));
    expect(authority).toMatch(/^authorityHost: authorityHost must not carry a user name or password/);
    for (const m of [base, authority]) expect(m).not.toMatch(/Pa55word|svc/);
  });

  it('plain http to a host that is not loopback', () => {
    expect(message(() => resolveOptions({ ...creds, authorityHost: 'http://login.example' }))).toBe(
      'authorityHost: authorityHost "http://login.example" uses plain http to a host that is not loopback, so tokens would travel unencrypted: use https (http only for 127.0.0.1, [::1] or localhost)',
    );
    expect(message(() => resolveOptions({ ...creds, baseUrl: 'http://10.0.0.1' }))).toMatch(/^baseUrl: /);
    expect(
      message(() => resolveOptions({ ...creds, baseUrl: 'http://localhost:1', authorityHost: 'http://[::1]:2' })),
    ).toBe('accepted');
  });

  it('a tenant that is neither a GUID nor a domain name', () => {
    expect(message(() => resolveOptions({ ...creds, tenantId: '..' }))).toBe(
      'tenantId: tenantId ".." is neither a GUID nor a domain name: give the partner tenant id, e.g. contoso.onmicrosoft.com',
    );
  });
});
