// Managed resource RPCs: upgrade, read, plan, apply, import. Each decodes with the resource's
// implied type, calls the resource, checks what comes back (type conformance; wholly known
// where the engine requires it) and applies the protocol's echo rules for private state and,
// for a resource that declares one, its identity.
import type { Diagnostic } from '../kit';
import { decodeJsonState } from '../cty/json';
import type { ObjectValue } from '../cty/types';
import { completeObject, containsUnknown } from '../cty/values';
import { errorDiagnostic, hasErrors, toProtoDiagnostics, toProtoPath } from '../diagnostics';
import type * as pb from '../proto/tfplugin6';
import { decodeConfig, decodeState, encodeDynamic, encodeOutgoing } from './dynamic-values';
import {
  changedIdentityDiagnostic,
  decodeIdentity,
  encodeIdentity,
  identityChanged,
  missingForImport,
  missingIdentityDiagnostic,
  showIdentity,
} from './identity';
import { parseRawStateJson } from './raw-state';
import type { ProviderRuntime, TypedResource } from './runtime';
import { internalError } from './unary';

const EMPTY = new Uint8Array(0);
const BUG = 'This is a bug in the provider.';

export function resourceRpcs(runtime: ProviderRuntime) {
  function upgradedState(req: pb.UpgradeResourceStateRequest, diagnostics: Diagnostic[]): ObjectValue | null {
    const r = runtime.resource(req.type_name);
    const raw = req.raw_state;
    if (!raw || raw.json.length === 0) {
      if (raw && Object.keys(raw.flatmap).length > 0) {
        diagnostics.push(
          errorDiagnostic(
            'Unsupported state format',
            `The state of this ${req.type_name} is in the flatmap format of Terraform before 0.12, which this provider cannot read. ` +
              'Remove it from the state (terraform state rm) and import it again.',
          ),
        );
      }
      return null;
    }
    const current = r.def.schema.version;
    if (req.version === current) return decodeJsonState(raw.json, r.type);
    if (req.version > current) {
      diagnostics.push(
        errorDiagnostic(
          'State written by a newer provider',
          `The state of this ${req.type_name} has schema version ${req.version}, but this provider knows versions up to ${current}. Use a newer provider version.`,
        ),
      );
      return null;
    }
    if (!r.def.upgrade) {
      diagnostics.push(
        errorDiagnostic(
          'Cannot upgrade state',
          `${req.type_name} has no upgrade from schema version ${req.version} to ${current}. ${BUG}`,
        ),
      );
      return null;
    }
    const res = r.def.upgrade(req.version, parseRawStateJson(raw.json));
    diagnostics.push(...res.diagnostics);
    return hasErrors(res.diagnostics) ? null : completeObject(res.state, r.type);
  }

  return {
    UpgradeResourceState(req: pb.UpgradeResourceStateRequest): pb.UpgradeResourceStateResponse {
      const r = runtime.resource(req.type_name);
      const diagnostics: Diagnostic[] = [];
      const state = upgradedState(req, diagnostics);
      if (state !== null) {
        const out = encodeOutgoing(state, r.type, `The upgraded state of ${req.type_name}`, true);
        diagnostics.push(...out.problems);
        if (out.dv) return { upgraded_state: out.dv, diagnostics: toProtoDiagnostics(diagnostics) };
      }
      return { diagnostics: toProtoDiagnostics(diagnostics) };
    },

    async ReadResource(req: pb.ReadResourceRequest): Promise<pb.ReadResourceResponse> {
      const r = runtime.resource(req.type_name);
      const current = decodeState(req.current_state, r.type);
      const currentIdentity = r.identityType ? decodeIdentity(req.current_identity, r.identityType) : null;
      const unchanged = {
        new_state: req.current_state,
        private: req.private,
        new_identity: r.identityType ? req.current_identity : undefined,
      };
      if (current === null) return { ...unchanged, diagnostics: [] };
      const c = await runtime.resourceContext();
      if (!c.ok) return { ...unchanged, diagnostics: toProtoDiagnostics([c.diagnostic]) };
      let res;
      try {
        res = await r.def.read({ state: current, private: req.private, identity: currentIdentity }, c.ctx);
      } catch (err) {
        return { ...unchanged, diagnostics: toProtoDiagnostics([internalError('ReadResource', runtime.log, err)]) };
      }
      const diagnostics = [...res.diagnostics];
      const priv = res.private ?? req.private;
      if (res.state === null) {
        // Gone. (With errors the engine ignores the answer: keep the current state to be safe.)
        return hasErrors(diagnostics)
          ? { ...unchanged, diagnostics: toProtoDiagnostics(diagnostics) }
          : { new_state: encodeDynamic(null, r.type), private: priv, diagnostics: toProtoDiagnostics(diagnostics) };
      }
      const out = encodeOutgoing(res.state, r.type, `The refreshed state of ${req.type_name}`, true);
      if (!out.dv) return { ...unchanged, diagnostics: toProtoDiagnostics([...diagnostics, ...out.problems]) };
      if (hasErrors(diagnostics)) {
        // A failed refresh: the engine keeps what it had, so the stored identity stays.
        return {
          new_state: out.dv,
          private: priv,
          new_identity: unchanged.new_identity,
          diagnostics: toProtoDiagnostics(diagnostics),
        };
      }
      const id = outgoingIdentity(r, 'refresh', res.identity, currentIdentity);
      if (id.problems.length > 0) {
        return { ...unchanged, diagnostics: toProtoDiagnostics([...diagnostics, ...id.problems]) };
      }
      return { new_state: out.dv, private: priv, new_identity: id.data, diagnostics: toProtoDiagnostics(diagnostics) };
    },

    async PlanResourceChange(req: pb.PlanResourceChangeRequest): Promise<pb.PlanResourceChangeResponse> {
      const r = runtime.resource(req.type_name);
      const prior = decodeState(req.prior_state, r.type);
      const proposed = decodeState(req.proposed_new_state, r.type);
      const base = { requires_replace: [], legacy_type_system: false, planned_private: req.prior_private };
      if (proposed === null) {
        // A planned destroy (capability plan_destroy): plan null, with the resource's warnings.
        // Config is null here; a null prior (nothing to destroy) needs no words.
        const diagnostics =
          prior === null
            ? []
            : (r.def.planDestroy?.({ prior, priorPrivate: req.prior_private }, runtime.callContext()) ?? []);
        return { ...base, planned_state: encodeDynamic(null, r.type), diagnostics: toProtoDiagnostics(diagnostics) };
      }
      const config = decodeConfig(req.config, r.type);
      const priorIdentity = r.identityType ? decodeIdentity(req.prior_identity, r.identityType) : null;
      const c = await runtime.resourceContext();
      if (!c.ok) return { ...base, diagnostics: toProtoDiagnostics([c.diagnostic]) };
      const res = await r.def.plan(
        {
          prior,
          proposed,
          config,
          priorPrivate: req.prior_private,
          priorIdentity,
          storesPlannedPrivate: req.client_capabilities?.store_planned_private === true,
          plannedPrivate: req.planned_private,
        },
        c.ctx,
      );
      const diagnostics = [...res.diagnostics];
      const out = encodeOutgoing(res.planned, r.type, `The planned state of ${req.type_name}`, false);
      const problems = [...out.problems];
      if (res.planned === null) {
        problems.push(
          errorDiagnostic('Provider returned an invalid plan', `The plan for ${req.type_name} is null. ${BUG}`),
        );
      }
      const id = plannedIdentity(r, res.plannedIdentity, priorIdentity);
      problems.push(...id.problems);
      diagnostics.push(...problems);
      return {
        planned_state: problems.length === 0 ? out.dv : undefined,
        requires_replace: (res.requiresReplace ?? []).map(toProtoPath),
        planned_private: res.plannedPrivate ?? req.prior_private,
        planned_identity: problems.length === 0 ? id.data : undefined,
        diagnostics: toProtoDiagnostics(diagnostics),
        legacy_type_system: false,
      };
    },

    async ApplyResourceChange(req: pb.ApplyResourceChangeRequest): Promise<pb.ApplyResourceChangeResponse> {
      const r = runtime.resource(req.type_name);
      const prior = decodeState(req.prior_state, r.type);
      const planned = decodeState(req.planned_state, r.type);
      const config = planned === null ? null : decodeConfig(req.config, r.type);
      const plannedIdentity = r.identityType ? decodeIdentity(req.planned_identity, r.identityType) : null;
      const base = { legacy_type_system: false, private: req.planned_private };
      // On failure the engine keeps whatever we return: the prior object (null for a create).
      const keepPrior = (diags: Diagnostic[]) => ({
        ...base,
        new_state: encodeDynamic(prior, r.type),
        diagnostics: toProtoDiagnostics(diags),
      });
      const c = await runtime.resourceContext();
      if (!c.ok) return keepPrior([c.diagnostic]);
      let res;
      try {
        res = await r.def.apply(
          { prior, planned, config, plannedPrivate: req.planned_private, plannedIdentity },
          c.ctx,
        );
      } catch (err) {
        return keepPrior([internalError('ApplyResourceChange', runtime.log, err)]);
      }
      const diagnostics = [...res.diagnostics];
      const priv = res.private ?? req.planned_private;
      if (planned === null) {
        if (res.state !== null) {
          diagnostics.push(
            errorDiagnostic(
              'Provider returned an invalid result',
              `Deleting ${req.type_name} returned a state instead of null. ${BUG}`,
            ),
          );
        }
        return {
          ...base,
          private: priv,
          new_state: encodeDynamic(null, r.type),
          diagnostics: toProtoDiagnostics(diagnostics),
        };
      }
      if (res.state === null) {
        if (!hasErrors(diagnostics)) {
          diagnostics.push(
            errorDiagnostic(
              'Provider returned an invalid result',
              `Applying ${req.type_name} returned no state. ${BUG}`,
            ),
          );
        }
        return keepPrior(diagnostics);
      }
      const out = encodeOutgoing(res.state, r.type, `The new state of ${req.type_name} after apply`, true);
      if (!out.dv) return keepPrior([...diagnostics, ...out.problems]);
      // An identity problem still returns the new state: the object exists, the engine must keep it.
      const id = outgoingIdentity(r, 'apply', res.identity, plannedIdentity);
      return {
        ...base,
        private: priv,
        new_state: out.dv,
        new_identity: id.data,
        diagnostics: toProtoDiagnostics([...diagnostics, ...id.problems]),
      };
    },

    async ImportResourceState(req: pb.ImportResourceStateRequest): Promise<pb.ImportResourceStateResponse> {
      const r = runtime.resource(req.type_name);
      const failed = (diags: Diagnostic[]) => ({ imported_resources: [], diagnostics: toProtoDiagnostics(diags) });
      if (!r.def.import) {
        return failed([
          errorDiagnostic('Import not supported', `The resource type ${req.type_name} cannot be imported.`),
        ]);
      }
      const wanted = importIdentity(r, req);
      if (!wanted.ok) return failed([wanted.problem]);
      const c = await runtime.resourceContext();
      if (!c.ok) return failed([c.diagnostic]);
      const res = await r.def.import(req.id, c.ctx, wanted.identity);
      const diagnostics = [...res.diagnostics];
      if (res.state === null) {
        if (!hasErrors(diagnostics)) {
          const which = wanted.identity
            ? `the identity ${showIdentity(wanted.identity, r.identityType!)}`
            : `the id "${req.id}"`;
          diagnostics.push(
            errorDiagnostic('Cannot import non-existent remote object', `No ${req.type_name} was found with ${which}.`),
          );
        }
        return failed(diagnostics);
      }
      const out = encodeOutgoing(res.state, r.type, `The imported state of ${req.type_name}`, true);
      if (!out.dv) return failed([...diagnostics, ...out.problems]);
      const id = outgoingIdentity(r, 'import', res.identity, wanted.identity);
      if (id.problems.length > 0) return failed([...diagnostics, ...id.problems]);
      return {
        imported_resources: [
          { type_name: req.type_name, state: out.dv, private: res.private ?? EMPTY, identity: id.data },
        ],
        diagnostics: toProtoDiagnostics(diagnostics),
      };
    },
  };
}

