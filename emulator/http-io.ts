// Small node:http helpers: read a bounded body, answer with JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses JSON; `undefined` for an empty body; throws SyntaxError for bad JSON. */
export function parseJson(text: string): unknown {
  return text.trim() === '' ? undefined : JSON.parse(text);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  sendText(res, status, text, text ? 'application/json; charset=utf-8' : undefined, headers);
}

/** Answers `text` as is, with its Content-Length (and Content-Type, when given). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType?: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...(contentType ? { 'Content-Type': contentType } : {}),
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}
