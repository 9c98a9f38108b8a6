// The cty type system as the engines describe it on the wire (compact JSON form), and the JS
// representation of cty values used everywhere above the codec.
//
// Values:
//   null                      -> null (any type)
//   unknown                   -> UNKNOWN (refinements are dropped on decode)
//   string                    -> string
//   bool                      -> boolean
//   number                    -> CtyNumber: a JS number when it is exactly representable,
//                                a bigint for 64-bit integers beyond 2^53, or a Decimal for
//                                decimal text the engine sent as a string (kept verbatim)
//   list / set / tuple        -> Value[]
//   map / object              -> { [key]: Value } (objects always carry every attribute)
//   dynamic                   -> DynamicValue { type, value }

export type CtyPrimitive = 'string' | 'number' | 'bool' | 'dynamic';
export type CtyType =
  | CtyPrimitive
  | ['list', CtyType]
  | ['set', CtyType]
  | ['map', CtyType]
  | ['object', { [attr: string]: CtyType }]
  | ['tuple', CtyType[]];

/** Marker for a value the engine does not know yet. Compare with `isUnknown`. */
export const UNKNOWN: unique symbol = Symbol.for('cty.unknown');
export type Unknown = typeof UNKNOWN;

/** A number the engine sent as decimal text (e.g. "0.1"); kept verbatim so it round-trips. */
export class Decimal {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type CtyNumber = number | bigint | Decimal;

export class DynamicValue {
  constructor(
    readonly type: CtyType,
    readonly value: Value,
  ) {}
}

export type Value = null | Unknown | string | boolean | CtyNumber | Value[] | DynamicValue | { [key: string]: Value };

export type ObjectValue = { [key: string]: Value };

export function isUnknown(v: unknown): v is Unknown {
  return v === UNKNOWN;
}

export function isObjectValue(v: Value | undefined): v is ObjectValue {
  return (
    v !== null &&
    v !== undefined &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !(v instanceof Decimal) &&
    !(v instanceof DynamicValue)
  );
}
