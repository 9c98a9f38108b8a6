import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROVIDER_SETTINGS, providerSchema, resolveSettings, validateSettings } from '../../provider/provider-config';
import { createProvider } from '../../provider/provider';
import { TUNING_SETTINGS, resolveTuning } from '../../provider/provider-tuning';
import { USE_CLI } from '../../provider/provider-sign-in';
import { ProviderClient, ProviderNotReadyError } from '../../provider/provider-client';
import { UNKNOWN, type ObjectValue, type Value } from '../../provider/plugin/cty/types';
import type { CallContext } from '../../provider/plugin/kit';
import { SILENT_LOGGER } from '../support/resource-context';

function block(values: Record<string, Value> = {}): ObjectValue {
  return { ...Object.fromEntries(PROVIDER_SETTINGS.map((s) => [s.attr, null])), ...values };
}

const ctx: CallContext = { signal: new AbortController().signal, log: SILENT_LOGGER };

const REFRESH = { refresh_token: 'rt-secret', client_id: 'app', tenant_id: 'contoso.onmicrosoft.com' };

function check(values: Record<string, Value>, env: NodeJS.ProcessEnv = {}) {
  return validateSettings(resolveSettings(block(values), env));
}

describe('provider schema', () => {
  it('has the docs/architecture.md §4 attributes, all optional strings with descriptions naming their env var', () => {
    const attrs = providerSchema.block.attributes;
    expect(Object.keys(attrs).sort()).toEqual([
      'access_token',
      'authority_host',
      'base_url',
      'client_id',
      'client_secret',
      'environment',
      'locale',
      'max_retries',
      'refresh_token',
      'request_timeout_seconds',
      'tenant_id',
      'use_cli',
    ]);
    expect(attrs.use_cli).toMatchObject({ type: 'bool', optional: true });
    expect(attrs.use_cli.description).toContain('PARTNERCENTER_USE_CLI');
    for (const s of TUNING_SETTINGS) {
      expect(attrs[s.attr]).toMatchObject({ type: 'number', optional: true });
      expect(attrs[s.attr].description).toContain(s.env);
    }
    for (const s of PROVIDER_SETTINGS) {
      expect(attrs[s.attr]).toMatchObject({ type: 'string', optional: true });
      expect(attrs[s.attr].description).toContain(s.env);
      expect(s.env).toBe(`PARTNERCENTER_${s.attr.toUpperCase()}`);
    }
    const sensitive = Object.entries(attrs)
      .filter(([, a]) => a.sensitive)
      .map(([n]) => n);
    expect(sensitive.sort()).toEqual(['access_token', 'client_secret', 'refresh_token']);
  });
});

describe('validateSettings', () => {
  it('accepts refresh-token credentials from the block or the environment', () => {
    expect(check(REFRESH)).toEqual([]);
    expect(
      check({}, { PARTNERCENTER_REFRESH_TOKEN: 'x', PARTNERCENTER_CLIENT_ID: 'c', PARTNERCENTER_TENANT_ID: 't' }),
    ).toEqual([]);
  });

  it('rejects an unknown environment, listing the valid ones and naming the env var', () => {
    const [d] = check({ environment: 'mars' });
    expect(d).toMatchObject({ severity: 'error', path: ['environment'] });
    expect(d.detail).toContain('"public", "china", "usgov", "germany"');
    expect(d.detail).toContain('PARTNERCENTER_ENVIRONMENT');
    const [fromEnv] = check({}, { PARTNERCENTER_ENVIRONMENT: 'azure' });
    expect(fromEnv.detail).toContain('PARTNERCENTER_ENVIRONMENT (environment) is "azure"');
  });

  it('requires client_id and tenant_id with a refresh token', () => {
    const diags = check({ refresh_token: 'rt' });
    expect(diags.map((d) => d.path)).toEqual([['client_id'], ['tenant_id']]);
    expect(diags[0].detail).toContain('PARTNERCENTER_CLIENT_ID');
    expect(diags[1].detail).toContain('PARTNERCENTER_TENANT_ID');
  });

  it('rejects an access token together with a refresh token', () => {
    const diags = check({ ...REFRESH }, { PARTNERCENTER_ACCESS_TOKEN: 'at' });
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ path: ['access_token'], summary: 'Conflicting Partner Center credentials' });
    expect(diags[0].detail).toContain('PARTNERCENTER_REFRESH_TOKEN');
    expect(diags[0].detail).not.toContain('rt-secret');
  });

  it('rejects base_url and authority_host that are not absolute http(s) URLs', () => {
    const diags = check({ ...REFRESH, base_url: 'localhost:8080', authority_host: 'ftp://x' });
    expect(diags.map((d) => d.path)).toEqual([['base_url'], ['authority_host']]);
    expect(diags[0].detail).toContain('PARTNERCENTER_BASE_URL');
    expect(check({ ...REFRESH, base_url: 'http://127.0.0.1:1234' })).toEqual([]);
  });

  it('rejects at plan time a base URL with a query or fragment, which the client would refuse at configure', () => {
    const diags = check({
      ...REFRESH,
      base_url: 'https://api.example/?x=1',
      authority_host: 'https://login.example/#t',
    });
    expect(diags.map((d) => d.path)).toEqual([['base_url'], ['authority_host']]);
    expect(diags[0].detail).toContain('"https://api.example/?x=1", which carries a query or fragment');
  });

  it('skips unknown values and lets them satisfy requirements', () => {
    expect(
      check({ environment: UNKNOWN, base_url: UNKNOWN, refresh_token: 'rt', client_id: UNKNOWN, tenant_id: UNKNOWN }),
    ).toEqual([]);
  });

  it('lets the block override the environment and treats "" as unset', () => {
    expect(check({ ...REFRESH, environment: 'china' }, { PARTNERCENTER_ENVIRONMENT: 'bogus' })).toEqual([]);
    expect(check({ ...REFRESH, environment: '' }, { PARTNERCENTER_ENVIRONMENT: 'bogus' })).toHaveLength(1);
  });
});

