// The diagnostics of client errors (provider/profiles/errors.ts): titled by the
// party that failed (the Partner Center API, the Microsoft Entra ID token endpoint, the network),
// each id shown once, and a socket error never labelled as an API error code. The errors come
// from the client's own builders; the socket error from a real refused connection.
import net from 'node:net';
import { errorFromApiResponse } from '../../../provider/partnercenter/api-fault';
import { AuthenticationError, PartnerCenterError } from '../../../provider/partnercenter/errors';
import { transportError } from '../../../provider/partnercenter/got-attempt';
import { errorDiagnostic } from '../../../provider/profiles/errors';

const READING = 'reading the billing profile';
const ids = {
  requestId: '11111111-2222-3333-4444-555555555555',
  correlationId: '66666666-7777-8888-9999-000000000000',
};
const count = (text: string | undefined, part: string) => (text ?? '').split(part).length - 1;

/** A real ECONNREFUSED: a port that was free a moment ago, now closed. */
async function refusedConnectionError(): Promise<{ error: unknown; url: string }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const error = await new Promise<unknown>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('error', resolve);
    socket.once('connect', () => resolve(new Error('connected')));
  });
  return { error, url: `http://127.0.0.1:${port}` };
}

describe('Partner Center API errors', () => {
  it('an API error is titled by the API and prints each id once, in the facts', () => {
    const e = errorFromApiResponse({
      status: 400,
      body: { code: 3000, description: 'Invalid property taxId' },
      ...ids,
    });
    const d = errorDiagnostic(e, 'updating the billing profile');
    expect(d.summary).toBe('Partner Center API error while updating the billing profile');
    expect(d.detail).toContain('Partner Center API returned 400 (code 3000): Invalid property taxId.');
    expect(d.detail).toContain('HTTP status: 400\nAPI error code: 3000');
    expect(count(d.detail, ids.requestId)).toBe(1);
    expect(count(d.detail, ids.correlationId)).toBe(1);
    expect(d.detail).toContain(`Request id (MS-RequestId): ${ids.requestId}`);
    expect(d.detail).toContain(`Correlation id (MS-CorrelationId): ${ids.correlationId}`);
  });

  it('a 401 of the API: the API refused the credentials', () => {
    const d = errorDiagnostic(errorFromApiResponse({ status: 401, body: { code: 400 }, ...ids }), READING);
    expect(d.summary).toBe(`Partner Center API refused the credentials while ${READING}`);
    expect(d.detail).toContain('API error code: 400');
    expect(count(d.detail, ids.requestId)).toBe(1);
  });
});

describe('Microsoft Entra ID token endpoint errors', () => {
  // What auth.ts builds from Entra ID's answer to a wrong refresh token.
  const refusal = () =>
    new AuthenticationError(
      'Microsoft Entra ID refused the refresh-token exchange for tenant contoso.onmicrosoft.com (400 invalid_grant): ' +
        'AADSTS70000: The provided value for the refresh_token is not valid. The refresh token is invalid, expired or revoked. ' +
        'Settings used: refresh_token from PARTNERCENTER_REFRESH_TOKEN (environment).',
      {
        service: 'Microsoft Entra ID token endpoint',
        status: 400,
        code: 'invalid_grant',
        description: 'AADSTS70000: The provided value for the refresh_token is not valid',
        requestId: 'trace-0001',
        correlationId: 'corr-0001',
      },
    );

  it('a refused refresh token names Entra ID, shows its AADSTS text once and no API error code', () => {
    const d = errorDiagnostic(refusal(), READING);
    expect(d.summary).toBe(`Microsoft Entra ID refused the sign-in while ${READING}`);
    expect(d.summary).not.toMatch(/Partner Center/);
    expect(count(d.detail, 'AADSTS70000')).toBe(1);
    expect(d.detail).not.toContain('API error code');
    expect(d.detail).not.toContain('HTTP status');
    expect(d.detail).toContain('refresh_token from PARTNERCENTER_REFRESH_TOKEN (environment)');
    // Entra ID's own ids, once each and labelled as its own, not as Partner Center's headers.
    expect(d.detail).toContain('Trace id (Entra ID): trace-0001\nCorrelation id (Entra ID): corr-0001');
    expect(count(d.detail, 'trace-0001')).toBe(1);
    expect(d.detail).not.toContain('MS-RequestId');
  });

  it('a token endpoint that keeps failing (503) is an Entra ID error, not a Partner Center one', () => {
    const e = new PartnerCenterError('Microsoft Entra ID token endpoint returned 503: Service Unavailable', {
      service: 'Microsoft Entra ID token endpoint',
      status: 503,
      code: 'temporarily_unavailable',
      retryable: true,
    });
    const d = errorDiagnostic(e, READING);
    expect(d.summary).toBe(`Microsoft Entra ID token endpoint error while ${READING}`);
    expect(d.detail).not.toContain('API error code');
  });
});

describe('network errors', () => {
  const target = (url: string) => ({
    service: 'Partner Center API' as const,
    url,
    source: { name: 'base_url', origin: 'the provider block' },
  });

  it('nothing listening: titled by the network, names the setting and its origin, no ids, no API code', async () => {
    const { error, url } = await refusedConnectionError();
    const e = transportError(error, target(url), undefined, ids);
    const d = errorDiagnostic(e, READING);
    expect(d.summary).toBe(`Network error: could not reach the Partner Center API while ${READING}`);
    expect(d.detail).toContain(`Could not reach the Partner Center API at ${url} (ECONNREFUSED`);
    expect(d.detail).toContain('no request was sent. The address is base_url from the provider block');
    expect(d.detail).not.toContain('API error code');
    // The call never left this machine: no request or correlation id anywhere.
    expect(d.detail).not.toContain(ids.requestId);
    expect(d.detail).not.toContain(ids.correlationId);
    expect(d.detail).not.toMatch(/request id|correlation id/i);
  });

  it('a connection that broke after sending keeps its ids, once, and still no API code', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const e = transportError(reset, target('https://api.partnercenter.microsoft.com'), undefined, ids);
    const d = errorDiagnostic(e, READING);
    expect(d.summary).toBe(`Network error: no answer from the Partner Center API while ${READING}`);
    expect(d.detail).toContain('(ECONNRESET: socket hang up)');
    expect(d.detail).not.toContain('API error code');
    expect(count(d.detail, ids.requestId)).toBe(1);
    expect(count(d.detail, ids.correlationId)).toBe(1);
  });

  it('the token endpoint unreachable: names Entra ID and authority_host', async () => {
    const { error, url } = await refusedConnectionError();
    const e = transportError(error, {
      service: 'Microsoft Entra ID token endpoint',
      url,
      source: { name: 'authority_host', origin: 'PARTNERCENTER_AUTHORITY_HOST (environment)' },
    });
    const d = errorDiagnostic(e, READING);
    expect(d.summary).toBe(`Network error: could not reach the Microsoft Entra ID token endpoint while ${READING}`);
    expect(d.detail).toContain('The address is authority_host from PARTNERCENTER_AUTHORITY_HOST (environment)');
  });
});
