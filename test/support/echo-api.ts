// An in-memory Partner Center for the property tests (not a test file itself), serving one profile
// spec (the billing profile unless told otherwise): full-object PUT
// that keeps the read-only fields, and every answer sent over the wire format re-spelled the way
// the API may (absent / null / "" for empty fields, letter case of the case-insensitive fields,
// PascalCase keys), then read back with the client's own profileFromWire. The letter case of a
// stored value is chosen once, as a real service stores one spelling and echoes it the same way
// every time; key casing and the empty-value form vary on every answer.
import { profileFromWire, profileToWire } from '../../provider/partnercenter';
import type { BillingProfile, Profile } from '../../provider/partnercenter/model';
import type { ProfileApi } from '../../provider/provider-client';
import { recase } from './arbitraries';
import { BILLING } from '../../provider/profiles/specs';
import type { ProfileSpec } from '../../provider/profiles/spec';
import { cloneProfile, getField, setField } from '../../provider/profiles/values';

type Json = Record<string, unknown>;

const pascal = (key: string) => key[0].toUpperCase() + key.slice(1);

export class EchoApi<P extends Profile = BillingProfile> implements ProfileApi {
  puts = 0;
  private cursor = 0;
  private version = 0;
  /** Letter-case choice per field and stored value. */
  private spellings = new Map<string, number>();

  /** `script`: the spelling choices, used in turn (cyclically) by every answer. */
  constructor(
    public stored: P,
    private readonly script: readonly number[],
    private readonly spec: ProfileSpec = BILLING,
  ) {}

  private choice(): number {
    return this.script[this.cursor++ % this.script.length] ?? 0;
  }

  private spellingOf(path: string, value: string): number {
    const key = `${path}\u0000${value}`;
    let how = this.spellings.get(key);
    if (how === undefined) this.spellings.set(key, (how = this.choice()));
    return how;
  }

  /** The stored profile as the API might write it in JSON. */
  private answer(): P {
    const spec = this.spec;
    const pascalKeys = this.choice() % 2 === 1;
    const keyOf = (k: string) => (pascalKeys ? pascal(k) : k);
    const body: Json = {};
    for (const f of spec.fields) {
      const groupKey = spec.groups.find((g) => g.attr === f.group)?.key;
      const holder: Json = groupKey ? ((body[keyOf(groupKey)] as Json | undefined) ?? {}) : body;
      if (groupKey) body[keyOf(groupKey)] = holder;
      const v = getField(spec, this.stored, f);
      const how = this.choice();
      if (v === undefined) {
        if (how % 3 === 1) holder[keyOf(f.key)] = null;
        else if (how % 3 === 2) holder[keyOf(f.key)] = '';
      } else {
        holder[keyOf(f.key)] = f.caseInsensitive && typeof v === 'string' ? recase(v, this.spellingOf(f.path, v)) : v;
      }
    }
    if (this.stored.etag !== undefined) body[keyOf('attributes')] = { [keyOf('etag')]: this.stored.etag };
    return profileFromWire(spec.shape, JSON.parse(JSON.stringify(body))) as P;
  }

  async getProfile(): Promise<P> {
    return this.answer();
  }

  async updateProfile(_shape: unknown, profile: Profile, etag: string | undefined): Promise<P> {
    const spec = this.spec;
    // A profile without an etag takes any PUT (the support profile); the others want the stored one.
    if (spec.etag !== 'none' && (etag ?? '') !== (this.stored.etag ?? ''))
      throw new Error(`test API: stale etag ${etag}, stored ${this.stored.etag}`);
    this.puts++;
    // What reaches the API: the wire body ("" asks to clear). Read-only fields keep their value.
    const sent = profileFromWire(spec.shape, profileToWire(spec.shape, profile));
    const next = {} as P;
    for (const f of spec.fields) setField(spec, next, f, getField(spec, f.readOnly ? this.stored : sent, f));
    if (spec.etag !== 'none') next.etag = `etag-put-${++this.version}`;
    this.stored = cloneProfile(next);
    return this.answer();
  }
}
