// cty values <-> JSON (go-cty cty/json): the DynamicValue.json fallback, the RawState of
// UpgradeResourceState, and a readable form for logs and tests. Numbers are parsed losslessly.
// As in cty, primitives are lenient on input: a string attribute accepts a JSON number or bool,
// a number accepts numeric text, a bool accepts "true"/"false".
import { isLosslessNumber, parse as parseLosslessJson } from 'lossless-json';
import { DynamicValue, UNKNOWN, type CtyNumber, type CtyType, type ObjectValue, type Value } from './types';
import { jsonNumberText, parseNumberText } from './numbers';
import { CtyPathError, attributeStep, indexStep, keyStep, withStep } from './path';
import { hasOwn, isPlainRecord, setOwn } from './records';
import { sortedAttributeNames, typeName } from './type-info';
import { parseTypeJson, typeToJson } from './type-json';
import { conformanceProblem, containsUnknown } from './values';

/** How to treat JSON object keys that the object type does not have. */
type ExtraAttributes = 'reject' | 'drop';

const utf8 = new TextDecoder('utf-8');

function parseJson(json: string | Uint8Array, what: string): unknown {
  const text = typeof json === 'string' ? json : utf8.decode(json);
  try {
    return parseLosslessJson(text);
  } catch (e) {
    throw new Error(`cannot decode ${what}: invalid JSON: ${(e as Error).message}`, { cause: e });
  }
}

function walk(raw: unknown, type: CtyType, extra: ExtraAttributes, what: string): Value {
  try {
    return fromJson(raw, type, extra);
  } catch (e) {
    if (e instanceof CtyPathError) throw new Error(`cannot decode ${what}: ${e.describe()}`, { cause: e });
    throw e;
  }
}

/** Decodes JSON (a DynamicValue's json field) as a value of `type`; attributes not in the type are errors. */
export function decodeJsonValue(json: string | Uint8Array, type: CtyType): Value {
  return walk(parseJson(json, 'JSON value'), type, 'reject', 'JSON value');
}

/**
 * Decodes UpgradeResourceState's RawState JSON: attributes not in the type are dropped
 * (recursively for nested objects), missing ones are null, numbers are exact.
 */
export function decodeJsonState(json: string | Uint8Array, type: CtyType): ObjectValue {
  if (typeof type === 'string' || type[0] !== 'object')
    throw new Error(`decodeJsonState needs an object type, got ${typeName(type)}`);
  const raw = parseJson(json, 'JSON state');
  if (!isPlainRecord(raw)) throw new Error('cannot decode JSON state: expected a JSON object of attributes');
  return walk(raw, type, 'drop', 'JSON state') as ObjectValue;
}

function jsonKind(raw: unknown): string {
  if (isLosslessNumber(raw)) return 'number';
  if (typeof raw === 'boolean') return 'bool';
  if (typeof raw === 'string') return 'string';
  if (Array.isArray(raw)) return 'array';
  return 'object';
}

function jsonMismatch(type: CtyType, raw: unknown): CtyPathError {
  return new CtyPathError(`expected ${typeName(type)}, got JSON ${jsonKind(raw)}`);
}

