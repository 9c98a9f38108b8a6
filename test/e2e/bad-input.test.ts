// Bad input is refused at plan time by every engine, naming the attribute and the fix, before the
// provider calls Partner Center or the token endpoint. One working dir per engine (init once);
// each row rewrites main.tf.
import { EmulatorAdmin } from '../../emulator/admin-client';
import { EMULATOR_DEFAULTS } from '../../emulator/server';
import { SOURCE_ADDRESS } from '../../provider/meta';
import { describeEachEngine } from '../support/engines';
import { createEmulatorWorkdir, type EmulatorWorkdir } from '../support/emulator-workdir';
import { TfWorkdir, type RunResult } from '../support/tf-workdir';

const STEP_TIMEOUT = 180_000;
const RESOURCE = 'partnercenter_billing_profile.this';

const REQUIRED_PROVIDERS = `terraform {
  required_providers {
    partnercenter = {
      source = "${SOURCE_ADDRESS}"
    }
  }
}
`;

interface Row {
  name: string;
  /** main.tf: the provider block (credentials from PARTNERCENTER_* unless set here) and the resource. */
  hcl: string;
  /**
   * Where the engine points, as it prints it: the attribute's own line for a top-level attribute;
   * for a nested one (address.city) the engines quote the resource line and the summary names it.
   */
  at: string;
  /** The summary naming the attribute, and the fix. */
  says: string[];
  /** Environment changes for this plan only. */
  env?: Record<string, string | undefined>;
  /**
   * A password that must appear nowhere in the output: neither in our messages nor in the trace
   * log. Only the engine's own quote of main.tf (`at`) may show it, for a value written there.
   */
  secret?: string;
}

/** Stands for the emulator's host:port in a row (known once it runs). */
const EMULATOR = '{emulator}';
const PASSWORD = 'Pa55-word-7f3a9c';

const IN_RESOURCE = `with ${RESOURCE}, on main.tf line`;
const IN_PROVIDER = `with provider["${SOURCE_ADDRESS}"], on main.tf line`;
const RESOURCE_LINE = `3, in resource "partnercenter_billing_profile" "this": 3: resource "partnercenter_billing_profile" "this" {`;
const attributeLine = (source: string) => `4, in resource "partnercenter_billing_profile" "this": 4: ${source}`;

const resource = (body: string) => `provider "partnercenter" {}

resource "partnercenter_billing_profile" "this" {
${body}
}
`;

const withProvider = (block: string) => `provider "partnercenter" {
${block}
}

resource "partnercenter_billing_profile" "this" {}
`;

const LONG_PO = 'P'.repeat(201);
/** 201 characters, 402 UTF-16 units: lengths count code points (docs/architecture.md §3.1). */
const EMOJI_PO = '😀'.repeat(201);

