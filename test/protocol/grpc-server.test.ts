// Our gRPC server (provider/plugin/grpc/server.ts) over a real unix socket, called by the
// grpc-js client as the engines' grpc-go client would call it, and by a raw HTTP/2 client for
// what grpc-js never sends (compressed messages, other encodings, non-gRPC requests).
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import * as http2 from 'node:http2';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frameMessage } from '../../provider/plugin/grpc/frames';
import type { DuplexCall, ServerStreamCall, ServiceImplementation } from '../../provider/plugin/grpc/methods';
import { GrpcServer } from '../../provider/plugin/grpc/server';
import { GrpcError, Status } from '../../provider/plugin/grpc/status';
import * as gp from '../../provider/plugin/proto/goplugin';
import { serviceDefinition } from '../../provider/plugin/services/definitions';

const testService = serviceDefinition('test.Echo', {
  Echo: { request: gp.StdioData, response: gp.StdioData },
  Fail: { request: gp.HealthCheckRequest, response: gp.Empty },
  Slow: { request: gp.HealthCheckRequest, response: gp.HealthCheckResponse },
  Hold: { request: gp.Empty, response: gp.StdioData, responseStream: true },
  Chat: { request: gp.ConnInfo, response: gp.ConnInfo, requestStream: true, responseStream: true },
  Missing: { request: gp.Empty, response: gp.Empty },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let slowResolvers: (() => void)[] = [];

function implementation(): ServiceImplementation {
  return {
    Echo: { kind: 'unary', handle: async (req) => req },
    Fail: {
      kind: 'unary',
      handle: async (req) => {
        throw new GrpcError(Status.NOT_FOUND, (req as gp.HealthCheckRequest).service);
      },
    },
    Slow: {
      kind: 'unary',
      handle: () => new Promise((resolve) => slowResolvers.push(() => resolve({ status: gp.ServingStatus.Serving }))),
    },
    Hold: {
      kind: 'serverStream',
      open: (_req, call: ServerStreamCall<unknown>) => call.write({ channel: 1, data: new Uint8Array([7]) }),
    },
    Chat: {
      kind: 'bidiStream',
      open(call: DuplexCall<unknown, unknown>) {
        call.onMessage((m) => call.write({ ...(m as gp.ConnInfo), address: `echo ${(m as gp.ConnInfo).address}` }));
        call.onEnd(() => call.end());
      },
    },
  };
}

interface Running {
  server: GrpcServer;
  listener: net.Server;
  socketPath: string;
  client: grpc.Client & Record<string, (...args: any[]) => any>;
}

const dirs: string[] = [];
const clients: grpc.Client[] = [];
const servers: Running[] = [];

async function start(maxMessageBytes?: number): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'grpc-server-'));
  dirs.push(dir);
  const socketPath = join(dir, 's.sock');
  const server = new GrpcServer([{ definition: testService, implementation: implementation() }], { maxMessageBytes });
  const listener = net.createServer((socket) => server.inject(socket));
  await new Promise<void>((resolve) => listener.listen(socketPath, resolve));
  const Client = grpc.makeGenericClientConstructor(testService, 'Echo');
  const client = new Client(`unix:${socketPath}`, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': -1,
    'grpc.max_send_message_length': -1,
  }) as Running['client'];
  clients.push(client);
  const running = { server, listener, socketPath, client };
  servers.push(running);
  return running;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const r of servers.splice(0)) {
    r.listener.close();
    await r.server.shutdown(0);
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  slowResolvers = [];
});

function unary<Res = any>(r: Running, method: string, request: object): Promise<Res> {
  return new Promise((resolve, reject) =>
    r.client[method](request, { deadline: new Date(Date.now() + 10_000) }, (err: grpc.ServiceError | null, res: Res) =>
      err ? reject(err) : resolve(res),
    ),
  );
}

