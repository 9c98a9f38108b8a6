// The client's options, checked and resolved once: a bad value fails at construction with an
// error naming the option, not later with an obscure HTTP failure.
import { APPLICATION_NAME } from '../meta';
import { CLOUDS, CLOUD_NAMES, isCloudName, type Cloud, type CloudName } from './clouds';
import { ConfigurationError } from './errors';
import { SILENT_LOGGER, type ClientLogger } from './logger';
import { resolveRetryPolicy, type RetryOptions, type RetryPolicy } from './retry';

export interface PartnerCenterClientOptions {
  /** Which Partner Center cloud; default 'public'. */
  environment?: CloudName;
  /** API base URL override (e.g. the emulator). */
  baseUrl?: string;
  /** Entra ID authority override (e.g. the emulator). */
  authorityHost?: string;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** App+User refresh token (Secure Application Model), exchanged for access tokens. */
  refreshToken?: string;
  /** A ready delegated access token, used as is instead of the exchange. */
  accessToken?: string;
  /**
   * Sign in through the Azure CLI (`az account get-access-token`, azure-cli.ts) when neither
   * accessToken nor refreshToken is given. Default false: the client starts no process unless asked.
   */
  useAzureCli?: boolean;
  /** The az executable; default: `az` found on the PATH of azEnvironment. */
  azPath?: string;
  /** The environment az runs with (and whose PATH is searched); default process.env. */
  azEnvironment?: NodeJS.ProcessEnv;
  /** X-Locale header; default en-US. */
  locale?: string;
  /** MS-PartnerCenter-Application header; default the provider's name and version. */
  application?: string;
  log?: ClientLogger;
  retry?: RetryOptions;
  /**
   * Where each setting came from, so that an error names what to fix: the provider gives its
   * attribute names and `the provider block`, `PARTNERCENTER_BASE_URL (environment)` or the
   * cloud's default. Default: the option's own name, from "the client options" or, for a URL not
   * given, the cloud's default.
   */
  sources?: Partial<Record<SourcedOption, SettingSource>>;
}

/** A setting as the user knows it (`base_url`) and where its value came from. */
export interface SettingSource {
  name: string;
  origin: string;
}

/** "base_url from PARTNERCENTER_BASE_URL (environment)". */
export function describeSource(s: SettingSource): string {
  return `${s.name} from ${s.origin}`;
}

/** The options whose origin an error may name. */
export type SourcedOption =
  'baseUrl' | 'authorityHost' | 'tenantId' | 'clientId' | 'clientSecret' | 'refreshToken' | 'accessToken';

export const SOURCED_OPTIONS: readonly SourcedOption[] = [
  'baseUrl',
  'authorityHost',
  'tenantId',
  'clientId',
  'clientSecret',
  'refreshToken',
  'accessToken',
];

export type Credentials =
  | { kind: 'accessToken'; accessToken: string }
  | { kind: 'refreshToken'; tenantId: string; clientId: string; clientSecret?: string; refreshToken: string }
  | { kind: 'azureCli'; tenantId?: string; azPath?: string; env: NodeJS.ProcessEnv };

export interface ResolvedOptions {
  cloud: Cloud;
  baseUrl: string;
  authorityHost: string;
  credentials: Credentials;
  locale: string;
  application: string;
  log: ClientLogger;
  policy: RetryPolicy;
  sources: Record<SourcedOption, SettingSource>;
}

/** Why a base URL is refused; `checkBaseUrl` tests them in this order. */
export type BaseUrlProblem = 'not a URL' | 'not http(s)' | 'user info' | 'query or fragment' | 'plain http';

/** A base URL as the client takes one, or why it is not one. */
export type BaseUrlCheck = { ok: true; url: URL } | { ok: false; problem: BaseUrlProblem };

/**
 * True for the hosts plain HTTP is allowed to: 127.0.0.0/8, ::1 and localhost, where the local
 * emulator runs. `hostname` as URL gives it (IPv4 forms such as 127.1 already normalised).
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * The one check of a base URL (`base_url`, `authority_host`): the client's (below) and the
 * provider's plan-time one both use it. Absolute http(s), no user info (got would send it as
 * Basic authentication instead of our bearer token, and messages would show the password), no
 * query or fragment, and https unless the host is loopback (the token exchange carries the
 * refresh token and client secret). docs/security.md.
 */
