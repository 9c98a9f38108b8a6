// The compact JSON form of cty types, as in schema attribute `type` bytes and dynamic values:
// "string" | "number" | "bool" | "dynamic" | ["list",T] | ["set",T] | ["map",T] |
// ["object",{"name":T,…}] | ["tuple",[T,…]].
import type { CtyType } from './types';
import { isPlainRecord, setOwn } from './records';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isPrimitiveName(v: unknown): v is 'string' | 'number' | 'bool' | 'dynamic' {
  return v === 'string' || v === 'number' || v === 'bool' || v === 'dynamic';
}

/**
 * Parses a cty type from its JSON text (string or UTF-8 bytes) or from already-parsed JSON.
 * A bare primitive name ("string", not valid JSON text) is accepted as that type too.
 * Throws on anything that is not a valid type.
 */
export function parseTypeJson(json: unknown): CtyType {
  let parsed: unknown = json;
  if (json instanceof Uint8Array) parsed = parseJsonText(utf8.decode(json));
  else if (typeof json === 'string') parsed = isPrimitiveName(json) ? json : parseJsonText(json);
  return typeFromJson(parsed, '');
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`invalid cty type JSON: ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`);
  }
}

function typeFromJson(j: unknown, where: string): CtyType {
  if (isPrimitiveName(j)) return j;
  const at = where === '' ? '' : ` at ${where}`;
  if (!Array.isArray(j) || typeof j[0] !== 'string') {
    throw new Error(`invalid cty type${at}: ${JSON.stringify(j)}`);
  }
  const kind = j[0];
  switch (kind) {
    case 'list':
    case 'set':
    case 'map':
      if (j.length !== 2) throw new Error(`invalid cty type${at}: ${kind} takes exactly one element type`);
      return [kind, typeFromJson(j[1], `${where}${kind}`)];
    case 'tuple': {
      if (j.length !== 2 || !Array.isArray(j[1]))
        throw new Error(`invalid cty type${at}: tuple needs an array of element types`);
      const elems = j[1] as unknown[];
      return ['tuple', elems.map((e, i) => typeFromJson(e, `${where}tuple[${i}]`))];
    }
    case 'object': {
      if (j.length === 3) throw new Error(`invalid cty type${at}: optional attribute markers are not supported`);
      if (j.length !== 2 || !isPlainRecord(j[1]))
        throw new Error(`invalid cty type${at}: object needs a map of attribute types`);
      const attrs: { [attr: string]: CtyType } = {};
      for (const [name, t] of Object.entries(j[1])) setOwn(attrs, name, typeFromJson(t, `${where}.${name}`));
      return ['object', attrs];
    }
    default:
      throw new Error(`invalid cty type${at}: unknown kind ${JSON.stringify(kind)}`);
  }
}

/** Compact JSON as Terraform writes it: no spaces, object attributes in sorted order. */
export function typeToJson(t: CtyType): string {
  if (typeof t === 'string') return `"${t}"`;
  switch (t[0]) {
    case 'list':
    case 'set':
    case 'map':
      return `["${t[0]}",${typeToJson(t[1])}]`;
    case 'tuple':
      return `["tuple",[${t[1].map(typeToJson).join(',')}]]`;
    case 'object': {
      const names = Object.keys(t[1]).sort();
      const parts = names.map((n) => `${JSON.stringify(n)}:${typeToJson(t[1][n])}`);
      return `["object",{${parts.join(',')}}]`;
    }
  }
}
