// Operations on cty values in their JS representation (see types.ts): equality, unknown
// detection, type conformance and object completion.
import { DynamicValue, UNKNOWN, type CtyType, type ObjectValue, type Value } from './types';
import { isCtyNumber, isDecimalText, numbersEqual } from './numbers';
import { CtyPathError, attributeStep, indexStep, keyStep } from './path';
import { hasOwn, isPlainRecord, setOwn } from './records';
import { typeName, typesEqual } from './type-info';

// ---------- equality ----------

/**
 * cty equality of two values of `type`: numbers by exact value, sets order-insensitive, maps by
 * key, objects attribute by attribute (a missing attribute counts as null). Unknown equals only
 * unknown; null (or undefined) equals only null.
 */
export function valuesEqual(a: Value, b: Value, type: CtyType): boolean {
  if (a === UNKNOWN || b === UNKNOWN) return a === b;
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a === null || a === undefined) && (b === null || b === undefined);
  }
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
      case 'bool':
        return a === b;
      case 'number':
        return isCtyNumber(a) && isCtyNumber(b) && numbersEqual(a, b);
      case 'dynamic':
        return (
          a instanceof DynamicValue &&
          b instanceof DynamicValue &&
          typesEqual(a.type, b.type) &&
          valuesEqual(a.value, b.value, a.type)
        );
    }
  }
  switch (type[0]) {
    case 'list':
      return (
        Array.isArray(a) &&
        Array.isArray(b) &&
        a.length === b.length &&
        a.every((x, i) => valuesEqual(x, b[i], type[1]))
      );
    case 'tuple':
      return (
        Array.isArray(a) &&
        Array.isArray(b) &&
        a.length === b.length &&
        a.every((x, i) => valuesEqual(x, b[i], type[1][i] ?? 'dynamic'))
      );
    case 'set':
      return Array.isArray(a) && Array.isArray(b) && setsEqual(a, b, type[1]);
    case 'map': {
      if (!isPlainRecord(a) || !isPlainRecord(b)) return false;
      const keys = Object.keys(a);
      if (keys.length !== Object.keys(b).length) return false;
      return keys.every((k) => hasOwn(b, k) && valuesEqual(a[k], b[k], type[1]));
    }
    case 'object': {
      if (!isPlainRecord(a) || !isPlainRecord(b)) return false;
      const attrs = type[1];
      for (const name in attrs) {
        if (!valuesEqual(a[name] ?? null, b[name] ?? null, attrs[name])) return false;
      }
      return true;
    }
  }
}

