// Schema of the partnercenter_billing_profile resource and data source (docs/architecture.md §3.1), derived
// from the field table.
//
// Read-only fields are declared optional + computed on purpose: were they computed-only, the
// engine would reject a config that sets one with its own generic message before we see it.
// Declared optional, they reach our validation, which names the field and says where it is
// changed (the Partner Center dashboard).
import type { AttributeSchema, Schema } from '../plugin/kit';
import { GROUPS, fieldsOfGroup, type FieldSpec, type GroupName } from './billing-profile-fields';

export const RESOURCE_TYPE = 'partnercenter_billing_profile';
/** The resource's schema version (see buildResourceSchema). */
export const BILLING_PROFILE_SCHEMA_VERSION = 1;
/** The only id the resource has: one billing profile per partner. */
export const BILLING_PROFILE_ID = 'billing';

const GROUP_DESCRIPTIONS: Record<GroupName, string> = {
  address:
    'Billing address. Only the attributes set here are managed; the others keep their current values. `country` is read-only.',
  primary_contact:
    'Primary billing contact. Only the attributes set here are managed; the others keep their current values.',
};

function fieldAttribute(f: FieldSpec): AttributeSchema {
  return { type: f.kind, description: f.description, optional: true, computed: true };
}

function attributesOf(group: GroupName | undefined): Record<string, AttributeSchema> {
  return Object.fromEntries(fieldsOfGroup(group).map((f) => [f.attr, fieldAttribute(f)]));
}

function buildResourceSchema(): Schema {
  const attributes: Record<string, AttributeSchema> = {
    id: {
      type: 'string',
      computed: true,
      description: `Always "${BILLING_PROFILE_ID}": a partner has exactly one billing profile.`,
    },
    ...attributesOf(undefined),
  };
  for (const group of Object.keys(GROUPS) as GroupName[]) {
    attributes[group] = {
      nested: { nesting: 'single', attributes: attributesOf(group) },
      optional: true,
      computed: true,
      description: GROUP_DESCRIPTIONS[group],
    };
  }
  attributes.etag = {
    type: 'string',
    computed: true,
    description:
      'Version of the profile the state was read at. Every update sends it (If-Match) so a change made elsewhere since the plan is never overwritten.',
  };
  attributes.tenant_id = {
    type: 'string',
    computed: true,
    description:
      "Partner tenant (Microsoft Entra ID tenant id) the profile was read from: the tid claim of the credentials' access token; null when the token does not carry one. A resource stays bound to it: credentials of another tenant are refused before anything is written.",
  };
  return {
    // 1 added tenant_id: a version 0 state upgrades with it null, and the next read fills it
    // (billing-profile-tenant.ts); the bump keeps an older provider from reading a bound state.
    version: BILLING_PROFILE_SCHEMA_VERSION,
    block: {
      attributes,
      description:
        'The partner billing profile of the Partner Center account the credentials belong to. It always exists: creating the resource adopts it, destroying it only removes it from state.',
    },
  };
}

/** Same attributes with every one computed only (the data source). */
function computedOnly(attrs: Record<string, AttributeSchema>): Record<string, AttributeSchema> {
  return Object.fromEntries(
    Object.entries(attrs).map(([name, a]) => {
      const copy: AttributeSchema = { description: a.description, computed: true };
      if (a.type !== undefined) copy.type = a.type;
      if (a.nested) copy.nested = { nesting: a.nested.nesting, attributes: computedOnly(a.nested.attributes) };
      return [name, copy];
    }),
  );
}

export const billingProfileSchema: Schema = buildResourceSchema();

export const billingProfileDataSourceSchema: Schema = {
  version: 0,
  block: {
    attributes: computedOnly(billingProfileSchema.block.attributes),
    description: 'Reads the partner billing profile of the Partner Center account the credentials belong to.',
  },
};