/**
 * The identity a read, apply or import answers with: the resource's, else the one it had
 * (`before`, when wholly known). A resource with identity must end with one, equal to `before` in
 * every attribute both know (docs/architecture.md §8, rule 14).
 */
function outgoingIdentity(
  r: TypedResource<unknown>,
  after: string,
  given: ObjectValue | undefined,
  before: ObjectValue | null,
): { data?: pb.ResourceIdentityData; problems: Diagnostic[] } {
  const schema = r.def.identity;
  if (!schema || !r.identityType) return { problems: [] };
  const identity = given ?? (before !== null && !containsUnknown(before) ? before : null);
  if (identity === null) return { problems: [missingIdentityDiagnostic(r.def.typeName, after)] };
  if (before !== null && identityChanged(before, identity, schema)) {
    return { problems: [changedIdentityDiagnostic(r.def.typeName, after, before, identity, r.identityType)] };
  }
  return encodeIdentity(identity, r.identityType, `The identity of ${r.def.typeName} after ${after}`);
}

/**
 * The plan's identity: the resource's, else the prior one; none on a create. Sent only wholly
 * known: OpenTofu 1.12 cannot store an unknown identity in a plan ("value is not known"), and
 * the apply gives the identity of a new object.
 */
function plannedIdentity(
  r: TypedResource<unknown>,
  given: ObjectValue | undefined,
  prior: ObjectValue | null,
): { data?: pb.ResourceIdentityData; problems: Diagnostic[] } {
  const schema = r.def.identity;
  if (!schema || !r.identityType) return { problems: [] };
  const identity = given ?? prior;
  if (identity === null || containsUnknown(identity)) return { problems: [] };
  if (prior !== null && identityChanged(prior, identity, schema)) {
    return { problems: [changedIdentityDiagnostic(r.def.typeName, 'plan', prior, identity, r.identityType)] };
  }
  return encodeIdentity(identity, r.identityType, `The planned identity of ${r.def.typeName}`);
}

