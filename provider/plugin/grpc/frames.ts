// gRPC message framing on an HTTP/2 stream: each message is a 5-byte prefix (compressed flag,
// then the length as big-endian uint32) and the message bytes. DATA frames split and join
// messages freely, so the reader is incremental: it buffers until a whole message is in.
import { GrpcError, Status } from './status';

const PREFIX_BYTES = 5;

/** The prefix and the message, ready to write (two buffers: the message is not copied). */
export function frameMessage(message: Uint8Array): [Buffer, Buffer] {
  const prefix = Buffer.allocUnsafe(PREFIX_BYTES);
  prefix[0] = 0; // never compressed
  prefix.writeUInt32BE(message.length, 1);
  return [prefix, Buffer.from(message.buffer, message.byteOffset, message.byteLength)];
}

export class MessageReader {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  /** Length of the message being read, once its prefix is in. */
  private expected: number | undefined;

  constructor(private readonly maxMessageBytes: number) {}

  /** Bytes of an incomplete message (or prefix) are waiting for more data. */
  get partial(): boolean {
    return this.buffered > 0 || this.expected !== undefined;
  }

  /** Takes one DATA chunk; returns the messages it completed. Throws GrpcError on a bad prefix. */
  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const done: Buffer[] = [];
    for (;;) {
      if (this.expected === undefined) {
        if (this.buffered < PREFIX_BYTES) return done;
        const prefix = this.take(PREFIX_BYTES);
        if (prefix[0] === 1) {
          // We never announce an encoding (grpc-accept-encoding), so a compressed message is a broken peer.
          throw new GrpcError(Status.INTERNAL, 'compressed message received, but no message encoding was negotiated');
        }
        if (prefix[0] !== 0) throw new GrpcError(Status.INTERNAL, `invalid message flags ${prefix[0]}`);
        const length = prefix.readUInt32BE(1);
        if (length > this.maxMessageBytes) {
          throw new GrpcError(
            Status.RESOURCE_EXHAUSTED,
            `received message larger than max (${length} vs. ${this.maxMessageBytes})`,
          );
        }
        this.expected = length;
      }
      if (this.buffered < this.expected) return done;
      done.push(this.take(this.expected));
      this.expected = undefined;
    }
  }

  /** The next `n` buffered bytes: a view when one chunk holds them, else one copy. */
  private take(n: number): Buffer {
    this.buffered -= n;
    const first = this.chunks[0];
    if (first !== undefined && first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const c = this.chunks[0];
      const used = Math.min(c.length, n - at);
      c.copy(out, at, 0, used);
      at += used;
      if (used === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(used);
    }
    return out;
  }
}
