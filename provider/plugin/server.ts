// The gRPC server on a unix socket: our own minimal gRPC server on node:http2 (./grpc/server.ts)
// handles the calls; we own the listener (plain or pinned mutual TLS) and hand it the accepted
// sockets. Request messages up to 256 MiB (MAX_MESSAGE_BYTES); ours are far smaller.
import { chmod } from 'node:fs/promises';
import * as net from 'node:net';
import { GrpcServer } from './grpc/server';
import type { ServiceBinding } from './grpc/methods';
import type { Logger } from './kit';
import { createPinnedTlsServer } from './tls/pinned-listener';
import type { ServerCertificate } from './tls/server-cert';

export type { ServiceBinding };

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
  const grpcServer = new GrpcServer(services, { debug: (message, fields) => opts.log.debug(message, fields) });
  const inject = (socket: import('node:stream').Duplex) => grpcServer.inject(socket);

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
      return grpcServer.shutdown(graceMs);
    },
  };
}
