// The provider block (docs/architecture.md §4): its schema, the PARTNERCENTER_* environment fallbacks, the
// plan-time checks, and the translation into PartnerCenterClient options. Pure: the environment
// is passed in, nothing is called.
import type { AttributeSchema, AttributePath, Diagnostic, Schema } from './plugin/kit';
import { isUnknown, type ObjectValue } from './plugin/cty/types';
import { CLOUDS, CLOUD_NAMES, isCloudName, type PartnerCenterClientOptions } from './partnercenter';
import {
  SOURCED_OPTIONS,
  checkBaseUrl,
  isValidTenantId,
  quotableUrl,
  type BaseUrlProblem,
  type SourcedOption,
} from './partnercenter/options';
import { TUNING_SETTINGS } from './provider-tuning';
import { SIGN_IN_OPTIONS, USE_CLI, useCliAttribute } from './provider-sign-in';

type StringOption = Exclude<keyof PartnerCenterClientOptions, 'log' | 'retry' | 'application'>;

export interface ProviderSetting {
  attr: string;
  env: string;
  /** The client option it feeds (also how the client's ConfigurationError names it). */
  option: StringOption;
  sensitive?: boolean;
  description: string;
}

const cloudList = CLOUD_NAMES.map((n) => `"${n}"`).join(', ');

export const PROVIDER_SETTINGS: readonly ProviderSetting[] = [
  {
    attr: 'environment',
    env: 'PARTNERCENTER_ENVIRONMENT',
    option: 'environment',
    description:
      `Partner Center cloud: ${cloudList}. "public" (the default) is the global cloud, "china" the one operated by 21Vianet, ` +
      `"usgov" Microsoft Cloud for US Government; "germany" closed in October 2021 and only gives a warning. ` +
      `Falls back to PARTNERCENTER_ENVIRONMENT.`,
  },
  {
    attr: 'base_url',
    env: 'PARTNERCENTER_BASE_URL',
    option: 'baseUrl',
    description:
      'Overrides the API base URL of the chosen cloud: an absolute https URL without user info, query or fragment (http only to a loopback host: 127.0.0.0/8, [::1], localhost), e.g. a local Partner Center emulator. Falls back to PARTNERCENTER_BASE_URL.',
  },
  {
    attr: 'authority_host',
    env: 'PARTNERCENTER_AUTHORITY_HOST',
    option: 'authorityHost',
    description:
      'Overrides the Microsoft Entra ID authority of the chosen cloud that exchanges the refresh token: an absolute https URL without user info, query or fragment (http only to a loopback host: 127.0.0.0/8, [::1], localhost). Falls back to PARTNERCENTER_AUTHORITY_HOST.',
  },
  {
    attr: 'tenant_id',
    env: 'PARTNERCENTER_TENANT_ID',
    option: 'tenantId',
    description:
      'Partner tenant id: a GUID or a domain name such as contoso.onmicrosoft.com. Required with refresh_token. Falls back to PARTNERCENTER_TENANT_ID.',
  },
  {
    attr: 'client_id',
    env: 'PARTNERCENTER_CLIENT_ID',
    option: 'clientId',
    description:
      'Application (client) id of the app registration the refresh token was issued to. Required with refresh_token. Falls back to PARTNERCENTER_CLIENT_ID.',
  },
  {
    attr: 'client_secret',
    env: 'PARTNERCENTER_CLIENT_SECRET',
    option: 'clientSecret',
    sensitive: true,
    description:
      'Client secret of the app registration, when it is a confidential (web) app. Sensitive. Falls back to PARTNERCENTER_CLIENT_SECRET.',
  },
  {
    attr: 'refresh_token',
    env: 'PARTNERCENTER_REFRESH_TOKEN',
    option: 'refreshToken',
    sensitive: true,
    description:
      'App+User refresh token from the Secure Application Model consent, exchanged for access tokens as needed. Sensitive. Falls back to PARTNERCENTER_REFRESH_TOKEN.',
  },
  {
    attr: 'access_token',
    env: 'PARTNERCENTER_ACCESS_TOKEN',
    option: 'accessToken',
    sensitive: true,
    description:
      'A ready delegated (App+User) access token for the Partner Center API, used as is instead of refresh_token; it is not renewed when it expires. Sensitive. Falls back to PARTNERCENTER_ACCESS_TOKEN.',
  },
  {
    attr: 'locale',
    env: 'PARTNERCENTER_LOCALE',
    option: 'locale',
    description:
      'Language of API messages (the X-Locale header), e.g. "en-US" (the default). Falls back to PARTNERCENTER_LOCALE.',
  },
];

