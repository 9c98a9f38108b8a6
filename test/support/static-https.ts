// A static HTTPS file server on 127.0.0.1, the kind of server a team would put a provider network
// mirror on. It records every request, so a test can tell what an engine fetched.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface StaticHttpsServer {
  /** Base URL, ending in "/". */
  url: string;
  /** "<METHOD> <path> <status>" of every request so far. */
  requests: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.json': 'application/json', '.zip': 'application/zip' };

export async function serveStaticHttps(root: string, tls: { key: Buffer; cert: Buffer }): Promise<StaticHttpsServer> {
  const base = path.resolve(root);
  const requests: string[] = [];
  const server = https.createServer(tls, (req, res) => {
    const reply = (status: number, body?: string) => {
      requests.push(`${req.method} ${req.url} ${status}`);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(body ?? '');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405);
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(req.url ?? '/', 'https://x').pathname);
    } catch {
      return reply(400);
    }
    const file = path.resolve(base, `.${rel}`);
    if (file !== base && !file.startsWith(base + path.sep)) return reply(404);
    stat(file).then(
      (st) => {
        if (!st.isFile()) return reply(404);
        requests.push(`${req.method} ${req.url} 200`);
        res.writeHead(200, {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'content-length': st.size,
        });
        if (req.method === 'HEAD') res.end();
        else createReadStream(file).pipe(res);
      },
      () => reply(404),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
