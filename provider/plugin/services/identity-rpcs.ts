// Resource identity RPCs (protocol 6.9+; engines before it never call them): the identity schemas,
// and the upgrade of an identity stored by an older identity version (docs/architecture.md §8,
// rule 14).
import type { Diagnostic } from '../kit';
import { decodeJsonState } from '../cty/json';
import type { ObjectValue } from '../cty/types';
import { completeObject } from '../cty/values';
import { errorDiagnostic, hasErrors, toProtoDiagnostics } from '../diagnostics';
import type * as pb from '../proto/tfplugin6';
import { identitySchemaToProto } from '../schema-proto';
import { encodeIdentity } from './identity';
import { parseRawStateJson } from './raw-state';
import type { ProviderRuntime, TypedResource } from './runtime';

const BUG = 'This is a bug in the provider.';

export function identityRpcs(runtime: ProviderRuntime) {
  let schemas: pb.GetResourceIdentitySchemasResponse | undefined;

  function upgraded(
    r: TypedResource<unknown>,
    req: pb.UpgradeResourceIdentityRequest,
    diagnostics: Diagnostic[],
  ): ObjectValue | null {
    const schema = r.def.identity;
    if (!schema || !r.identityType) {
      diagnostics.push(
        errorDiagnostic(
          'No resource identity',
          `The resource type ${req.type_name} declares no resource identity, so it has none to upgrade.`,
        ),
      );
      return null;
    }
    const raw = req.raw_identity;
    if (!raw || raw.json.length === 0) return null;
    if (req.version === schema.version) return decodeJsonState(raw.json, r.identityType);
    if (req.version > schema.version) {
      diagnostics.push(
        errorDiagnostic(
          'Resource identity written by a newer provider',
          `The identity of this ${req.type_name} has version ${req.version}, but this provider knows versions up to ${schema.version}. Use a newer provider version.`,
        ),
      );
      return null;
    }
    if (!r.def.upgradeIdentity) {
      diagnostics.push(
        errorDiagnostic(
          'Cannot upgrade resource identity',
          `${req.type_name} has no upgrade from identity version ${req.version} to ${schema.version}. ${BUG}`,
        ),
      );
      return null;
    }
    const res = r.def.upgradeIdentity(req.version, parseRawStateJson(raw.json));
    diagnostics.push(...res.diagnostics);
    return hasErrors(res.diagnostics) ? null : completeObject(res.identity, r.identityType);
  }

  return {
    GetResourceIdentitySchemas(): pb.GetResourceIdentitySchemasResponse {
      schemas ??= {
        identity_schemas: Object.fromEntries(
          runtime.def.resources.flatMap((r) => (r.identity ? [[r.typeName, identitySchemaToProto(r.identity)]] : [])),
        ),
        diagnostics: [],
      };
      return schemas;
    },

    UpgradeResourceIdentity(req: pb.UpgradeResourceIdentityRequest): pb.UpgradeResourceIdentityResponse {
      const r = runtime.resource(req.type_name);
      const diagnostics: Diagnostic[] = [];
      const identity = upgraded(r, req, diagnostics);
      if (identity !== null && r.identityType) {
        const out = encodeIdentity(identity, r.identityType, `The upgraded identity of ${req.type_name}`);
        diagnostics.push(...out.problems);
        if (out.data) return { upgraded_identity: out.data, diagnostics: toProtoDiagnostics(diagnostics) };
      }
      return { diagnostics: toProtoDiagnostics(diagnostics) };
    },
  };
}
