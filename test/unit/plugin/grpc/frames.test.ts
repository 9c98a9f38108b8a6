// The gRPC message framing (5-byte prefix + message) read incrementally, as DATA frames split
// and join messages, and the grpc-message percent-encoding.
import { MessageReader, frameMessage } from '../../../../provider/plugin/grpc/frames';
import { GrpcError, Status, encodeGrpcMessage } from '../../../../provider/plugin/grpc/status';

const framed = (...messages: Uint8Array[]) => Buffer.concat(messages.flatMap((m) => frameMessage(m)));
const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

function refusal(reader: MessageReader, chunk: Buffer): GrpcError {
  try {
    reader.push(chunk);
  } catch (err) {
    if (err instanceof GrpcError) return err;
    throw err;
  }
  throw new Error('push did not throw');
}

describe('frameMessage', () => {
  test('writes flag 0 and the big-endian length before the message, without copying it', () => {
    const message = bytes(300);
    const [prefix, body] = frameMessage(message);
    expect([...prefix]).toEqual([0, 0, 0, 1, 44]);
    expect(body.buffer).toBe(message.buffer);
    expect([...body]).toEqual([...message]);
  });
});

describe('MessageReader', () => {
  test('reads several messages from one chunk, including empty ones', () => {
    const reader = new MessageReader(1024);
    const out = reader.push(framed(bytes(3), new Uint8Array(0), bytes(10, 7)));
    expect(out.map((b) => [...b])).toEqual([[...bytes(3)], [], [...bytes(10, 7)]]);
    expect(reader.partial).toBe(false);
  });

  test('reads a message split at every possible byte, and across many chunks', () => {
    const wire = framed(bytes(40), bytes(9, 3));
    for (let cut = 0; cut <= wire.length; cut++) {
      const reader = new MessageReader(1024);
      const out = [...reader.push(wire.subarray(0, cut)), ...reader.push(wire.subarray(cut))];
      expect(out.map((b) => [...b])).toEqual([[...bytes(40)], [...bytes(9, 3)]]);
      expect(reader.partial).toBe(false);
    }
    const reader = new MessageReader(1024);
    const out: Buffer[] = [];
    for (let i = 0; i < wire.length; i++) {
      out.push(...reader.push(wire.subarray(i, i + 1)));
      // Partial everywhere except right after each message's last byte.
      expect(reader.partial).toBe(i !== 5 + 40 - 1 && i !== wire.length - 1);
    }
    expect(out.map((b) => [...b])).toEqual([[...bytes(40)], [...bytes(9, 3)]]);
  });

  test('a 5 MB message in 16 KiB DATA chunks comes out whole', () => {
    const message = bytes(5 * 1024 * 1024);
    const wire = framed(message);
    const reader = new MessageReader(256 * 1024 * 1024);
    const out: Buffer[] = [];
    for (let at = 0; at < wire.length; at += 16384) out.push(...reader.push(wire.subarray(at, at + 16384)));
    expect(out).toHaveLength(1);
    expect(Buffer.compare(out[0], Buffer.from(message))).toBe(0);
  });

  test('refuses a compressed message (flag 1) with INTERNAL and unknown flags likewise', () => {
    const compressed = framed(bytes(4));
    compressed[0] = 1;
    expect(refusal(new MessageReader(1024), compressed)).toMatchObject({ code: Status.INTERNAL });
    expect(refusal(new MessageReader(1024), compressed).message).toMatch(/compressed/);
    compressed[0] = 2;
    expect(refusal(new MessageReader(1024), compressed)).toMatchObject({ code: Status.INTERNAL });
  });

  test('refuses a message above the limit with RESOURCE_EXHAUSTED from its prefix alone', () => {
    const err = refusal(new MessageReader(100), Buffer.from([0, 0, 0, 0, 101]));
    expect(err.code).toBe(Status.RESOURCE_EXHAUSTED);
    expect(err.message).toBe('received message larger than max (101 vs. 100)');
    expect(new MessageReader(100).push(framed(bytes(100)))).toHaveLength(1);
  });
});

describe('encodeGrpcMessage', () => {
  test('percent-encodes %, control characters and non-ASCII as UTF-8 bytes; keeps printable ASCII', () => {
    expect(encodeGrpcMessage('unknown service x/y: "a" (b) ~!')).toBe('unknown service x/y: "a" (b) ~!');
    expect(encodeGrpcMessage('100%\nnext\tcafé ✓')).toBe('100%25%0Anext%09caf%C3%A9 %E2%9C%93');
  });
});
