// Errors the client throws. Every message is meant for a human: it says what failed, carries the
// API's own code/description and the request/correlation ids (what Microsoft support asks for),
// and never contains a token or secret (messages go through the Redactor before they get here).
import { STATUS_CODES } from 'node:http';

export interface ErrorDetails {
  status?: number;
  code?: number | string;
  description?: string;
  requestId?: string;
  correlationId?: string;
  /** True when trying the same operation again may succeed (429, 5xx, connection reset...). */
  retryable?: boolean;
  /** How long the server asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** A write whose answer was lost or unreadable: it may have been applied. */
  outcomeUnknown?: boolean;
  cause?: unknown;
}

export class PartnerCenterError extends Error {
  status?: number;
  code?: number | string;
  description?: string;
  requestId?: string;
  correlationId?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  outcomeUnknown: boolean;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.code = details.code;
    this.description = details.description;
    this.requestId = details.requestId;
    this.correlationId = details.correlationId;
    this.retryable = details.retryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
  }
}

/** The profile changed since its etag was read: 412, or 400 with code 2055. Never retried. */
export class ConflictError extends PartnerCenterError {}

/** Credentials refused: by the token endpoint (OAuth error) or by the API (401/403). */
export class AuthenticationError extends PartnerCenterError {}

/** An option given to the client is missing or malformed; `field` names it. */
export class ConfigurationError extends PartnerCenterError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** The caller's AbortSignal fired before the operation finished. */
export class CancelledError extends PartnerCenterError {}

/** "[request id …, correlation id …]", or "" when neither is known. */
export function idsSuffix(requestId?: string, correlationId?: string): string {
  const parts: string[] = [];
  if (requestId) parts.push(`request id ${requestId}`);
  if (correlationId) parts.push(`correlation id ${correlationId}`);
  return parts.length ? ` [${parts.join(', ')}]` : '';
}

export function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown status';
}

/** The stale-etag code of the Partner Center error list ("Etag is no longer valid"). */
export const STALE_ETAG_CODE = 2055;

export function isConflict(status: number, code: number | string | undefined): boolean {
  return status === 412 || (status === 400 && code !== undefined && String(code) === String(STALE_ETAG_CODE));
}

/** Adds a note to an error's message (e.g. how many attempts were made), before the ids, and returns it. */
export function withNote<E extends Error>(error: E, note: string): E {
  const ids = /( \[(?:request|correlation) id [^\]]*\])$/.exec(error.message);
  const head = ids ? error.message.slice(0, ids.index) : error.message;
  error.message = `${head} (${note})${ids ? ids[1] : ''}`;
  return error;
}
