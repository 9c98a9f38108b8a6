// The fixture provider launched, connected over mutual TLS and configured, for the suites that
// share one provider across their tests: `useConnectedProvider` registers the beforeAll that
// starts it (and checks ConfigureProvider answers no diagnostics) and the afterAll that stops it.
import type * as pb from '../../../provider/plugin/proto/tfplugin6';
import { makeClientCert, type ClientCert } from './client-cert';
import { call, connect, parseHandshake, type EngineClient } from './grpc-client';
import { launchProvider, stopProvider, type ProviderProcess } from './launcher';
import { dv, providerType } from './values';

export interface ConnectedOptions {
  /** ConfigureProvider's terraform_version. */
  terraformVersion: string;
  /** ConfigureProvider's client_capabilities (left out when undefined). */
  clientCapabilities?: pb.ClientCapabilities;
}

/** Set once beforeAll has run; `rpc` calls the Provider service. */
export interface ConnectedProvider {
  readonly clientCert: ClientCert;
  readonly provider: ProviderProcess;
  readonly engine: EngineClient;
  readonly rpc: <T = any>(method: string, req?: object) => Promise<T>;
}

export function useConnectedProvider(opts: ConnectedOptions): ConnectedProvider {
  let clientCert: ClientCert;
  let provider: ProviderProcess;
  let engine: EngineClient;

  beforeAll(async () => {
    clientCert = makeClientCert();
    provider = launchProvider({ clientCert });
    engine = connect(parseHandshake(await provider.firstLine), clientCert);
    const configured = await call(engine.provider, 'ConfigureProvider', {
      terraform_version: opts.terraformVersion,
      config: dv({}, providerType),
      ...(opts.clientCapabilities === undefined ? {} : { client_capabilities: opts.clientCapabilities }),
    });
    expect(configured.diagnostics).toEqual([]);
  });

  afterAll(async () => {
    engine.close();
    await stopProvider(provider);
  });

  return {
    get clientCert() {
      return clientCert;
    },
    get provider() {
      return provider;
    },
    get engine() {
      return engine;
    },
    rpc: <T = any>(method: string, req: object = {}) => call<T>(engine.provider, method, req),
  };
}

/** The summaries of an answer's diagnostics. */
export const summaries = (res: { diagnostics: pb.Diagnostic[] }) => res.diagnostics.map((d) => d.summary);
