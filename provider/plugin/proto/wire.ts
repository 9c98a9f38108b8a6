// Protocol-buffers wire format: a growable writer and a bounds-checked reader. Only what the
// tfplugin6 / go-plugin messages need: varints (up to 64 bits), length-delimited fields and
// skipping of unknown fields (newer engines may send fields we do not know).

export enum WireType {
  Varint = 0,
  Fixed64 = 1,
  LengthDelimited = 2,
  Fixed32 = 5,
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: false });

export class ProtoWriter {
  private buf = new Uint8Array(256);
  private pos = 0;

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  tag(fieldNo: number, wireType: WireType): this {
    return this.varint(fieldNo * 8 + wireType);
  }

  /** Unsigned varint of a non-negative safe integer. */
  varint(n: number): this {
    this.ensure(10);
    while (n > 0x7f) {
      this.buf[this.pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
    return this;
  }

  /** int64 as proto encodes it: negative values are 10-byte two's complement varints. */
  int64(n: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(n));
    if (v <= BigInt(Number.MAX_SAFE_INTEGER)) return this.varint(Number(v));
    this.ensure(10);
    while (v > 0x7fn) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
    return this;
  }

  bytes(b: Uint8Array): this {
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  string(s: string): this {
    return this.bytes(textEncoder.encode(s));
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

export class ProtoReader {
  pos = 0;
  constructor(
    private readonly buf: Uint8Array,
    readonly end = buf.length,
  ) {}

  done(): boolean {
    return this.pos >= this.end;
  }

  private byte(): number {
    if (this.pos >= this.end) throw new Error('protobuf: unexpected end of message');
    return this.buf[this.pos++];
  }

  /** Unsigned varint; exact up to 2^53, larger values lose precision (never used for those). */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
    throw new Error('protobuf: varint too long');
  }

  /** int64 field: two's complement, so 10-byte varints come back negative. */
  int64(): number {
    let v = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return Number(BigInt.asIntN(64, v));
      shift += 7n;
    }
    throw new Error('protobuf: varint too long');
  }

  bytes(): Uint8Array {
    const len = this.varint();
    if (this.pos + len > this.end) throw new Error('protobuf: length exceeds message');
    const out = this.buf.slice(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  string(): string {
    return textDecoder.decode(this.bytes());
  }

  /** A reader over the next length-delimited field (an embedded message). */
  sub(): ProtoReader {
    const len = this.varint();
    const end = this.pos + len;
    if (end > this.end) throw new Error('protobuf: length exceeds message');
    const r = new ProtoReader(this.buf, end);
    r.pos = this.pos;
    this.pos = end;
    return r;
  }

  skip(wireType: number): void {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- any number off the wire; `default` rejects the rest
    switch (wireType as WireType) {
      case WireType.Varint:
        this.varint();
        return;
      case WireType.Fixed64:
        this.advance(8);
        return;
      case WireType.LengthDelimited:
        this.advance(this.varint());
        return;
      case WireType.Fixed32:
        this.advance(4);
        return;
      default:
        throw new Error(`protobuf: unsupported wire type ${wireType}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw new Error('protobuf: length exceeds message');
    this.pos += n;
  }
}