/** Each element of `a` pairs with a distinct equal element of `b` (sets are small: O(n²) is fine). */
function setsEqual(a: Value[], b: Value[], elem: CtyType): boolean {
  if (a.length !== b.length) return false;
  const used = new Array<boolean>(b.length).fill(false);
  for (const x of a) {
    let found = false;
    for (let j = 0; j < b.length; j++) {
      if (!used[j] && valuesEqual(x, b[j], elem)) {
        used[j] = true;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

// ---------- unknown / null ----------

/** True when the value is unknown or contains an unknown anywhere inside. */
export function containsUnknown(v: Value): boolean {
  if (v === UNKNOWN) return true;
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v instanceof DynamicValue) return containsUnknown(v.value);
  if (!isPlainRecord(v)) return false;
  for (const k in v) if (containsUnknown(v[k])) return true;
  return false;
}

/** The null value of a type (null whatever the type; kept as a function to say what is meant). */
export function nullValueOf(_type: CtyType): Value {
  return null;
}

// ---------- conformance ----------

/** What a JS value looks like, for messages. */
export function valueKind(v: unknown): string {
  if (v === null) return 'null';
  if (v === UNKNOWN) return 'unknown';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (isCtyNumber(v)) return 'number';
  if (Array.isArray(v)) return 'array';
  if (v instanceof DynamicValue) return 'dynamic value';
  if (isPlainRecord(v)) return 'object';
  if (typeof v === 'object') return v.constructor?.name ?? 'object';
  return typeof v;
}

function mismatch(expected: CtyType, got: unknown): CtyPathError {
  return new CtyPathError(`expected ${typeName(expected)}, got ${valueKind(got)}`);
}

/**
 * Checks that `v` is a value of `type`. Returns null when it is, else a message naming the path,
 * e.g. `.address.city: expected string, got number`. Unknown and null conform to every type; a
 * missing (undefined) object attribute counts as null; attributes not in the type are errors.
 */
export function conformsTo(v: Value, type: CtyType): string | null {
  return conformanceProblem(v, type)?.describe() ?? null;
}

/** Like conformsTo, but returns the problem with its path (for callers that build their own message). */
export function conformanceProblem(v: Value, type: CtyType): CtyPathError | null {
  if (v === UNKNOWN || v === null) return null;
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return typeof v === 'string' ? null : mismatch(type, v);
      case 'bool':
        return typeof v === 'boolean' ? null : mismatch(type, v);
      case 'number':
        if (typeof v === 'number') return Number.isNaN(v) ? new CtyPathError('NaN is not a cty number') : null;
        if (typeof v === 'bigint') return null;
        if (isCtyNumber(v))
          return isDecimalText(v.text) ? null : new CtyPathError(`invalid decimal text ${JSON.stringify(v.text)}`);
        return mismatch(type, v);
      case 'dynamic':
        return dynamicProblem(v);
    }
  }
  switch (type[0]) {
    case 'list':
    case 'set': {
      if (!Array.isArray(v)) return mismatch(type, v);
      for (let i = 0; i < v.length; i++) {
        const p = conformanceProblem(v[i], type[1]);
        if (p) return p.at(indexStep(i));
      }
      return null;
    }
    case 'tuple': {
      if (!Array.isArray(v)) return mismatch(type, v);
      if (v.length !== type[1].length)
        return new CtyPathError(`expected a tuple of ${type[1].length} elements, got ${v.length}`);
      for (let i = 0; i < v.length; i++) {
        const p = conformanceProblem(v[i], type[1][i]);
        if (p) return p.at(indexStep(i));
      }
      return null;
    }
    case 'map': {
      if (!isPlainRecord(v)) return mismatch(type, v);
      for (const k in v) {
        const p = conformanceProblem(v[k], type[1]);
        if (p) return p.at(keyStep(k));
      }
      return null;
    }
    case 'object': {
      if (!isPlainRecord(v)) return mismatch(type, v);
      const attrs = type[1];
      for (const name in v) {
        if (!hasOwn(attrs, name)) return new CtyPathError(`unsupported attribute ${JSON.stringify(name)}`);
        const p = conformanceProblem(v[name] ?? null, attrs[name]);
        if (p) return p.at(attributeStep(name));
      }
      return null;
    }
  }
}

function dynamicProblem(v: Value): CtyPathError | null {
  if (!(v instanceof DynamicValue))
    return new CtyPathError(`expected a DynamicValue for type dynamic, got ${valueKind(v)}`);
  if (v.type === 'dynamic') {
    return v.value === null || v.value === UNKNOWN
      ? null
      : new CtyPathError('a known, non-null dynamic value needs a concrete type');
  }
  return conformanceProblem(v.value, v.type);
}

// ---------- completion ----------

/**
 * The object with every attribute of `type` present (missing or undefined -> null), recursively
 * for nested objects, also inside lists, sets, maps and tuples. Attributes not in the type are
 * kept, so that conformance checks still report them.
 */
export function completeObject(v: ObjectValue, type: CtyType): ObjectValue {
  if (typeof type === 'string' || type[0] !== 'object')
    throw new Error(`completeObject needs an object type, got ${typeName(type)}`);
  return completeValue(v, type) as ObjectValue;
}

function completeValue(v: Value, type: CtyType): Value {
  if (v === null || v === undefined || v === UNKNOWN || typeof type === 'string') return v ?? null;
  switch (type[0]) {
    case 'list':
    case 'set':
      return Array.isArray(v) ? v.map((e) => completeValue(e, type[1])) : v;
    case 'tuple':
      return Array.isArray(v) ? v.map((e, i) => (i < type[1].length ? completeValue(e, type[1][i]) : e)) : v;
    case 'map': {
      if (!isPlainRecord(v)) return v;
      const out: ObjectValue = {};
      for (const k in v) setOwn(out, k, completeValue(v[k], type[1]));
      return out;
    }
    case 'object': {
      if (!isPlainRecord(v)) return v;
      const attrs = type[1];
      const out: ObjectValue = {};
      for (const k in v) if (!hasOwn(attrs, k)) setOwn(out, k, v[k]);
      for (const name in attrs) setOwn(out, name, completeValue(v[name] ?? null, attrs[name]));
      return out;
    }
  }
}
