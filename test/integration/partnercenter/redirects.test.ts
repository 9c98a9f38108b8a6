// Credentials go only to the configured API and authority: a redirect is never followed, so
// neither the Authorization header nor the refresh token / client secret in the token form can
// reach the host the Location names. Two plain HTTP servers: the configured one (127.0.0.1)
// answers every request with a redirect to the other one (localhost, another port), which
// records whatever reaches it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PartnerCenterClient,
  PartnerCenterError,
  type PartnerCenterClientOptions,
} from '../../../provider/partnercenter';
import { BILLING } from '../../../provider/profiles/specs';
import type { BillingProfile } from '../../../provider/partnercenter';

const ACCESS_TOKEN = 'static-access-token-5f1d2c9e';
const REFRESH_TOKEN = 'refresh-token-8a7b6c5d4e';
const CLIENT_SECRET = 'client-secret-0e9d8c7b6a';
const TENANT = 'contoso-partner.example';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

interface TestServer {
  url: string;
  /** Every request received, with its body. */
  received: Received[];
  server: Server;
}

async function listen(host: string, answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, received, server };
}

let configured: TestServer;
let elsewhere: TestServer;
let redirectStatus = 302;

beforeEach(async () => {
  // The other host answers like the real services would, so a client that followed would succeed.
  elsewhere = await listen('localhost', (req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.includes('/oauth2/')) {
      res.end(JSON.stringify({ access_token: 'stolen-token-value', token_type: 'Bearer', expires_in: 3600 }));
    } else {
      res.end(JSON.stringify({ id: 'billing', companyName: 'Elsewhere Ltd', attributes: { etag: 'e1' } }));
    }
  });
  configured = await listen('127.0.0.1', (req, res) => {
    res.statusCode = redirectStatus;
    res.setHeader('location', `${elsewhere.url}${req.url}`);
    res.end();
  });
});

afterEach(async () => {
  await Promise.all([configured, elsewhere].map((s) => new Promise((resolve) => s.server.close(resolve))));
});

function client(extra: Partial<PartnerCenterClientOptions>): PartnerCenterClient {
  return new PartnerCenterClient({
    baseUrl: configured.url,
    authorityHost: configured.url,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });
}

const apiCalls = {
  GET: (c: PartnerCenterClient) => c.getProfile<BillingProfile>(BILLING.shape),
  PUT: (c: PartnerCenterClient) =>
    c.updateProfile<BillingProfile>(BILLING.shape, { purchaseOrderNumber: 'PO-1' }, 'etag-1'),
};

const STATUSES = [301, 302, 303, 307, 308];

test('the trap works: a client that follows redirects does reach the other host', async () => {
  // Guards the tests below against passing only because the second server is unreachable.
  redirectStatus = 307;
  const res = await fetch(`${configured.url}/v1/profiles/billing`, { headers: { accept: 'application/json' } });
  expect(res.status).toBe(200);
  expect(elsewhere.received).toHaveLength(1);
});

describe.each(Object.keys(apiCalls) as (keyof typeof apiCalls)[])('API %s', (method) => {
  test.each(STATUSES)(
    'a %i is not followed and fails at once, naming the status and the other host',
    async (status) => {
      redirectStatus = status;
      const error = await apiCalls[method](client({ accessToken: ACCESS_TOKEN })).catch((e: unknown) => e);

      expect(elsewhere.received).toEqual([]);
      // One request, to the configured host, carrying the token: not retried.
      expect(configured.received).toHaveLength(1);
      expect(configured.received[0]).toMatchObject({ method, url: '/v1/profiles/billing' });
      expect(configured.received[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);

      expect(error).toBeInstanceOf(PartnerCenterError);
      expect(error).toMatchObject({ status, retryable: false });
      const message = (error as Error).message;
      expect(message).toContain(`Partner Center API at ${configured.url} answered ${status}`);
      expect(message).toContain(`a redirect to ${elsewhere.url}`);
      expect(message).toMatch(/does not follow redirects/);
      expect(message).toMatch(/\[request id [0-9a-f-]{36}, correlation id [0-9a-f-]{36}\]$/);
      expect(message).not.toContain(ACCESS_TOKEN);
    },
  );
});

describe('Entra ID token endpoint', () => {
  test.each(STATUSES)(
    'a %i is not followed: the refresh token and client secret stay with the authority',
    async (status) => {
      redirectStatus = status;
      const c = client({
        tenantId: TENANT,
        clientId: 'app-1',
        clientSecret: CLIENT_SECRET,
        refreshToken: REFRESH_TOKEN,
      });
      const error = await c.getProfile<BillingProfile>(BILLING.shape).catch((e: unknown) => e);

      expect(elsewhere.received).toEqual([]);
      // The one request is the token exchange; no API call follows a failed exchange.
      expect(configured.received).toHaveLength(1);
      expect(configured.received[0]).toMatchObject({ method: 'POST', url: `/${TENANT}/oauth2/v2.0/token` });
      const form = new URLSearchParams(configured.received[0].body);
      expect([form.get('refresh_token'), form.get('client_secret')]).toEqual([REFRESH_TOKEN, CLIENT_SECRET]);

      expect(error).toBeInstanceOf(PartnerCenterError);
      expect(error).toMatchObject({ status, retryable: false });
      const message = (error as Error).message;
      expect(message).toContain(`Entra ID token endpoint at ${configured.url} answered ${status}`);
      expect(message).toContain(`a redirect to ${elsewhere.url}`);
      expect(message).toMatch(/authority host/);
      for (const secret of [REFRESH_TOKEN, CLIENT_SECRET]) expect(message).not.toContain(secret);
    },
  );

  test('the API host redirecting after a good exchange is refused too, and the token is not re-sent', async () => {
    // Authority that works; API that redirects: exactly one API request, and nothing elsewhere.
    const authority = await listen('127.0.0.1', (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ access_token: 'issued-access-token-123456', token_type: 'Bearer', expires_in: 3600 }));
    });
    try {
      redirectStatus = 308;
      const c = client({
        authorityHost: authority.url,
        tenantId: TENANT,
        clientId: 'app-1',
        refreshToken: REFRESH_TOKEN,
      });
      await expect(c.getProfile<BillingProfile>(BILLING.shape)).rejects.toThrow(
        /answered 308 \(Permanent Redirect\), a redirect to http:\/\/localhost:\d+\./,
      );
      expect(authority.received).toHaveLength(1);
      expect(configured.received.map((r) => r.headers.authorization)).toEqual(['Bearer issued-access-token-123456']);
      expect(elsewhere.received).toEqual([]);
    } finally {
      await new Promise((resolve) => authority.server.close(resolve));
    }
  });
});

test('a redirect without a Location is reported as such', async () => {
  const bare = await listen('127.0.0.1', (_req, res) => {
    res.statusCode = 302;
    res.end();
  });
  try {
    const error = await client({ baseUrl: bare.url, accessToken: ACCESS_TOKEN })
      .getProfile<BillingProfile>(BILLING.shape)
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('answered 302 (Found), a redirect with no Location.');
    expect(bare.received).toHaveLength(1);
  } finally {
    await new Promise((resolve) => bare.server.close(resolve));
  }
});
