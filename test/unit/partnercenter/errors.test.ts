import { htmlTitle } from '../../../provider/partnercenter/html';
import { errorFromApiResponse, parseApiFault } from '../../../provider/partnercenter/api-fault';
import { AuthenticationError, ConflictError, PartnerCenterError } from '../../../provider/partnercenter/errors';
import { REDACTED, Redactor } from '../../../provider/partnercenter/redact';

const ids = { requestId: 'req-1', correlationId: 'cor-1' };

describe('errorFromApiResponse', () => {
  it('writes a human message with status, code, description and ids', () => {
    const e = errorFromApiResponse({
      status: 400,
      body: { code: 3000, description: 'Invalid property taxId', data: [], source: 'PartnerFD' },
      ...ids,
    });
    expect(e).toBeInstanceOf(PartnerCenterError);
    expect(e).not.toBeInstanceOf(ConflictError);
    expect(e.message).toBe(
      'Partner Center API returned 400 (code 3000): Invalid property taxId. [request id req-1, correlation id cor-1]',
    );
    expect(e).toMatchObject({
      status: 400,
      code: 3000,
      description: 'Invalid property taxId',
      retryable: false,
      ...ids,
    });
  });

  it('maps 412 and 400 with code 2055 (number or string, any casing) to ConflictError', () => {
    expect(
      errorFromApiResponse({ status: 412, body: { code: 2055, description: 'Etag is no longer valid' } }),
    ).toBeInstanceOf(ConflictError);
    expect(errorFromApiResponse({ status: 400, body: { Code: '2055', Description: 'stale' } })).toBeInstanceOf(
      ConflictError,
    );
    expect(errorFromApiResponse({ status: 400, body: { code: 2054 } })).not.toBeInstanceOf(ConflictError);
  });

  it('maps 401 and 403 to AuthenticationError; 403 says delegated tokens are required', () => {
    expect(errorFromApiResponse({ status: 401, body: {} })).toBeInstanceOf(AuthenticationError);
    const forbidden = errorFromApiResponse({ status: 403, body: { code: 2032, description: 'Access denied' } });
    expect(forbidden).toBeInstanceOf(AuthenticationError);
    expect(forbidden.message).toMatch(/App\+User \(delegated\)/);
  });

  it('reads the throttling shape and Retry-After, and marks 429/5xx retryable', () => {
    const e = errorFromApiResponse({
      status: 429,
      body: { statusCode: 429, message: 'Rate limit is exceeded.' },
      retryAfter: '3',
    });
    expect(e).toMatchObject({ retryable: true, retryAfterMs: 3000, description: 'Rate limit is exceeded.' });
    expect(errorFromApiResponse({ status: 503, body: undefined }).message).toBe(
      'Partner Center API returned 503: Service Unavailable.',
    );
  });

  it('uses a non-JSON body as the description, shortened', () => {
    expect(parseApiFault('  <html>Bad gateway</html> ')).toEqual({
      description:
        'an HTML page ("Bad gateway") answered instead of Partner Center: a proxy or gateway between this machine and the API',
    });
    expect(
      parseApiFault('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>')
        .description,
    ).toContain('("502 Bad Gateway")');
    expect(parseApiFault('not json, not html')).toEqual({ description: 'not json, not html' });
    expect(parseApiFault('x'.repeat(2000)).description).toHaveLength(501);
  });
});

describe('Redactor', () => {
  it('replaces secret-looking keys at any depth and remembered secrets in any text', () => {
    const r = new Redactor();
    r.remember('super-secret-value');
    expect(
      r.value({
        access_token: 'abc',
        nested: { client_secret: 'x', note: 'contains super-secret-value here' },
        list: [{ Authorization: 'Bearer q' }],
        taxId: '12',
      }),
    ).toEqual({
      access_token: REDACTED,
      nested: { client_secret: REDACTED, note: `contains ${REDACTED} here` },
      list: [{ Authorization: REDACTED }],
      taxId: '12',
    });
  });

  it('scrubs bearer values and secret form fields from text', () => {
    const r = new Redactor();
    expect(r.text('Authorization: Bearer eyJ.abc.def')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(r.text('grant_type=refresh_token&refresh_token=rt-123&client_secret=s3&client_id=app')).toBe(
      `grant_type=refresh_token&refresh_token=${REDACTED}&client_secret=${REDACTED}&client_id=app`,
    );
  });
});

describe('htmlTitle', () => {
  it('reads only the start of a page, so a huge or hostile page costs no more than a small one', () => {
    // 3.5 MB of unclosed <script> tags: stripping tags over all of it would be quadratic and run
    // for minutes (past the test's timeout); over the first 8 KB it is immediate.
    const hostile = `<html>${'<script'.repeat(500_000)}`;
    expect(htmlTitle(hostile)).toMatch(/^<script(<script)*/);
    expect(htmlTitle(hostile)!.length).toBeLessThanOrEqual(80);
    expect(htmlTitle(`<html><head><title>Gateway</title></head>${'x'.repeat(1_000_000)}</html>`)).toBe('Gateway');
  });
});
