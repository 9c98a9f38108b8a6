// The tfplugin6.Provider service: every RPC wrapped for logging and error-to-diagnostic
// conversion. Methods we do not register (MoveResourceState, CallFunction, and the later RPCs
// of ephemeral and list resources, state stores, actions) answer UNIMPLEMENTED, which the
// engines only reach when a capability, a schema or a function says so.
import type { ServiceImplementation } from '../grpc/methods';
import type { Diagnostic } from '../proto/tfplugin6';
import { identityRpcs } from './identity-rpcs';
import { providerRpcs } from './provider-rpcs';
import { resourceRpcs } from './resource-rpcs';
import type { ProviderRuntime } from './runtime';
import { unary, type FailureResponse } from './unary';

/* eslint-disable @typescript-eslint/unbound-method -- the RPC tables from providerRpcs/resourceRpcs are
   closures: their functions never use `this`, so passing them detached is safe. */
const EMPTY = new Uint8Array(0);
const diagnosticsOnly: FailureResponse<{ diagnostics: Diagnostic[] }> = (diagnostics) => ({ diagnostics });

export function providerImplementation(runtime: ProviderRuntime): ServiceImplementation {
  const p = providerRpcs(runtime);
  const r = resourceRpcs(runtime);
  const i = identityRpcs(runtime);
  const log = runtime.log;
  return {
    GetProviderSchema: unary('GetProviderSchema', log, p.GetProviderSchema, (diagnostics) => ({
      resource_schemas: {},
      data_source_schemas: {},
      diagnostics,
    })),
    GetMetadata: unary('GetMetadata', log, p.GetMetadata, (diagnostics) => ({
      diagnostics,
      resources: [],
      data_sources: [],
    })),
    GetFunctions: unary('GetFunctions', log, p.GetFunctions, diagnosticsOnly),
    ValidateProviderConfig: unary('ValidateProviderConfig', log, p.ValidateProviderConfig, diagnosticsOnly),
    ValidateResourceConfig: unary('ValidateResourceConfig', log, p.ValidateResourceConfig, diagnosticsOnly),
    ValidateDataResourceConfig: unary('ValidateDataResourceConfig', log, p.ValidateDataResourceConfig, diagnosticsOnly),
    ConfigureProvider: unary('ConfigureProvider', log, p.ConfigureProvider, diagnosticsOnly),
    StopProvider: unary('StopProvider', log, p.StopProvider, (diagnostics) => ({
      Error: diagnostics[0]?.summary ?? 'stop failed',
    })),
    ReadDataSource: unary('ReadDataSource', log, p.ReadDataSource, diagnosticsOnly),
    UpgradeResourceState: unary('UpgradeResourceState', log, r.UpgradeResourceState, diagnosticsOnly),
    GetResourceIdentitySchemas: unary(
      'GetResourceIdentitySchemas',
      log,
      i.GetResourceIdentitySchemas,
      (diagnostics) => ({
        identity_schemas: {},
        diagnostics,
      }),
    ),
    UpgradeResourceIdentity: unary('UpgradeResourceIdentity', log, i.UpgradeResourceIdentity, diagnosticsOnly),
    ReadResource: unary('ReadResource', log, r.ReadResource, (diagnostics) => ({ diagnostics, private: EMPTY })),
    PlanResourceChange: unary('PlanResourceChange', log, r.PlanResourceChange, (diagnostics) => ({
      diagnostics,
      requires_replace: [],
      planned_private: EMPTY,
      legacy_type_system: false,
    })),
    ApplyResourceChange: unary('ApplyResourceChange', log, r.ApplyResourceChange, (diagnostics) => ({
      diagnostics,
      private: EMPTY,
      legacy_type_system: false,
    })),
    ImportResourceState: unary('ImportResourceState', log, r.ImportResourceState, (diagnostics) => ({
      diagnostics,
      imported_resources: [],
    })),
  };
}
