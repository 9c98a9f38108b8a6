// fast-check generators of cty types and of values of a type (not a test file itself).
import fc from 'fast-check';
import { setOwn } from '../../provider/plugin/cty/records';
import { isDecimalText } from '../../provider/plugin/cty/numbers';
import {
  Decimal,
  DynamicValue,
  UNKNOWN,
  type CtyType,
  type ObjectValue,
  type Value,
} from '../../provider/plugin/cty/types';

export interface ValueOptions {
  /** Unknown values anywhere (msgpack carries them; JSON cannot). */
  unknowns: boolean;
  /** ±Infinity (msgpack float64 carries them; JSON cannot). */
  infinities: boolean;
  /**
   * Map keys and attribute names may be "__proto__". @msgpack/msgpack refuses that key when
   * decoding, so the msgpack properties leave it out.
   */
  protoKey: boolean;
}

const specialNames = ['id', 'constructor', 'toString', 'hasOwnProperty', '', 'a b', 'é', '😀', 'Z', '10', '__proto__'];

function names(opts: ValueOptions): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...specialNames.filter((n) => opts.protoKey || n !== '__proto__')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  );
}

/** A record built with own properties only, so "__proto__" stays a key. */
function record<T>(entries: [string, T][]): { [k: string]: T } {
  const out: { [k: string]: T } = {};
  for (const [k, v] of entries) setOwn(out, k, v);
  return out;
}

const primitive = fc.constantFrom<CtyType>('string', 'number', 'bool', 'dynamic');

/** Types nested at most `depth` levels. */
export function ctyType(opts: ValueOptions, depth = 3): fc.Arbitrary<CtyType> {
  if (depth === 0) return primitive;
  const inner = ctyType(opts, depth - 1);
  const attrs = fc.uniqueArray(fc.tuple(names(opts), inner), { maxLength: 4, selector: ([n]) => n });
  return fc.oneof(
    { weight: 3, arbitrary: primitive },
    { weight: 1, arbitrary: inner.map((t): CtyType => ['list', t]) },
    { weight: 1, arbitrary: inner.map((t): CtyType => ['set', t]) },
    { weight: 1, arbitrary: inner.map((t): CtyType => ['map', t]) },
    { weight: 1, arbitrary: attrs.map((es): CtyType => ['object', record(es)]) },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 3 }).map((ts): CtyType => ['tuple', ts]) },
  );
}

const strings = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom('é', 'ß', '😀', 'e\u0301', '\u0000', '\u2028', '"\\') },
  // Lengths around the msgpack str8/str16/str32 header boundaries.
  { weight: 1, arbitrary: fc.constantFrom(31, 32, 255, 256, 65535, 65536).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 40 }).map((n) => 'é'.repeat(n)) },
);

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: min, maxLength: max });

/** Decimal text as the engine may send it: "0.1", "-12.50", "1.5e-7", ".5", "+1.", "007", "1E400". */
const decimalText = fc
  .tuple(
    fc.constantFrom('', '-', '+'),
    digits(0, 25),
    fc.option(digits(0, 25), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 3)), { nil: undefined }),
  )
  .map(([sign, int, frac, exp]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}${exp ? exp.join('') : ''}`)
  .filter(isDecimalText);

const edgeNumbers = [
  0,
  -0,
  1,
  -1,
  127,
  128,
  -32,
  -33,
  255,
  256,
  65535,
  65536,
  2 ** 32,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  2 ** 63,
  2 ** 64,
  1e21,
  0.1,
  5e-324,
  Number.MAX_VALUE,
];
const edgeBigints = [
  2n ** 53n + 1n,
  -(2n ** 53n) - 1n,
  2n ** 63n - 1n,
  -(2n ** 63n),
  -(2n ** 63n) - 1n,
  2n ** 64n - 1n,
  2n ** 64n,
  10n ** 30n,
];

function numbers(opts: ValueOptions): fc.Arbitrary<Value> {
  return fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: !opts.infinities }),
    fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
    fc.constantFrom<Value>(...edgeNumbers, ...edgeBigints),
    decimalText.map((t) => new Decimal(t)),
  );
}

/** Values of `type`: null and (when allowed) unknown at any level. */
export function ctyValue(type: CtyType, opts: ValueOptions, depth = 2): fc.Arbitrary<Value> {
  const specials: fc.Arbitrary<Value>[] = [fc.constant(null)];
  if (opts.unknowns) specials.push(fc.constant(UNKNOWN));
  return fc.oneof(
    { weight: 5, arbitrary: knownValue(type, opts, depth) },
    { weight: 1, arbitrary: fc.oneof(...specials) },
  );
}

function knownValue(type: CtyType, opts: ValueOptions, depth: number): fc.Arbitrary<Value> {
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return strings;
      case 'bool':
        return fc.boolean();
      case 'number':
        return numbers(opts);
      case 'dynamic':
        // A concrete type chosen per value; nested dynamics get shallower so generation ends.
        if (depth === 0) return fc.constant(null);
        return ctyType(opts, 2)
          .filter((t) => t !== 'dynamic')
          .chain((t) => ctyValue(t, opts, depth - 1).map((v) => new DynamicValue(t, v)));
    }
  }
  switch (type[0]) {
    case 'list':
    case 'set':
      return fc.array(ctyValue(type[1], opts, depth), { maxLength: 4 });
    case 'map':
      return fc
        .uniqueArray(fc.tuple(names(opts), ctyValue(type[1], opts, depth)), { maxLength: 4, selector: ([k]) => k })
        .map((es): Value => record(es));
    case 'object': {
      const attrs = Object.keys(type[1]);
      return fc
        .tuple(...attrs.map((n) => ctyValue(type[1][n], opts, depth)))
        .map((vs): Value => record(attrs.map((n, i): [string, Value] => [n, vs[i]!])));
    }
    case 'tuple':
      return fc.tuple(...type[1].map((t) => ctyValue(t, opts, depth)));
  }
}

/** A type with a value of it. */
export function typedValue(opts: ValueOptions): fc.Arbitrary<{ type: CtyType; value: Value }> {
  return ctyType(opts).chain((type) => ctyValue(type, opts).map((value) => ({ type, value })));
}

/** The same value with every map's and object's keys inserted in reverse order. */
export function reversedKeys(v: Value): Value {
  if (Array.isArray(v)) return v.map(reversedKeys);
  if (v instanceof DynamicValue) return new DynamicValue(v.type, reversedKeys(v.value));
  if (v === null || typeof v !== 'object' || v instanceof Decimal) return v;
  const out: ObjectValue = {};
  for (const k of Object.keys(v).reverse()) setOwn(out, k, reversedKeys(v[k]));
  return out;
}
