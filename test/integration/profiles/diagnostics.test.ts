// What a user reads when the sign-in or the connection fails, through the provider as configured
// from its block and PARTNERCENTER_* variables (createProvider + configure) and the resource's
// read, with the real client: a wrong refresh token is titled by Microsoft Entra ID with its
// AADSTS text once; nothing listening at base_url is a network error naming base_url and where it
// came from (the block or the variable), with no API error code and no request ids.
import http from 'node:http';
import net from 'node:net';
import { providerEnvFor, startEmulator, type RunningEmulator } from '../../../emulator/server';
import type { ObjectValue } from '../../../provider/plugin/cty/types';
import type { Diagnostic, ResourceContext } from '../../../provider/plugin/kit';
import { createProvider } from '../../../provider/provider';
import { PROVIDER_SETTINGS } from '../../../provider/provider-config';
import { ProviderClient } from '../../../provider/provider-client';
import { BILLING } from '../../../provider/profiles/specs';
import { profileResource } from '../../../provider/profiles/resource';
import { NO_PRIVATE, SILENT_LOGGER } from '../../support/resource-context';

const READ_SUMMARY = (party: string) => `${party} while reading the billing profile`;
const count = (text: string | undefined, part: string) => (text ?? '').split(part).length - 1;

let emulator: RunningEmulator;
let state: ObjectValue;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  const imported = await profileResource(BILLING).import!('billing', await configured(providerEnvFor(emulator.url)));
  expect(imported.diagnostics).toEqual([]);
  state = imported.state!;
});
afterAll(() => emulator.close());

/** The provider block with `values` set (the rest null), configured with `env` as its environment. */
async function configured(
  env: NodeJS.ProcessEnv,
  values: Record<string, string> = {},
): Promise<ResourceContext<ProviderClient>> {
  const block = { ...Object.fromEntries(PROVIDER_SETTINGS.map((s) => [s.attr, null])), ...values };
  const base = { signal: new AbortController().signal, log: SILENT_LOGGER };
  const { client, diagnostics } = await createProvider({ ...env, PARTNERCENTER_USE_CLI: 'false' }).configure(
    block,
    '1.8.5',
    base,
  );
  expect(diagnostics).toEqual([]);
  return { ...base, client: client! };
}

async function readError(ctx: ResourceContext<ProviderClient>): Promise<Diagnostic> {
  const res = await profileResource(BILLING).read({ state, private: NO_PRIVATE }, ctx);
  expect(res.diagnostics).toHaveLength(1);
  return res.diagnostics[0];
}

/** A loopback URL where nothing listens: a port that was free a moment ago. */
async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('a refresh token Entra ID refuses', () => {
  it('is titled by Microsoft Entra ID, shows the AADSTS text once, no API error code, and names where the token came from', async () => {
    const d = await readError(
      await configured(providerEnvFor(emulator.url), { refresh_token: 'a-wrong-refresh-token' }),
    );
    expect(d.summary).toBe(READ_SUMMARY('Microsoft Entra ID refused the sign-in'));
    expect(count(d.detail, 'AADSTS70000')).toBe(1);
    expect(d.detail).not.toContain('API error code');
    expect(d.detail).toContain('refresh_token from the provider block');
    expect(d.detail).toContain('client_id from PARTNERCENTER_CLIENT_ID (environment)');
    expect(d.detail).not.toContain('a-wrong-refresh-token');
  });

  describe('as Entra ID answers it: a description over several lines with its ids, and the ids as fields', () => {
    const TRACE = '0f5b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    const CORRELATION = '4a1c2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    let entra: http.Server;
    let entraUrl: string;
    beforeAll(async () => {
      entra = http.createServer((req, res) => {
        req.resume().on('end', () => {
          res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
          res.end(
            JSON.stringify({
              error: 'invalid_grant',
              error_description: `AADSTS70000: The provided value for the 'refresh_token' is not valid.\r\nTrace ID: ${TRACE}\r\nCorrelation ID: ${CORRELATION}\r\nTimestamp: 2025-01-01 00:00:00Z`,
              error_codes: [70000],
              timestamp: '2025-01-01 00:00:00Z',
              trace_id: TRACE,
              correlation_id: CORRELATION,
              error_uri: 'https://login.microsoftonline.com/error?code=70000',
            }),
          );
        });
      });
      await new Promise<void>((resolve) => entra.listen(0, '127.0.0.1', resolve));
      entraUrl = `http://127.0.0.1:${(entra.address() as net.AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => entra.close(() => resolve())));

    it('each id once, labelled as Entra ID’s, and the AADSTS text once', async () => {
      const d = await readError(
        await configured({ ...providerEnvFor(emulator.url), PARTNERCENTER_AUTHORITY_HOST: entraUrl }),
      );
      expect(d.summary).toBe(READ_SUMMARY('Microsoft Entra ID refused the sign-in'));
      expect(count(d.detail, 'AADSTS70000')).toBe(1);
      expect(count(d.detail, TRACE)).toBe(1);
      expect(count(d.detail, CORRELATION)).toBe(1);
      expect(d.detail).toContain(`Trace id (Entra ID): ${TRACE}`);
      expect(d.detail).not.toContain('API error code');
      expect(d.detail).not.toContain('MS-RequestId');
    });
  });
});

describe('nothing listening at base_url', () => {
  function expectNetworkError(d: Diagnostic, url: string): void {
    expect(d.summary).toBe(READ_SUMMARY('Network error: could not reach the Partner Center API'));
    expect(d.detail).toContain(`Could not reach the Partner Center API at ${url} (ECONNREFUSED`);
    expect(d.detail).not.toContain('API error code');
    expect(d.detail).not.toMatch(/request id|correlation id/i);
  }

  it('set in the provider block: says so', async () => {
    const url = await closedPortUrl();
    const d = await readError(await configured(providerEnvFor(emulator.url), { base_url: url }));
    expectNetworkError(d, url);
    expect(d.detail).toContain('The address is base_url from the provider block: nothing is listening there');
  });

  it('set by PARTNERCENTER_BASE_URL: names the variable', async () => {
    const url = await closedPortUrl();
    const d = await readError(await configured({ ...providerEnvFor(emulator.url), PARTNERCENTER_BASE_URL: url }));
    expectNetworkError(d, url);
    expect(d.detail).toContain(
      'The address is base_url from PARTNERCENTER_BASE_URL (environment): nothing is listening there',
    );
  });
});
