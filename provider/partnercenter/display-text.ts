// Text that came from the other side of the wire (API descriptions and codes, HTML titles, the
// token endpoint's error_description, echoed headers) ends up on the user's terminal: it is
// cleared of control characters, so that it cannot move the cursor, clear the screen, write the
// clipboard (OSC 52) or fake a line of Terraform output, and cut to a length worth reading.
// docs/security.md.

/** The longest API text shown: an API description, a plain-text body. */
export const MAX_SHOWN_TEXT = 500;

/** The longest short API value shown: an error code, a request id, a content type. */
export const MAX_SHOWN_TOKEN = 100;

// Line breaks and tabs become a space (the words around them stay apart); every other C0
// character, DEL, the C1 range (ESC, CSI and OSC among them), and the bidirectional overrides
// that make text display in another order than it reads are dropped.
const SPACING = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g; // eslint-disable-line no-control-regex

/** `s` with line breaks and tabs as spaces and every other control character removed. */
export function stripControls(s: string): string {
  return s.replace(SPACING, ' ').replace(CONTROL, '');
}

/** `s` cut to `max` characters (never inside a surrogate pair), with "…" when something was cut. */
export function cutText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/** API text as it may be shown: controls stripped, then cut to `max`. */
export function displayText(s: string, max: number = MAX_SHOWN_TEXT): string {
  return cutText(stripControls(s), max);
}
