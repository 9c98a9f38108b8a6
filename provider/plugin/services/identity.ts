// Resource identity on the wire (protocol 6.9+): its object type, decoding what the engine sends,
// and the checks on what a resource returns (docs/architecture.md §8, rule 14).
import type { Diagnostic, IdentitySchema } from '../kit';
import { encodeJsonValue } from '../cty/json';
import { setOwn } from '../cty/records';
import { UNKNOWN, type CtyType, type ObjectValue } from '../cty/types';
import { containsUnknown, valuesEqual } from '../cty/values';
import { errorDiagnostic } from '../diagnostics';
import type * as pb from '../proto/tfplugin6';
import { decodeState, encodeOutgoing } from './dynamic-values';

const BUG = 'This is a bug in the provider.';

/** The object type identity data is encoded with: one attribute per identity attribute. */
export function identityType(schema: IdentitySchema): CtyType {
  const attrs: { [name: string]: CtyType } = {};
  for (const [name, a] of Object.entries(schema.attributes)) setOwn(attrs, name, a.type);
  return ['object', attrs];
}

/** Null when the engine sent none (an engine before 6.9, a state without identity, a create). */
export function decodeIdentity(data: pb.ResourceIdentityData | undefined, type: CtyType): ObjectValue | null {
  return data?.identity_data ? decodeState(data.identity_data, type) : null;
}

/** The required-for-import attributes an import-by-identity object leaves null. */
export function missingForImport(schema: IdentitySchema, identity: ObjectValue): string[] {
  return Object.entries(schema.attributes)
    .filter(([name, a]) => a.requiredForImport === true && (identity[name] === null || identity[name] === undefined))
    .map(([name]) => name)
    .sort();
}

/** The identity as the user would write it, for messages: {"tenant_id":"…"}. */
export function showIdentity(identity: ObjectValue | null, type: CtyType): string {
  if (identity === null) return 'none';
  return containsUnknown(identity) ? '(known after apply)' : encodeJsonValue(identity, type);
}

/**
 * True when `next` differs from `prior` in an attribute both know. A null in `prior` is not
 * known yet (an optional-for-import attribute the import block left out), so it may be filled.
 */
export function identityChanged(prior: ObjectValue, next: ObjectValue, schema: IdentitySchema): boolean {
  return Object.entries(schema.attributes).some(([name, a]) => {
    const before = prior[name] ?? null;
    const after = next[name] ?? null;
    return before !== null && before !== UNKNOWN && after !== UNKNOWN && !valuesEqual(before, after, a.type);
  });
}

/** `identity` checked (schema type, wholly known) and encoded, or the problems as error diagnostics. */
export function encodeIdentity(
  identity: ObjectValue,
  type: CtyType,
  what: string,
): { data?: pb.ResourceIdentityData; problems: Diagnostic[] } {
  const out = encodeOutgoing(identity, type, what, true);
  return out.dv ? { data: { identity_data: out.dv }, problems: [] } : { problems: out.problems };
}

export function missingIdentityDiagnostic(typeName: string, after: string): Diagnostic {
  return errorDiagnostic(
    'Provider returned no resource identity',
    `${typeName} declares a resource identity, but returned none after ${after}. ${BUG}`,
  );
}

export function changedIdentityDiagnostic(
  typeName: string,
  after: string,
  before: ObjectValue,
  now: ObjectValue,
  type: CtyType,
): Diagnostic {
  return errorDiagnostic(
    'Provider changed the resource identity',
    `After ${after}, ${typeName} has the identity ${showIdentity(now, type)}, but it was ${showIdentity(before, type)}; ` +
      `the identity of an object never changes. ${BUG}`,
  );
}
