import { ProtoReader, ProtoWriter, WireType } from '../../../../provider/plugin/proto/wire';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('protobuf wire writer', () => {
  test('varints use 7-bit groups, least significant first', () => {
    expect(hex(new ProtoWriter().varint(0).finish())).toBe('00');
    expect(hex(new ProtoWriter().varint(1).finish())).toBe('01');
    expect(hex(new ProtoWriter().varint(300).finish())).toBe('ac02');
    expect(hex(new ProtoWriter().varint(2 ** 53 - 1).finish())).toBe('ffffffffffffff0f');
  });

  test("negative int64 values are ten-byte two's complement varints", () => {
    expect(hex(new ProtoWriter().int64(-1).finish())).toBe('ffffffffffffffffff01');
    expect(hex(new ProtoWriter().int64(-2n).finish())).toBe('feffffffffffffffff01');
  });

  test('tags combine field number and wire type; strings are length-prefixed UTF-8', () => {
    const w = new ProtoWriter().tag(2, WireType.LengthDelimited).string('é');
    expect(hex(w.finish())).toBe('1202c3a9');
  });

  test('grows past its initial buffer', () => {
    const big = new Uint8Array(5000).fill(7);
    const out = new ProtoWriter().tag(1, WireType.LengthDelimited).bytes(big).finish();
    expect(out.length).toBe(1 + 2 + 5000);
    expect(new ProtoReader(out.subarray(1)).bytes()).toEqual(big);
  });
});

describe('protobuf wire reader', () => {
  test('reads back what the writer wrote, including negative int64', () => {
    const w = new ProtoWriter().varint(300).int64(-5).string('hi').bytes(Uint8Array.of(1, 2));
    const r = new ProtoReader(w.finish());
    expect(r.varint()).toBe(300);
    expect(r.int64()).toBe(-5);
    expect(r.string()).toBe('hi');
    expect(r.bytes()).toEqual(Uint8Array.of(1, 2));
    expect(r.done()).toBe(true);
  });

  test('skips every wire type', () => {
    const bytes = Uint8Array.from([
      0x96,
      0x01,
      ...new Array(8).fill(0),
      0x02,
      0xaa,
      0xbb,
      ...new Array(4).fill(0),
      0x05,
    ]);
    const r = new ProtoReader(bytes);
    r.skip(WireType.Varint);
    r.skip(WireType.Fixed64);
    r.skip(WireType.LengthDelimited);
    r.skip(WireType.Fixed32);
    expect(r.varint()).toBe(5);
  });

  test('rejects truncated input and unsupported wire types', () => {
    expect(() => new ProtoReader(Uint8Array.of(0x80)).varint()).toThrow(/unexpected end/);
    expect(() => new ProtoReader(Uint8Array.of(0x05, 0x01)).bytes()).toThrow(/exceeds/);
    expect(() => new ProtoReader(Uint8Array.of()).skip(3)).toThrow(/wire type 3/);
  });

  test('a sub-reader is confined to its embedded message', () => {
    const r = new ProtoReader(Uint8Array.of(0x02, 0x08, 0x01, 0x09));
    const sub = r.sub();
    expect(sub.varint()).toBe(8);
    expect(sub.varint()).toBe(1);
    expect(sub.done()).toBe(true);
    expect(r.varint()).toBe(9);
  });
});
