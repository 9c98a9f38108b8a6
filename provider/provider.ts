// The partnercenter provider: its configuration block, and the resources and data sources it
// serves. Adding a resource is one import and one entry in `resources`.
import type { Diagnostic, ProviderDefinition } from './plugin/kit';
import type { ObjectValue } from './plugin/cty/types';
import { ConfigurationError, PartnerCenterClient } from './partnercenter';
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
import { ProviderClient } from './provider-client';
import { billingProfileResource } from './resources/billing-profile';
import { billingProfileDataSource } from './data-sources/billing-profile';

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
      return [...validateSettings(resolveSettings(config, env)), ...resolveTuning(config, env).diagnostics];
    },

    async configure(config, _terraformVersion, ctx) {
      const settings = resolveSettings(config, env);
      const tuning = resolveTuning(config, env);
      const diagnostics = [...validateSettings(settings), ...tuning.diagnostics];
      const retired = retiredCloudDiagnostic(settings);
      if (retired) diagnostics.push(retired);
      if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

      const unknown = unknownSettings(settings);
      if (unknown.length > 0) {
        // Planning needs no API call; only calls that do (refresh, import, apply) fail.
        const reason =
          `The provider configuration depends on values not known until apply (${unknown.join(', ')}), ` +
          'so the Partner Center API cannot be called yet. Use values known at plan time in the provider block, ' +
          'or apply the resources they come from first (e.g. with -target).';
        return { client: ProviderClient.unavailable(reason), diagnostics };
      }

      const opts = clientOptions(settings);
      if (!opts.accessToken && !opts.refreshToken) return { diagnostics: [...diagnostics, noCredentialsDiagnostic()] };
      try {
        const client = new PartnerCenterClient({ ...opts, retry: tuning.retry, log: ctx.log });
        ctx.log.debug('Partner Center provider configured', {
          environment: client.cloud.name,
          base_url: client.baseUrl,
        });
        return { client: ProviderClient.ready(client), diagnostics };
      } catch (e) {
        if (e instanceof ConfigurationError) return { diagnostics: [...diagnostics, configurationErrorDiagnostic(e)] };
        throw e;
      }
    },

    resources: [billingProfileResource],
    dataSources: [billingProfileDataSource],
  };
}

export const partnerCenterProvider = createProvider();
