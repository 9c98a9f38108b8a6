// The gRPC server on a unix socket: grpc-js handles HTTP/2 and the calls; we own the listener
// (plain or pinned mutual TLS) and hand accepted sockets to grpc-js through a connection
// injector. Messages have no size limit, as the engines allow up to 2 GiB.
import * as grpc from '@grpc/grpc-js';
import { chmod } from 'node:fs/promises';
import * as net from 'node:net';
import type { Logger } from './kit';
import { createPinnedTlsServer } from './tls/pinned-listener';
import type { ServerCertificate } from './tls/server-cert';

export interface ServiceBinding {
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
}

export interface ServerOptions {
  socketPath: string;
  /** Mutual TLS; plaintext when absent (TF_DISABLE_PLUGIN_TLS, or debug/reattach mode). */
  tls?: { certificate: ServerCertificate; clientCertDer: Uint8Array };
  log: Logger;
}

export interface PluginServer {
  /** Stops accepting, lets calls in flight finish (up to `graceMs`), then resolves. */
  shutdown(graceMs: number): Promise<void>;
}

export async function startServer(services: ServiceBinding[], opts: ServerOptions): Promise<PluginServer> {
  const grpcServer = new grpc.Server({
    'grpc.max_receive_message_length': -1,
    'grpc.max_send_message_length': -1,
  });
  for (const s of services) grpcServer.addService(s.definition, s.implementation);
  const injector = grpcServer.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  const inject = (socket: import('node:stream').Duplex) => injector.injectConnection(socket);

  const listener: net.Server = opts.tls
    ? createPinnedTlsServer(opts.tls.certificate, opts.tls.clientCertDer, inject, opts.log)
    : net.createServer(inject);

  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    // The socket is owner-only (0600) from the moment it exists: Node binds a unix socket
    // synchronously inside listen(), so a umask set around the call alone decides its mode.
    const umask = process.umask(0o177);
    try {
      listener.listen(opts.socketPath, () => {
        listener.off('error', reject);
        resolve();
      });
    } finally {
      process.umask(umask);
    }
  });
  // And 0600 whatever the platform did with the umask, before the handshake line names it.
  await chmod(opts.socketPath, 0o600);
  listener.on('error', (err) => opts.log.error('Listener error', { error: err.message }));

  return {
    shutdown(graceMs) {
      listener.close();
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          grpcServer.forceShutdown();
          resolve();
        }, graceMs);
        grpcServer.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