// docs/security.md "Endpoints checked at plan time".
describe('validateSettings: endpoints and tenant', () => {
  const PASSWORD = 'Pa55-word-never-shown';

  it('refuses user info in base_url and authority_host, naming where each came from, never quoting it', () => {
    const diags = check(
      { ...REFRESH, base_url: `https://svc:${PASSWORD}@api.example` },
      { PARTNERCENTER_AUTHORITY_HOST: `http://admin:${PASSWORD}@127.0.0.1:8080` },
    );
    expect(diags.map((d) => [d.path, d.summary])).toEqual([
      [['base_url'], 'Invalid base_url'],
      [['authority_host'], 'Invalid authority_host'],
    ]);
    expect(diags[0].detail).toContain(
      'provider attribute "base_url" carries a user name or password before "@" (not shown here).',
    );
    expect(diags[0].detail).toContain('Remove the "user:password@" part in "base_url" or PARTNERCENTER_BASE_URL.');
    expect(diags[1].detail).toContain(
      'PARTNERCENTER_AUTHORITY_HOST (environment) carries a user name or password before "@" (not shown here).',
    );
    expect(diags[1].detail).toContain('in "authority_host" or PARTNERCENTER_AUTHORITY_HOST.');
    const text = JSON.stringify(diags);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/svc|admin/);
  });

  it('masks what stands before "@" when a URL is refused for another reason', () => {
    const [d] = check({ ...REFRESH, base_url: `http://u:${PASSWORD}/x@host` }); // does not parse
    expect(d.detail).toContain('is "http://***@host", which is not an absolute http(s) URL');
    expect(d.detail).not.toContain(PASSWORD);
  });

  it('refuses plain http to a host that is not loopback, from the block or the environment, saying what would leak', () => {
    const diags = check(
      { ...REFRESH, authority_host: 'http://login.microsoftonline.com' },
      { PARTNERCENTER_BASE_URL: 'http://10.1.2.3:8080' },
    );
    expect(diags.map((d) => d.path)).toEqual([['base_url'], ['authority_host']]);
    expect(diags[0].detail).toBe(
      'PARTNERCENTER_BASE_URL (environment) is "http://10.1.2.3:8080", plain http:// to a host that is not loopback, ' +
        'so the access token and the profile would cross the network unencrypted. Use https://, or http:// only for a ' +
        'local emulator on 127.0.0.1, [::1] or localhost, in "base_url" or PARTNERCENTER_BASE_URL.',
    );
    expect(diags[1].detail).toContain(
      'provider attribute "authority_host" is "http://login.microsoftonline.com", plain http:// to a host that is not loopback, so the refresh token and client secret would cross the network unencrypted.',
    );
  });

  it('accepts https anywhere and http to loopback (the emulator)', () => {
    for (const url of [
      'https://api.example',
      'http://127.0.0.1:8080',
      'http://127.3.2.1',
      'http://[::1]:1',
      'http://localhost:9',
    ])
      expect(check({ ...REFRESH, base_url: url, authority_host: url })).toEqual([]);
  });

  it('refuses a tenant_id that is neither a GUID nor a domain name, in the block or the environment', () => {
    const [d] = check({ ...REFRESH, tenant_id: '..' });
    expect(d).toMatchObject({ severity: 'error', path: ['tenant_id'], summary: 'Invalid tenant_id' });
    expect(d.detail).toContain('provider attribute "tenant_id" is "..", which is neither a GUID nor a domain name');
    expect(d.detail).toContain(
      'a GUID such as 00000000-0000-0000-0000-000000000000 or a domain such as contoso.onmicrosoft.com, in "tenant_id" or PARTNERCENTER_TENANT_ID.',
    );
    const { tenant_id: _t, ...rest } = REFRESH;
    const [fromEnv] = check(rest, { PARTNERCENTER_TENANT_ID: 'contoso.com/../x' });
    expect(fromEnv.detail).toContain('PARTNERCENTER_TENANT_ID (environment) is "contoso.com/../x"');
    expect(check({ ...REFRESH, tenant_id: '00000000-0000-0000-0000-0000000000aa' })).toEqual([]);
  });

  it('configure refuses them too, before any client exists', async () => {
    const { client, diagnostics } = await createProvider({}).configure(
      block({ ...REFRESH, authority_host: `https://a:${PASSWORD}@login.example`, tenant_id: '..' }),
      '1.8.5',
      ctx,
    );
    expect(client).toBeUndefined();
    expect(diagnostics.map((d) => d.path)).toEqual([['authority_host'], ['tenant_id']]);
    expect(JSON.stringify(diagnostics)).not.toContain(PASSWORD);
  });
});

