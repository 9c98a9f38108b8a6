// The Azure CLI as a token source: the person at the terminal signs in with `az login`, as for
// the azurerm, azuread and azapi providers, and the client asks `az account get-access-token` for
// a delegated token for the Partner Center API (docs/architecture.md §4, "Auth modes"). The token
// is kept in memory until shortly before it expires; it is never logged or shown (docs/security.md).
// The API takes App+User tokens only, so the sign-in is checked before the first call: the CLI's
// cloud, a service principal or managed identity (app-only tokens), the tenant of the token.
import type { AccessTokenSource } from './auth';
import { findAz, runAz, type AzRun } from './az-process';
import type { Cloud, CloudName } from './clouds';
import { cutText, stripControls } from './display-text';
import { AuthenticationError } from './errors';
import type { ClientLogger } from './logger';
import type { Redactor } from './redact';
import { cancelled } from './retry';
import { tenantOfToken } from './token-claims';

/** What went wrong with the Azure CLI; each has its own fix, named in the message. */
export type AzureCliProblem =
  | 'not-installed'
  | 'not-signed-in'
  | 'other-tenant'
  | 'cloud'
  | 'app-only'
  | 'timeout'
  | 'too-old'
  | 'failed'
  | 'output';

export class AzureCliError extends AuthenticationError {
  readonly problem: AzureCliProblem;
  constructor(problem: AzureCliProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

/** The Azure cloud (`az cloud show --query name`) each Partner Center cloud signs in with. */
export const AZ_CLOUD_NAMES: Record<CloudName, string> = {
  public: 'AzureCloud',
  china: 'AzureChinaCloud',
  usgov: 'AzureUSGovernment',
  germany: 'AzureGermanCloud',
};

/** az's tokens are asked for again this long before they expire (az itself renews 5 min before). */
export const CLI_EXPIRY_MARGIN_MS = 5 * 60_000;

const INSTALL_URL = 'https://aka.ms/azure-cli';

/** The longest part of az's own message shown in an error. */
const MAX_AZ_MESSAGE = 400;

const GUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

export interface CliToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** The tenant az says the token is for (`tenant`). */
  tenant?: string;
}

/**
 * "2023-10-31 21:59:10.000000", the local time of `expiresOn` (every az version), as epoch ms.
 * Also takes an ISO date with a zone.
 */
export function parseExpiresOn(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(s.trim());
  if (m) {
    const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number);
    const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
    const t = new Date(y, mo - 1, d, h, mi, sec, ms).getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  const t = /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? Date.parse(s) : NaN;
  return Number.isNaN(t) ? undefined : t;
}

/**
 * The answer of `az account get-access-token --output json`: accessToken, expiresOn (local time),
 * expires_on (POSIX seconds, az 2.54 and newer; preferred, being free of time zones),
 * subscription, tenant, tokenType. Errors never quote the output: it holds the token.
 */
export function parseTokenOutput(stdout: string): CliToken {
  let body: unknown;
  try {
    body = JSON.parse(stdout);
  } catch {
    throw new AzureCliError(
      'output',
      'az account get-access-token did not print JSON (not shown: it may hold a token). Run `az account get-access-token --output json` to see what it prints, and update the Azure CLI if it is old (`az upgrade`)',
    );
  }
  const fields =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const token = fields.accessToken;
  if (typeof token !== 'string' || token.trim() === '' || /\s/.test(token.trim())) {
    throw new AzureCliError(
      'output',
      'az account get-access-token printed no accessToken: update the Azure CLI (`az upgrade`)',
    );
  }
  const posix = fields.expires_on;
  const seconds =
    typeof posix === 'number' ? posix : typeof posix === 'string' && /^\d+$/.test(posix) ? Number(posix) : NaN;
  const expiresAt = Number.isFinite(seconds)
    ? seconds * 1000
    : typeof fields.expiresOn === 'string'
      ? parseExpiresOn(fields.expiresOn)
      : undefined;
  if (expiresAt === undefined) {
    throw new AzureCliError(
      'output',
      'az account get-access-token printed no readable expiry (expires_on or expiresOn): update the Azure CLI (`az upgrade`)',
    );
  }
  const tenant = typeof fields.tenant === 'string' && fields.tenant ? fields.tenant : undefined;
  return { token: token.trim(), expiresAt, tenant };
}

export interface CliAccount {
  /** `environmentName`: the cloud the CLI is set to (AzureCloud, AzureChinaCloud, ...). */
  cloudName?: string;
  /** `user.type`: "user", or "servicePrincipal" (a service principal or a managed identity). */
  userType?: string;
  userName?: string;
}

/** The answer of `az account show --output json`, or undefined when it is not one. */
export function parseAccountOutput(stdout: string): CliAccount | undefined {
  let body: unknown;
  try {
    body = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const fields = body as Record<string, unknown>;
  const user = typeof fields.user === 'object' && fields.user !== null ? (fields.user as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return { cloudName: text(fields.environmentName), userType: text(user.type), userName: text(user.name) };
}

/** The claims of a JWT (its middle part), or undefined for a token that is not one. */
export function tokenClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True for the claims of an app-only Entra ID token: `idtyp` "app" where the API asks for that
 * claim; otherwise no `scp` (a delegated token always has one) while it has app `roles`, or its
 * `oid` is its `sub` (an app's token is about itself). Claims that show neither are not judged.
 */
export function isAppOnly(claims: Record<string, unknown>): boolean {
  if (claims.idtyp === 'app') return true;
  if (claims.idtyp === 'user' || claims.scp !== undefined) return false;
  return claims.roles !== undefined || (typeof claims.oid === 'string' && claims.oid === claims.sub);
}

/** az's own error message, fit to show: from its first "ERROR:" on, controls stripped, cut. */
export function azMessage(stderr: string, redactor?: Redactor): string {
  const at = stderr.indexOf('ERROR:');
  const text = (at >= 0 ? stderr.slice(at + 'ERROR:'.length) : stderr).trim();
  const shown = stripControls(redactor ? redactor.text(text) : text)
    .replace(/\s+/g, ' ')
    .trim();
  return cutText(shown, MAX_AZ_MESSAGE);
}

const SAID = (message: string) => (message ? ` az said: "${message}"` : '');

/** `az login` with the tenant, as the fix to show. */
export function loginCommand(tenantId?: string): string {
  return tenantId ? `az login --tenant ${tenantId}` : 'az login';
}

const SIGN_IN_ADVICE =
  'add --allow-no-subscriptions when the account has no Azure subscription, and sign in as a user who is an admin of the partner tenant';

// AADSTS codes: 50020 and 50034, the account is not in that tenant; 90002, no such tenant; 90072,
// a guest who must be added first.
const OTHER_TENANT = /AADSTS(?:50020|50034|90002|90072)\b|does not exist in tenant|Tenant '[^']*' not found/i;
// az's own advice ("Please run 'az login' to setup account.", "Please run: az login --scope ..."),
// and the codes of an expired or refused sign-in: 700082 and 50173 expired refresh token, 70043
// sign-in frequency, 50076/50079 MFA needed, 65001 consent needed.
const SIGN_IN = /az login|AADSTS(?:700082|50173|70043|50076|50078|50079|65001)\b|refresh token has expired/i;
const TOO_OLD = /unrecognized arguments?/i;
const NOT_FOUND_BY_SHELL = /az: (?:command )?not found|'az' is not recognized/i;

export interface FailureContext {
  /** The command line, for messages (never holds a secret). */
  command: string;
  tenantId?: string;
  timeoutMs: number;
  /** The az executable, for messages. */
  file: string;
  redactor?: Redactor;
}

/** The error for an az run that did not succeed, naming the fix. */
export function failureOf(run: AzRun, ctx: FailureContext): AzureCliError {
  const said = azMessage(run.stderr, ctx.redactor);
  if (run.spawnError) {
    const code = run.spawnError.code ?? run.spawnError.message;
    return code === 'ENOENT'
      ? new AzureCliError(
          'not-installed',
          `The Azure CLI could not be started: ${ctx.file} does not exist (${code}): install it (${INSTALL_URL}) and run \`az login\``,
        )
      : new AzureCliError(
          'failed',
          `The Azure CLI at ${ctx.file} could not be started (${code}): check that it is executable`,
        );
  }
  if (run.timedOut) {
    return new AzureCliError(
      'timeout',
      `${ctx.command} did not finish within ${Math.round(ctx.timeoutMs / 1000)} s and was stopped. Run it in a terminal to see what it waits for (a sign-in prompt, a proxy, the network), or allow it longer with the request timeout`,
    );
  }
  if (run.overflow)
    return new AzureCliError(
      'output',
      `${ctx.command} printed more than any token answer holds: it is not the Azure CLI, or a broken one`,
    );
  if (NOT_FOUND_BY_SHELL.test(run.stderr))
    return new AzureCliError('not-installed', `The Azure CLI could not be run from ${ctx.file}.${SAID(said)}`);
  if (TOO_OLD.test(run.stderr)) {
    return new AzureCliError(
      'too-old',
      `This Azure CLI is too old for \`${ctx.command}\`: update it (\`az upgrade\`, or ${INSTALL_URL}).${SAID(said)}`,
    );
  }
  if (ctx.tenantId && OTHER_TENANT.test(run.stderr)) {
    return new AzureCliError(
      'other-tenant',
      `The Azure CLI is not signed in to tenant ${ctx.tenantId}: the signed-in account is not in that tenant, or the sign-in is for another one. Run \`${loginCommand(ctx.tenantId)}\` with an account of the partner tenant (${SIGN_IN_ADVICE}), or fix the tenant id.${SAID(said)}`,
    );
  }
  if (SIGN_IN.test(run.stderr)) {
    return new AzureCliError(
      'not-signed-in',
      `The Azure CLI is not signed in, or its sign-in expired or needs to be renewed: run \`${loginCommand(ctx.tenantId)}\` (${SIGN_IN_ADVICE}), then try again.${SAID(said)}`,
    );
  }
  return new AzureCliError(
    'failed',
    `${ctx.command} failed${run.code !== null ? ` with exit code ${run.code}` : ''}.${SAID(said)}${said ? '' : ' It printed no error message: run it in a terminal to see why.'}`,
  );
}

/** The cloud and sign-in `az account show` reports, checked against what the API needs. */
export function accountProblem(account: CliAccount, cloud: Cloud): AzureCliError | undefined {
  const want = AZ_CLOUD_NAMES[cloud.name];
  if (account.cloudName !== undefined && account.cloudName.toLowerCase() !== want.toLowerCase()) {
    return new AzureCliError(
      'cloud',
      `The Azure CLI is set to the cloud ${stripControls(account.cloudName)}, but environment "${cloud.name}" signs in with ${want}: run \`az cloud set --name ${want}\`, then \`az login\` (the CLI keeps one sign-in per cloud), or set environment to the CLI's cloud`,
    );
  }
  if (account.userType !== undefined && account.userType.toLowerCase() !== 'user') {
    return appOnlyError(
      `as a ${account.userType === 'servicePrincipal' ? 'service principal or managed identity' : stripControls(account.userType)}${account.userName ? ` (${cutText(stripControls(account.userName), 100)})` : ''}`,
    );
  }
  return undefined;
}

function appOnlyError(how: string): AzureCliError {
  return new AzureCliError(
    'app-only',
    `The Azure CLI is signed in ${how}, which gets app-only tokens, and the Partner Center billing profile API takes only App+User tokens, from a user's sign-in: run \`az login\` as a user who is an admin of the partner tenant`,
  );
}

/** A token az returned that the API would refuse: app-only, or for another tenant. */
export function tokenProblem(t: CliToken, tenantId?: string): AzureCliError | undefined {
  const claims = tokenClaims(t.token);
  if (claims && isAppOnly(claims)) return appOnlyError('as an application (its token has no delegated scope, scp)');
  const tid = tenantOfToken(t.token).tenantId ?? t.tenant;
  if (tenantId && GUID.test(tenantId) && tid && GUID.test(tid) && tid.toLowerCase() !== tenantId.toLowerCase()) {
    return new AzureCliError(
      'other-tenant',
      `The Azure CLI gave a token for tenant ${tid}, not for tenant ${tenantId}: run \`${loginCommand(tenantId)}\` with an account of the partner tenant (${SIGN_IN_ADVICE})`,
    );
  }
  return undefined;
}

export interface AzureCliTokenConfig {
  cloud: Cloud;
  /** Asked for with --tenant; also the tenant the token must be for. */
  tenantId?: string;
  /** The az executable; default: `az` on the PATH of `env`. */
  azPath?: string;
  /** The environment az runs with, and whose PATH is searched. */
  env: NodeJS.ProcessEnv;
  /** Limit on each az run. */
  timeoutMs: number;
  log: ClientLogger;
  redactor: Redactor;
  now?: () => number;
}

export class AzureCliToken implements AccessTokenSource {
  private cached?: CliToken;
  private inflight?: Promise<string>;
  /** The CLI's cloud and sign-in kind, checked once: they do not change while the provider runs. */
  private accountChecked = false;
  private readonly now: () => number;

  constructor(private readonly cfg: AzureCliTokenConfig) {
    this.now = cfg.now ?? Date.now;
  }

  async getToken(signal?: AbortSignal): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt - CLI_EXPIRY_MARGIN_MS) return this.cached.token;
    // Concurrent callers share one az run, stopped if the first caller's signal aborts.
    this.inflight ??= this.fetch(signal).finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  /** After the API refused the token: ask az again (it may have a newer one). */
  invalidate(): boolean {
    this.cached = undefined;
    return true;
  }

  private async fetch(signal?: AbortSignal): Promise<string> {
    const { cfg } = this;
    const file = findAz(cfg.env.PATH ?? cfg.env.Path, cfg.azPath);
    if (!file) {
      throw new AzureCliError(
        'not-installed',
        cfg.azPath !== undefined
          ? `The Azure CLI was not found at ${cutText(stripControls(cfg.azPath), 300)} (no executable file there): give the path of az, or install the Azure CLI (${INSTALL_URL}) and run \`az login\``
          : `The Azure CLI (az) was not found on PATH: install it (${INSTALL_URL}) and run \`az login\`, or give the path of az`,
      );
    }
    // In Cloud Shell az signs in through the shell's own identity and refuses --tenant (as
    // azurerm does, the tenant is then left to the shell's sign-in).
    const cloudShell = (cfg.env.AZUREPS_HOST_ENVIRONMENT ?? '').startsWith('cloud-shell/');
    const tenantArgs = cfg.tenantId && !cloudShell ? ['--tenant', cfg.tenantId] : [];
    const tokenArgs = ['account', 'get-access-token', '--scope', cfg.cloud.scope, '--output', 'json', ...tenantArgs];
    const accountArgs = ['account', 'show', '--output', 'json'];
    const opts = { env: cfg.env, timeoutMs: cfg.timeoutMs, signal };
    const started = performance.now();
    const [accountRun, tokenRun] = await Promise.all([
      this.accountChecked ? undefined : runAz(file, accountArgs, opts),
      runAz(file, tokenArgs, opts),
    ]);
    cfg.log.debug('Azure CLI token request', {
      az: file,
      command: `az ${tokenArgs.join(' ')}`,
      exit_code: tokenRun.code,
      account_check: accountRun ? accountRun.code : 'done before',
      duration_ms: Math.round(performance.now() - started),
    });
    if (tokenRun.cancelled || accountRun?.cancelled) throw cancelled();
    const context = (args: string[]) => ({
      command: `az ${args.join(' ')}`,
      tenantId: cfg.tenantId,
      timeoutMs: cfg.timeoutMs,
      file,
      redactor: cfg.redactor,
    });

    // In the order a person fixes them: a CLI that cannot run, then its cloud and kind of
    // sign-in (a wrong one also makes the token call fail, with a less helpful message).
    for (const [run, args] of [
      [accountRun, accountArgs],
      [tokenRun, tokenArgs],
    ] as const) {
      if (run && (run.spawnError || run.timedOut)) throw failureOf(run, context(args));
    }
    if (accountRun?.code === 0) {
      const account = parseAccountOutput(accountRun.stdout);
      const problem = account && accountProblem(account, cfg.cloud);
      if (problem) throw problem;
    }
    if (tokenRun.code !== 0 || tokenRun.overflow) throw failureOf(tokenRun, context(tokenArgs));

    const answer = parseTokenOutput(tokenRun.stdout);
    cfg.redactor.remember(answer.token);
    const problem = tokenProblem(answer, cfg.tenantId);
    if (problem) throw problem;
    if (accountRun?.code === 0) this.accountChecked = true;
    if (answer.expiresAt <= this.now()) {
      throw new AzureCliError(
        'not-signed-in',
        `The Azure CLI returned a token that has already expired: run \`${loginCommand(cfg.tenantId)}\` again, and check the computer's clock`,
      );
    }
    cfg.log.debug('Azure CLI token obtained', {
      expires_in_s: Math.round((answer.expiresAt - this.now()) / 1000),
      tenant: answer.tenant,
    });
    this.cached = answer;
    return answer.token;
  }
}
