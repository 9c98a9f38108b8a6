// How the provider signs in when the block gives no token: the `use_cli` setting (a bool, with its
// PARTNERCENTER_USE_CLI fallback), PARTNERCENTER_AZ_PATH, and the diagnostics of an Azure CLI
// sign-in that failed, each naming its fix (docs/architecture.md §4, "Auth modes"). The order is
// access_token, then refresh_token, then the Azure CLI unless use_cli = false.
import type { AttributePath, AttributeSchema, Diagnostic } from './plugin/kit';
import { isUnknown, type ObjectValue } from './plugin/cty/types';
import type { AzureCliError, AzureCliProblem } from './partnercenter';

export const USE_CLI = {
  attr: 'use_cli',
  env: 'PARTNERCENTER_USE_CLI',
  /** Names the az executable when it is not on PATH; environment only (a machine's setting). */
  azPathEnv: 'PARTNERCENTER_AZ_PATH',
} as const;

export const useCliAttribute: AttributeSchema = {
  type: 'bool',
  optional: true,
  description:
    'Sign in with the Azure CLI (`az login`) when neither access_token nor refresh_token is set: the provider runs ' +
    '`az account get-access-token` for a delegated Partner Center token (with --tenant when tenant_id is set). ' +
    'Default true; false turns it off. The az on PATH is used, or the one PARTNERCENTER_AZ_PATH names. ' +
    'Falls back to PARTNERCENTER_USE_CLI.',
};

export interface ResolvedUseCli {
  /** undefined when unset (the default applies) or not known yet. */
  value?: boolean;
  unknown?: boolean;
  from: 'config' | 'env' | 'unset';
  diagnostics: Diagnostic[];
}

const TRUE = /^(?:true|1)$/i;
const FALSE = /^(?:false|0)$/i;

/** use_cli from the block, else PARTNERCENTER_USE_CLI ("true"/"false", "1"/"0"), else unset. */
export function resolveUseCli(config: ObjectValue, env: NodeJS.ProcessEnv): ResolvedUseCli {
  const v = config[USE_CLI.attr] ?? null;
  if (isUnknown(v)) return { unknown: true, from: 'config', diagnostics: [] };
  if (typeof v === 'boolean') return { value: v, from: 'config', diagnostics: [] };
  const e = env[USE_CLI.env]?.trim();
  if (e === undefined || e === '') return { from: 'unset', diagnostics: [] };
  if (TRUE.test(e)) return { value: true, from: 'env', diagnostics: [] };
  if (FALSE.test(e)) return { value: false, from: 'env', diagnostics: [] };
  const path: AttributePath = [USE_CLI.attr];
  return {
    from: 'env',
    diagnostics: [
      {
        severity: 'error',
        summary: `Invalid ${USE_CLI.attr}`,
        detail: `${USE_CLI.env} (environment) is "${e.slice(0, 50)}", which is not a boolean. Set it to true or false, or set "${USE_CLI.attr}" in the provider block.`,
        path,
      },
    ],
  };
}

/** The ways to sign in, side by side: what every "no credentials" message offers. */
export const SIGN_IN_OPTIONS =
  'Sign in one of these ways: (1) the Azure CLI, for a person at a terminal: install it and run `az login` ' +
  '(the provider uses it when no token is set, unless use_cli = false; PARTNERCENTER_AZ_PATH names az when it is not on PATH); ' +
  '(2) refresh_token, client_id and tenant_id (or PARTNERCENTER_REFRESH_TOKEN, PARTNERCENTER_CLIENT_ID and ' +
  'PARTNERCENTER_TENANT_ID; add client_secret / PARTNERCENTER_CLIENT_SECRET for a confidential app), an App+User ' +
  'refresh token from the Secure Application Model, for automation; (3) access_token (PARTNERCENTER_ACCESS_TOKEN), ' +
  'a ready delegated token, used as is.';

const SUMMARIES: Record<AzureCliProblem, string> = {
  'not-installed': 'Azure CLI not found',
  'not-signed-in': 'Azure CLI not signed in',
  'other-tenant': 'Azure CLI signed in to another tenant',
  cloud: 'Azure CLI set to another cloud',
  'app-only': 'Azure CLI signed in without a user (app-only)',
  timeout: 'Azure CLI did not answer in time',
  'too-old': 'Azure CLI too old',
  failed: 'Azure CLI sign-in failed',
  output: 'Azure CLI sign-in failed',
};

/** What to change in the provider's own settings, after the CLI's fix in the error itself. */
const PROVIDER_FIX: Partial<Record<AzureCliProblem, string>> = {
  'other-tenant': 'The tenant asked for is tenant_id (PARTNERCENTER_TENANT_ID).',
  cloud: 'The cloud the provider expects is environment (PARTNERCENTER_ENVIRONMENT).',
  timeout: 'Each az run may take request_timeout_seconds (PARTNERCENTER_REQUEST_TIMEOUT_SECONDS, default 30).',
  'app-only':
    'For automation, use refresh_token, client_id and tenant_id (a user consent from the Secure Application Model) instead of a service principal.',
};

const WHY_CLI =
  'The provider signs in with the Azure CLI because neither access_token nor refresh_token is set; set one of them ' +
  '(refresh_token for automation), or use_cli = false (PARTNERCENTER_USE_CLI=false) to turn the CLI off.';

function sentence(s: string): string {
  return /[.!?"]$/.test(s) ? s : `${s}.`;
}

/**
 * The diagnostic of a failed Azure CLI sign-in. `explicit`: the CLI was asked for (use_cli = true,
 * PARTNERCENTER_AZ_PATH); otherwise a missing az means no credentials at all, and says so.
 */
export function azureCliDiagnostic(e: AzureCliError, explicit: boolean): Diagnostic {
  if (e.problem === 'not-installed' && !explicit) {
    return {
      severity: 'error',
      summary: 'No Partner Center credentials',
      detail:
        'The provider needs App+User (delegated) credentials. No access_token or refresh_token is set, and the ' +
        `Azure CLI, which it signs in with when neither is, was not found on PATH. ${SIGN_IN_OPTIONS}`,
    };
  }
  const fix = PROVIDER_FIX[e.problem];
  return {
    severity: 'error',
    summary: SUMMARIES[e.problem],
    detail: [sentence(e.message), fix, e.problem === 'not-installed' ? SIGN_IN_OPTIONS : WHY_CLI]
      .filter(Boolean)
      .join(' '),
  };
}
