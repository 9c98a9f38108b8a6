// The Partner Center client: the profile operations over the transport, for any profile shape. Knows nothing of
// Terraform; everything below it (auth, retries, errors, wire format) lives in its own module.
import { RefreshTokenExchange, StaticAccessToken, type AccessTokenSource } from './auth';
import { AzureCliToken } from './azure-cli';
import type { Cloud } from './clouds';
import { ConfigurationError, PartnerCenterError, idsSuffix } from './errors';
import { ApiTransport, type ApiResponse } from './http';
import type { Profile, ProfileShape } from './model';
import { resolveOptions, type Credentials, type PartnerCenterClientOptions, type ResolvedOptions } from './options';
import { Redactor } from './redact';
import { tenantOfToken, type CredentialsTenant } from './token-claims';
import { profileFromWire, profileToWire } from './wire';

export interface CallOptions {
  signal?: AbortSignal;
}

export class PartnerCenterClient {
  readonly cloud: Cloud;
  readonly baseUrl: string;
  /** Where the access tokens come from: given, the refresh-token exchange, or the Azure CLI. */
  readonly signIn: Credentials['kind'];
  private readonly transport: ApiTransport;

  constructor(opts: PartnerCenterClientOptions) {
    const resolved = resolveOptions(opts);
    this.cloud = resolved.cloud;
    this.baseUrl = resolved.baseUrl;
    this.signIn = resolved.credentials.kind;
    if (resolved.cloud.retired) resolved.log.warn?.(resolved.cloud.retired, { environment: resolved.cloud.name });
    const redactor = new Redactor();
    this.transport = new ApiTransport({
      baseUrl: resolved.baseUrl,
      baseUrlSource: resolved.sources.baseUrl,
      tokens: tokenSource(resolved, redactor),
      locale: resolved.locale,
      application: resolved.application,
      policy: resolved.policy,
      log: resolved.log,
      redactor,
    });
  }

  /**
   * The partner tenant the credentials act for: the tid claim of the access token the API calls
   * send (exchanged or given; the exchange is cached, so the next call reuses it). Its reason when
   * the token does not say (token-claims.ts). Throws what getting the token throws.
   */
  async credentialsTenant(opts: CallOptions = {}): Promise<CredentialsTenant> {
    return tenantOfToken(await this.transport.accessToken(opts.signal));
  }

  /**
   * With the Azure CLI, gets the first token now (it is cached for the calls that follow), so that
   * its problems (az missing or not signed in, another cloud or tenant, an app-only sign-in) show
   * when the caller is set up, each with its fix, rather than at the first API call. The other
   * sign-ins are left to the first call, as before.
   */
  async checkSignIn(opts: CallOptions = {}): Promise<void> {
    if (this.signIn === 'azureCli') await this.transport.accessToken(opts.signal);
  }

  /** GET of the profile `shape` describes. P types the result for a caller who knows the shape's fields. */
  async getProfile<P extends Profile = Profile>(shape: ProfileShape, opts: CallOptions = {}): Promise<P> {
    const res = await this.transport.send({ method: 'GET', path: shape.readPath }, opts.signal);
    return readProfile(shape, res) as P;
  }

  /**
   * Full-object PUT. The body is the JSON `profile` was read from with its changed modelled fields
   * rewritten (profileToWire), so the fields the model lacks go back as the API sent them: copy a
   * profile from getProfile with copyProfile (model.ts), not with a spread, which would drop that
   * JSON. Given an etag it is guarded by it: If-Match: "<etag>" header AND attributes.etag in the
   * body; a profile without one (the support profile) is sent as it is, its caller having compared
   * the live values itself. Returns the API's answer (new etag).
   */
  async updateProfile<P extends Profile = Profile>(
    shape: ProfileShape,
    profile: P,
    etag: string | undefined,
    opts: CallOptions = {},
  ): Promise<P> {
    if (shape.writePath === undefined)
      throw new ConfigurationError('profile', `the ${shape.title} cannot be changed through the API`);
    let headers: Record<string, string> | undefined;
    let bare: string | undefined;
    if (shape.etag !== 'none' && typeof etag === 'string' && etag.trim() !== '') {
      bare = unquoteEtag(etag);
      headers = { 'If-Match': `"${bare}"` };
    } else if (shape.etag === 'required') {
      throw new ConfigurationError(
        'etag',
        `updateProfile needs the etag of the ${shape.title} it changes: read the profile first and pass its etag`,
      );
    }
    const res = await this.transport.send(
      { method: 'PUT', path: shape.writePath, body: profileToWire(shape, profile, bare), headers },
      opts.signal,
    );
    return readProfile(shape, res) as P;
  }
}

function tokenSource(o: ResolvedOptions, redactor: Redactor): AccessTokenSource {
  const c = o.credentials;
  if (c.kind === 'accessToken') {
    redactor.remember(c.accessToken);
    return new StaticAccessToken(c.accessToken);
  }
  if (c.kind === 'azureCli') {
    return new AzureCliToken({
      cloud: o.cloud,
      tenantId: c.tenantId,
      azPath: c.azPath,
      env: c.env,
      timeoutMs: o.policy.requestTimeoutMs,
      log: o.log,
      redactor,
    });
  }
  return new RefreshTokenExchange({
    authorityHost: o.authorityHost,
    sources: o.sources,
    tenantId: c.tenantId,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    refreshToken: c.refreshToken,
    scope: o.cloud.scope,
    requestTimeoutMs: o.policy.requestTimeoutMs,
    log: o.log,
    redactor,
  });
}

/** Accepts an etag given bare, quoted, or weak (W/"…"); returns it bare. */
export function unquoteEtag(etag: string): string {
  const m = /^(?:W\/)?"(.*)"$/.exec(etag.trim());
  return m ? m[1] : etag.trim();
}

function readProfile(shape: ProfileShape, res: ApiResponse): Profile {
  try {
    return profileFromWire(shape, res.body);
  } catch (e) {
    throw new PartnerCenterError(
      `Partner Center API returned ${res.status} with an unreadable ${shape.title} (${(e as Error).message})${idsSuffix(res.requestId, res.correlationId)}`,
      { service: 'Partner Center API', status: res.status, requestId: res.requestId, correlationId: res.correlationId },
    );
  }
}
