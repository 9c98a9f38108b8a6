// Turns failures into diagnostics a user can act on, titled by the party that failed: the
// Partner Center API, the Microsoft Entra ID token endpoint, the Azure CLI, or the network on the
// way. API errors carry the API's code and description, the HTTP status and the request/correlation
// ids (what Microsoft support asks for), each shown once; a socket error is never shown as an API
// code. Client error messages are already redacted; nothing here adds a token or secret.
import type { Diagnostic } from '../plugin/kit';
import {
  AuthenticationError,
  AzureCliError,
  CancelledError,
  NetworkError,
  PartnerCenterError,
  withoutIds,
} from '../partnercenter';
import { ProviderNotReadyError } from '../provider-client';
import { formatChanges, type FieldChange } from './diff';
import type { ProfileSpec } from './spec';

const ENTRA = 'Microsoft Entra ID token endpoint';

/** The ids of the failed call, labelled by whose they are; the message itself no longer lists them. */
function idFacts(e: PartnerCenterError): string[] {
  const lines: string[] = [];
  if (e.service === ENTRA) {
    if (e.requestId) lines.push(`Trace id (Entra ID): ${e.requestId}`);
    if (e.correlationId) lines.push(`Correlation id (Entra ID): ${e.correlationId}`);
  } else {
    if (e.requestId) lines.push(`Request id (MS-RequestId): ${e.requestId}`);
    if (e.correlationId) lines.push(`Correlation id (MS-CorrelationId): ${e.correlationId}`);
  }
  return lines;
}

function apiFacts(e: PartnerCenterError): string {
  const lines: string[] = [];
  if (e.status !== undefined) lines.push(`HTTP status: ${e.status}`);
  if (e.code !== undefined) lines.push(`API error code: ${e.code}`);
  // The client's message above already quotes the description (api-fault.ts): listed again
  // here, a long one was shown twice.
  if (e.description && !e.message.includes(e.description.replace(/[.\s]+$/, '')))
    lines.push(`API description: ${e.description}`);
  return [...lines, ...idFacts(e)].join('\n');
}

export const OUTCOME_UNKNOWN =
  'The update may have reached Partner Center without its answer coming back (a lost, unreadable or timed-out answer, or a cancel in flight), ' +
  'so it may have been applied without being recorded in the state. Any retry of it carried the same request id (MS-RequestId). ' +
  'Run plan to compare the live profile with your configuration: if the change is there, the plan is empty; if not, apply again.';

/** The message (its ids left to the facts), the outcome note, the facts: the parts that exist. */
function detail(err: PartnerCenterError, facts: string, ...more: string[]): string {
  const parts = [withoutIds(err.message)];
  if (err.outcomeUnknown) parts.push(OUTCOME_UNKNOWN);
  if (facts) parts.push(facts);
  return [...parts, ...more].join('\n\n');
}

