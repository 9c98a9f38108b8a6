// RawState JSON from an older schema version, parsed for a resource's `upgrade` hook. Numbers
// keep their exact value, in the same forms cty values use: a JS number when exactly
// representable, a bigint for larger integers, a Decimal (verbatim text) otherwise.
import { parse } from 'lossless-json';
import { Decimal } from '../cty/types';

function exactNumber(text: string): number | bigint | Decimal {
  const n = Number(text);
  if (/^-?\d+$/.test(text)) return Number.isSafeInteger(n) ? n : BigInt(text);
  return String(n) === text ? n : new Decimal(text);
}

export function parseRawStateJson(json: Uint8Array | string): { [key: string]: unknown } {
  const text = typeof json === 'string' ? json : new TextDecoder().decode(json);
  const parsed = parse(text, null, exactNumber);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('the stored state is not a JSON object');
  }
  return parsed as { [key: string]: unknown };
}
