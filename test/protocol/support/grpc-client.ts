// A gRPC client that plays the engine's part: it trusts only the certificate from the
// handshake line, checks it for "localhost" and presents the client certificate.
import * as grpc from '@grpc/grpc-js';
import {
  brokerService,
  controllerService,
  healthService,
  providerService,
  stdioService,
} from '../../../provider/plugin/services/definitions';
import type { ClientCert } from './client-cert';

export interface Handshake {
  core: string;
  app: string;
  network: string;
  address: string;
  protocol: string;
  certBase64: string;
}

export function parseHandshake(line: string): Handshake {
  const [core, app, network, address, protocol, certBase64] = line.split('|');
  return { core, app, network, address, protocol, certBase64: certBase64 ?? '' };
}

export function certPemFromHandshake(certBase64: string): string {
  const der = Buffer.from(certBase64, 'base64');
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
}

// The services' methods, looked up by name (untyped: the tests send and check plain objects).
type AnyClient = grpc.Client & Record<string, (...args: any[]) => any>;

export interface EngineClient {
  provider: AnyClient;
  controller: AnyClient;
  stdio: AnyClient;
  broker: AnyClient;
  health: AnyClient;
  close(): void;
}

/** `clientCert: null` connects over TLS without presenting a client certificate. */
export function connect(handshake: Handshake, clientCert: ClientCert | null | 'plaintext'): EngineClient {
  const address = `unix:${handshake.address}`;
  const creds =
    clientCert === 'plaintext'
      ? grpc.credentials.createInsecure()
      : clientCert === null
        ? grpc.credentials.createSsl(Buffer.from(certPemFromHandshake(handshake.certBase64)))
        : grpc.credentials.createSsl(
            Buffer.from(certPemFromHandshake(handshake.certBase64)),
            Buffer.from(clientCert.keyPem),
            Buffer.from(clientCert.certPem),
          );
  const options = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };
  const make = (def: grpc.ServiceDefinition, name: string) =>
    new (grpc.makeGenericClientConstructor(def, name))(address, creds, options) as unknown as AnyClient;
  const clients = {
    provider: make(providerService, 'Provider'),
    controller: make(controllerService, 'GRPCController'),
    stdio: make(stdioService, 'GRPCStdio'),
    broker: make(brokerService, 'GRPCBroker'),
    health: make(healthService, 'Health'),
  };
  return { ...clients, close: () => Object.values(clients).forEach((c) => c.close()) };
}

/** One unary call as a promise (5 s deadline so a broken server fails the test, not hangs it). */
export function call<Res = any>(client: AnyClient, method: string, request: object = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const deadline = new Date(Date.now() + 5000);
    client[method](request, { deadline }, (err: grpc.ServiceError | null, res: Res) =>
      err ? reject(err) : resolve(res),
    );
  });
}
