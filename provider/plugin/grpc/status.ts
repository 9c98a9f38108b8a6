// gRPC status codes we answer with, the error a handler throws to answer one, and the
// grpc-message encoding (percent-encoded UTF-8, as the gRPC over HTTP/2 spec requires).

export const Status = {
  OK: 0,
  UNKNOWN: 2,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
} as const;

export type StatusCode = (typeof Status)[keyof typeof Status];

/** Thrown by a handler (or the server) to end a call with this status instead of an answer. */
export class GrpcError extends Error {
  constructor(
    readonly code: StatusCode,
    message: string,
  ) {
    super(message);
    this.name = 'GrpcError';
  }
}

/** grpc-message value: bytes outside printable ASCII, and '%' itself, as %XX of their UTF-8. */
export function encodeGrpcMessage(message: string): string {
  let out = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
