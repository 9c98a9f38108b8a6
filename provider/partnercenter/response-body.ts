// Reads one response body within a size limit, decoding its Content-Encoding here rather than in
// got: a compressed answer is bounded twice, as it arrives and once decompressed, so that a gzip
// bomb or an endless body ends the request at the limit instead of filling memory, and a body
// that does not decompress is told apart from a connection that broke. docs/security.md.
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { MAX_SHOWN_TOKEN, displayText } from './display-text';

/**
 * The largest answer read, on the wire and decompressed alike. A billing profile is a few KB and
 * an error a few hundred bytes: anything near this is not Partner Center's answer.
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** What the provider asks for; every one of them is decoded by `decoderFor`. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** The body's text, or why it was not read (a phrase completing "answered 200 with …"). */
export type BodyRead = { text: string; unreadable?: undefined } | { text?: undefined; unreadable: string };

/** "8 MiB", or the bytes when the limit is not a whole number of MiB. */
export function describeLimit(limit: number): string {
  return limit % 1_048_576 === 0 ? `${limit / 1_048_576} MiB` : `${limit} bytes`;
}

/** A Content-Length header as a byte count; undefined when absent or not a plain decimal number. */
export function parseContentLength(header: string | undefined): number | undefined {
  if (header === undefined || !/^\s*\d+\s*$/.test(header)) return undefined;
  const n = Number(header.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * The decoder for a Content-Encoding: null for none (absent, identity), undefined for one the
 * provider does not decode. "deflate" is the zlib format (RFC 9110 §8.4.1.2).
 */
export function decoderFor(encoding: string | undefined): (() => Transform) | null | undefined {
  const name = (encoding ?? '').trim().toLowerCase();
  if (name === '' || name === 'identity') return null;
  if (name === 'gzip' || name === 'x-gzip') return () => zlib.createGunzip();
  if (name === 'deflate') return () => zlib.createInflate();
  if (name === 'br') return () => zlib.createBrotliDecompress();
  return undefined;
}

class OverLimit extends Error {
  constructor(readonly decoded: boolean) {
    super('response over the size limit');
  }
}

/** Passes chunks through until more than `limit` bytes went by, then fails the pipeline. */
function byteLimit(limit: number, decoded: boolean): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new OverLimit(decoded));
      else done(null, chunk);
    },
  });
}

function tooLarge(limit: number, how: string): BodyRead {
  return { unreadable: `a body over the provider's ${describeLimit(limit)} response size limit (${how})` };
}

/**
 * Reads `source` to its end, or up to `limit` bytes. Resolves with the text, or with why the body
 * was not read (too large, an encoding not decoded, data that does not decompress); rejects only
 * for what broke the transfer itself (reset, timeout, cancel), as got reports it.
 */
export async function readBody(
  source: Readable,
  headers: { contentEncoding?: string; contentLength?: string },
  limit: number = MAX_RESPONSE_BYTES,
): Promise<BodyRead> {
  const declared = parseContentLength(headers.contentLength);
  const makeDecoder = decoderFor(headers.contentEncoding);
  const refuse = (read: BodyRead): BodyRead => {
    source.destroy(); // closes the connection: nothing more is downloaded
    return read;
  };
  if (declared !== undefined && declared > limit) return refuse(tooLarge(limit, `Content-Length ${declared}`));
  if (makeDecoder === undefined) {
    const encoding = displayText(headers.contentEncoding ?? '', MAX_SHOWN_TOKEN);
    return refuse({ unreadable: `a body in a content encoding the provider does not decode ("${encoding}")` });
  }
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const decoder = makeDecoder?.();
  let decodeError: unknown;
  decoder?.once('error', (e) => (decodeError = e));
  try {
    await (decoder
      ? pipeline(source, byteLimit(limit, false), decoder, byteLimit(limit, true), sink)
      : pipeline(source, byteLimit(limit, false), sink));
  } catch (e) {
    if (e instanceof OverLimit) {
      return tooLarge(limit, e.decoded ? 'once decompressed' : 'as sent');
    }
    if (decoder && e === decodeError) {
      const code = (e as { code?: unknown }).code;
      const why = `${typeof code === 'string' ? `${code}: ` : ''}${(e as Error).message}`;
      return {
        unreadable: `a ${displayText(headers.contentEncoding ?? '', MAX_SHOWN_TOKEN)} body that does not decompress (${displayText(why, MAX_SHOWN_TOKEN)})`,
      };
    }
    throw e;
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}