const RESOURCE_ROWS: Row[] = [
  {
    name: 'free text over 200 characters (purchase_order_number)',
    hcl: resource(`  purchase_order_number = "${LONG_PO}"`),
    at: `${IN_RESOURCE} ${attributeLine(`purchase_order_number = "${LONG_PO}"`)}`,
    says: [
      'Error: Invalid value for purchase_order_number',
      '"purchase_order_number" is 201 characters long',
      'accepts at most 200. Shorten it.',
    ],
  },
  {
    name: 'a name over 50 characters (primary_contact.first_name)',
    hcl: resource(`  primary_contact = {\n    first_name = "${'N'.repeat(51)}"\n  }`),
    at: `${IN_RESOURCE} ${RESOURCE_LINE}`,
    says: [
      'Error: Invalid value for primary_contact.first_name',
      '"primary_contact.first_name" is 51 characters long',
      'accepts at most 50. Shorten it.',
    ],
  },
  {
    name: 'an invalid e-mail (primary_contact.email)',
    hcl: resource(`  primary_contact = {\n    email = "billing.contoso.example"\n  }`),
    at: `${IN_RESOURCE} ${RESOURCE_LINE}`,
    says: [
      'Error: Invalid value for primary_contact.email',
      '"primary_contact.email" must be an e-mail address like name@example.com',
    ],
  },
  {
    name: 'a newline in a text field (address.city)',
    hcl: resource(`  address = {\n    city = "Red\\nmond"\n  }`),
    at: `${IN_RESOURCE} ${RESOURCE_LINE}`,
    says: [
      'Error: Invalid value for address.city',
      '"address.city" contains the control character U+000A (line feed) at position 4.',
      'single-line text: remove it',
    ],
  },
  {
    name: 'a tab in a text field (tax_id)',
    hcl: resource(`  tax_id = "12\\t3456789"`),
    at: `${IN_RESOURCE} ${attributeLine('tax_id = "12\\t3456789"')}`,
    says: [
      'Error: Invalid value for tax_id',
      '"tax_id" contains the control character U+0009 (tab) at position 3.',
      'single-line text: remove it',
    ],
  },
  {
    name: 'a right-to-left override in a text field (tax_id)',
    hcl: resource(`  tax_id = "12\\u202e3456789"`),
    at: `${IN_RESOURCE} ${attributeLine('tax_id = "12\\u202e3456789"')}`,
    says: [
      'Error: Invalid value for tax_id',
      '"tax_id" contains the bidirectional control character U+202E (right-to-left override) at position 3.',
      'remove it from "tax_id"',
    ],
  },
  {
    name: 'over 200 characters counted in code points (purchase_order_number, 201 emoji)',
    hcl: resource(`  purchase_order_number = "${EMOJI_PO}"`),
    at: `${IN_RESOURCE} ${attributeLine(`purchase_order_number = "${EMOJI_PO}"`)}`,
    says: ['"purchase_order_number" is 201 characters long', 'accepts at most 200. Shorten it.'],
  },
  {
    name: 'a read-only field set (billing_currency)',
    hcl: resource(`  billing_currency = "EUR"`),
    at: `${IN_RESOURCE} ${attributeLine('billing_currency = "EUR"')}`,
    says: [
      'Error: billing_currency is read-only',
      'changed in the Partner Center dashboard',
      'Remove "billing_currency" from the',
    ],
  },
  {
    name: 'address_line1 set to ""',
    hcl: resource(`  address = {\n    address_line1 = ""\n  }`),
    at: `${IN_RESOURCE} ${RESOURCE_LINE}`,
    says: [
      'Error: Invalid value for address.address_line1',
      'cannot be cleared with ""',
      'Set a value, or remove the attribute to leave it unmanaged.',
    ],
  },
];

