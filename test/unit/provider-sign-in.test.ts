// The provider's sign-in choice (provider-sign-in.ts): use_cli and its variable, the order
// access_token, refresh_token, Azure CLI, and the diagnostics of each Azure CLI problem. No az
// runs here: the PATH given holds none (test/integration/partnercenter/azure-cli.test.ts and
// test/e2e/azure-cli.test.ts run a stand-in).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AzureCliError, type AzureCliProblem } from '../../provider/partnercenter';
import { PROVIDER_SETTINGS } from '../../provider/provider-config';
import { createProvider } from '../../provider/provider';
import { azureCliDiagnostic, resolveUseCli } from '../../provider/provider-sign-in';
import { UNKNOWN, type ObjectValue, type Value } from '../../provider/plugin/cty/types';
import type { CallContext } from '../../provider/plugin/kit';
import { SILENT_LOGGER } from '../support/resource-context';

function block(values: Record<string, Value> = {}): ObjectValue {
  return { ...Object.fromEntries(PROVIDER_SETTINGS.map((s) => [s.attr, null])), use_cli: null, ...values };
}

const ctx: CallContext = { signal: new AbortController().signal, log: SILENT_LOGGER };
/** A PATH with no az on it. */
const NO_AZ = { PATH: mkdtempSync(path.join(os.tmpdir(), 'no-az-')) };

describe('resolveUseCli', () => {
  it('takes the block, else PARTNERCENTER_USE_CLI (true/false, 1/0, any case), else unset', () => {
    expect(resolveUseCli(block({ use_cli: false }), { PARTNERCENTER_USE_CLI: 'true' })).toMatchObject({
      value: false,
      from: 'config',
    });
    for (const [text, value] of [
      ['true', true],
      ['FALSE', false],
      [' 1 ', true],
      ['0', false],
    ] as const) {
      expect(resolveUseCli(block(), { PARTNERCENTER_USE_CLI: text })).toEqual({ value, from: 'env', diagnostics: [] });
    }
    expect(resolveUseCli(block(), { PARTNERCENTER_USE_CLI: ' ' })).toEqual({ from: 'unset', diagnostics: [] });
    expect(resolveUseCli(block({ use_cli: UNKNOWN }), {})).toMatchObject({ unknown: true });
  });

  it('refuses another value of the variable, naming it and the fix', () => {
    const { diagnostics } = resolveUseCli(block(), { PARTNERCENTER_USE_CLI: 'maybe' });
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', summary: 'Invalid use_cli', path: ['use_cli'] }),
    ]);
    expect(diagnostics[0].detail).toContain('PARTNERCENTER_USE_CLI (environment) is "maybe", which is not a boolean');
    expect(createProvider({ PARTNERCENTER_USE_CLI: 'maybe' }).validateConfig!(block(), ctx)).toHaveLength(1);
  });
});

describe('configure: which sign-in', () => {
  it('without tokens and without az: no credentials, offering az login, refresh token and access token', async () => {
    const { client, diagnostics } = await createProvider(NO_AZ).configure(block(), '1.8.5', ctx);
    expect(client).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', summary: 'No Partner Center credentials' }),
    ]);
    expect(diagnostics[0].detail).toContain(
      'the Azure CLI, which it signs in with when neither is, was not found on PATH',
    );
    expect(diagnostics[0].detail).toContain('install it and run `az login`');
    expect(diagnostics[0].detail).toContain('PARTNERCENTER_REFRESH_TOKEN');
    expect(diagnostics[0].detail).toContain('PARTNERCENTER_ACCESS_TOKEN');
  });

  it('use_cli = false without tokens: no credentials, saying the CLI is turned off', async () => {
    for (const [config, env] of [
      [block({ use_cli: false }), NO_AZ],
      [block(), { ...NO_AZ, PARTNERCENTER_USE_CLI: 'false' }],
    ] as const) {
      const { diagnostics } = await createProvider(env).configure(config, '1.8.5', ctx);
      expect(diagnostics).toEqual([expect.objectContaining({ summary: 'No Partner Center credentials' })]);
      expect(diagnostics[0].detail).toContain(
        'use_cli = false (or PARTNERCENTER_USE_CLI=false) turns the Azure CLI off',
      );
    }
  });

  it('use_cli = true or PARTNERCENTER_AZ_PATH without an az: Azure CLI not found', async () => {
    const asked = await createProvider(NO_AZ).configure(block({ use_cli: true }), '1.8.5', ctx);
    expect(asked.diagnostics).toEqual([expect.objectContaining({ summary: 'Azure CLI not found' })]);
    const missing = path.join(NO_AZ.PATH, 'az');
    const at = await createProvider({ ...NO_AZ, PARTNERCENTER_AZ_PATH: missing }).configure(block(), '1.8.5', ctx);
    expect(at.diagnostics).toEqual([expect.objectContaining({ summary: 'Azure CLI not found' })]);
    expect(at.diagnostics[0].detail).toContain(`not found at ${missing}`);
  });

  it('a token wins over the CLI: access_token, then refresh_token, even with use_cli = true', async () => {
    const withTokens: Record<string, Value>[] = [
      { access_token: 'at-123456', use_cli: true },
      { refresh_token: 'rt-123456', client_id: 'c', tenant_id: 'contoso.onmicrosoft.com', use_cli: true },
    ];
    for (const values of withTokens) {
      const { client, diagnostics } = await createProvider(NO_AZ).configure(block(values), '1.8.5', ctx);
      expect(diagnostics).toEqual([]);
      expect(() => client!.profiles()).not.toThrow();
    }
  });

  it('use_cli not known yet without tokens: only API calls fail, naming it', async () => {
    const { client, diagnostics } = await createProvider(NO_AZ).configure(block({ use_cli: UNKNOWN }), '1.8.5', ctx);
    expect(diagnostics).toEqual([]);
    expect(() => client!.profiles()).toThrow(/not known until apply \(use_cli\)/);
    const withToken = await createProvider(NO_AZ).configure(
      block({ access_token: 'at-123456', use_cli: UNKNOWN }),
      '1.8.5',
      ctx,
    );
    expect(() => withToken.client!.profiles()).not.toThrow();
  });
});

describe('azureCliDiagnostic', () => {
  it('gives each problem its summary, the CLI fix, then what to change in the provider', () => {
    const cases: [AzureCliProblem, string, string][] = [
      ['not-signed-in', 'Azure CLI not signed in', 'use_cli = false'],
      ['other-tenant', 'Azure CLI signed in to another tenant', 'tenant_id (PARTNERCENTER_TENANT_ID)'],
      ['cloud', 'Azure CLI set to another cloud', 'environment (PARTNERCENTER_ENVIRONMENT)'],
      ['app-only', 'Azure CLI signed in without a user (app-only)', 'use refresh_token, client_id and tenant_id'],
      ['timeout', 'Azure CLI did not answer in time', 'request_timeout_seconds'],
      ['too-old', 'Azure CLI too old', 'refresh_token for automation'],
    ];
    for (const [problem, summary, says] of cases) {
      const d = azureCliDiagnostic(new AzureCliError(problem, 'The fix is `az something`'), false);
      expect(d).toMatchObject({ severity: 'error', summary });
      expect(d.detail).toMatch(/^The fix is `az something`\. /);
      expect(d.detail).toContain(says);
    }
  });
});
