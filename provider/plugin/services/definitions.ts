// gRPC service definitions (method paths + message codecs), built from our own message tables.
// The same definitions serve the provider (../grpc/server.ts) and drive the grpc-js test clients.
import type { MethodDefinition, ServiceDefinition } from '../grpc/methods';
import type { MessageCodec } from '../proto/message';
import * as gp from '../proto/goplugin';
import * as pb from '../proto/tfplugin6';

interface MethodSpec {
  request: MessageCodec<unknown>;
  response: MessageCodec<unknown>;
  requestStream?: boolean;
  responseStream?: boolean;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

export function serviceDefinition(serviceName: string, methods: Record<string, MethodSpec>): ServiceDefinition {
  const out: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const [name, m] of Object.entries(methods)) {
    out[name] = {
      path: `/${serviceName}/${name}`,
      originalName: name,
      requestStream: m.requestStream ?? false,
      responseStream: m.responseStream ?? false,
      requestSerialize: (v: unknown) => toBuffer(m.request.encode(v)),
      // A plain Uint8Array view (no copy): ProtoReader copies bytes fields out with slice(), which
      // on a Buffer would share the HTTP/2 chunk's memory instead.
      requestDeserialize: (b: Buffer) => m.request.decode(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)),
      responseSerialize: (v: unknown) => toBuffer(m.response.encode(v)),
      responseDeserialize: (b: Buffer) => m.response.decode(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)),
    };
  }
  return out;
}

export const providerService = serviceDefinition('tfplugin6.Provider', {
  GetMetadata: { request: pb.EmptyRequest, response: pb.GetMetadataResponse },
  GetProviderSchema: { request: pb.EmptyRequest, response: pb.GetProviderSchemaResponse },
  GetFunctions: { request: pb.EmptyRequest, response: pb.GetFunctionsResponse },
  ValidateProviderConfig: { request: pb.ValidateProviderConfigRequest, response: pb.ValidateProviderConfigResponse },
  ValidateResourceConfig: { request: pb.ValidateConfigRequest, response: pb.DiagnosticsResponse },
  ValidateDataResourceConfig: { request: pb.ValidateConfigRequest, response: pb.DiagnosticsResponse },
  UpgradeResourceState: { request: pb.UpgradeResourceStateRequest, response: pb.UpgradeResourceStateResponse },
  GetResourceIdentitySchemas: { request: pb.EmptyRequest, response: pb.GetResourceIdentitySchemasResponse },
  UpgradeResourceIdentity: {
    request: pb.UpgradeResourceIdentityRequest,
    response: pb.UpgradeResourceIdentityResponse,
  },
  ConfigureProvider: { request: pb.ConfigureProviderRequest, response: pb.DiagnosticsResponse },
  ReadResource: { request: pb.ReadResourceRequest, response: pb.ReadResourceResponse },
  PlanResourceChange: { request: pb.PlanResourceChangeRequest, response: pb.PlanResourceChangeResponse },
  ApplyResourceChange: { request: pb.ApplyResourceChangeRequest, response: pb.ApplyResourceChangeResponse },
  ImportResourceState: { request: pb.ImportResourceStateRequest, response: pb.ImportResourceStateResponse },
  ReadDataSource: { request: pb.ReadDataSourceRequest, response: pb.ReadDataSourceResponse },
  StopProvider: { request: pb.EmptyRequest, response: pb.StopProviderResponse },
});

export const controllerService = serviceDefinition('plugin.GRPCController', {
  Shutdown: { request: gp.Empty, response: gp.Empty },
});

export const stdioService = serviceDefinition('plugin.GRPCStdio', {
  StreamStdio: { request: gp.Empty, response: gp.StdioData, responseStream: true },
});

export const brokerService = serviceDefinition('plugin.GRPCBroker', {
  StartStream: { request: gp.ConnInfo, response: gp.ConnInfo, requestStream: true, responseStream: true },
});

export const healthService = serviceDefinition('grpc.health.v1.Health', {
  Check: { request: gp.HealthCheckRequest, response: gp.HealthCheckResponse },
});
