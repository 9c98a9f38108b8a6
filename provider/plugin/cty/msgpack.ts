// cty values <-> msgpack, the encoding of every tfplugin6 DynamicValue (go-cty cty/msgpack).
// Decoding reads the bytes with @msgpack/msgpack (64-bit ints as bigint, every extension as
// UNKNOWN) and then walks the result against the type; encoding checks conformance first and
// then writes bytes directly (see msgpack-writer.ts for why not the library's encoder).
import { Decoder, DecodeError, type ExtensionCodecType } from '@msgpack/msgpack';
import { type Decimal, DynamicValue, UNKNOWN, type CtyType, type ObjectValue, type Value } from './types';
import { integerValue, parseNumberText } from './numbers';
import { MsgpackWriter, fitsMsgpackInteger } from './msgpack-writer';
import { CtyPathError, attributeStep, indexStep, keyStep, withStep } from './path';
import { hasOwn, isPlainRecord, setOwn } from './records';
import { sortedAttributeNames, typeName } from './type-info';
import { parseTypeJson, typeToJson } from './type-json';
import { conformanceProblem } from './values';

// ---------- decode ----------

/**
 * Any msgpack extension is an unknown value: plain (`d4 00 00`), refined (type 12, refinements
 * dropped) or a code we do not know. The built-in timestamp extension (-1) is overridden too.
 */
const unknownExtensions: ExtensionCodecType<undefined> = {
  tryToEncode: () => null,
  decode: () => UNKNOWN,
};

const decoder = new Decoder({
  useBigInt64: true,
  extensionCodec: unknownExtensions,
  mapKeyConverter: (key: unknown) => {
    if (typeof key === 'string') return key;
    throw new DecodeError(`map keys must be strings, got ${typeof key}`);
  },
});

const utf8 = new TextDecoder('utf-8');

/** Decodes msgpack bytes as a value of `type`. Empty bytes are null (the engine's "no value"). */
export function decodeMsgpack(bytes: Uint8Array, type: CtyType): Value {
  if (bytes.length === 0) return null;
  let raw: unknown;
  try {
    raw = decoder.decode(bytes);
  } catch (e) {
    throw new Error(`cannot decode msgpack value: ${(e as Error).message}`, { cause: e });
  }
  try {
    return fromWire(raw, type);
  } catch (e) {
    if (e instanceof CtyPathError) throw new Error(`cannot decode msgpack value: ${e.describe()}`, { cause: e });
    throw e;
  }
}

function wireKind(raw: unknown): string {
  if (typeof raw === 'boolean') return 'bool';
  if (typeof raw === 'number' || typeof raw === 'bigint') return 'number';
  if (typeof raw === 'string') return 'string';
  if (raw instanceof Uint8Array) return 'binary';
  if (Array.isArray(raw)) return 'array';
  return 'map';
}

function wireMismatch(type: CtyType, raw: unknown): CtyPathError {
  return new CtyPathError(`expected ${typeName(type)}, got msgpack ${wireKind(raw)}`);
}

function fromWire(raw: unknown, type: CtyType): Value {
  if (raw === UNKNOWN) return UNKNOWN;
  if (raw === null || raw === undefined) return null;
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        if (typeof raw === 'string') return raw;
        if (raw instanceof Uint8Array) return utf8.decode(raw);
        throw wireMismatch(type, raw);
      case 'bool':
        if (typeof raw === 'boolean') return raw;
        throw wireMismatch(type, raw);
      case 'number':
        return numberFromWire(raw);
      case 'dynamic':
        return dynamicFromWire(raw);
    }
  }
  switch (type[0]) {
    case 'list':
    case 'set': {
      if (!Array.isArray(raw)) throw wireMismatch(type, raw);
      const out = new Array<Value>(raw.length);
      for (let i = 0; i < raw.length; i++) out[i] = elementFromWire(raw[i], type[1], i);
      return out;
    }
    case 'tuple': {
      if (!Array.isArray(raw)) throw wireMismatch(type, raw);
      const elems = type[1];
      if (raw.length !== elems.length)
        throw new CtyPathError(`expected a tuple of ${elems.length} elements, got ${raw.length}`);
      const out = new Array<Value>(raw.length);
      for (let i = 0; i < raw.length; i++) out[i] = elementFromWire(raw[i], elems[i], i);
      return out;
    }
    case 'map': {
      if (!isPlainRecord(raw)) throw wireMismatch(type, raw);
      const out: ObjectValue = {};
      for (const key of Object.keys(raw)) {
        try {
          setOwn(out, key, fromWire(raw[key], type[1]));
        } catch (e) {
          throw withStep(e, keyStep(key));
        }
      }
      return out;
    }
    case 'object':
      return objectFromWire(raw, type[1], type);
  }
}

function elementFromWire(raw: unknown, type: CtyType, index: number): Value {
  try {
    return fromWire(raw, type);
  } catch (e) {
    throw withStep(e, indexStep(index));
  }
}

