// A minimal DER (ASN.1 distinguished encoding) writer: just the types an X.509 certificate
// needs. Each function returns the complete TLV bytes.

function lengthBytes(len: number): number[] {
  if (len < 0x80) return [len];
  const out: number[] = [];
  for (let n = len; n > 0; n = Math.floor(n / 256)) out.unshift(n % 256);
  return [0x80 | out.length, ...out];
}

export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = concat(contents);
  return concat([Uint8Array.from([tag, ...lengthBytes(body.length)]), body]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(0x30, ...items);
export const set = (...items: Uint8Array[]): Uint8Array => tlv(0x31, ...items);
/** Context-specific constructed tag [n] (EXPLICIT tagging). */
export const explicit = (n: number, inner: Uint8Array): Uint8Array => tlv(0xa0 | n, inner);

export const boolean = (v: boolean): Uint8Array => tlv(0x01, Uint8Array.of(v ? 0xff : 0x00));

/** INTEGER from unsigned big-endian magnitude bytes (kept positive, minimal length). */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const bytes = magnitude.subarray(start);
  return bytes[0] & 0x80 ? tlv(0x02, Uint8Array.of(0), bytes) : tlv(0x02, bytes);
}

export const smallInteger = (n: number): Uint8Array => unsignedInteger(Uint8Array.of(n));

export function oid(dotted: string): Uint8Array {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [a * 40 + b];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift((n & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}

export const utf8String = (s: string): Uint8Array => tlv(0x0c, new TextEncoder().encode(s));
export const octetString = (b: Uint8Array): Uint8Array => tlv(0x04, b);
export const bitString = (b: Uint8Array, unusedBits = 0): Uint8Array => tlv(0x03, Uint8Array.of(unusedBits), b);

/** X.509 Time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
export function time(d: Date): Uint8Array {
  const iso = d.toISOString(); // always UTC: YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '') + 'Z';
  const year = d.getUTCFullYear();
  return year < 2050 ? tlv(0x17, ascii(digits.slice(2))) : tlv(0x18, ascii(digits));
}

function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
