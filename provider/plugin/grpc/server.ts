// A minimal gRPC server on node:http2, for what the provider serves: unary calls, one
// server-streaming call held open (GRPCStdio/StreamStdio) and one bidirectional call left idle
// (GRPCBroker/StartStream). No compression, no deadlines (the engines set none), no
// client-streaming. Sockets come from our own listener (docs/architecture.md §1), already past
// TLS when there is TLS, so the HTTP/2 server is a plaintext (h2c) one fed by `inject`.
import * as http2 from 'node:http2';
import type { Duplex } from 'node:stream';
import { MessageReader, frameMessage } from './frames';
import type { DuplexCall, MethodDefinition, MethodHandler, ServerStreamCall, ServiceBinding } from './methods';
import { GrpcError, Status, encodeGrpcMessage, type StatusCode } from './status';

/** The largest request message accepted (the engines allow 2 GiB; ours stay far below this). */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

export interface GrpcServerOptions {
  maxMessageBytes?: number;
  /** Where session and stream failures go (debug level: a vanished client is not our error). */
  debug?: (message: string, fields: Record<string, unknown>) => void;
}

interface Method {
  definition: MethodDefinition<unknown, unknown>;
  handler: MethodHandler;
}

function kindOf(def: MethodDefinition<unknown, unknown>): MethodHandler['kind'] | undefined {
  if (!def.requestStream && !def.responseStream) return 'unary';
  if (!def.requestStream && def.responseStream) return 'serverStream';
  if (def.requestStream && def.responseStream) return 'bidiStream';
  return undefined;
}

function errorStatus(err: unknown): [StatusCode, string] {
  if (err instanceof GrpcError) return [err.code, err.message];
  return [Status.UNKNOWN, err instanceof Error ? err.message : String(err)];
}

/** The answer side of one call: headers once, framed messages, then trailers carrying the status. */
class Response {
  private headersSent = false;
  private finished = false;

  constructor(private readonly stream: http2.ServerHttp2Stream) {}

  get open(): boolean {
    return !this.finished && !this.stream.destroyed && !this.stream.closed;
  }

  sendHeaders(): void {
    if (this.headersSent || !this.open) return;
    this.headersSent = true;
    this.stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
  }

  write(message: Buffer): void {
    if (!this.open) return;
    this.sendHeaders();
    const [prefix, body] = frameMessage(message);
    this.stream.cork();
    this.stream.write(prefix);
    this.stream.write(body);
    this.stream.uncork();
  }

  finish(code: StatusCode, message?: string, extra?: http2.OutgoingHttpHeaders): void {
    if (!this.open) return;
    this.finished = true;
    const trailers: http2.OutgoingHttpHeaders = { ...extra, 'grpc-status': String(code) };
    if (message !== undefined && message !== '') trailers['grpc-message'] = encodeGrpcMessage(message);
    if (!this.headersSent) {
      // Trailers-only: one HEADERS frame carrying the status and ending the stream.
      this.headersSent = true;
      this.stream.respond({ ':status': 200, 'content-type': 'application/grpc', ...trailers }, { endStream: true });
      return;
    }
    this.stream.once('wantTrailers', () => this.stream.sendTrailers(trailers));
    this.stream.end();
  }
}

export class GrpcServer {
  private readonly methods = new Map<string, Method>();
  private readonly http2Server: http2.Http2Server;
  private readonly sessions = new Set<http2.ServerHttp2Session>();
  /** End functions of the streaming calls held open; shutdown ends them with OK. */
  private readonly held = new Set<() => void>();
  private readonly maxMessageBytes: number;
  private readonly debug: NonNullable<GrpcServerOptions['debug']>;
  private closing = false;

  constructor(services: ServiceBinding[], opts: GrpcServerOptions = {}) {
    this.maxMessageBytes = opts.maxMessageBytes ?? MAX_MESSAGE_BYTES;
    this.debug = opts.debug ?? (() => undefined);
    for (const { definition, implementation } of services) {
      for (const [name, def] of Object.entries(definition)) {
        const handler = implementation[name];
        if (handler === undefined) continue; // answered UNIMPLEMENTED, as an unknown path
        if (handler.kind !== kindOf(def)) throw new Error(`${def.path}: a ${handler.kind} handler for this method`);
        this.methods.set(def.path, { definition: def, handler });
      }
    }
    this.http2Server = http2.createServer({
      // Node refuses new streams once a session buffers more than maxSessionMemory (10 MB by
      // default); a large schema answer queued for a slow reader must not hit that.
      maxSessionMemory: 1024,
    });
    this.http2Server.on('session', (session) => {
      this.sessions.add(session);
      session.on('close', () => this.sessions.delete(session));
      session.on('error', (err: Error) => this.debug('HTTP/2 session failed', { error: err.message }));
    });
    this.http2Server.on('stream', (stream, headers) => this.onStream(stream, headers));
  }