/** One raw HTTP/2 request: the response headers, the body and the trailers. */
function rawRequest(
  socketPath: string,
  headers: http2.OutgoingHttpHeaders,
  body: Buffer,
): Promise<{ headers: http2.IncomingHttpHeaders; trailers: http2.IncomingHttpHeaders; body: Buffer }> {
  const session = http2.connect('http://localhost', { createConnection: () => net.connect(socketPath) });
  return new Promise((resolve, reject) => {
    const req = session.request({ ':method': 'POST', ':path': '/test.Echo/Echo', ...headers });
    let resHeaders: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    req.on('response', (h) => (resHeaders = h));
    req.on('trailers', (t) => (trailers = t));
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('close', () => {
      session.close();
      resolve({ headers: resHeaders, trailers, body: Buffer.concat(chunks) });
    });
    req.end(body);
  });
}

const GRPC = { 'content-type': 'application/grpc', te: 'trailers' };
const echoBody = (data: number[]) =>
  Buffer.concat(frameMessage(gp.StdioData.encode({ channel: gp.StdioChannel.Stdout, data: Uint8Array.from(data) })));

describe('unary calls', () => {
  test('answer the handler result, many calls at once on one connection', async () => {
    const r = await start();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => unary(r, 'Echo', { channel: 2, data: Uint8Array.from([i]) })),
    );
    answers.forEach((a, i) => expect({ channel: a.channel, data: [...a.data] }).toEqual({ channel: 2, data: [i] }));
  });

  test('5 MB each way: the request split across DATA frames, the answer through flow control', async () => {
    const r = await start();
    const data = Uint8Array.from({ length: 5 * 1024 * 1024 }, (_, i) => (i * 13) & 0xff);
    const answer = await unary(r, 'Echo', { channel: 1, data });
    expect(answer.data.length).toBe(data.length);
    expect(Buffer.compare(Buffer.from(answer.data), Buffer.from(data))).toBe(0);
  });

  test('a GrpcError becomes its status, the message percent-encoded on the wire and intact for the client', async () => {
    const r = await start();
    const message = 'no service "x" (100% sure)\nnext line: café ✓';
    await expect(unary(r, 'Fail', { service: message })).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: message,
    });
    const raw = await rawRequest(
      r.socketPath,
      { ...GRPC, ':path': '/test.Echo/Fail' },
      Buffer.concat(frameMessage(gp.HealthCheckRequest.encode({ service: '50%\n' }))),
    );
    expect(raw.headers['grpc-status']).toBe('5'); // trailers-only
    expect(raw.headers['grpc-message']).toBe('50%25%0A');
  });

  test('an unknown method or a method without handler answers UNIMPLEMENTED', async () => {
    const r = await start();
    await expect(unary(r, 'Missing', {})).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
    const raw = await rawRequest(r.socketPath, { ...GRPC, ':path': '/no.Such/Method' }, Buffer.alloc(0));
    expect(raw.headers).toMatchObject({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' });
    expect(raw.headers['grpc-message']).toBe('the provider does not implement the method /no.Such/Method');
  });

  test('a request above the message limit answers RESOURCE_EXHAUSTED; the connection keeps working', async () => {
    const r = await start(1024);
    await expect(unary(r, 'Echo', { channel: 1, data: new Uint8Array(2000) })).rejects.toMatchObject({
      code: grpc.status.RESOURCE_EXHAUSTED,
    });
    const ok = await unary(r, 'Echo', { channel: 1, data: new Uint8Array(1000) });
    expect(ok.data.length).toBe(1000);
  });
});