describe('configure', () => {
  it('builds a client from env fallbacks', async () => {
    const env = {
      PARTNERCENTER_REFRESH_TOKEN: 'rt',
      PARTNERCENTER_CLIENT_ID: 'c',
      PARTNERCENTER_TENANT_ID: 't',
      PARTNERCENTER_BASE_URL: 'http://127.0.0.1:9',
    };
    const { client, diagnostics } = await createProvider(env).configure(block(), '1.8.5', ctx);
    expect(diagnostics).toEqual([]);
    expect(client).toBeInstanceOf(ProviderClient);
    expect(() => client!.profiles()).not.toThrow();
  });

  it('warns that germany is retired', async () => {
    const { client, diagnostics } = await createProvider({}).configure(
      block({ ...REFRESH, environment: 'germany' }),
      '1.8.5',
      ctx,
    );
    expect(client).toBeDefined();
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', path: ['environment'] })]);
    expect(diagnostics[0].detail).toContain('2021');
  });

  it('says what to set when there are no credentials', async () => {
    const { client, diagnostics } = await createProvider({}).configure(block(), '1.8.5', ctx);
    expect(client).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].severity).toBe('error');
    expect(diagnostics[0].detail).toContain('PARTNERCENTER_REFRESH_TOKEN');
    expect(diagnostics[0].detail).toContain('PARTNERCENTER_ACCESS_TOKEN');
    expect(diagnostics[0].detail).toContain('`az login`');
  });

  it('defers the failure to API calls when the block is not known yet', async () => {
    const { client, diagnostics } = await createProvider({}).configure(
      block({ ...REFRESH, tenant_id: UNKNOWN }),
      '1.8.5',
      ctx,
    );
    expect(diagnostics).toEqual([]);
    expect(() => client!.profiles()).toThrow(ProviderNotReadyError);
    expect(() => client!.profiles()).toThrow(/depends on values not known until apply \(tenant_id\)/);
  });

  it('maps a client option error to the attribute and env var', async () => {
    const { diagnostics } = await createProvider({}).configure(
      block({ ...REFRESH, locale: 'not a locale!' }),
      '1.8.5',
      ctx,
    );
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', path: ['locale'] })]);
    expect(diagnostics[0].detail).toContain('PARTNERCENTER_LOCALE');
  });
});

describe('provider docs', () => {
  it('document every attribute with its environment variable, and every cloud', () => {
    const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'index.md'), 'utf8');
    for (const s of [...PROVIDER_SETTINGS, ...TUNING_SETTINGS, USE_CLI]) {
      expect(doc).toMatch(new RegExp(`\\| \`${s.attr}\` \\| \`${s.env}\` \\|`));
    }
    expect(doc).toContain('PARTNERCENTER_AZ_PATH');
    for (const cloud of ['public', 'china', 'usgov', 'germany']) expect(doc).toContain(`| \`${cloud}\``);
  });
});

describe('tuning settings (request_timeout_seconds, max_retries)', () => {
  it('turn into retry options from the block, else the environment', () => {
    expect(resolveTuning({ request_timeout_seconds: 5, max_retries: 0 }, {})).toEqual({
      retry: { requestTimeoutMs: 5000, deadlineMs: 60_000, maxAttempts: 1 },
      diagnostics: [],
    });
    expect(
      resolveTuning(
        { request_timeout_seconds: null, max_retries: 2n },
        { PARTNERCENTER_REQUEST_TIMEOUT_SECONDS: '45' },
      ),
    ).toEqual({
      retry: { requestTimeoutMs: 45_000, deadlineMs: 90_000, maxAttempts: 3 },
      diagnostics: [],
    });
    expect(resolveTuning({ request_timeout_seconds: UNKNOWN, max_retries: null }, {})).toEqual({
      retry: {},
      diagnostics: [],
    });
  });

  it('refuse out-of-range or fractional values, naming the attribute, the range and where the value came from', () => {
    const block = resolveTuning({ request_timeout_seconds: 0, max_retries: 2.5 }, {}).diagnostics;
    expect(block.map((d) => d.path)).toEqual([['request_timeout_seconds'], ['max_retries']]);
    expect(block[0].detail).toContain(
      'provider attribute "request_timeout_seconds" is 0; it must be a whole number from 1 to 600',
    );
    expect(block[1].detail).toContain('from 0 to 10');
    const env = resolveTuning({}, { PARTNERCENTER_MAX_RETRIES: 'many' }).diagnostics;
    expect(env[0].detail).toContain('PARTNERCENTER_MAX_RETRIES (environment) is "many"');
  });
});