/** The identity of `import { identity = {...} }` (null for an import by id), checked. */
function importIdentity(
  r: TypedResource<unknown>,
  req: pb.ImportResourceStateRequest,
): { ok: true; identity: ObjectValue | null } | { ok: false; problem: Diagnostic } {
  if (!req.identity?.identity_data) return { ok: true, identity: null };
  const schema = r.def.identity;
  if (!schema || !r.identityType) {
    return {
      ok: false,
      problem: errorDiagnostic(
        'Import by identity not supported',
        `The resource type ${req.type_name} has no resource identity: import it by id (import { to = ..., id = "..." }).`,
      ),
    };
  }
  const identity = decodeIdentity(req.identity, r.identityType);
  const missing = identity === null ? Object.keys(schema.attributes).sort() : missingForImport(schema, identity);
  if (identity === null || missing.length > 0) {
    const names = missing.map((n) => `"${n}"`).join(', ');
    return {
      ok: false,
      problem: errorDiagnostic(
        'Incomplete import identity',
        `Importing ${req.type_name} by identity needs ${names} in the import block's identity = { ... }.`,
      ),
    };
  }
  if (containsUnknown(identity)) {
    return {
      ok: false,
      problem: errorDiagnostic(
        'Unknown import identity',
        `The identity to import ${req.type_name} must be known at plan time; it holds values known only after apply.`,
      ),
    };
  }
  return { ok: true, identity };
}