/** `action` completes "… while <action>", e.g. "reading the billing profile". */
export function errorDiagnostic(err: unknown, action: string): Diagnostic {
  if (err instanceof ProviderNotReadyError) {
    return {
      severity: 'error',
      summary: `Partner Center provider not configured (needed for ${action})`,
      detail: err.message,
    };
  }
  if (err instanceof CancelledError) {
    return {
      severity: 'error',
      summary: `Cancelled while ${action}`,
      detail: err.outcomeUnknown ? `${err.message}\n\n${OUTCOME_UNKNOWN}` : err.message,
    };
  }
  if (err instanceof NetworkError) {
    const service = err.service ?? 'Partner Center API';
    return {
      severity: 'error',
      summary: err.sent
        ? `Network error: no answer from the ${service} while ${action}`
        : `Network error: could not reach the ${service} while ${action}`,
      detail: detail(err, idFacts(err).join('\n')),
    };
  }
  if (err instanceof AzureCliError) {
    return { severity: 'error', summary: `Azure CLI sign-in failed while ${action}`, detail: err.message };
  }
  if (err instanceof PartnerCenterError && err.service === ENTRA) {
    // Its message holds the status, the OAuth error and Entra ID's description, once each.
    return {
      severity: 'error',
      summary:
        err instanceof AuthenticationError
          ? `Microsoft Entra ID refused the sign-in while ${action}`
          : `Microsoft Entra ID token endpoint error while ${action}`,
      detail: detail(err, idFacts(err).join('\n')),
    };
  }
  if (err instanceof AuthenticationError) {
    return {
      severity: 'error',
      summary: `Partner Center API refused the credentials while ${action}`,
      detail: detail(
        err,
        apiFacts(err),
        'Check the provider credentials (refresh_token with client_id and tenant_id, access_token, or the Azure CLI sign-in): they must be App+User (delegated) credentials of a user of the partner tenant with a role that may read and change its profiles (e.g. a billing or account admin).',
      ),
    };
  }
  if (err instanceof PartnerCenterError) {
    return {
      severity: 'error',
      summary: `Partner Center API error while ${action}`,
      detail: detail(err, apiFacts(err)),
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { severity: 'error', summary: `Unexpected error while ${action}`, detail: message };
}

/** Title of the refusal of an update (or adoption) whose profile changed since its plan. */
export function conflictSummary(spec: ProfileSpec): string {
  return `${spec.Title} changed outside Terraform since the plan`;
}

/** How the change since the plan was seen: a new etag, or (a profile without one) new values. */
export type ConflictEvidence = 'etag' | 'values';

/**
 * The profile changed between the plan and the apply: someone else changed it. Never retried and
 * never overwritten: the user must see the new values in a fresh plan.
 */
export function conflictDiagnostic(
  spec: ProfileSpec,
  changes: readonly FieldChange[] | undefined,
  apiError?: PartnerCenterError,
  /** What the changes are from: an adoption's plan has no state, only its read. */
  basis = 'the state the plan was based on',
  evidence: ConflictEvidence = 'etag',
): Diagnostic {
  const parts: string[] = [];
  const version = evidence === 'etag' ? 'the version (etag)' : 'the values';
  parts.push(
    apiError
      ? `Partner Center rejected the update because the ${spec.title} no longer has the version (etag) this plan was made against.`
      : `The ${spec.title} in Partner Center no longer has ${version} this plan was made against: it was changed elsewhere (e.g. in the Partner Center dashboard) after the plan read it.`,
  );
  if (changes && changes.length > 0) parts.push(`Fields that differ from ${basis}:\n${formatChanges(changes)}`);
  else if (changes)
    parts.push('No field this provider shows differs; the change is in a part of the profile it does not expose.');
  parts.push(
    apiError?.outcomeUnknown
      ? `Nothing was overwritten. ${OUTCOME_UNKNOWN}`
      : 'Nothing was written. Run plan again to see the current values, then apply the new plan.',
  );
  if (apiError) {
    const facts = apiFacts(apiError);
    if (facts) parts.push(facts);
  }
  return { severity: 'error', summary: conflictSummary(spec), detail: parts.join('\n\n') };
}

export const NOT_HELD_SUMMARY = 'Partner Center did not keep the values sent';

/**
 * The PUT succeeded but its answer does not hold the planned values: the service ignored or
 * changed them. Said plainly here, instead of the engine's "Provider produced inconsistent
 * result after apply … This is a bug in the provider".
 */
export function notHeldDiagnostic(changes: readonly FieldChange[]): Diagnostic {
  const paths = changes.map((c) => c.path).join(', ');
  return {
    severity: 'error',
    summary: NOT_HELD_SUMMARY,
    detail:
      `The API accepted the update but its answer does not hold the values sent for ${paths} ` +
      `(sent -> answered):\n${formatChanges(changes)}\n\n` +
      'The service may have ignored or changed them. Nothing else was sent, and the state was not updated. ' +
      'Run plan again to see the live profile: it shows the change again if the values are still missing.',
  };
}