function fromJson(raw: unknown, type: CtyType, extra: ExtraAttributes): Value {
  if (raw === null) return null;
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        if (typeof raw === 'string') return raw;
        if (isLosslessNumber(raw)) return raw.value;
        if (typeof raw === 'boolean') return raw ? 'true' : 'false';
        throw jsonMismatch(type, raw);
      case 'bool':
        if (typeof raw === 'boolean') return raw;
        if (raw === 'true' || raw === 'false') return raw === 'true';
        throw jsonMismatch(type, raw);
      case 'number': {
        const text = isLosslessNumber(raw) ? raw.value : typeof raw === 'string' ? raw : undefined;
        if (text === undefined) throw jsonMismatch(type, raw);
        const n = parseNumberText(text);
        if (n === undefined) throw new CtyPathError(`invalid number text ${JSON.stringify(text)}`);
        return n;
      }
      case 'dynamic':
        return dynamicFromJson(raw, extra);
    }
  }
  switch (type[0]) {
    case 'list':
    case 'set': {
      if (!Array.isArray(raw)) throw jsonMismatch(type, raw);
      return raw.map((item, i) => elementFromJson(item, type[1], extra, i));
    }
    case 'tuple': {
      if (!Array.isArray(raw)) throw jsonMismatch(type, raw);
      const elems = type[1];
      if (raw.length !== elems.length)
        throw new CtyPathError(`expected a tuple of ${elems.length} elements, got ${raw.length}`);
      return raw.map((item, i) => elementFromJson(item, elems[i], extra, i));
    }
    case 'map': {
      if (!isPlainRecord(raw)) throw jsonMismatch(type, raw);
      const out: ObjectValue = {};
      for (const key of Object.keys(raw)) {
        try {
          setOwn(out, key, fromJson(raw[key], type[1], extra));
        } catch (e) {
          throw withStep(e, keyStep(key));
        }
      }
      return out;
    }
    case 'object': {
      if (!isPlainRecord(raw)) throw jsonMismatch(type, raw);
      const attrs = type[1];
      if (extra === 'reject') {
        for (const key of Object.keys(raw)) {
          if (!hasOwn(attrs, key))
            throw new CtyPathError(`unsupported attribute ${JSON.stringify(key)} (not in the schema type)`);
        }
      }
      const out: ObjectValue = {};
      for (const name of sortedAttributeNames(attrs)) {
        try {
          setOwn(out, name, hasOwn(raw, name) ? fromJson(raw[name], attrs[name], extra) : null);
        } catch (e) {
          throw withStep(e, attributeStep(name));
        }
      }
      return out;
    }
  }
}

function elementFromJson(raw: unknown, type: CtyType, extra: ExtraAttributes, index: number): Value {
  try {
    return fromJson(raw, type, extra);
  } catch (e) {
    throw withStep(e, indexStep(index));
  }
}

/** `{"value": …, "type": …}` as cty writes a dynamically typed value. */
function dynamicFromJson(raw: unknown, extra: ExtraAttributes): Value {
  if (!isPlainRecord(raw) || !hasOwn(raw, 'type') || !hasOwn(raw, 'value')) {
    throw new CtyPathError('a dynamic value must be a JSON object {"value": …, "type": …}');
  }
  const unexpected = Object.keys(raw).find((k) => k !== 'type' && k !== 'value');
  if (unexpected !== undefined) throw new CtyPathError(`invalid key ${JSON.stringify(unexpected)} in dynamic value`);
  let type: CtyType;
  try {
    type = parseTypeJson(raw.type);
  } catch (e) {
    throw new CtyPathError((e as Error).message);
  }
  return new DynamicValue(type, fromJson(raw.value, type, extra));
}

// ---------- encode ----------

/**
 * JSON for a wholly known value of `type`, as cty writes it (objects with every attribute in
 * sorted order, dynamic as {"value","type"}). Throws when the value does not conform or
 * contains an unknown (JSON cannot carry one).
 */
export function encodeJsonValue(value: Value, type: CtyType): string {
  const problem = conformanceProblem(value, type);
  if (problem) throw new Error(`cannot encode value as ${typeName(type)}: ${problem.describe()}`);
  if (containsUnknown(value)) throw new Error('cannot encode an unknown value as JSON');
  return toJson(value, type);
}

/** JSON text of a value already known to conform to `type` and to be wholly known. */
function toJson(v: Value, type: CtyType): string {
  if (v === null || v === undefined || v === UNKNOWN) return 'null';
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return JSON.stringify(v);
      case 'bool':
        return v ? 'true' : 'false';
      case 'number':
        return jsonNumberText(v as CtyNumber);
      case 'dynamic': {
        const d = v as DynamicValue;
        if (d.type === 'dynamic') return 'null';
        return `{"value":${toJson(d.value, d.type)},"type":${typeToJson(d.type)}}`;
      }
    }
  }
  switch (type[0]) {
    case 'list':
    case 'set':
      return `[${(v as Value[]).map((e) => toJson(e, type[1])).join(',')}]`;
    case 'tuple':
      return `[${(v as Value[]).map((e, i) => toJson(e, type[1][i])).join(',')}]`;
    case 'map': {
      const map = v as ObjectValue;
      const keys = Object.keys(map).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${toJson(map[k], type[1])}`).join(',')}}`;
    }
    case 'object': {
      const obj = v as ObjectValue;
      const attrs = type[1];
      const parts = sortedAttributeNames(attrs).map(
        (n) => `${JSON.stringify(n)}:${toJson(hasOwn(obj, n) ? obj[n]! : null, attrs[n])}`,
      );
      return `{${parts.join(',')}}`;
    }
  }
}