const PROVIDER_ROWS: Row[] = [
  {
    name: 'an unknown environment',
    hcl: withProvider('  environment = "mars"'),
    at: `${IN_PROVIDER} 2, in provider "partnercenter": 2: environment = "mars"`,
    says: [
      'Error: Unknown Partner Center environment',
      'Valid values: "public", "china", "usgov", "germany". Set "environment"',
    ],
  },
  {
    name: 'both refresh_token and access_token',
    hcl: withProvider(`  refresh_token = "${EMULATOR_DEFAULTS.refreshToken}"\n  access_token  = "a-ready-token"`),
    at: `${IN_PROVIDER} 3, in provider "partnercenter": 3: access_token = "a-ready-token"`,
    says: [
      'Error: Conflicting Partner Center credentials',
      'Use one: refresh_token (PARTNERCENTER_REFRESH_TOKEN) with client_id and tenant_id, or access_token',
    ],
  },
  {
    name: 'a refresh token without client_id and tenant_id',
    hcl: withProvider(`  refresh_token = "${EMULATOR_DEFAULTS.refreshToken}"`),
    env: { PARTNERCENTER_CLIENT_ID: undefined, PARTNERCENTER_TENANT_ID: undefined },
    at: `${IN_PROVIDER} 1, in provider "partnercenter": 1: provider "partnercenter" {`,
    says: [
      'Error: Missing client_id',
      'Set "client_id" in the provider block or PARTNERCENTER_CLIENT_ID.',
      'Error: Missing tenant_id',
      'Set "tenant_id" in the provider block or PARTNERCENTER_TENANT_ID.',
    ],
  },
  {
    name: 'a malformed base_url',
    hcl: withProvider('  base_url = "127.0.0.1:8080/api"'),
    at: `${IN_PROVIDER} 2, in provider "partnercenter": 2: base_url = "127.0.0.1:8080/api"`,
    says: [
      'Error: Invalid base_url',
      'not an absolute http(s) URL. Give one such as https://api.partnercenter.microsoft.com',
      'in "base_url" or PARTNERCENTER_BASE_URL',
    ],
  },
  // docs/security.md "Endpoints checked at plan time". The URLs with user info point at the
  // emulator, so a provider that let them through would show up in its logs.
  {
    name: 'user info in base_url',
    hcl: withProvider(`  base_url = "http://svc:${PASSWORD}@${EMULATOR}"`),
    at: `${IN_PROVIDER} 2, in provider "partnercenter": 2: base_url = "http://svc:${PASSWORD}@${EMULATOR}"`,
    says: [
      'Error: Invalid base_url',
      'provider attribute "base_url" carries a user name or password before "@" (not shown here).',
      'Remove the "user:password@" part in "base_url" or PARTNERCENTER_BASE_URL.',
    ],
    secret: PASSWORD,
  },
  {
    name: 'user info in authority_host',
    hcl: withProvider(`  authority_host = "http://svc:${PASSWORD}@${EMULATOR}"`),
    at: `${IN_PROVIDER} 2, in provider "partnercenter": 2: authority_host = "http://svc:${PASSWORD}@${EMULATOR}"`,
    says: [
      'Error: Invalid authority_host',
      'provider attribute "authority_host" carries a user name or password before "@" (not shown here).',
      'Remove the "user:password@" part in "authority_host" or PARTNERCENTER_AUTHORITY_HOST.',
    ],
    secret: PASSWORD,
  },
  {
    name: 'user info in PARTNERCENTER_AUTHORITY_HOST, at TF_LOG=trace',
    hcl: withProvider(''),
    env: { PARTNERCENTER_AUTHORITY_HOST: `http://svc:${PASSWORD}@${EMULATOR}`, TF_LOG: 'trace' },
    at: `${IN_PROVIDER} 1, in provider "partnercenter": 1: provider "partnercenter" {`,
    says: [
      'Error: Invalid authority_host',
      'PARTNERCENTER_AUTHORITY_HOST (environment) carries a user name or password before "@" (not shown here).',
      'Remove the "user:password@" part in "authority_host" or PARTNERCENTER_AUTHORITY_HOST.',
    ],
    secret: PASSWORD,
  },
  {
    name: 'user info in PARTNERCENTER_BASE_URL',
    hcl: withProvider(''),
    env: { PARTNERCENTER_BASE_URL: `https://svc:${PASSWORD}@api.partnercenter.microsoft.com` },
    at: `${IN_PROVIDER} 1, in provider "partnercenter": 1: provider "partnercenter" {`,
    says: [
      'Error: Invalid base_url',
      'PARTNERCENTER_BASE_URL (environment) carries a user name or password before "@" (not shown here).',
    ],
    secret: PASSWORD,
  },
  {
    name: 'plain http to a non-loopback authority_host',
    hcl: withProvider('  authority_host = "http://login.example.invalid"'),
    at: `${IN_PROVIDER} 2, in provider "partnercenter": 2: authority_host = "http://login.example.invalid"`,
    says: [
      'Error: Invalid authority_host',
      'provider attribute "authority_host" is "http://login.example.invalid", plain http:// to a host that is not loopback, so the refresh token and client secret would cross the network unencrypted.',
      'Use https://, or http:// only for a local emulator on 127.0.0.1, [::1] or localhost, in "authority_host" or PARTNERCENTER_AUTHORITY_HOST.',
    ],
  },
  {
    name: 'plain http to a non-loopback base_url',
    hcl: withProvider('  base_url = "http://partnercenter.example.invalid:8080"'),
    at: `${IN_PROVIDER} 2, in provider "partnercenter": 2: base_url = "http://partnercenter.example.invalid:8080"`,
    says: [
      'Error: Invalid base_url',
      'plain http:// to a host that is not loopback, so the access token and the profile would cross the network unencrypted.',
      'Use https://, or http:// only for a local emulator on 127.0.0.1, [::1] or localhost, in "base_url" or PARTNERCENTER_BASE_URL.',
    ],
  },
  {
    name: 'plain http to a non-loopback host in PARTNERCENTER_AUTHORITY_HOST',
    hcl: withProvider(''),
    env: { PARTNERCENTER_AUTHORITY_HOST: 'http://10.20.30.40' },
    at: `${IN_PROVIDER} 1, in provider "partnercenter": 1: provider "partnercenter" {`,
    says: [
      'Error: Invalid authority_host',
      'PARTNERCENTER_AUTHORITY_HOST (environment) is "http://10.20.30.40", plain http:// to a host that is not loopback',
    ],
  },
  {
    name: 'tenant_id ".."',
    hcl: withProvider('  tenant_id = ".."'),
    at: `${IN_PROVIDER} 2, in provider "partnercenter": 2: tenant_id = ".."`,
    says: [
      'Error: Invalid tenant_id',
      'provider attribute "tenant_id" is "..", which is neither a GUID nor a domain name',
      'Give the partner tenant id, a GUID such as 00000000-0000-0000-0000-000000000000 or a domain such as contoso.onmicrosoft.com, in "tenant_id" or PARTNERCENTER_TENANT_ID.',
    ],
  },
  {
    name: 'PARTNERCENTER_TENANT_ID ".."',
    hcl: withProvider(''),
    env: { PARTNERCENTER_TENANT_ID: '..' },
    at: `${IN_PROVIDER} 1, in provider "partnercenter": 1: provider "partnercenter" {`,
    says: [
      'Error: Invalid tenant_id',
      'PARTNERCENTER_TENANT_ID (environment) is "..", which is neither a GUID nor a domain name',
    ],
  },
];

