import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROVIDER_SETTINGS, providerSchema, resolveSettings, validateSettings } from '../../provider/provider-config';
import { createProvider } from '../../provider/provider';
import { ProviderClient, ProviderNotReadyError } from '../../provider/provider-client';
import { UNKNOWN, type ObjectValue, type Value } from '../../provider/plugin/cty/types';
import type { CallContext, Logger } from '../../provider/plugin/kit';

function block(values: Record<string, Value> = {}): ObjectValue {
  return { ...Object.fromEntries(PROVIDER_SETTINGS.map((s) => [s.attr, null])), ...values };
}

const logger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
const ctx: CallContext = { signal: new AbortController().signal, log: logger };

const REFRESH = { refresh_token: 'rt-secret', client_id: 'app', tenant_id: 'contoso.onmicrosoft.com' };

function check(values: Record<string, Value>, env: NodeJS.ProcessEnv = {}) {
  return validateSettings(resolveSettings(block(values), env));
}

describe('provider schema', () => {
  it('has the DESIGN §4 attributes, all optional strings with descriptions naming their env var', () => {
    const attrs = providerSchema.block.attributes;
    expect(Object.keys(attrs).sort()).toEqual(
      ['access_token', 'authority_host', 'base_url', 'client_id', 'client_secret', 'environment', 'locale', 'refresh_token', 'tenant_id'],
    );
    for (const s of PROVIDER_SETTINGS) {
      expect(attrs[s.attr]).toMatchObject({ type: 'string', optional: true });
      expect(attrs[s.attr].description).toContain(s.env);
      expect(s.env).toBe(`PARTNERCENTER_${s.attr.toUpperCase()}`);
    }
    const sensitive = Object.entries(attrs).filter(([, a]) => a.sensitive).map(([n]) => n);
    expect(sensitive.sort()).toEqual(['access_token', 'client_secret', 'refresh_token']);
  });
});

describe('validateSettings', () => {
  it('accepts refresh-token credentials from the block or the environment', () => {
    expect(check(REFRESH)).toEqual([]);
    expect(check({}, { PARTNERCENTER_REFRESH_TOKEN: 'x', PARTNERCENTER_CLIENT_ID: 'c', PARTNERCENTER_TENANT_ID: 't' })).toEqual([]);
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

  it('skips unknown values and lets them satisfy requirements', () => {
    expect(check({ environment: UNKNOWN, base_url: UNKNOWN, refresh_token: 'rt', client_id: UNKNOWN, tenant_id: UNKNOWN })).toEqual([]);
  });

  it('lets the block override the environment and treats "" as unset', () => {
    expect(check({ ...REFRESH, environment: 'china' }, { PARTNERCENTER_ENVIRONMENT: 'bogus' })).toEqual([]);
    expect(check({ ...REFRESH, environment: '' }, { PARTNERCENTER_ENVIRONMENT: 'bogus' })).toHaveLength(1);
  });
});

describe('configure', () => {
  it('builds a client from env fallbacks', async () => {
    const env = { PARTNERCENTER_REFRESH_TOKEN: 'rt', PARTNERCENTER_CLIENT_ID: 'c', PARTNERCENTER_TENANT_ID: 't', PARTNERCENTER_BASE_URL: 'http://127.0.0.1:9' };
    const { client, diagnostics } = await createProvider(env).configure(block(), '1.8.5', ctx);
    expect(diagnostics).toEqual([]);
    expect(client).toBeInstanceOf(ProviderClient);
    expect(() => client!.billingProfiles()).not.toThrow();
  });

  it('warns that germany is retired', async () => {
    const { client, diagnostics } = await createProvider({}).configure(block({ ...REFRESH, environment: 'germany' }), '1.8.5', ctx);
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
  });

  it('defers the failure to API calls when the block is not known yet', async () => {
    const { client, diagnostics } = await createProvider({}).configure(block({ ...REFRESH, tenant_id: UNKNOWN }), '1.8.5', ctx);
    expect(diagnostics).toEqual([]);
    expect(() => client!.billingProfiles()).toThrow(ProviderNotReadyError);
    expect(() => client!.billingProfiles()).toThrow(/depends on values not known until apply \(tenant_id\)/);
  });

  it('maps a client option error to the attribute and env var', async () => {
    const { diagnostics } = await createProvider({}).configure(block({ ...REFRESH, locale: 'not a locale!' }), '1.8.5', ctx);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', path: ['locale'] })]);
    expect(diagnostics[0].detail).toContain('PARTNERCENTER_LOCALE');
  });
});

describe('provider docs', () => {
  it('document every attribute with its environment variable, and every cloud', () => {
    const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'index.md'), 'utf8');
    for (const s of PROVIDER_SETTINGS) {
      expect(doc).toMatch(new RegExp(`\\| \`${s.attr}\` \\| \`${s.env}\` \\|`));
    }
    for (const cloud of ['public', 'china', 'usgov', 'germany']) expect(doc).toContain(`| \`${cloud}\``);
  });
});
