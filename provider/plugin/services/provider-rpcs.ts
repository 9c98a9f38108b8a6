// Provider-level RPCs: schema, metadata, validation, configure, stop, and data source reads.
import type { Diagnostic } from '../kit';
import { errorDiagnostic, hasErrors, toProtoDiagnostics } from '../diagnostics';
import * as pb from '../proto/tfplugin6';
import { schemaToProto } from '../schema-proto';
import { validateProviderSchemas } from '../schema-validate';
import { decodeConfig, encodeOutgoing } from './dynamic-values';
import type { ProviderRuntime } from './runtime';

/**
 * Destroys are planned by the provider too (PlanResourceChange with a null proposed state), so a
 * resource can warn about a destroy at plan time (ResourceDefinition.planDestroy); schema is cacheable.
 */
export const SERVER_CAPABILITIES: pb.ServerCapabilities = {
  plan_destroy: true,
  get_provider_schema_optional: true,
  move_resource_state: false,
  generate_resource_config: false,
};

export function providerRpcs(runtime: ProviderRuntime) {
  const { def } = runtime;
  let schemaResponse: pb.GetProviderSchemaResponse | undefined;

  return {
    GetProviderSchema(): pb.GetProviderSchemaResponse {
      schemaResponse ??= {
        provider: schemaToProto(def.schema),
        resource_schemas: Object.fromEntries(def.resources.map((r) => [r.typeName, schemaToProto(r.schema)])),
        data_source_schemas: Object.fromEntries(def.dataSources.map((d) => [d.typeName, schemaToProto(d.schema)])),
        diagnostics: toProtoDiagnostics(
          validateProviderSchemas(def).map((problem) =>
            errorDiagnostic('Invalid provider schema', `${problem}. This is a bug in the provider.`),
          ),
        ),
        server_capabilities: SERVER_CAPABILITIES,
      };
      return schemaResponse;
    },

    GetMetadata(): pb.GetMetadataResponse {
      return {
        server_capabilities: SERVER_CAPABILITIES,
        diagnostics: [],
        resources: def.resources.map((r) => ({ type_name: r.typeName })),
        data_sources: def.dataSources.map((d) => ({ type_name: d.typeName })),
      };
    },

    GetFunctions(): pb.GetFunctionsResponse {
      return { diagnostics: [] };
    },

    ValidateProviderConfig(req: pb.ValidateProviderConfigRequest): pb.ValidateProviderConfigResponse {
      const config = decodeConfig(req.config, runtime.providerType);
      return { diagnostics: toProtoDiagnostics(def.validateConfig?.(config, runtime.callContext()) ?? []) };
    },

    ValidateResourceConfig(req: pb.ValidateConfigRequest): pb.DiagnosticsResponse {
      const r = runtime.resource(req.type_name);
      const config = decodeConfig(req.config, r.type);
      return { diagnostics: toProtoDiagnostics(r.def.validate?.(config, runtime.callContext()) ?? []) };
    },

    ValidateDataResourceConfig(req: pb.ValidateConfigRequest): pb.DiagnosticsResponse {
      const d = runtime.dataSource(req.type_name);
      const config = decodeConfig(req.config, d.type);
      return { diagnostics: toProtoDiagnostics(d.def.validate?.(config, runtime.callContext()) ?? []) };
    },

    async ConfigureProvider(req: pb.ConfigureProviderRequest): Promise<pb.DiagnosticsResponse> {
      const config = decodeConfig(req.config, runtime.providerType);
      return { diagnostics: toProtoDiagnostics(await runtime.configure(config, req.terraform_version)) };
    },

    StopProvider(): pb.StopProviderResponse {
      runtime.stop();
      return { Error: '' };
    },

    async ReadDataSource(req: pb.ReadDataSourceRequest): Promise<pb.ReadDataSourceResponse> {
      const d = runtime.dataSource(req.type_name);
      const config = decodeConfig(req.config, d.type);
      const c = await runtime.resourceContext();
      if (!c.ok) return { diagnostics: toProtoDiagnostics([c.diagnostic]) };
      const res = await d.def.read(config, c.ctx);
      const diagnostics: Diagnostic[] = [...res.diagnostics];
      if (res.state === null) {
        if (!hasErrors(diagnostics)) {
          diagnostics.push(
            errorDiagnostic(
              'Provider returned no data',
              `The data source ${req.type_name} returned no state. This is a bug in the provider.`,
            ),
          );
        }
        return { diagnostics: toProtoDiagnostics(diagnostics) };
      }
      const out = encodeOutgoing(res.state, d.type, `The state of data source ${req.type_name}`, true);
      diagnostics.push(...out.problems);
      return { state: out.dv, diagnostics: toProtoDiagnostics(diagnostics) };
    },
  };
}