/** Engine output with box drawing and line wrapping undone, so messages can be matched whole. */
function text(r: RunResult): string {
  return `${r.stdout}\n${r.stderr}`.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');
}

describeEachEngine('bad input fails at plan before any API call', (engine) => {
  let setup: EmulatorWorkdir | undefined;
  let admin: EmulatorAdmin;
  let wd: TfWorkdir;

  beforeAll(async () => {
    setup = await createEmulatorWorkdir(engine, { 'providers.tf': REQUIRED_PROVIDERS, 'main.tf': resource('') });
    ({ admin, wd } = setup);
  }, STEP_TIMEOUT);

  afterAll(() => setup?.dispose());

  /** `row` with EMULATOR replaced by the emulator's host:port. */
  function filled(row: Row): Row {
    const hostPort = new URL(setup!.emulator.url).host;
    const fill = (v: string) => v.split(EMULATOR).join(hostPort);
    return {
      ...row,
      hcl: fill(row.hcl),
      at: fill(row.at),
      says: row.says.map(fill),
      env: row.env && Object.fromEntries(Object.entries(row.env).map(([k, v]) => [k, v && fill(v)])),
    };
  }

  /** Plans `row` (exit 1 expected); returns the output and the API and token calls it caused. */
  async function planRow(row: Row) {
    const mark = await admin.mark();
    await wd.writeFile('main.tf', row.hcl);
    const out = text(await wd.run(['plan', '-input=false'], { allowExitCodes: [1], env: row.env }));
    const { api, tokens } = await admin.since(mark);
    return { out, apiCalls: api, tokenCalls: tokens };
  }

  async function expectRefusedBeforeAnyCall(given: Row): Promise<void> {
    const row = filled(given);
    const { out, apiCalls, tokenCalls } = await planRow(row);
    expect(out).toContain(row.at);
    for (const said of row.says) expect(out).toContain(said);
    if (row.secret !== undefined) expect(out.split(row.at).join(' ')).not.toContain(row.secret);
    if (row.env?.TF_LOG === 'trace') expect(out).toContain('[TRACE]'); // the log was there to search
    expect(apiCalls).toEqual([]);
    expect(tokenCalls).toEqual([]);
  }

  describe('with no state', () => {
    test.each(RESOURCE_ROWS.map((r) => [r.name, r] as const))(
      '%s: zero API and token calls',
      async (_name, row) => {
        await expectRefusedBeforeAnyCall(row);
      },
      STEP_TIMEOUT,
    );

    test.each(PROVIDER_ROWS.map((r) => [r.name, r] as const))(
      'provider block, %s: zero API and token calls',
      async (_name, row) => {
        await expectRefusedBeforeAnyCall(row);
      },
      STEP_TIMEOUT,
    );
  });

  // A refresh GET would be allowed here (no PUT is what matters), but the engines validate the
  // configuration before they refresh, so there is none: the stricter check holds.
  describe('with the profile in state', () => {
    beforeAll(async () => {
      await wd.writeFile('main.tf', resource(''));
      await wd.run(['apply', '-auto-approve', '-input=false']);
      // Positive control: a valid config does reach the emulator, and its logs record it.
      expect((await admin.requests()).some((c) => c.method === 'GET')).toBe(true);
      expect((await admin.tokenRequests()).length).toBeGreaterThan(0);
    }, STEP_TIMEOUT);

    test.each(RESOURCE_ROWS.map((r) => [r.name, r] as const))(
      '%s: no PUT, and not even a refresh GET',
      async (_name, row) => {
        const before = await admin.profile();
        await expectRefusedBeforeAnyCall(row);
        expect(await admin.profile()).toEqual(before);
      },
      STEP_TIMEOUT,
    );
  });
});
