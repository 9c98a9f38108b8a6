// The API's two shared nested types, Address and Contact (docs/architecture.md §5.2), as fields of
// a profile's nested object. `of` names the object in the descriptions: "the billing address".
import { inGroup, type FieldSpec } from '../spec';

export interface AddressOptions {
  /** Whether the country is changed through this profile (else read-only, tied to the partner tenant). */
  countryWritable?: boolean;
  /** Where a read-only country is changed, when not where the profile's other fields are. */
  countryChangedIn?: string;
}

/** The Address fields inside `group`, described as parts of `of` ("the billing address"). */
export function addressFields(group: string, of: string, opts: AddressOptions = {}): FieldSpec[] {
  const country: FieldSpec = opts.countryWritable
    ? inGroup(group, 'country', 'country', {
        caseInsensitive: true,
        pattern: { regex: /^[A-Za-z]{2}$/, means: 'a two-letter ISO 3166 country code such as "US"' },
        description: `ISO 3166 two-letter country of ${of}, e.g. "US" (compared ignoring case).`,
      })
    : inGroup(group, 'country', 'country', {
        readOnly: true,
        caseInsensitive: true,
        ...(opts.countryChangedIn ? { changedIn: opts.countryChangedIn } : {}),
        description: `ISO 3166 two-letter country of ${of}, e.g. "US"; it is tied to the partner tenant.`,
      });
  return [
    inGroup(group, 'address_line1', 'addressLine1', {
      minLength: 1,
      maxLength: 200,
      description: `First line of ${of} (1 to 200 characters).`,
      resourceNote: 'The API requires it, so it cannot be cleared.',
    }),
    inGroup(group, 'address_line2', 'addressLine2', {
      maxLength: 200,
      description: `Second line of ${of} (up to 200 characters).`,
      resourceNote: 'Set to "" to clear it.',
    }),
    inGroup(group, 'city', 'city', { maxLength: 200, description: `City of ${of} (up to 200 characters).` }),
    inGroup(group, 'state', 'state', {
      maxLength: 200,
      caseInsensitive: true,
      description: `State or province of ${of}; a code such as "WA" where the country uses codes (compared ignoring case).`,
    }),
    inGroup(group, 'region', 'region', {
      maxLength: 200,
      description: `Region of ${of}, for countries that use one (up to 200 characters).`,
    }),
    inGroup(group, 'postal_code', 'postalCode', {
      maxLength: 200,
      description: `Postal or ZIP code of ${of} (up to 200 characters).`,
    }),
    inGroup(group, 'first_name', 'firstName', {
      maxLength: 50,
      description: `First name of the person ${of} is for (up to 50 characters).`,
    }),
    inGroup(group, 'last_name', 'lastName', {
      maxLength: 50,
      description: `Last name of the person ${of} is for (up to 50 characters).`,
    }),
    inGroup(group, 'phone_number', 'phoneNumber', {
      maxLength: 200,
      description: `Phone number attached to ${of} (up to 200 characters).`,
    }),
    country,
  ];
}

/** The Contact fields inside `group`, described as those of `who` ("the primary billing contact"). */
export function contactFields(group: string, who: string): FieldSpec[] {
  return [
    inGroup(group, 'first_name', 'firstName', {
      maxLength: 50,
      description: `First name of ${who} (up to 50 characters).`,
    }),
    inGroup(group, 'last_name', 'lastName', {
      maxLength: 50,
      description: `Last name of ${who} (up to 50 characters).`,
    }),
    inGroup(group, 'email', 'email', {
      email: true,
      caseInsensitive: true,
      description: `E-mail address of ${who} (compared ignoring case).`,
    }),
    inGroup(group, 'phone_number', 'phoneNumber', {
      maxLength: 200,
      description: `Phone number of ${who} (up to 200 characters).`,
    }),
  ];
}

/** A nested object's resource description: what it is, how it is managed, `extra`, the typo warning. */
export function groupDescription(what: string, extra?: string): string {
  return [
    `${what}.`,
    'Only the attributes set here are managed; the others keep their current values.',
    extra,
    'An attribute name the schema does not have is dropped by the engine without an error, so the provider warns when the object manages no attribute.',
  ]
    .filter(Boolean)
    .join(' ');
}
