// The partnercenter provider: its configuration block, and the resources and data sources it
// serves: a resource and a data source for each partner profile (profiles/specs/index.ts).
import type { Diagnostic, ProviderDefinition } from './plugin/kit';
import type { ObjectValue } from './plugin/cty/types';
import { AzureCliError, ConfigurationError, PartnerCenterClient, PartnerCenterError } from './partnercenter';
import { PROVIDER_TYPE, PROVIDER_VERSION } from './meta';
import {
  clientOptions,
  noCredentialsDiagnostic,
  providerSchema,
  resolveSettings,
  retiredCloudDiagnostic,
  settingForOption,
  unknownSettings,
  validateSettings,
} from './provider-config';
import { resolveTuning } from './provider-tuning';
import { USE_CLI, azureCliDiagnostic, resolveUseCli } from './provider-sign-in';
import { ProviderClient } from './provider-client';
import { PROFILE_SPECS } from './profiles/specs';
import { profileResource } from './profiles/resource';
import { profileDataSource } from './profiles/data-source';

function configurationErrorDiagnostic(e: ConfigurationError): Diagnostic {
  const s = settingForOption(e.field);
  return {
    severity: 'error',
    summary: s ? `Invalid provider setting ${s.attr}` : 'Invalid provider configuration',
    detail: s ? `${e.message}. Fix "${s.attr}" in the provider block or ${s.env}.` : e.message,
    path: s ? [s.attr] : undefined,
  };
}

/** The provider, reading its environment fallbacks from `env` (tests pass their own). */
export function createProvider(env: NodeJS.ProcessEnv = process.env): ProviderDefinition<ProviderClient> {
  return {
    typeName: PROVIDER_TYPE,
    version: PROVIDER_VERSION,
    schema: providerSchema,

    validateConfig(config: ObjectValue) {
      return [
        ...validateSettings(resolveSettings(config, env)),
        ...resolveTuning(config, env).diagnostics,
        ...resolveUseCli(config, env).diagnostics,
      ];
    },

    async configure(config, _terraformVersion, ctx) {
      const settings = resolveSettings(config, env);
      const tuning = resolveTuning(config, env);
      const useCli = resolveUseCli(config, env);
      const diagnostics = [...validateSettings(settings), ...tuning.diagnostics, ...useCli.diagnostics];
      const retired = retiredCloudDiagnostic(settings);
      if (retired) diagnostics.push(retired);
      if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

      const unknown = unknownSettings(settings);
      // use_cli matters only when no token is given (or may be).
      const tokenMaybeGiven = ['access_token', 'refresh_token'].some((a) => {
        const r = settings.get(a);
        return r?.value !== undefined || r?.unknown;
      });
      if (useCli.unknown && !tokenMaybeGiven) unknown.push(USE_CLI.attr);
      if (unknown.length > 0) {
        // Planning needs no API call; only calls that do (refresh, import, apply) fail.
        const reason =
          `The provider configuration depends on values not known until apply (${unknown.join(', ')}), ` +
          'so the Partner Center API cannot be called yet. Use values known at plan time in the provider block, ' +
          'or apply the resources they come from first (e.g. with -target).';
        return { client: ProviderClient.unavailable(reason), diagnostics };
      }

      const opts = clientOptions(settings);
      // access_token, then refresh_token, then the Azure CLI unless use_cli = false.
      const cliAllowed = useCli.value !== false;
      if (!opts.accessToken && !opts.refreshToken && !cliAllowed)
        return { diagnostics: [...diagnostics, noCredentialsDiagnostic()] };
      const azPath = env[USE_CLI.azPathEnv]?.trim() || undefined;
      let client: PartnerCenterClient;
      try {
        client = new PartnerCenterClient({
          ...opts,
          useAzureCli: cliAllowed,
          azPath,
          azEnvironment: env,
          retry: tuning.retry,
          log: ctx.log,
        });
      } catch (e) {
        if (e instanceof ConfigurationError) return { diagnostics: [...diagnostics, configurationErrorDiagnostic(e)] };
        throw e;
      }
      try {
        // The CLI's problems (not signed in, another tenant or cloud, app-only) show here, with their fix.
        await client.checkSignIn({ signal: ctx.signal });
      } catch (e) {
        if (e instanceof AzureCliError)
          return {
            diagnostics: [...diagnostics, azureCliDiagnostic(e, useCli.value === true || azPath !== undefined)],
          };
        if (e instanceof PartnerCenterError)
          return { diagnostics: [...diagnostics, { severity: 'error', summary: 'Sign-in failed', detail: e.message }] };
        throw e;
      }
      ctx.log.debug('Partner Center provider configured', {
        environment: client.cloud.name,
        base_url: client.baseUrl,
        sign_in: client.signIn,
      });
      return { client: ProviderClient.ready(client), diagnostics };
    },

    resources: PROFILE_SPECS.filter((s) => s.managed).map(profileResource),
    dataSources: PROFILE_SPECS.map(profileDataSource),
  };
}

export const partnerCenterProvider = createProvider();
