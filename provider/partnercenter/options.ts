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
  /** X-Locale header; default en-US. */
  locale?: string;
  /** MS-PartnerCenter-Application header; default the provider's name and version. */
  application?: string;
  log?: ClientLogger;
  retry?: RetryOptions;
}

export type Credentials =
  | { kind: 'accessToken'; accessToken: string }
  | { kind: 'refreshToken'; tenantId: string; clientId: string; clientSecret?: string; refreshToken: string };

export interface ResolvedOptions {
  cloud: Cloud;
  baseUrl: string;
  authorityHost: string;
  credentials: Credentials;
  locale: string;
  application: string;
  log: ClientLogger;
  policy: RetryPolicy;
}

/** A base URL as the client takes one (absolute http(s), no query or fragment), or why it is not one. */
export type BaseUrlCheck =
  { ok: true; url: URL } | { ok: false; problem: 'not a URL' | 'not http(s)' | 'query or fragment' };

/** The one check of a base URL: the client's (below) and the provider's plan-time one both use it. */
export function checkBaseUrl(value: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: 'not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'not http(s)' };
  if (url.search || url.hash) return { ok: false, problem: 'query or fragment' };
  return { ok: true, url };
}

function httpUrl(field: string, value: string): string {
  const c = checkBaseUrl(value);
  if (c.ok) return c.url.toString().replace(/\/+$/, '');
  const why =
    c.problem === 'not a URL'
      ? 'is not a URL: give an absolute http(s) URL such as https://api.partnercenter.microsoft.com'
      : c.problem === 'not http(s)'
        ? `must use http or https, not ${new URL(value).protocol.replace(':', '')}`
        : 'must not carry a query or fragment';
  throw new ConfigurationError(field, `${field} "${value}" ${why}`);
}

function given(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function resolveCredentials(opts: PartnerCenterClientOptions): Credentials {
  const accessToken = given(opts.accessToken);
  if (accessToken) return { kind: 'accessToken', accessToken };
  const refreshToken = given(opts.refreshToken);
  if (!refreshToken) {
    throw new ConfigurationError(
      'refreshToken',
      'No credentials: give refreshToken (an App+User refresh token, with tenantId and clientId) or accessToken (a delegated access token)',
    );
  }
  const tenantId = given(opts.tenantId);
  if (!tenantId)
    throw new ConfigurationError(
      'tenantId',
      'tenantId is required to exchange the refresh token: give the partner tenant id (a GUID or domain)',
    );
  const clientId = given(opts.clientId);
  if (!clientId)
    throw new ConfigurationError(
      'clientId',
      'clientId is required to exchange the refresh token: give the application (client) id the refresh token was issued to',
    );
  return { kind: 'refreshToken', tenantId, clientId, clientSecret: given(opts.clientSecret), refreshToken };
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
  };
}