/** Attributes missing on the wire become null; an attribute the type does not have is an error. */
function objectFromWire(raw: unknown, attrs: { [attr: string]: CtyType }, type: CtyType): ObjectValue {
  if (!isPlainRecord(raw)) throw wireMismatch(type, raw);
  const out: ObjectValue = {};
  let present = 0;
  for (const name of sortedAttributeNames(attrs)) {
    if (!hasOwn(raw, name)) {
      setOwn(out, name, null);
      continue;
    }
    present++;
    try {
      setOwn(out, name, fromWire(raw[name], attrs[name]));
    } catch (e) {
      throw withStep(e, attributeStep(name));
    }
  }
  if (present !== Object.keys(raw).length) {
    const extra = Object.keys(raw).find((k) => !hasOwn(attrs, k));
    throw new CtyPathError(`unsupported attribute ${JSON.stringify(extra)} (not in the schema type)`);
  }
  return out;
}

function numberFromWire(raw: unknown): Value {
  if (typeof raw === 'number') {
    if (Number.isNaN(raw)) throw new CtyPathError('NaN is not a cty number');
    return raw;
  }
  if (typeof raw === 'bigint') return integerValue(raw);
  if (typeof raw === 'string') {
    const n = parseNumberText(raw);
    if (n === undefined) throw new CtyPathError(`invalid number text ${JSON.stringify(raw)}`);
    return n;
  }
  throw wireMismatch('number', raw);
}

/** `[typeJSON (bin or str), value]`; a bare nil or extension was handled by the caller. */
function dynamicFromWire(raw: unknown): Value {
  if (!Array.isArray(raw) || raw.length !== 2) {
    throw new CtyPathError('a dynamic value must be a 2-element array [type JSON, value]');
  }
  const [typeJson, inner] = raw as [unknown, unknown];
  if (!(typeJson instanceof Uint8Array) && typeof typeJson !== 'string') {
    throw new CtyPathError(`dynamic value type must be bytes or a string, got msgpack ${wireKind(typeJson)}`);
  }
  let type: CtyType;
  try {
    type = parseTypeJson(typeJson);
  } catch (e) {
    throw new CtyPathError((e as Error).message);
  }
  return new DynamicValue(type, fromWire(inner, type));
}

// ---------- encode ----------

const writer = new MsgpackWriter();
const textEncoder = new TextEncoder();

/**
 * Encodes a value of `type` as cty does: objects carry every attribute of the type (null for
 * missing) in sorted key order, unknown is `d4 00 00`, dynamic is `[bin(type JSON), value]`.
 * Throws an Error naming the path when the value does not conform to the type.
 */
export function encodeMsgpack(value: Value, type: CtyType): Uint8Array {
  const problem = conformanceProblem(value, type);
  if (problem) throw new Error(`cannot encode value as ${typeName(type)}: ${problem.describe()}`);
  return encodeConformingMsgpack(value, type);
}

/** encodeMsgpack for a value the caller has already checked against `type` (one walk, not two). */
export function encodeConformingMsgpack(value: Value, type: CtyType): Uint8Array {
  writer.reset();
  write(value, type);
  return writer.finish();
}

/** Writes a value already known to conform to `type`. */
function write(v: Value, type: CtyType): void {
  if (v === UNKNOWN) return writer.unknown();
  if (v === null || v === undefined) return writer.nil();
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return writer.str(v as string);
      case 'bool':
        return writer.bool(v as boolean);
      case 'number':
        return writeNumber(v);
      case 'dynamic':
        return writeDynamic(v as DynamicValue);
    }
  }
  switch (type[0]) {
    case 'list':
    case 'set': {
      const items = v as Value[];
      writer.arrayHeader(items.length);
      for (const item of items) write(item, type[1]);
      return;
    }
    case 'tuple': {
      const items = v as Value[];
      writer.arrayHeader(items.length);
      for (let i = 0; i < items.length; i++) write(items[i], type[1][i]);
      return;
    }
    case 'map': {
      const map = v as ObjectValue;
      const keys = Object.keys(map).sort();
      writer.mapHeader(keys.length);
      for (const key of keys) {
        writer.str(key);
        write(map[key], type[1]);
      }
      return;
    }
    case 'object': {
      const obj = v as ObjectValue;
      const attrs = type[1];
      const names = sortedAttributeNames(attrs);
      writer.mapHeader(names.length);
      for (const name of names) {
        writer.str(name);
        write(hasOwn(obj, name) ? obj[name]! : null, attrs[name]);
      }
      return;
    }
  }
}

/** Integers compactly (bigint beyond 64 bits as decimal text), other numbers as float64, Decimal as its text. */
function writeNumber(v: Value): void {
  if (typeof v === 'number') {
    if (fitsMsgpackInteger(v)) return writer.integer(v);
    return writer.float64(v);
  }
  if (typeof v === 'bigint') {
    if (fitsMsgpackInteger(v)) return writer.integer(v);
    return writer.str(String(v));
  }
  writer.str((v as Decimal).text);
}

function writeDynamic(v: DynamicValue): void {
  if (v.type === 'dynamic') return write(v.value, 'dynamic');
  writer.arrayHeader(2);
  writer.bin(textEncoder.encode(typeToJson(v.type)));
  write(v.value, v.type);
}
