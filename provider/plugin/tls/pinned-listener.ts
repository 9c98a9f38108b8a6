// Mutual TLS with a pinned client certificate. go-plugin's client presents exactly the
// certificate it passed in PLUGIN_CLIENT_CERT, so instead of building a CA store we accept a
// connection only when the peer's certificate is byte-identical to that one (the TLS handshake
// already proves the peer holds its private key). `ca: []` keeps Node from parsing its ~140
// bundled root certificates on the first secure context (about 16 ms of startup).
import { X509Certificate } from 'node:crypto';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import type { Logger } from '../kit';
import type { ServerCertificate } from './server-cert';

/** DER bytes of the single PEM certificate in PLUGIN_CLIENT_CERT. */
export function clientCertificateDer(pem: string): Uint8Array {
  try {
    return new Uint8Array(new X509Certificate(pem).raw);
  } catch (err) {
    throw new Error(
      `PLUGIN_CLIENT_CERT is not a PEM certificate: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

export function createPinnedTlsServer(
  certificate: ServerCertificate,
  clientCertDer: Uint8Array,
  onAccepted: (socket: Duplex) => void,
  log: Logger,
): tls.Server {
  const server = tls.createServer({
    cert: certificate.certPem,
    key: certificate.keyPem,
    ca: [],
    requestCert: true,
    rejectUnauthorized: false, // we verify by pinning below
    minVersion: 'TLSv1.2',
    ALPNProtocols: ['h2'], // newer grpc-go clients insist on h2 being negotiated
  });
  server.on('secureConnection', (socket: tls.TLSSocket) => {
    const peer = socket.getPeerX509Certificate();
    if (!peer || !sameBytes(new Uint8Array(peer.raw), clientCertDer)) {
      log.warn("Rejected a connection without the engine's client certificate", { presented: peer !== undefined });
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    onAccepted(socket);
  });
  server.on('tlsClientError', (err) => log.debug('TLS handshake failed', { error: err.message }));
  return server;
}