  /** Serves HTTP/2 on an accepted socket (plain, or already past TLS). */
  inject(socket: Duplex): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    this.http2Server.emit('connection', socket);
  }

  /** Refuses new calls, ends the held streams, lets calls in flight finish for up to `graceMs`,
   * then destroys what is left. */
  shutdown(graceMs: number): Promise<void> {
    this.closing = true;
    for (const end of [...this.held]) end();
    for (const session of this.sessions) session.close();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        for (const session of this.sessions) session.destroy();
        resolve();
      }, graceMs);
      const check = () => {
        if (this.sessions.size > 0) return;
        clearTimeout(timer);
        resolve();
      };
      for (const session of this.sessions) session.once('close', () => setImmediate(check));
      check();
    });
  }

  private onStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on('error', (err) => this.debug('gRPC stream failed', { path: headers[':path'], error: err.message }));
    const response = new Response(stream);
    const contentType = headers['content-type'];
    if (headers[':method'] !== 'POST' || contentType === undefined || !/^application\/grpc($|[+;])/.test(contentType)) {
      // Not a gRPC request: an HTTP error, so no plain HTTP/2 client mistakes it for a success.
      stream.respond({ ':status': headers[':method'] !== 'POST' ? 405 : 415 }, { endStream: true });
      return;
    }
    const encoding = headers['grpc-encoding'];
    if (encoding !== undefined && encoding !== 'identity') {
      response.finish(Status.UNIMPLEMENTED, `message encoding "${String(encoding)}" is not supported`, {
        'grpc-accept-encoding': 'identity',
      });
      return;
    }
    const method = this.methods.get(headers[':path'] ?? '');
    if (method === undefined) {
      response.finish(Status.UNIMPLEMENTED, `the provider does not implement the method ${headers[':path']}`);
      return;
    }
    const { definition, handler } = method;
    const reader = new MessageReader(this.maxMessageBytes);
    const decode = (bytes: Buffer): unknown => {
      try {
        return definition.requestDeserialize(bytes);
      } catch (err) {
        throw new GrpcError(Status.INTERNAL, `the request could not be decoded: ${errorStatus(err)[1]}`);
      }
    };
    const fail = (err: unknown) => response.finish(...errorStatus(err));
    const send = (message: unknown) => response.write(definition.responseSerialize(message));

    if (handler.kind === 'bidiStream') {
      const messageListeners: ((m: unknown) => void)[] = [];
      const endListeners: (() => void)[] = [];
      const end = () => response.finish(Status.OK);
      const call: DuplexCall<unknown, unknown> = {
        write: send,
        end,
        onMessage: (l) => messageListeners.push(l),
        onEnd: (l) => endListeners.push(l),
      };
      this.hold(stream, end);
      response.sendHeaders();
      stream.on('data', (chunk: Buffer) => {
        if (!response.open) return;
        try {
          for (const bytes of reader.push(chunk)) {
            const message = decode(bytes);
            for (const l of messageListeners) l(message);
          }
        } catch (err) {
          fail(err);
        }
      });
      stream.on('end', () => {
        if (response.open) for (const l of endListeners) l();
      });
      handler.open(call);
      return;
    }

    // Unary and server-streaming: exactly one request message, complete when the client ends its side.
    const received: Buffer[] = [];
    let refused = false;
    stream.on('data', (chunk: Buffer) => {
      if (refused) return;
      try {
        received.push(...reader.push(chunk));
      } catch (err) {
        refused = true;
        fail(err);
      }
    });
    stream.on('end', () => {
      if (refused || !response.open) return;
      try {
        if (reader.partial) throw new GrpcError(Status.INTERNAL, 'the request ended inside a message');
        if (received.length !== 1) {
          throw new GrpcError(Status.INTERNAL, `expected one request message, received ${received.length}`);
        }
        const request = decode(received[0]);
        if (handler.kind === 'serverStream') {
          const end = () => response.finish(Status.OK);
          const call: ServerStreamCall<unknown> = { write: send, end };
          this.hold(stream, end);
          response.sendHeaders();
          handler.open(request, call);
          return;
        }
        handler.handle(request).then((answer) => {
          try {
            send(answer);
            response.finish(Status.OK);
          } catch (err) {
            response.finish(Status.INTERNAL, `the response could not be encoded: ${errorStatus(err)[1]}`);
          }
        }, fail);
      } catch (err) {
        fail(err);
      }
    });
  }

  /** Tracks a streaming call until its stream closes, so that shutdown can end it. */
  private hold(stream: http2.ServerHttp2Stream, end: () => void): void {
    this.held.add(end);
    stream.once('close', () => this.held.delete(end));
  }
}
