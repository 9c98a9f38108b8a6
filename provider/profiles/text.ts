// How the resource reads text (docs/architecture.md §3.1, §3.4): values compare in Unicode
// normal form C, lengths and positions count code points, and characters that cannot be seen or
// that reorder the text around them are refused in single-line fields.

/**
 * The NFC form. "ü" typed as u + U+0308 (NFD, as macOS file names and some keyboards give it)
 * and the precomposed "ü" are one value: comparing them raw would plan a change nobody can see,
 * on every plan.
 */
export function nfc(v: string): string {
  return v.normalize('NFC');
}

/** Length in code points: an emoji outside the BMP is one character, not two UTF-16 units. */
export function codePointLength(v: string): number {
  let n = 0;
  for (const _ of v) n++;
  return n;
}

/**
 * C0, DEL and C1 controls (Cc: newline and tab included), invisible formatting characters (Cf:
 * zero width space, BOM, soft hyphen, the bidirectional embeddings, overrides, isolates and marks)
 * and the line and paragraph separators (Zl, Zp). Zero width non-joiner and joiner (U+200C,
 * U+200D) are let through: they are part of the spelling of words in Persian, Kurdish and Indic
 * scripts and of emoji sequences, and reorder nothing.
 */
const REFUSED = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const REFUSED_ALL = new RegExp(REFUSED.source, 'gu');

/** The bidirectional controls: they change the display order of the text around them. */
const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x09: 'tab',
  0x0a: 'line feed',
  0x0d: 'carriage return',
  0x7f: 'DEL',
  0xad: 'soft hyphen',
  0x061c: 'Arabic letter mark',
  0x200b: 'zero width space',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'byte order mark',
};

export type RefusedKind = 'control' | 'separator' | 'bidi' | 'invisible';

export interface RefusedCharacter {
  kind: RefusedKind;
  /** "U+202E (right-to-left override)", or "U+E0041" when it has no common name. */
  label: string;
  /** 1-based, in code points. */
  position: number;
}

function codeLabel(cp: number): string {
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return NAMES[cp] ? `${code} (${NAMES[cp]})` : code;
}

/** The first refused character of `v`, or undefined. */
export function firstRefusedCharacter(v: string): RefusedCharacter | undefined {
  const match = REFUSED.exec(v);
  if (!match) return undefined;
  const cp = match[0].codePointAt(0)!;
  const kind: RefusedKind = /\p{Cc}/u.test(match[0])
    ? 'control'
    : /[\p{Zl}\p{Zp}]/u.test(match[0])
      ? 'separator'
      : BIDI.has(cp)
        ? 'bidi'
        : 'invisible';
  return { kind, label: codeLabel(cp), position: codePointLength(v.slice(0, match.index)) + 1 };
}

/**
 * `v` as a JSON string in NFC, with every refused character escaped (\u202e; \u{e0041} past the BMP), so that a message
 * quoting a value shows what it holds and cannot be reordered or hidden by it.
 */
export function quoteText(v: string): string {
  return JSON.stringify(nfc(v)).replace(REFUSED_ALL, (c) => {
    const hex = c.codePointAt(0)!.toString(16);
    return hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
  });
}
