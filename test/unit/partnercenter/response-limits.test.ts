// The bounds on what an answer may be: its size on the wire and decompressed (response-body.ts),
// its JSON nesting (json-depth.ts), and the redaction walk's depth (redact.ts).
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import {
  MAX_RESPONSE_BYTES,
  decoderFor,
  describeLimit,
  parseContentLength,
  readBody,
} from '../../../provider/partnercenter/response-body';
import { MAX_JSON_DEPTH, jsonNestedDeeperThan } from '../../../provider/partnercenter/json-depth';
import { Redactor } from '../../../provider/partnercenter/redact';

describe('parseContentLength', () => {
  it('reads a plain decimal byte count', () => {
    expect(parseContentLength('1234')).toBe(1234);
    expect(parseContentLength(' 0 ')).toBe(0);
  });
  it('is undefined when absent or not a plain count', () => {
    for (const v of [undefined, '', '-5', '1e9', '12abc', '0x10', '99999999999999999999']) {
      expect(parseContentLength(v)).toBeUndefined();
    }
  });
});

describe('describeLimit', () => {
  it('says the limit in MiB when it is a whole number of them, else in bytes', () => {
    expect(describeLimit(MAX_RESPONSE_BYTES)).toBe('8 MiB');
    expect(describeLimit(1000)).toBe('1000 bytes');
  });
});

describe('decoderFor', () => {
  it('decodes what the provider asks for, passes identity through, refuses the rest', () => {
    for (const e of ['gzip', 'x-gzip', 'GZIP', 'deflate', 'br']) expect(typeof decoderFor(e)).toBe('function');
    for (const e of [undefined, '', 'identity']) expect(decoderFor(e)).toBeNull();
    for (const e of ['zstd', 'compress', 'gzip, gzip']) expect(decoderFor(e)).toBeUndefined();
  });
});

describe('readBody', () => {
  const chunks = (...parts: (string | Buffer)[]) => Readable.from(parts.map((p) => Buffer.from(p)));

  it('reads a plain and a compressed body', async () => {
    expect(await readBody(chunks('{"a":', '1}'), {})).toEqual({ text: '{"a":1}' });
    const gz = zlib.gzipSync('{"b":2}');
    expect(await readBody(chunks(gz), { contentEncoding: 'gzip' })).toEqual({ text: '{"b":2}' });
    const br = zlib.brotliCompressSync('{"c":3}');
    expect(await readBody(chunks(br), { contentEncoding: 'br' })).toEqual({ text: '{"c":3}' });
  });

  it('stops at the limit as sent and once decompressed, and refuses a declared length over it', async () => {
    expect(await readBody(chunks('x'.repeat(600), 'y'.repeat(600)), {}, 1000)).toEqual({
      unreadable: "a body over the provider's 1000 bytes response size limit (as sent)",
    });
    const bomb = zlib.gzipSync(Buffer.alloc(100_000));
    expect(bomb.length).toBeLessThan(1000);
    expect(await readBody(chunks(bomb), { contentEncoding: 'gzip' }, 1000)).toEqual({
      unreadable: "a body over the provider's 1000 bytes response size limit (once decompressed)",
    });
    const source = chunks('never read');
    expect(await readBody(source, { contentLength: '5000' }, 1000)).toEqual({
      unreadable: "a body over the provider's 1000 bytes response size limit (Content-Length 5000)",
    });
    expect(source.destroyed).toBe(true);
  });

  it('says when a body does not decompress or its encoding is not one the provider reads', async () => {
    const bad = await readBody(chunks('not gzip'), { contentEncoding: 'gzip' });
    expect(bad.unreadable).toMatch(/^a gzip body that does not decompress \(Z_DATA_ERROR: /);
    const unknown = await readBody(chunks('x'), { contentEncoding: 'zstd\u001b[2J' });
    expect(unknown.unreadable).toBe('a body in a content encoding the provider does not decode ("zstd[2J")');
  });

  it('rejects when the transfer itself breaks', async () => {
    const broken = new Readable({
      read() {
        this.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      },
    });
    await expect(readBody(broken, {})).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});

describe('jsonNestedDeeperThan', () => {
  const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonNestedDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonNestedDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonNestedDeeperThan(`{"a":"${'['.repeat(1000)}","b":"\\"{{{"}`, 2)).toBe(false);
    expect(jsonNestedDeeperThan('{"a":{"b":{"c":1}}}', 2)).toBe(true);
  });
  it('handles 100,000 levels without recursion, and ignores text that is not JSON', () => {
    expect(jsonNestedDeeperThan(nested(100_000))).toBe(true);
    expect(jsonNestedDeeperThan(`<html>${'['.repeat(1000)}`)).toBe(false);
  });
});

describe('Redactor.value', () => {
  it('walks any depth without overflowing the stack, marking what lies too deep', () => {
    const deep = JSON.parse(`{"refresh_token":"x","a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`) as unknown;
    const copy = new Redactor().value(deep) as Record<string, unknown>;
    expect(copy.refresh_token).toBe('[REDACTED]');
    expect(JSON.stringify(copy)).toContain('[nested too deep]');
  });
});
