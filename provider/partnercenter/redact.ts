// Keeps secrets out of logs and error messages. Two nets: values under secret-looking keys are
// replaced wherever they sit in a body, and every secret the client knows (client secret, refresh
// token, access tokens it obtained) is scrubbed from any text, e.g. an echoed error description.

export const REDACTED = '[REDACTED]';

const SECRET_KEY = /token|secret|password|authori[sz]ation|assertion|credential/i;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9\-._~+/=]+/gi;
const SECRET_FORM_FIELD = /\b([A-Za-z_]*(?:token|secret|password|assertion)[A-Za-z_]*)=([^&\s]*)/gi;

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remembers a secret so it is scrubbed from any text later. Very short values are ignored. */
  remember(secret: string | undefined): void {
    if (secret && secret.length >= 6) this.secrets.add(secret);
  }

  text(s: string): string {
    let out = s;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out.replace(BEARER, `$1 ${REDACTED}`).replace(SECRET_FORM_FIELD, `$1=${REDACTED}`);
  }

  /**
   * A deep copy of `v` safe to log. Depth-limited: the transport refuses answers nested deeper
   * than json-depth.ts allows, and this bound keeps the walk from overflowing the stack whatever
   * it is given; what lies deeper is replaced by a marker.
   */
  value(v: unknown, depth = 0): unknown {
    if (typeof v === 'string') return this.text(v);
    if (v === null || typeof v !== 'object') return v;
    if (depth >= MAX_REDACTION_DEPTH) return TOO_DEEP;
    if (Array.isArray(v)) return v.map((item) => this.value(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) {
      out[key] =
        SECRET_KEY.test(key) && item !== null && item !== undefined && item !== ''
          ? REDACTED
          : this.value(item, depth + 1);
    }
    return out;
  }
}

/** Deeper than any answer the transport lets through (json-depth.ts), and far from the stack's limit. */
const MAX_REDACTION_DEPTH = 100;
const TOO_DEEP = '[nested too deep]';
