// A partner profile as the emulator stores it, and its API JSON form, for any profile described
// in profiles/ (spec.ts). The emulator keeps its own types (it fakes the external API; it does
// not share the provider's model).
import { randomBytes } from 'node:crypto';
import { BILLING } from './profiles';
import { groupFields, type ProfileData, type ProfileSpec } from './profiles/spec';

export type { ProfileData };

/** A stored version: its data and etag (kept for every profile: it tells versions apart; the API shows it only where spec.etag). */
export type StoredProfile = ProfileData & { etag: string };

type Text = string | undefined;

/** The billing profile's data with its typed fields named (scripts read the defaults). */
export interface BillingProfileData {
  [extra: string]: unknown;
  companyName?: string;
  address?: Record<string, Text>;
  primaryContact?: Record<string, Text>;
  purchaseOrderNumber?: string;
  taxId?: string;
  billingCurrency?: string;
  billingDay?: number;
  profileType?: string;
}

/** An opaque etag, like the service's: nothing to parse, only to compare. */
export function newEtag(): string {
  return randomBytes(12).toString('base64url');
}

/** The default billing profile. */
export function defaultProfileData(): BillingProfileData {
  return BILLING.defaults('');
}

function compact(obj: unknown): Record<string, unknown> | undefined {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

/** Drops empty values at the top and in each group: the service omits empty fields. */
export function compactProfile<T extends ProfileData>(spec: ProfileSpec, p: T): T {
  const out = compact(p) ?? {};
  for (const { key } of groupFields(spec)) {
    const group = compact(out[key]);
    if (group) out[key] = group;
    else delete out[key];
  }
  return out as T;
}

/** The response body of the profile's GET and PUT: camelCase, empties left out, links and attributes. */
export function toApiJson(spec: ProfileSpec, p: StoredProfile): Record<string, unknown> {
  const { etag, ...data } = compactProfile(spec, p);
  for (const f of spec.fields)
    if (f.kind === 'string' && f.alias && data[f.key] !== undefined) data[f.alias] = data[f.key];
  return {
    ...data,
    links: { self: { uri: spec.selfUri, method: 'GET', headers: [] } },
    attributes: spec.etag ? { etag, objectType: spec.objectType } : { objectType: spec.objectType },
  };
}

export function cloneProfile<T extends ProfileData>(p: T): T {
  return structuredClone(p);
}