export function checkBaseUrl(value: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: 'not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'not http(s)' };
  if (url.username !== '' || url.password !== '' || /^[a-z][a-z0-9+.-]*:\/*[^/?#]*@/i.test(value))
    return { ok: false, problem: 'user info' };
  if (url.search || url.hash) return { ok: false, problem: 'query or fragment' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, problem: 'plain http' };
  return { ok: true, url };
}

/**
 * `value` safe to quote in a message: everything up to its last "@" is masked, so a password in a
 * URL the check refused (even one that does not parse, where the user info cannot be told apart
 * from the path) is never shown.
 */
export function quotableUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/*)?.*@/is, '$1***@');
}

function httpUrl(field: string, value: string): string {
  const c = checkBaseUrl(value);
  if (c.ok) return c.url.toString().replace(/\/+$/, '');
  const shown = `${field} "${quotableUrl(value)}"`;
  switch (c.problem) {
    case 'not a URL':
      throw new ConfigurationError(
        field,
        `${shown} is not a URL: give an absolute http(s) URL such as https://api.partnercenter.microsoft.com`,
      );
    case 'not http(s)':
      throw new ConfigurationError(
        field,
        `${shown} must use http or https, not ${new URL(value).protocol.replace(':', '')}`,
      );
    case 'user info':
      throw new ConfigurationError(
        field,
        `${field} must not carry a user name or password before "@" (not shown here): remove them, the client authenticates with its bearer token`,
      );
    case 'query or fragment':
      throw new ConfigurationError(field, `${shown} must not carry a query or fragment`);
    case 'plain http':
      throw new ConfigurationError(
        field,
        `${shown} uses plain http to a host that is not loopback, so tokens would travel unencrypted: use https (http only for 127.0.0.1, [::1] or localhost)`,
      );
  }
}

/**
 * A tenant as the token URL takes it, `{authority}/{tenant}/oauth2/v2.0/token`: a GUID or a
 * domain name (dot-separated labels of letters, digits and inner hyphens; a GUID is one such
 * label). Anything else, such as "..", would send the request to another path of the host.
 */
export function isValidTenantId(value: string): boolean {
  const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
  return value.length <= 253 && new RegExp(`^${label}(?:\\.${label})*$`).test(value);
}

function given(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function resolveCredentials(opts: PartnerCenterClientOptions): Credentials {
  const accessToken = given(opts.accessToken);
  if (accessToken) return { kind: 'accessToken', accessToken };
  const refreshToken = given(opts.refreshToken);
  if (!refreshToken && opts.useAzureCli) return azureCliCredentials(opts);
  if (!refreshToken) {
    throw new ConfigurationError(
      'refreshToken',
      'No credentials: give refreshToken (an App+User refresh token, with tenantId and clientId), accessToken (a delegated access token), or useAzureCli (the sign-in of `az login`)',
    );
  }
  const tenantId = given(opts.tenantId);
  if (!tenantId)
    throw new ConfigurationError(
      'tenantId',
      'tenantId is required to exchange the refresh token: give the partner tenant id (a GUID or domain)',
    );
  if (!isValidTenantId(tenantId))
    throw new ConfigurationError(
      'tenantId',
      `tenantId "${tenantId}" is neither a GUID nor a domain name: give the partner tenant id, e.g. contoso.onmicrosoft.com`,
    );
  const clientId = given(opts.clientId);
  if (!clientId)
    throw new ConfigurationError(
      'clientId',
      'clientId is required to exchange the refresh token: give the application (client) id the refresh token was issued to',
    );
  return { kind: 'refreshToken', tenantId, clientId, clientSecret: given(opts.clientSecret), refreshToken };
}

/** The Azure CLI's sign-in; the tenant, when given, goes to `az --tenant` and must be one. */
function azureCliCredentials(opts: PartnerCenterClientOptions): Credentials {
  const tenantId = given(opts.tenantId);
  if (tenantId !== undefined && !isValidTenantId(tenantId))
    throw new ConfigurationError(
      'tenantId',
      `tenantId "${tenantId}" is neither a GUID nor a domain name: give the partner tenant id, e.g. contoso.onmicrosoft.com`,
    );
  return { kind: 'azureCli', tenantId, azPath: given(opts.azPath), env: opts.azEnvironment ?? process.env };
}

/** Every option's origin: the caller's, else the option's name from the options or the cloud's default. */
function resolveSources(opts: PartnerCenterClientOptions, cloud: Cloud): Record<SourcedOption, SettingSource> {
  const out = {} as Record<SourcedOption, SettingSource>;
  for (const option of SOURCED_OPTIONS) {
    const defaulted = given(opts[option]) === undefined && (option === 'baseUrl' || option === 'authorityHost');
    out[option] = opts.sources?.[option] ?? {
      name: option,
      origin: defaulted ? `the default of environment "${cloud.name}"` : 'the client options',
    };
  }
  return out;
}

export function resolveOptions(opts: PartnerCenterClientOptions): ResolvedOptions {
  const environment = opts.environment ?? 'public';
  if (!isCloudName(environment)) {
    throw new ConfigurationError(
      'environment',
      `environment "${String(environment)}" is not a Partner Center cloud: use one of ${CLOUD_NAMES.join(', ')}`,
    );
  }
  const cloud = CLOUDS[environment];
  const locale = opts.locale ?? 'en-US';
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) {
    throw new ConfigurationError('locale', `locale "${locale}" is not a language tag: use a form like en-US`);
  }
  return {
    cloud,
    baseUrl: httpUrl('baseUrl', given(opts.baseUrl) ?? cloud.apiBaseUrl),
    authorityHost: httpUrl('authorityHost', given(opts.authorityHost) ?? cloud.authorityHost),
    credentials: resolveCredentials(opts),
    locale,
    application: given(opts.application) ?? APPLICATION_NAME,
    log: opts.log ?? SILENT_LOGGER,
    policy: resolveRetryPolicy(opts.retry),
    sources: resolveSources(opts, cloud),
  };
}
