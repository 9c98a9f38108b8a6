// Turns a non-2xx API response into the right error class with a readable message. The body may
// be an ApiFault {code, description, data, source} (code numeric or string, any key casing), the
// throttling shape {statusCode, message}, or not JSON at all.
import { getIgnoringCase } from './wire';
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

const MAX_DESCRIPTION = 500;

export function parseApiFault(body: unknown): ApiFault {
  if (typeof body === 'string') {
    const title = htmlTitle(body);
    if (title !== undefined) {
      return {
        description: `an HTML page${title ? ` ("${title}")` : ''} answered instead of Partner Center: a proxy or gateway between this machine and the API`,
      };
    }
    const text = body.trim();
    return text ? { description: text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION)}…` : text } : {};
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const obj = body as Record<string, unknown>;
  const rawCode = getIgnoringCase(obj, 'code');
  const code = typeof rawCode === 'number' || (typeof rawCode === 'string' && rawCode !== '') ? rawCode : undefined;
  const rawDescription = getIgnoringCase(obj, 'description') ?? getIgnoringCase(obj, 'message');
  const description = typeof rawDescription === 'string' && rawDescription.trim() ? rawDescription.trim() : undefined;
  return { code, description };
}

export interface FailedResponse {
  status: number;
  body: unknown;
  retryAfter?: string;
  requestId?: string;
  correlationId?: string;
}

const CONFLICT_HINT = 'The billing profile was changed since its etag was read: read it again and retry.';
const UNAUTHORIZED_HINT =
  'The access token was rejected: it may be expired or revoked, or issued for another tenant or API.';
const FORBIDDEN_HINT =
  'Partner Center needs an App+User (delegated) token of a user with a billing role; app-only (client credentials) tokens are refused.';

export function errorFromApiResponse(res: FailedResponse): PartnerCenterError {
  const fault = parseApiFault(res.body);
  const details: ErrorDetails = {
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
