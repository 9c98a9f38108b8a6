// What the emulator knows of one partner profile of the API (docs/architecture.md §6.1): its
// paths, its fields with their kinds and rules, its default data and how the service answers it.
// The emulator keeps these descriptions of its own, apart from the provider's: it fakes the
// external API, so its view of the fields must not follow the client's by construction.
import type { BoundProfile } from '../binding';

/** How a PUT treats a field the service owns. */
export type ReadOnlyMode =
  /** May be repeated (clients send the whole object) but not changed: 400 naming the field. */
  | 'refuse'
  /** Set by the service alone: whatever a PUT sends is ignored and the stored value kept. */
  | 'ignore';

export interface TextField {
  key: string;
  kind: 'string';
  readOnly?: ReadOnlyMode;
  /** A read-only value compares ignoring letter case (codes such as a country). */
  ignoreCase?: boolean;
  required?: boolean;
  /** Longest value in characters (code points); DEFAULT_MAX when not given. */
  max?: number;
  pattern?: RegExp;
  /** What `pattern` asks for, in the error message: "must be <patternText>". */
  patternText?: string;
  /** The only values allowed (exact spelling). */
  oneOf?: readonly string[];
  /** Another name the API also answers this field under, with the same value (mpnId beside partnerId). */
  alias?: string;
}

export interface IntegerField {
  key: string;
  kind: 'integer';
  readOnly?: ReadOnlyMode;
  min: number;
  max: number;
  /** What the range means, in the error message: "must be <rangeText>". */
  rangeText: string;
}

/** A nested object of text fields (Address, Contact). */
export interface GroupField {
  key: string;
  kind: 'group';
  group: GroupSpec;
}

export interface GroupSpec {
  /** The API's name of the type, for messages. */
  name: string;
  fields: readonly TextField[];
}

export type FieldSpec = TextField | IntegerField | GroupField;

export type ProfileName = 'billing' | 'support' | 'organization' | 'legalbusiness' | 'mpn';

/** A profile as stored: typed fields, groups as objects, and extra fields of any JSON value. */
export type ProfileData = Record<string, unknown>;

export interface ProfileSpec {
  name: ProfileName;
  /** How messages name it: "the <title> profile". */
  title: string;
  /** The API path of GET (and of PUT, when `putPaths` is not given otherwise). */
  path: string;
  /** The paths a PUT is accepted on; empty: the profile is read-only (PUT answers 405). */
  putPaths: readonly string[];
  /** attributes.objectType, and links.self.uri. */
  objectType: string;
  selfUri: string;
  /** Whether the API versions it with attributes.etag (and honours If-Match). */
  etag: boolean;
  /** In the order the service checks them. */
  fields: readonly FieldSpec[];
  /** The data of a new tenant's profile. */
  defaults(tenantId: string): ProfileData;
  /**
   * The outcome of a review that `data` records, if it records a finished one (legalbusiness: a
   * vetting status of Authorized or Rejected). A version whose outcome differs from the previous
   * version's is kept as the "last finalized" one.
   */
  finalDecision?(data: ProfileData): string | undefined;
  /** A rule of the service beyond the field rules that refuses a PUT (checked after the read-only check). */
  putRefusal?(current: ProfileData, body: BoundProfile): PutRefusal | undefined;
}

/** Why a PUT is refused: answered 400 with this ApiFault code, description and field. */
export interface PutRefusal {
  code: number;
  field: string;
  description: string;
}

/** Any text field without a documented limit. */
export const DEFAULT_MAX = 200;

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PHONE = /^\+?[0-9][0-9 ()\-.]{1,38}$/;
export const COUNTRY = /^[A-Za-z]{2}$/;
export const EMAIL_TEXT = 'an email address such as billing@example.com';
export const PHONE_TEXT = 'a phone number of digits, spaces, ( ) - . and an optional leading +';
export const COUNTRY_TEXT = 'a 2-letter ISO 3166 country code such as US';

/** The names a JSON object of this spec may carry besides extra fields: typed fields, aliases, links, attributes. */
export function knownTopKeys(spec: ProfileSpec): string[] {
  const keys = ['links', 'attributes'];
  for (const f of spec.fields) {
    keys.push(f.key);
    if (f.kind === 'string' && f.alias) keys.push(f.alias);
  }
  return keys;
}

export function groupFields(spec: ProfileSpec): GroupField[] {
  return spec.fields.filter((f): f is GroupField => f.kind === 'group');
}
