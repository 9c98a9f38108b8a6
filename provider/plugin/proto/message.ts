// Table-driven protobuf message codecs. A message is described by a list of fields (name,
// number, kind); one generic encoder/decoder walks the table. This replaces generated code and
// runtime .proto parsing: nothing is compiled or parsed at startup.
//
// proto3 rules applied: scalar fields at their default value are not written (implicit
// presence) unless the field is marked `presence` (oneof members, proto3 `optional`); absent
// fields decode to their default (''/empty bytes/false/0/[]/{}), absent messages to undefined.
import { ProtoReader, ProtoWriter, WireType } from './wire';

type Scalar = 'string' | 'bytes' | 'bool' | 'int64' | 'enum' | 'uint32';
type MessageRef = MessageCodec<unknown> | (() => MessageCodec<unknown>);
type FieldKind = Scalar | MessageRef | { map: 'string' | MessageRef };

export interface FieldSpec {
  name: string;
  no: number;
  kind: FieldKind;
  repeated?: boolean;
  /** Explicit presence: written even when it holds the default value, undefined when absent. */
  presence?: boolean;
}

export interface MessageCodec<T> {
  encode(msg: T): Uint8Array;
  decode(bytes: Uint8Array): T;
  write(w: ProtoWriter, msg: T): void;
  read(r: ProtoReader): T;
}

const EMPTY = new Uint8Array(0);

function resolve(ref: MessageRef): MessageCodec<unknown> {
  return typeof ref === 'function' ? ref() : ref;
}

function isDefault(kind: Scalar, v: unknown): boolean {
  switch (kind) {
    case 'string':
      return v === '';
    case 'bytes':
      return (v as Uint8Array).length === 0;
    case 'bool':
      return v === false;
    default:
      return v === 0;
  }
}

function wireTypeOf(kind: FieldKind): WireType {
  return kind === 'bool' || kind === 'int64' || kind === 'enum' || kind === 'uint32'
    ? WireType.Varint
    : WireType.LengthDelimited;
}

function writeScalar(w: ProtoWriter, kind: Scalar, v: unknown): void {
  switch (kind) {
    case 'string':
      w.string(v as string);
      return;
    case 'bytes':
      w.bytes(v as Uint8Array);
      return;
    case 'bool':
      w.varint(v ? 1 : 0);
      return;
    case 'int64':
    case 'enum':
      w.int64(v as number);
      return;
    case 'uint32':
      w.varint(v as number);
      return;
  }
}

function readScalar(r: ProtoReader, kind: Scalar): unknown {
  switch (kind) {
    case 'string':
      return r.string();
    case 'bytes':
      return r.bytes();
    case 'bool':
      return r.varint() !== 0;
    case 'int64':
    case 'enum':
      return r.int64();
    case 'uint32':
      return r.varint() % 2 ** 32;
  }
}

function defaultOf(f: FieldSpec): unknown {
  if (f.repeated) return [];
  if (typeof f.kind === 'object' && 'map' in f.kind) return {};
  if (f.presence || typeof f.kind !== 'string') return undefined;
  switch (f.kind) {
    case 'string':
      return '';
    case 'bytes':
      return EMPTY;
    case 'bool':
      return false;
    default:
      return 0;
  }
}

function writeValue(w: ProtoWriter, f: FieldSpec, kind: Scalar | MessageRef, v: unknown): void {
  w.tag(f.no, wireTypeOf(kind));
  if (typeof kind === 'string') {
    writeScalar(w, kind, v);
  } else {
    w.bytes(resolve(kind).encode(v));
  }
}

function readValue(r: ProtoReader, kind: Scalar | MessageRef): unknown {
  return typeof kind === 'string' ? readScalar(r, kind) : resolve(kind).read(r.sub());
}

export function message<T>(fields: FieldSpec[]): MessageCodec<T> {
  const byNumber = new Map(fields.map((f) => [f.no, f]));

  const codec: MessageCodec<T> = {
    write(w, msg) {
      const m = msg as Record<string, unknown>;
      for (const f of fields) {
        const v = m[f.name];
        if (v === undefined || v === null) continue;
        const kind = f.kind;
        if (typeof kind === 'object' && 'map' in kind) {
          for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
            const entry = new ProtoWriter();
            entry.tag(1, WireType.LengthDelimited).string(key);
            writeValue(entry, { name: 'value', no: 2, kind: kind.map }, kind.map, value);
            w.tag(f.no, WireType.LengthDelimited).bytes(entry.finish());
          }
        } else if (f.repeated) {
          for (const item of v as unknown[]) writeValue(w, f, kind, item);
        } else if (typeof kind === 'string' && !f.presence && isDefault(kind, v)) {
          continue;
        } else {
          writeValue(w, f, kind, v);
        }
      }
    },

    read(r) {
      const m: Record<string, unknown> = {};
      for (const f of fields) m[f.name] = defaultOf(f);
      while (!r.done()) {
        const tag = r.varint();
        const no = Math.floor(tag / 8);
        const wireType = tag & 7;
        const f = byNumber.get(no);
        if (!f) {
          r.skip(wireType);
          continue;
        }
        const kind = f.kind;
        if (typeof kind === 'object' && 'map' in kind) {
          const entry = r.sub();
          let key = '';
          let value: unknown = typeof kind.map === 'string' ? '' : undefined;
          while (!entry.done()) {
            const t = entry.varint();
            if (t === ((1 << 3) | WireType.LengthDelimited)) key = entry.string();
            else if (t >>> 3 === 2) value = readValue(entry, kind.map);
            else entry.skip(t & 7);
          }
          (m[f.name] as Record<string, unknown>)[key] = value;
        } else if (wireType !== (wireTypeOf(kind) as number)) {
          throw new Error(`protobuf: field ${f.name} has wire type ${wireType}`);
        } else if (f.repeated) {
          (m[f.name] as unknown[]).push(readValue(r, kind));
        } else {
          m[f.name] = readValue(r, kind);
        }
      }
      return m as T;
    },

    encode(msg) {
      const w = new ProtoWriter();
      codec.write(w, msg);
      return w.finish();
    },

    decode(bytes) {
      return codec.read(new ProtoReader(bytes));
    },
  };
  return codec;
}