describe('what grpc-js never sends', () => {
  test('a compressed message is refused with INTERNAL, another grpc-encoding with UNIMPLEMENTED', async () => {
    const r = await start();
    const compressed = echoBody([1, 2]);
    compressed[0] = 1;
    const a = await rawRequest(r.socketPath, GRPC, compressed);
    expect(a.headers['grpc-status'] ?? a.trailers['grpc-status']).toBe('13');
    const b = await rawRequest(r.socketPath, { ...GRPC, 'grpc-encoding': 'gzip' }, echoBody([1]));
    expect(b.headers).toMatchObject({ 'grpc-status': '12', 'grpc-accept-encoding': 'identity' });
  });

  test('a non-gRPC content type gets HTTP 415; two messages in a unary call INTERNAL', async () => {
    const r = await start();
    const a = await rawRequest(r.socketPath, { 'content-type': 'application/json' }, Buffer.from('{}'));
    expect(a.headers[':status']).toBe(415);
    const b = await rawRequest(r.socketPath, GRPC, Buffer.concat([echoBody([1]), echoBody([2])]));
    expect(b.headers['grpc-status']).toBe('13');
  });

  test('a plain answer: headers, one framed message, then trailers with grpc-status 0', async () => {
    const r = await start();
    const res = await rawRequest(r.socketPath, { ...GRPC, 'content-type': 'application/grpc+proto' }, echoBody([9, 8]));
    expect(res.headers).toMatchObject({ ':status': 200, 'content-type': 'application/grpc' });
    expect(res.headers['grpc-status']).toBeUndefined();
    expect(res.trailers['grpc-status']).toBe('0');
    expect(res.body).toEqual(echoBody([9, 8]));
  });
});

describe('streams and shutdown', () => {
  test('a bidi call gets every message and ends when the client ends', async () => {
    const r = await start();
    const chat = r.client.Chat();
    const got: string[] = [];
    const status = new Promise<number>((resolve) => chat.on('status', (s: grpc.StatusObject) => resolve(s.code)));
    chat.on('data', (m: gp.ConnInfo) => got.push(m.address));
    chat.write({ service_id: 1, network: 'unix', address: 'a' });
    chat.write({ service_id: 2, network: 'unix', address: 'b' });
    chat.end();
    expect(await status).toBe(0);
    expect(got).toEqual(['echo a', 'echo b']);
  });

  test('several messages in one DATA frame are each delivered', async () => {
    const r = await start();
    const frame = (address: string) =>
      Buffer.concat(frameMessage(gp.ConnInfo.encode({ service_id: 1, network: 'n', address })));
    const res = await rawRequest(
      r.socketPath,
      { ...GRPC, ':path': '/test.Echo/Chat' },
      Buffer.concat([frame('a'), frame('b'), frame('c')]),
    );
    expect(res.trailers['grpc-status']).toBe('0');
    const echo = (address: string) =>
      Buffer.concat(frameMessage(gp.ConnInfo.encode({ service_id: 1, network: 'n', address: `echo ${address}` })));
    expect(res.body).toEqual(Buffer.concat([echo('a'), echo('b'), echo('c')]));
  });

  test('shutdown ends held streams with OK and lets a call in flight finish', async () => {
    const r = await start();
    const hold = r.client.Hold({});
    const held: string[] = [];
    hold.on('data', () => held.push('data'));
    // The held stream's first message and the slow call travel apart: wait for each, in any order.
    const firstHeld = new Promise<void>((resolve) => hold.once('data', () => resolve()));
    const holdStatus = new Promise<number>((resolve) => hold.on('status', (s: grpc.StatusObject) => resolve(s.code)));
    const chat = r.client.Chat();
    chat.on('error', () => undefined);
    const chatStatus = new Promise<number>((resolve) => chat.on('status', (s: grpc.StatusObject) => resolve(s.code)));
    const slow = unary(r, 'Slow', { service: '' });
    await firstHeld;
    while (slowResolvers.length === 0) await sleep(5);
    expect(held).toEqual(['data']);

    const started = Date.now();
    r.listener.close();
    const down = r.server.shutdown(5000);
    await sleep(50);
    slowResolvers[0]();
    await expect(slow).resolves.toEqual({ status: 1 });
    expect(await holdStatus).toBe(0);
    expect(await chatStatus).toBe(0);
    await down;
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('shutdown destroys what is still running after the grace period, and drops later connections', async () => {
    const r = await start();
    const slow = unary(r, 'Slow', { service: '' });
    while (slowResolvers.length === 0) await sleep(5);
    const started = Date.now();
    await r.server.shutdown(100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    await expect(slow).rejects.toMatchObject({ code: expect.any(Number) });
    // An accepted socket after shutdown is dropped at once.
    const dropped = new Promise<void>((resolve) => {
      const s = net.connect(r.socketPath);
      s.on('close', () => resolve());
      s.on('error', () => undefined);
    });
    await dropped;
    r.listener.close();
  });
});
