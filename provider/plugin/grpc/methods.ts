// A service's methods (path, streaming flags, codecs) and the handlers our server runs for them.
// The method table has the shape of @grpc/grpc-js's ServiceDefinition, so the test clients
// (test/protocol/support) build grpc-js clients from the very same tables.

export interface MethodDefinition<Req, Res> {
  path: string;
  originalName: string;
  requestStream: boolean;
  responseStream: boolean;
  requestSerialize(value: Req): Buffer;
  requestDeserialize(bytes: Buffer): Req;
  responseSerialize(value: Res): Buffer;
  responseDeserialize(bytes: Buffer): Res;
}

export type ServiceDefinition = Record<string, MethodDefinition<any, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A server-streaming call held by its handler: the server ends it when the client goes or at shutdown. */
export interface ServerStreamCall<Res> {
  write(message: Res): void;
  /** Ends the call with status OK. */
  end(): void;
}

/** A bidirectional call: messages in, messages out. */
export interface DuplexCall<Req, Res> extends ServerStreamCall<Res> {
  onMessage(listener: (message: Req) => void): void;
  /** The client has finished sending. */
  onEnd(listener: () => void): void;
}

export type MethodHandler =
  | { kind: 'unary'; handle(request: unknown): Promise<unknown> }
  | { kind: 'serverStream'; open(request: unknown, call: ServerStreamCall<unknown>): void }
  | { kind: 'bidiStream'; open(call: DuplexCall<unknown, unknown>): void };

export type ServiceImplementation = Record<string, MethodHandler>;

export interface ServiceBinding {
  definition: ServiceDefinition;
  implementation: ServiceImplementation;
}
