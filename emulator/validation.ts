// Field rules of the partner billing profile (documented limits from the Partner Center
// Address/Contact resources) and the read-only check. Each problem names the field (dotted path).
import type { BoundProfile } from './binding';
import type { ProfileData } from './profile';

export interface FieldProblem {
  field: string;
  message: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()\-.]{1,38}$/;
const COUNTRY = /^[A-Za-z]{2}$/;
const CURRENCY = /^[A-Za-z]{3}$/;
/** Any string field without a documented limit. */
const DEFAULT_MAX = 200;

interface Rule {
  field: string;
  value: (p: ProfileData) => string | undefined;
  required?: boolean;
  max?: number;
  pattern?: RegExp;
  patternText?: string;
}

const RULES: Rule[] = [
  { field: 'companyName', value: (p) => p.companyName },
  {
    field: 'address.country',
    value: (p) => p.address?.country,
    required: true,
    pattern: COUNTRY,
    patternText: 'a 2-letter ISO 3166 country code such as US',
  },
  { field: 'address.addressLine1', value: (p) => p.address?.addressLine1, required: true, max: 200 },
  { field: 'address.addressLine2', value: (p) => p.address?.addressLine2, max: 200 },
  { field: 'address.city', value: (p) => p.address?.city },
  { field: 'address.state', value: (p) => p.address?.state },
  { field: 'address.region', value: (p) => p.address?.region },
  { field: 'address.postalCode', value: (p) => p.address?.postalCode },
  { field: 'address.firstName', value: (p) => p.address?.firstName, max: 50 },
  { field: 'address.lastName', value: (p) => p.address?.lastName, max: 50 },
  {
    field: 'address.phoneNumber',
    value: (p) => p.address?.phoneNumber,
    pattern: PHONE,
    patternText: 'a phone number of digits, spaces, ( ) - . and an optional leading +',
  },
  { field: 'primaryContact.firstName', value: (p) => p.primaryContact?.firstName, max: 50 },
  { field: 'primaryContact.lastName', value: (p) => p.primaryContact?.lastName, max: 50 },
  {
    field: 'primaryContact.email',
    value: (p) => p.primaryContact?.email,
    pattern: EMAIL,
    patternText: 'an email address such as billing@example.com',
  },
  {
    field: 'primaryContact.phoneNumber',
    value: (p) => p.primaryContact?.phoneNumber,
    pattern: PHONE,
    patternText: 'a phone number of digits, spaces, ( ) - . and an optional leading +',
  },
  { field: 'purchaseOrderNumber', value: (p) => p.purchaseOrderNumber },
  { field: 'taxId', value: (p) => p.taxId },
  {
    field: 'billingCurrency',
    value: (p) => p.billingCurrency,
    pattern: CURRENCY,
    patternText: 'a 3-letter ISO 4217 currency code such as USD',
  },
  { field: 'profileType', value: (p) => p.profileType },
];

export function validateProfile(p: ProfileData): FieldProblem | undefined {
  for (const rule of RULES) {
    const v = rule.value(p);
    if (v === undefined || v === '') {
      if (rule.required) return { field: rule.field, message: `${rule.field} is required` };
      continue;
    }
    const max = rule.max ?? DEFAULT_MAX;
    // Characters are code points: an emoji is one, as the provider counts them.
    const length = Array.from(v).length;
    if (length > max)
      return { field: rule.field, message: `${rule.field} must be at most ${max} characters (got ${length})` };
    if (rule.pattern && !rule.pattern.test(v))
      return { field: rule.field, message: `${rule.field} must be ${rule.patternText} (got "${v}")` };
  }
  if (p.billingDay !== undefined && (!Number.isInteger(p.billingDay) || p.billingDay < 1 || p.billingDay > 31)) {
    return { field: 'billingDay', message: `billingDay must be a day of the month, 1 to 31 (got ${p.billingDay})` };
  }
  return undefined;
}

function sameText(a: string | undefined, b: string | undefined, ignoreCase: boolean): boolean {
  const x = (a ?? '').trim();
  const y = (b ?? '').trim();
  return ignoreCase ? x.toLowerCase() === y.toLowerCase() : x === y;
}

/**
 * A PUT may repeat a read-only field (clients send the whole object) but not change it. Fields
 * left out or null keep their value. Country, currency and profile type compare ignoring case.
 */
export function readOnlyViolation(current: ProfileData, body: BoundProfile): FieldProblem | undefined {
  const checks: [string, boolean][] = [
    ['companyName', body.companyName == null || sameText(body.companyName, current.companyName, false)],
    [
      'address.country',
      body.address?.country == null || sameText(body.address.country, current.address?.country, true),
    ],
    ['billingCurrency', body.billingCurrency == null || sameText(body.billingCurrency, current.billingCurrency, true)],
    ['billingDay', body.billingDay == null || body.billingDay === current.billingDay],
    ['profileType', body.profileType == null || sameText(body.profileType, current.profileType, true)],
  ];
  const failed = checks.find(([, ok]) => !ok);
  if (!failed) return undefined;
  const field = failed[0];
  return {
    field,
    message: `${field} is read-only: it cannot be changed through the API (it is changed in the Partner Center dashboard); send its current value or leave it out`,
  };
}