export const providerSchema: Schema = {
  version: 0,
  block: {
    description:
      'The Microsoft Partner Center provider. Every attribute is optional and falls back to its PARTNERCENTER_* environment variable.',
    attributes: Object.fromEntries([
      ...PROVIDER_SETTINGS.map((s): [string, AttributeSchema] => [
        s.attr,
        { type: 'string', optional: true, description: s.description, ...(s.sensitive ? { sensitive: true } : {}) },
      ]),
      ...TUNING_SETTINGS.map((s): [string, AttributeSchema] => [
        s.attr,
        { type: 'number', optional: true, description: s.description },
      ]),
      [USE_CLI.attr, useCliAttribute],
    ]),
  },
};

/** A setting's effective value: from the block, else from the environment, else unset. */
export interface Resolved {
  /** undefined when unset or not known yet. */
  value?: string;
  /** The block's value is not known yet (it references something computed during apply). */
  unknown?: boolean;
  from: 'config' | 'env' | 'unset';
}

/** Wording for messages: where a value came from, so the user knows which one to fix. */
function origin(s: ProviderSetting, r: Resolved): string {
  return r.from === 'env' ? `${s.env} (environment)` : `provider attribute "${s.attr}"`;
}

/**
 * Effective values. An empty string counts as unset (in the block or the environment), so
 * `client_secret = ""` falls back to the environment like an absent attribute.
 */
export function resolveSettings(config: ObjectValue, env: NodeJS.ProcessEnv): Map<string, Resolved> {
  const out = new Map<string, Resolved>();
  for (const s of PROVIDER_SETTINGS) {
    const v = config[s.attr] ?? null;
    if (isUnknown(v)) out.set(s.attr, { unknown: true, from: 'config' });
    else if (typeof v === 'string' && v.trim() !== '') out.set(s.attr, { value: v.trim(), from: 'config' });
    else {
      const e = env[s.env];
      out.set(
        s.attr,
        e !== undefined && e.trim() !== '' ? { value: e.trim(), from: 'env' } : { value: undefined, from: 'unset' },
      );
    }
  }
  return out;
}

function setting(attr: string): ProviderSetting {
  const s = PROVIDER_SETTINGS.find((x) => x.attr === attr);
  if (!s) throw new Error(`no provider setting ${attr}`);
  return s;
}

function settingError(attr: string, summary: string, detail: string): Diagnostic {
  const path: AttributePath = [attr];
  return { severity: 'error', summary, detail, path };
}

/**
 * The error for a refused `base_url` or `authority_host`. The value is quoted only with any user
 * info masked, and not at all when user info is the problem (docs/security.md).
 */
function urlDiagnostic(s: ProviderSetting, r: Resolved, problem: BaseUrlProblem): Diagnostic {
  const where = `in "${s.attr}" or ${s.env}`;
  const is = `${origin(s, r)} is "${quotableUrl(r.value ?? '')}"`;
  const example = `Give one such as https://api.partnercenter.microsoft.com or http://127.0.0.1:8080, ${where}.`;
  const secrets =
    s.attr === 'authority_host' ? 'the refresh token and client secret' : 'the access token and the profile';
  const detail: Record<BaseUrlProblem, string> = {
    'not a URL': `${is}, which is not an absolute http(s) URL. ${example}`,
    'not http(s)': `${is}, which is not an absolute http(s) URL. ${example}`,
    'query or fragment': `${is}, which carries a query or fragment. ${example}`,
    'user info':
      `${origin(s, r)} carries a user name or password before "@" (not shown here). The provider authenticates ` +
      'with its own bearer token; credentials in the URL would be sent as Basic authentication instead and ' +
      `could appear in messages. Remove the "user:password@" part ${where}.`,
    'plain http':
      `${is}, plain http:// to a host that is not loopback, so ${secrets} would cross the network unencrypted. ` +
      `Use https://, or http:// only for a local emulator on 127.0.0.1, [::1] or localhost, ${where}.`,
  };
  return settingError(s.attr, `Invalid ${s.attr}`, detail[problem]);
}

