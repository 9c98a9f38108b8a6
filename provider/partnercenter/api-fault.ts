// Turns a non-2xx API response into the right error class with a readable message. The body may
// be an ApiFault {code, description, data, source} (code numeric or string, any key casing), the
// throttling shape {statusCode, message}, or not JSON at all.
import { getIgnoringCase } from './wire';
import { MAX_SHOWN_TOKEN, displayText } from './display-text';
import { htmlTitle } from './html';
import {
  AuthenticationError,
  ConflictError,
  PartnerCenterError,
  idsSuffix,
  isConflict,
  statusText,
  type ErrorDetails,
} from './errors';
import { RETRYABLE_STATUSES, parseRetryAfterMs } from './retry';

export interface ApiFault {
  code?: number | string;
  description?: string;
}

/**
 * The fault of a non-2xx body. Its texts are the API's: redacted by `redact` first (a cut must not
 * leave half a secret that redaction no longer recognises), then cleared and cut (display-text.ts).
 */
export function parseApiFault(body: unknown, redact: (text: string) => string = (text) => text): ApiFault {
  if (typeof body === 'string') {
    const page = redact(body);
    const title = htmlTitle(page);
    if (title !== undefined) {
      return {
        description: `an HTML page${title ? ` ("${title}")` : ''} answered instead of Partner Center: a proxy or gateway between this machine and the API`,
      };
    }
    const text = displayText(page.trim()).trim();
    return text ? { description: text } : {};
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const obj = body as Record<string, unknown>;
  const rawCode = getIgnoringCase(obj, 'code');
  const shownCode = typeof rawCode === 'string' ? displayText(redact(rawCode), MAX_SHOWN_TOKEN).trim() : undefined;
  const code = typeof rawCode === 'number' ? rawCode : shownCode || undefined;
  const rawDescription = getIgnoringCase(obj, 'description') ?? getIgnoringCase(obj, 'message');
  const description =
    typeof rawDescription === 'string' ? displayText(redact(rawDescription)).trim() || undefined : undefined;
  return { code, description };
}

export interface FailedResponse {
  status: number;
  body: unknown;
  /** Why the body was not read (too large, not decompressible, nested too deep); `body` is then ignored. */
  unreadable?: string;
  retryAfter?: string;
  /** Clears the API's texts of secrets before they are cut (the transport's Redactor). */
  redact?: (text: string) => string;
  requestId?: string;
  correlationId?: string;
}

const CONFLICT_HINT = 'The profile was changed since its etag was read: read it again and retry.';
const UNAUTHORIZED_HINT =
  'The access token was rejected: it may be expired or revoked, or issued for another tenant or API.';
const FORBIDDEN_HINT =
  'Partner Center needs an App+User (delegated) token of a user with a billing role; app-only (client credentials) tokens are refused.';

export function errorFromApiResponse(res: FailedResponse): PartnerCenterError {
  const fault: ApiFault =
    res.unreadable === undefined
      ? parseApiFault(res.body, res.redact)
      : { description: `its body was not read: ${res.unreadable}` };
  const details: ErrorDetails = {
    service: 'Partner Center API',
    status: res.status,
    code: fault.code,
    description: fault.description,
    requestId: res.requestId,
    correlationId: res.correlationId,
    retryable: RETRYABLE_STATUSES.has(res.status),
    retryAfterMs: parseRetryAfterMs(res.retryAfter),
  };
  const code = fault.code !== undefined ? ` (code ${fault.code})` : '';
  const text = fault.description ?? statusText(res.status);
  const head = `Partner Center API returned ${res.status}${code}: ${text.replace(/[.\s]+$/, '')}`;
  const ids = idsSuffix(res.requestId, res.correlationId);
  if (isConflict(res.status, fault.code)) return new ConflictError(`${head}. ${CONFLICT_HINT}${ids}`, details);
  if (res.status === 401) return new AuthenticationError(`${head}. ${UNAUTHORIZED_HINT}${ids}`, details);
  if (res.status === 403) return new AuthenticationError(`${head}. ${FORBIDDEN_HINT}${ids}`, details);
  return new PartnerCenterError(`${head}.${ids}`, details);
}
