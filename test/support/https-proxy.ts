// An HTTPS front for a plain-HTTP server on 127.0.0.1 (the emulator), with a certificate the test
// chooses: the provider then reaches the API and the token endpoint over TLS, as in production.
// It records every request, so a test can tell which calls got through the TLS handshake.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface HttpsProxy {
  /** Base URL, without a trailing "/". */
  url: string;
  /** "<METHOD> <path>" of every request that completed a TLS handshake. */
  requests: string[];
  close(): Promise<void>;
}

export async function serveHttpsProxy(target: string, tls: { key: Buffer; cert: Buffer }): Promise<HttpsProxy> {
  const requests: string[] = [];
  const server = https.createServer(tls, (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const upstream = http.request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
