// What a user reads on every engine when the sign-in or the connection fails during a refresh:
// a wrong refresh token is titled by Microsoft Entra ID (not Partner Center) with its AADSTS text
// once and no "API error code"; nothing listening at base_url is a network error that names
// base_url and where it came from (the provider block or PARTNERCENTER_BASE_URL), with no socket
// code shown as an API code and no request ids (the request never left the machine).
import net from 'node:net';
import { SOURCE_ADDRESS } from '../../provider/meta';
import { describeEachEngine } from '../support/engines';
import { createEmulatorWorkdir, type EmulatorWorkdir } from '../support/emulator-workdir';
import type { RunResult } from '../support/tf-workdir';

const STEP_TIMEOUT = 180_000;

const REQUIRED_PROVIDERS = `terraform {
  required_providers {
    partnercenter = {
      source = "${SOURCE_ADDRESS}"
    }
  }
}
`;

const main = (providerBlock = '') => `provider "partnercenter" {
${providerBlock}
}

resource "partnercenter_billing_profile" "this" {}
`;

/** Engine output with box drawing and line wrapping undone, so messages can be matched whole. */
function text(r: RunResult): string {
  return `${r.stdout}\n${r.stderr}`.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');
}

const count = (text: string, part: string) => text.split(part).length - 1;

/** A loopback URL where nothing listens: a port that was free a moment ago. */
async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describeEachEngine('diagnostics name the party that failed and the setting', (engine) => {
  let setup: EmulatorWorkdir | undefined;

  beforeAll(async () => {
    setup = await createEmulatorWorkdir(engine, { 'providers.tf': REQUIRED_PROVIDERS, 'main.tf': main() });
    await setup.wd.run(['apply', '-auto-approve', '-input=false']);
  }, STEP_TIMEOUT);

  afterAll(() => setup?.dispose());

  /** A plan with `providerBlock` and `env` (exit 1 expected), the profile in state. */
  async function failedPlan(providerBlock: string, env: Record<string, string>): Promise<string> {
    await setup!.wd.writeFile('main.tf', main(providerBlock));
    return text(await setup!.wd.run(['plan', '-input=false'], { allowExitCodes: [1], env }));
  }

  test(
    'a wrong refresh token: titled by Microsoft Entra ID, AADSTS text once, no API error code',
    async () => {
      const out = await failedPlan('', { PARTNERCENTER_REFRESH_TOKEN: 'a-wrong-refresh-token' });
      expect(out).toContain('Error: Microsoft Entra ID refused the sign-in while reading the billing profile');
      expect(out).not.toContain('Partner Center refused');
      expect(count(out, 'AADSTS70000')).toBe(1);
      expect(out).not.toContain('API error code');
      expect(out).toContain('Settings used: refresh_token from PARTNERCENTER_REFRESH_TOKEN (environment)');
      expect(out).not.toContain('a-wrong-refresh-token');
    },
    STEP_TIMEOUT,
  );

  const NETWORK_TITLE =
    'Error: Network error: could not reach the Partner Center API while reading the billing profile';

  function expectNothingListening(out: string, url: string): void {
    expect(out).toContain(NETWORK_TITLE);
    expect(out).toContain(`Could not reach the Partner Center API at ${url} (ECONNREFUSED`);
    expect(out).toContain('no request was sent');
    expect(out).not.toContain('API error code');
    expect(out).not.toMatch(/request id|correlation id/i);
  }

  test(
    'base_url in the provider block with nothing listening: names base_url and the block',
    async () => {
      const url = await closedPortUrl();
      const out = await failedPlan(`  base_url = "${url}"`, {});
      expectNothingListening(out, url);
      expect(out).toContain('The address is base_url from the provider block: nothing is listening there');
    },
    STEP_TIMEOUT,
  );

  test(
    'PARTNERCENTER_BASE_URL with nothing listening: names base_url and the variable',
    async () => {
      const url = await closedPortUrl();
      const out = await failedPlan('', { PARTNERCENTER_BASE_URL: url });
      expectNothingListening(out, url);
      expect(out).toContain(
        'The address is base_url from PARTNERCENTER_BASE_URL (environment): nothing is listening there',
      );
    },
    STEP_TIMEOUT,
  );
});
