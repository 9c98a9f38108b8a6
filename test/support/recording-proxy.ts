// A stand-in in front of the emulator (not a test file itself): a node:http server on 127.0.0.1
// that forwards every request to `target` as it came and records its method and full URL, query
// included (the emulator's own call log keeps the path only). `rewrite` may change the JSON answer
// of a call, to play an API that answers differently from the emulator (e.g. an older field name).
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedCall {
  method: string;
  /** Path and query, as the client sent them. */
  url: string;
  status: number;
}

export interface RecordingProxy {
  url: string;
  calls: ProxiedCall[];
  close(): Promise<void>;
}

type Rewrite = (call: { method: string; url: string }, body: unknown) => unknown;

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startRecordingProxy(target: string, rewrite?: Rewrite): Promise<RecordingProxy> {
  const calls: ProxiedCall[] = [];
  const to = new URL(target);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
        // Answers come back uncompressed, so `rewrite` can read them.
        const headers = { ...req.headers, host: to.host };
        delete headers['accept-encoding'];
        const out = request({ host: to.hostname, port: to.port, method, path: url, headers }, resolve);
        out.on('error', reject);
        out.end(body);
      });
      let answer = await readAll(upstream);
      const headers = { ...upstream.headers };
      const isJson = (headers['content-type'] ?? '').includes('json');
      if (rewrite && isJson && answer.length > 0) {
        answer = Buffer.from(JSON.stringify(rewrite({ method, url }, JSON.parse(answer.toString('utf8')))));
        delete headers['content-encoding'];
        delete headers['transfer-encoding'];
        headers['content-length'] = String(answer.length);
      }
      calls.push({ method, url, status: upstream.statusCode ?? 0 });
      res.writeHead(upstream.statusCode ?? 502, headers);
      res.end(answer);
    })().catch((e: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`recording proxy: ${(e as Error).message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
