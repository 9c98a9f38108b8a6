// DynamicValue <-> cty values, and the checks applied to every value we send back. The engines
// send msgpack (json only as a fallback); an absent or empty DynamicValue means null. We always
// answer in msgpack.
import type { Diagnostic } from '../kit';
import { decodeJsonValue } from '../cty/json';
import { decodeMsgpack, encodeConformingMsgpack, encodeMsgpack } from '../cty/msgpack';
import { UNKNOWN, isObjectValue, isUnknown, type CtyType, type ObjectValue, type Value } from '../cty/types';
import { completeObject, conformsTo, containsUnknown } from '../cty/values';
import { errorDiagnostic } from '../diagnostics';
import type { DynamicValue } from '../proto/tfplugin6';

const EMPTY = new Uint8Array(0);

export function decodeDynamic(dv: DynamicValue | undefined, type: CtyType): Value {
  if (!dv) return null;
  if (dv.msgpack.length > 0) return decodeMsgpack(dv.msgpack, type);
  if (dv.json.length > 0) return decodeJsonValue(dv.json, type);
  return null;
}

export function encodeDynamic(value: Value, type: CtyType): DynamicValue {
  return { msgpack: encodeMsgpack(value, type), json: EMPTY };
}

/** A state: null stays null (no object); anything else must be an object. */
export function decodeState(dv: DynamicValue | undefined, type: CtyType): ObjectValue | null {
  const v = decodeDynamic(dv, type);
  if (v === null) return null;
  if (!isObjectValue(v)) throw new Error('the engine sent a state that is not an object');
  return v;
}

/**
 * A configuration: always an object for the kit. A null config (nothing written) becomes an
 * object of nulls; a wholly unknown one an object of unknowns.
 */
export function decodeConfig(dv: DynamicValue | undefined, type: CtyType): ObjectValue {
  const v = decodeDynamic(dv, type);
  if (isObjectValue(v)) return v;
  if (isUnknown(v) && Array.isArray(type) && type[0] === 'object') {
    return Object.fromEntries(Object.keys(type[1]).map((k) => [k, UNKNOWN]));
  }
  return completeObject({}, type);
}

/**
 * A value the provider is about to return, checked and then encoded: `dv` when it is valid, else
 * the problems as error diagnostics. `what` names it for the user, e.g. "the new state of
 * example_thing after apply"; `wholeKnown` refuses unknowns (states, unlike plans).
 */
export function encodeOutgoing(
  value: Value,
  type: CtyType,
  what: string,
  wholeKnown: boolean,
): { dv?: DynamicValue; problems: Diagnostic[] } {
  const problems = checkOutgoing(value, type, what, wholeKnown);
  // Checked: the encoder need not walk the value again.
  return problems.length > 0
    ? { problems }
    : { dv: { msgpack: encodeConformingMsgpack(value, type), json: EMPTY }, problems };
}

function checkOutgoing(value: Value, type: CtyType, what: string, wholeKnown: boolean): Diagnostic[] {
  const mismatch = conformsTo(value, type);
  if (mismatch !== null) {
    return [
      errorDiagnostic(
        'Provider returned an invalid value',
        `${what} does not match the schema: ${mismatch}. This is a bug in the provider.`,
      ),
    ];
  }
  if (wholeKnown && containsUnknown(value)) {
    return [
      errorDiagnostic(
        'Provider returned an invalid value',
        `${what} contains unknown values; it must be wholly known. This is a bug in the provider.`,
      ),
    ];
  }
  return [];
}
