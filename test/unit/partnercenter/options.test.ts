import { APPLICATION_NAME } from '../../../provider/meta';
import {
  CLOUDS,
  ConfigurationError,
  PartnerCenterClient,
  isCloudName,
  unquoteEtag,
} from '../../../provider/partnercenter';
import { resolveOptions } from '../../../provider/partnercenter/options';

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
    await expect(client.updateBillingProfile({}, ' ')).rejects.toThrow(/needs the etag/);
  });

  it('unquotes etags given quoted or weak', () => {
    expect(unquoteEtag('"abc"')).toBe('abc');
    expect(unquoteEtag('W/"abc"')).toBe('abc');
    expect(unquoteEtag('abc')).toBe('abc');
  });
});
