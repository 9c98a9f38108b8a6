// RawState JSON from an older schema version, parsed for a resource's `upgrade` hook. Numbers
// keep their exact value, in the forms cty values use (number or bigint for integers, Decimal
// with the verbatim text otherwise).
import { parse } from 'lossless-json';
import { parseNumberText } from '../cty/numbers';

function exactNumber(text: string): unknown {
  return parseNumberText(text) ?? Number(text);
}

export function parseRawStateJson(json: Uint8Array | string): { [key: string]: unknown } {
  const text = typeof json === 'string' ? json : new TextDecoder().decode(json);
  const parsed = parse(text, null, exactNumber);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('the stored state is not a JSON object');
  }
  return parsed as { [key: string]: unknown };
}
