// A minimal msgpack byte writer with exact control of the forms written: cty's compact ints,
// float64 only, fixext1 unknowns. (@msgpack/msgpack's encoder, with useBigInt64, writes safe
// integers above 32 bits as float64 and every bigint as 64-bit, which is not what cty writes.)
// One instance is reused across calls: encoding is synchronous.

const textEncoder = new TextEncoder();
const TWO_POW_32 = 0x1_0000_0000;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** True when an integer (number or bigint) fits a msgpack int (int64 or uint64 range). */
export function fitsMsgpackInteger(v: number | bigint): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 64;
  return v >= INT64_MIN && v <= UINT64_MAX;
}

export class MsgpackWriter {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  private pos = 0;

  reset(): void {
    this.pos = 0;
  }

  /** A copy of the bytes written since the last reset. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  private ensure(extra: number): void {
    const needed = this.pos + extra;
    if (needed <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < needed) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  private u8(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  private typeAndU16(type: number, n: number): void {
    this.ensure(3);
    this.buf[this.pos] = type;
    this.view.setUint16(this.pos + 1, n);
    this.pos += 3;
  }

  private typeAndU32(type: number, n: number): void {
    this.ensure(5);
    this.buf[this.pos] = type;
    this.view.setUint32(this.pos + 1, n);
    this.pos += 5;
  }

  nil(): void {
    this.u8(0xc0);
  }

  bool(b: boolean): void {
    this.u8(b ? 0xc3 : 0xc2);
  }

  /** The totally-unknown value as cty writes it: fixext1, type 0, payload 0 (`d4 00 00`). */
  unknown(): void {
    this.ensure(3);
    this.buf[this.pos++] = 0xd4;
    this.buf[this.pos++] = 0;
    this.buf[this.pos++] = 0;
  }

  /** An integer in its most compact form (fixint, (u)int8/16/32, else int64/uint64). Caller checks fitsMsgpackInteger. */
  integer(v: number | bigint): void {
    if (typeof v === 'bigint') {
      if (v >= -TWO_POW_32 && v < TWO_POW_32) return this.integer(Number(v));
      return this.int64(v);
    }
    if (v >= 0) {
      if (v < 0x80) return this.u8(v);
      if (v < 0x100) {
        this.u8(0xcc);
        return this.u8(v);
      }
      if (v < 0x10000) return this.typeAndU16(0xcd, v);
      if (v < TWO_POW_32) return this.typeAndU32(0xce, v);
      return this.int64(BigInt(v));
    }
    if (v >= -0x20) return this.u8(v & 0xff);
    if (v >= -0x80) {
      this.u8(0xd0);
      return this.u8(v & 0xff);
    }
    if (v >= -0x8000) {
      this.ensure(3);
      this.buf[this.pos] = 0xd1;
      this.view.setInt16(this.pos + 1, v);
      this.pos += 3;
      return;
    }
    if (v >= -0x8000_0000) {
      this.ensure(5);
      this.buf[this.pos] = 0xd2;
      this.view.setInt32(this.pos + 1, v);
      this.pos += 5;
      return;
    }
    this.int64(BigInt(v));
  }

  /** uint64 (`cf`) for non-negative values, int64 (`d3`) for negative ones, as cty's compact encoder does. */
  private int64(v: bigint): void {
    this.ensure(9);
    if (v >= 0n) {
      this.buf[this.pos] = 0xcf;
      this.view.setBigUint64(this.pos + 1, v);
    } else {
      this.buf[this.pos] = 0xd3;
      this.view.setBigInt64(this.pos + 1, v);
    }
    this.pos += 9;
  }

  float64(v: number): void {
    this.ensure(9);
    this.buf[this.pos] = 0xcb;
    this.view.setFloat64(this.pos + 1, v);
    this.pos += 9;
  }

  str(s: string): void {
    const length = utf8Length(s);
    if (length < 32) this.u8(0xa0 | length);
    else if (length < 0x100) {
      this.u8(0xd9);
      this.u8(length);
    } else if (length < 0x10000) this.typeAndU16(0xda, length);
    else this.typeAndU32(0xdb, length);
    this.ensure(length);
    if (length === s.length) {
      // ASCII: one byte per UTF-16 unit, no encoder call needed.
      for (let i = 0; i < length; i++) this.buf[this.pos + i] = s.charCodeAt(i);
    } else {
      textEncoder.encodeInto(s, this.buf.subarray(this.pos, this.pos + length));
    }
    this.pos += length;
  }

  bin(bytes: Uint8Array): void {
    const length = bytes.length;
    if (length < 0x100) {
      this.u8(0xc4);
      this.u8(length);
    } else if (length < 0x10000) this.typeAndU16(0xc5, length);
    else this.typeAndU32(0xc6, length);
    this.ensure(length);
    this.buf.set(bytes, this.pos);
    this.pos += length;
  }

  arrayHeader(n: number): void {
    if (n < 16) this.u8(0x90 | n);
    else if (n < 0x10000) this.typeAndU16(0xdc, n);
    else this.typeAndU32(0xdd, n);
  }

  mapHeader(n: number): void {
    if (n < 16) this.u8(0x80 | n);
    else if (n < 0x10000) this.typeAndU16(0xde, n);
    else this.typeAndU32(0xdf, n);
  }
}

/** UTF-8 byte length of a JS string (lone surrogates count as U+FFFD, 3 bytes, as TextEncoder writes them). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
