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

  /** A deep copy of `v` safe to log. */
  value(v: unknown): unknown {
    if (typeof v === 'string') return this.text(v);
    if (Array.isArray(v)) return v.map((item) => this.value(item));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v)) {
        out[key] =
          SECRET_KEY.test(key) && item !== null && item !== undefined && item !== '' ? REDACTED : this.value(item);
      }
      return out;
    }
    return v;
  }
}
