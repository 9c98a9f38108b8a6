// Schema of the partnercenter_billing_profile resource and data source (docs/architecture.md §3.1), derived
// from the field table.
//
// Read-only fields are computed-only, as providers conventionally declare them: generated config
// (plan -generate-config-out) and the CDKTF config types leave them out. The engines do not
// refuse a value for a computed-only attribute themselves (they pass it to the provider's
// validation, as the plugin SDKs expect), so billing-profile-validate.ts still refuses it at
// validate time, naming the field and where it is changed (the Partner Center dashboard).
import type { AttributeSchema, Schema } from '../plugin/kit';
import { DASHBOARD, GROUPS, fieldsOfGroup, type FieldSpec, type GroupName } from './billing-profile-fields';

export const RESOURCE_TYPE = 'partnercenter_billing_profile';
/** The resource's schema version (see buildResourceSchema). */
export const BILLING_PROFILE_SCHEMA_VERSION = 1;
/** The only id the resource has: one billing profile per partner. */
export const BILLING_PROFILE_ID = 'billing';

/** The resource's schema, or the data source's: same attributes, all computed-only, own descriptions. */
type Kind = 'resource' | 'data';

const GROUP_DESCRIPTIONS: Record<GroupName, Record<Kind, string>> = {
  address: {
    resource:
      'Billing address. Only the attributes set here are managed; the others keep their current values. `country` is read-only. An attribute name the schema does not have is dropped by the engine without an error, so the provider warns when the object manages no attribute.',
    data: 'Billing address of the profile.',
  },
  primary_contact: {
    resource:
      'Primary billing contact. Only the attributes set here are managed; the others keep their current values. An attribute name the schema does not have is dropped by the engine without an error, so the provider warns when the object manages no attribute.',
    data: 'Primary billing contact of the profile.',
  },
};

function fieldDescription(f: FieldSpec, kind: Kind): string {
  if (f.readOnly)
    return kind === 'resource' ? `Read-only. ${f.description} ${DASHBOARD}` : `${f.description} ${DASHBOARD}`;
  return kind === 'resource' && f.resourceNote ? `${f.description} ${f.resourceNote}` : f.description;
}

function fieldAttribute(f: FieldSpec, kind: Kind): AttributeSchema {
  const description = fieldDescription(f, kind);
  return kind === 'resource' && !f.readOnly
    ? { type: f.kind, description, optional: true, computed: true }
    : { type: f.kind, description, computed: true };
}

function attributesOf(group: GroupName | undefined, kind: Kind): Record<string, AttributeSchema> {
  return Object.fromEntries(fieldsOfGroup(group).map((f) => [f.attr, fieldAttribute(f, kind)]));
}

function groupAttributes(kind: Kind): Record<string, AttributeSchema> {
  const out: Record<string, AttributeSchema> = {};
  for (const group of Object.keys(GROUPS) as GroupName[]) {
    out[group] = {
      nested: { nesting: 'single', attributes: attributesOf(group, kind) },
      ...(kind === 'resource' ? { optional: true } : {}),
      computed: true,
      description: GROUP_DESCRIPTIONS[group][kind],
    };
  }
  return out;
}

const ID_DESCRIPTION = `Always "${BILLING_PROFILE_ID}": a partner has exactly one billing profile.`;
const TENANT_DESCRIPTION =
  "Partner tenant (Microsoft Entra ID tenant id) the profile was read from: the tid claim of the credentials' access token; null when the token does not carry one.";

function buildResourceSchema(): Schema {
  const attributes: Record<string, AttributeSchema> = {
    id: { type: 'string', computed: true, description: ID_DESCRIPTION },
    ...attributesOf(undefined, 'resource'),
    ...groupAttributes('resource'),
  };
  attributes.etag = {
    type: 'string',
    computed: true,
    description:
      'Version of the profile the state was read at. Every update sends it (If-Match) so a change made elsewhere since the plan is never overwritten.',
  };
  attributes.tenant_id = {
    type: 'string',
    computed: true,
    description: `${TENANT_DESCRIPTION} A resource stays bound to it: credentials of another tenant are refused before anything is written.`,
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

export const billingProfileSchema: Schema = buildResourceSchema();

export const billingProfileDataSourceSchema: Schema = {
  version: 0,
  block: {
    attributes: {
      id: { type: 'string', computed: true, description: ID_DESCRIPTION },
      ...attributesOf(undefined, 'data'),
      ...groupAttributes('data'),
      etag: { type: 'string', computed: true, description: 'Version (ETag) of the profile as it was read.' },
      tenant_id: { type: 'string', computed: true, description: TENANT_DESCRIPTION },
    },
    description: 'Reads the partner billing profile of the Partner Center account the credentials belong to.',
  },
};
