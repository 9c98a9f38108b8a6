// A stand-in for the Azure CLI (`az`), written into a temp dir by the tests and put on PATH: a
// small node script that answers `az account show` and `az account get-access-token` as the real
// CLI does (same JSON keys, same error texts on stderr, same exit codes), with access tokens the
// emulator mints (POST /_emulator/tokens). Its settings live in a JSON file beside it, so a test
// switches it between a user's sign-in, no sign-in, a service principal, another cloud or a slow
// answer without rewriting the script. Every call's arguments and every token it printed are
// recorded beside it too (the tests assert the arguments and scan for the tokens).
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type FakeAzMode =
  /** Signed in as a user of `tenantId`: delegated tokens; another --tenant gets AADSTS50020. */
  | 'user'
  /** Never signed in: "Please run 'az login' to setup account.", exit 1. */
  | 'not-logged-in'
  /** Signed in as a service principal: `user.type` servicePrincipal, app-only tokens. */
  | 'app-only'
  /** Answers get-access-token only after `slowSeconds` (a CLI waiting on the network). */
  | 'slow';

export interface FakeAzSettings {
  emulatorUrl: string;
  /** The tenant the signed-in account belongs to. */
  tenantId: string;
  mode: FakeAzMode;
  /** The cloud `az cloud set` chose: AzureCloud (default), AzureChinaCloud, AzureUSGovernment. */
  cloud: string;
  /** Print only expiresOn (local time), as az before 2.54 did, without expires_on. */
  legacyOutput: boolean;
  slowSeconds: number;
  /** Lifetime of the tokens it prints, in seconds; default the emulator's (an hour). */
  expiresIn?: number;
}

const SCRIPT = String.raw`#!/usr/bin/env node
// Stand-in for the Azure CLI, written by test/support/fake-az.ts.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const dir = __dirname;
const cfg = JSON.parse(fs.readFileSync(path.join(dir, 'fake-az.json'), 'utf8'));
const args = process.argv.slice(2);
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify(args) + '\n');

function fail(message, code) {
  process.stderr.write('ERROR: ' + message + '\n');
  process.exit(code);
}
function option(name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
function print(value) {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
const pad = (n, w = 2) => String(n).padStart(w, '0');
function localTime(ms) {
  const d = new Date(ms);
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' +
    pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.000000';
}
const SUBSCRIPTION = '5c1d7a38-0f5e-4c6a-9a1e-2b7d3c4e5f60';
const APP_ID = '3f2b8c1d-6e4a-4b7f-9c2d-1a0e5b6c7d80';
const USER = 'billing.admin@contoso-partner.example';

async function main() {
  const command = args.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ');
  if (command !== 'account show' && command !== 'account get-access-token') {
    fail("'" + args.join(' ') + "' is misspelled or not recognized by the system.", 2);
  }
  if (cfg.mode === 'not-logged-in') fail("Please run 'az login' to setup account.", 1);
  if (command === 'account show') {
    return print({
      environmentName: cfg.cloud,
      homeTenantId: cfg.tenantId,
      id: SUBSCRIPTION,
      isDefault: true,
      managedByTenants: [],
      name: 'Partner subscription',
      state: 'Enabled',
      tenantId: cfg.tenantId,
      user: cfg.mode === 'app-only' ? { name: APP_ID, type: 'servicePrincipal' } : { name: USER, type: 'user' },
    });
  }
  const tenant = option('--tenant');
  if (tenant !== undefined && tenant.toLowerCase() !== cfg.tenantId.toLowerCase()) {
    fail("AADSTS50020: User account '" + USER + "' from identity provider 'https://sts.windows.net/" + cfg.tenantId +
      "/' does not exist in tenant '" + tenant + "' and cannot access the application " +
      "'04b07795-8ddb-461a-bbee-02f9e1bf7b46'(Microsoft Azure CLI) in that tenant. The account needs to be added as an " +
      'external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.\n' +
      'Interactive authentication is needed. Please run:\naz login --tenant "' + tenant + '" --scope "' + option('--scope') + '"', 1);
  }
  if (cfg.mode === 'slow') await new Promise((r) => setTimeout(r, cfg.slowSeconds * 1000));
  const res = await fetch(cfg.emulatorUrl + '/_emulator/tokens', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: cfg.mode !== 'app-only', expiresIn: cfg.expiresIn }),
  });
  if (!res.ok) fail('the stand-in could not get a token from the emulator: ' + res.status, 1);
  const minted = await res.json();
  const expires = Math.floor(Date.now() / 1000) + minted.expires_in;
  fs.appendFileSync(path.join(dir, 'printed-tokens.txt'), minted.access_token + '\n');
  const out = { accessToken: minted.access_token, expiresOn: localTime(expires * 1000) };
  if (!cfg.legacyOutput) out.expires_on = expires;
  out.subscription = SUBSCRIPTION;
  out.tenant = tenant || cfg.tenantId;
  out.tokenType = 'Bearer';
  print(out);
}
main().catch((e) => fail(String(e && e.message ? e.message : e), 1));
`;

export class FakeAz {
  private constructor(
    /** The directory holding `az` (put it on PATH) and its settings. */
    readonly dir: string,
    private settings: FakeAzSettings,
  ) {}

  static async create(
    settings: Partial<FakeAzSettings> & Pick<FakeAzSettings, 'emulatorUrl' | 'tenantId'>,
  ): Promise<FakeAz> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fake-az-'));
    const fake = new FakeAz(dir, {
      mode: 'user',
      cloud: 'AzureCloud',
      legacyOutput: false,
      slowSeconds: 60,
      ...settings,
    });
    await writeFile(fake.path, SCRIPT);
    await chmod(fake.path, 0o755);
    await fake.save();
    return fake;
  }

  /** The stand-in's file, `<dir>/az`. */
  get path(): string {
    return path.join(this.dir, 'az');
  }

  /**
   * A PATH holding the stand-in and node, and nothing else: a real az elsewhere on the machine
   * cannot answer in its place.
   */
  get searchPath(): string {
    return [this.dir, path.dirname(process.execPath)].join(path.delimiter);
  }

  async set(changes: Partial<FakeAzSettings>): Promise<void> {
    this.settings = { ...this.settings, ...changes };
    await this.save();
  }

  /** The arguments of every call so far, oldest first. */
  async calls(): Promise<string[][]> {
    const file = path.join(this.dir, 'calls.jsonl');
    if (!existsSync(file)) return [];
    return (await readFile(file, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string[]);
  }

  /** Every access token the stand-in printed so far. */
  async printedTokens(): Promise<string[]> {
    const file = path.join(this.dir, 'printed-tokens.txt');
    return existsSync(file) ? (await readFile(file, 'utf8')).split('\n').filter(Boolean) : [];
  }

  /** Forgets the calls and tokens recorded so far. */
  async clearRecords(): Promise<void> {
    await rm(path.join(this.dir, 'calls.jsonl'), { force: true });
    await rm(path.join(this.dir, 'printed-tokens.txt'), { force: true });
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  private save(): Promise<void> {
    return writeFile(path.join(this.dir, 'fake-az.json'), JSON.stringify(this.settings));
  }
}