/** Plan-time checks. Unknown values are skipped (they are checked again once known). */
export function validateSettings(r: Map<string, Resolved>): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const known = (attr: string): string | undefined => r.get(attr)?.value;
  // An unknown value is given the benefit of the doubt: it counts as set when it would satisfy
  // a requirement, and as unset when it would break one.
  const maybeSet = (attr: string): boolean => known(attr) !== undefined || r.get(attr)?.unknown === true;

  const environment = known('environment');
  if (environment !== undefined && !isCloudName(environment)) {
    const s = setting('environment');
    diags.push(
      settingError(
        'environment',
        'Unknown Partner Center environment',
        `${origin(s, r.get('environment')!)} is "${environment}", which is not a Partner Center cloud. ` +
          `Valid values: ${cloudList}. Set "environment" in the provider block or ${s.env}.`,
      ),
    );
  }

  for (const attr of ['base_url', 'authority_host']) {
    const v = known(attr);
    const check = v === undefined ? undefined : checkBaseUrl(v);
    if (check && !check.ok) diags.push(urlDiagnostic(setting(attr), r.get(attr)!, check.problem));
  }

  const tenant = known('tenant_id');
  if (tenant !== undefined && !isValidTenantId(tenant)) {
    const s = setting('tenant_id');
    diags.push(
      settingError(
        'tenant_id',
        'Invalid tenant_id',
        `${origin(s, r.get('tenant_id')!)} is "${tenant}", which is neither a GUID nor a domain name; it becomes a ` +
          'path segment of the token URL ({authority}/{tenant}/oauth2/v2.0/token), so other text would send the ' +
          'refresh token elsewhere. Give the partner tenant id, a GUID such as 00000000-0000-0000-0000-000000000000 ' +
          `or a domain such as contoso.onmicrosoft.com, in "tenant_id" or ${s.env}.`,
      ),
    );
  }

  if (known('access_token') !== undefined && known('refresh_token') !== undefined) {
    const a = setting('access_token');
    const rt = setting('refresh_token');
    diags.push(
      settingError(
        'access_token',
        'Conflicting Partner Center credentials',
        `Both an access token (${origin(a, r.get('access_token')!)}) and a refresh token (${origin(rt, r.get('refresh_token')!)}) are set. ` +
          `Use one: refresh_token (${rt.env}) with client_id and tenant_id, or access_token (${a.env}) alone.`,
      ),
    );
  }

  if (known('refresh_token') !== undefined) {
    for (const attr of ['client_id', 'tenant_id']) {
      if (maybeSet(attr)) continue;
      const s = setting(attr);
      diags.push(
        settingError(
          attr,
          `Missing ${attr}`,
          `A refresh token is exchanged for access tokens with the app's client id and the partner tenant id, so "${attr}" is required with refresh_token. ` +
            `Set "${attr}" in the provider block or ${s.env}.`,
        ),
      );
    }
  }
  return diags;
}

/** Names of settings whose value is not known yet (the block references unknown values). */
export function unknownSettings(r: Map<string, Resolved>): string[] {
  return [...r.entries()].filter(([, v]) => v.unknown).map(([k]) => k);
}

export function noCredentialsDiagnostic(): Diagnostic {
  return {
    severity: 'error',
    summary: 'No Partner Center credentials',
    detail:
      'The provider needs App+User (delegated) credentials. No access_token or refresh_token is set, and ' +
      `use_cli = false (or ${USE_CLI.env}=false) turns the Azure CLI off. ${SIGN_IN_OPTIONS}`,
  };
}

/** Client options from fully known settings (call only when unknownSettings() is empty). */
export function clientOptions(r: Map<string, Resolved>): PartnerCenterClientOptions {
  const opts: Record<string, string> = {};
  for (const s of PROVIDER_SETTINGS) {
    const v = r.get(s.attr)?.value;
    if (v !== undefined) opts[s.option] = v;
  }
  return { ...opts, sources: optionSources(r) };
}

/**
 * Where each value came from, for the client's errors (a base_url where nothing answers, a refresh
 * token Entra ID refuses): the attribute, and the block or the variable, so the user fixes the
 * right one.
 */
function optionSources(r: Map<string, Resolved>): NonNullable<PartnerCenterClientOptions['sources']> {
  const sources: NonNullable<PartnerCenterClientOptions['sources']> = {};
  const cloud = r.get('environment')?.value ?? 'public';
  for (const s of PROVIDER_SETTINGS) {
    if (!isSourced(s.option)) continue;
    const from = r.get(s.attr)?.from;
    // An unset URL takes the cloud's; other unset settings are never named.
    if (from === 'unset' && s.option !== 'baseUrl' && s.option !== 'authorityHost') continue;
    const origin =
      from === 'config'
        ? 'the provider block'
        : from === 'env'
          ? `${s.env} (environment)`
          : `the default of environment "${cloud}" (neither "${s.attr}" nor ${s.env} is set)`;
    sources[s.option] = { name: s.attr, origin };
  }
  return sources;
}

function isSourced(option: string): option is SourcedOption {
  return (SOURCED_OPTIONS as readonly string[]).includes(option);
}

/** The attribute and env var for a client option name (how ConfigurationError.field names it). */
export function settingForOption(option: string): ProviderSetting | undefined {
  return PROVIDER_SETTINGS.find((s) => s.option === option);
}

/** The warning for a cloud that no longer exists, if the chosen one is. */
export function retiredCloudDiagnostic(r: Map<string, Resolved>): Diagnostic | undefined {
  const env = r.get('environment')?.value;
  if (env === undefined || !isCloudName(env)) return undefined;
  const retired = CLOUDS[env].retired;
  return retired
    ? {
        severity: 'warning',
        summary: `Partner Center environment "${env}" is retired`,
        detail: retired,
        path: ['environment'],
      }
    : undefined;
}
