// A bound on how deeply an answer's JSON may nest. JSON.parse copes with any depth, but every
// later walk of the value (redaction, logging, JSON.stringify) would recurse once per level and
// overflow the stack: an answer nested deeper than this is refused before it is parsed, so no
// code after the transport ever sees one. docs/security.md.

/** Far deeper than any Partner Center answer (a billing profile nests 3 levels). */
export const MAX_JSON_DEPTH = 64;

/**
 * True when `text`, read as JSON, nests arrays and objects more than `max` levels deep. A scan of
 * the characters (strings skipped), no recursion and no parse; text that does not start like
 * JSON (an HTML page, plain text) is never "too deep".
 */
export function jsonNestedDeeperThan(text: string, max: number = MAX_JSON_DEPTH): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
