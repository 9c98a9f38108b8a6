// The Partner Center clouds: where the API lives, which Entra ID authority issues its tokens, and
// the delegated scope to ask for (docs/architecture.md §5.6).

export type CloudName = 'public' | 'china' | 'usgov' | 'germany';

export interface Cloud {
  name: CloudName;
  /** API base URL, without a trailing slash; calls go to `{apiBaseUrl}/v1/...`. */
  apiBaseUrl: string;
  /** Entra ID authority host; tokens come from `{authorityHost}/{tenant}/oauth2/v2.0/token`. */
  authorityHost: string;
  /** Delegated (App+User) scope for the refresh-token exchange. */
  scope: string;
  /** Set when the cloud no longer exists: the warning to show the user. */
  retired?: string;
}

const GLOBAL_API = 'https://api.partnercenter.microsoft.com';
const CHINA_API = 'https://partner.partnercenterapi.microsoftonline.cn';

export const CLOUDS: Record<CloudName, Cloud> = {
  public: {
    name: 'public',
    apiBaseUrl: GLOBAL_API,
    authorityHost: 'https://login.microsoftonline.com',
    scope: `${GLOBAL_API}/user_impersonation`,
  },
  china: {
    name: 'china',
    apiBaseUrl: CHINA_API,
    authorityHost: 'https://login.chinacloudapi.cn',
    scope: `${CHINA_API}/user_impersonation`,
  },
  usgov: {
    name: 'usgov',
    // US Government uses the global API host with its own authority.
    apiBaseUrl: GLOBAL_API,
    authorityHost: 'https://login.microsoftonline.us',
    scope: `${GLOBAL_API}/user_impersonation`,
  },
  germany: {
    name: 'germany',
    apiBaseUrl: GLOBAL_API,
    authorityHost: 'https://login.microsoftonline.de',
    scope: `${GLOBAL_API}/user_impersonation`,
    retired:
      'Microsoft Cloud Germany closed on 29 October 2021; environment "germany" is kept only for old configurations and its calls are expected to fail. Use "public" instead.',
  },
};

export const CLOUD_NAMES = Object.keys(CLOUDS) as CloudName[];

export function isCloudName(s: string): s is CloudName {
  return Object.prototype.hasOwnProperty.call(CLOUDS, s);
}
