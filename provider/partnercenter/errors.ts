// Errors the client throws. Every message is meant for a human: it says what failed, carries the
// API's own code/description and the request/correlation ids (what Microsoft support asks for),
// and never contains a token or secret (messages go through the Redactor before they get here).
import { STATUS_CODES } from 'node:http';

/**
 * The service an error is about, so that a message names the party that failed: Entra ID refusing
 * a refresh token is not Partner Center refusing it.
 */
export type ErrorService = 'Partner Center API' | 'Microsoft Entra ID token endpoint' | 'Azure CLI';

export interface ErrorDetails {
  service?: ErrorService;
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
  service?: ErrorService;
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
    this.service = details.service;
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

/**
 * No answer came from `url`: nothing could connect (refused, unknown host, unreachable network),
 * or the connection broke or timed out. `code` is the socket's error code (ECONNREFUSED,
 * ETIMEDOUT…), never a code of the service. `sent` is false when the request never left this
 * machine (nothing connected), so there is nothing for the service to have logged.
 */
export class NetworkError extends PartnerCenterError {
  readonly url: string;
  readonly sent: boolean;
  constructor(message: string, url: string, sent: boolean, details: ErrorDetails = {}) {
    super(message, details);
    this.url = url;
    this.sent = sent;
  }
}

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

/** The ids suffix idsSuffix() ends a message with. */
const IDS_SUFFIX = /( \[(?:request|correlation) id [^\]]*\])$/;

/** `message` without the ids idsSuffix() put at its end, for a caller that lists them itself. */
export function withoutIds(message: string): string {
  return message.replace(IDS_SUFFIX, '');
}

/** Adds a note to an error's message (e.g. how many attempts were made), before the ids, and returns it. */
export function withNote<E extends Error>(error: E, note: string): E {
  const ids = IDS_SUFFIX.exec(error.message);
  const head = ids ? error.message.slice(0, ids.index) : error.message;
  error.message = `${head} (${note})${ids ? ids[1] : ''}`;
  return error;
}
