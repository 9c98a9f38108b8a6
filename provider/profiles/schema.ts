// The schema of a profile's resource and data source (docs/architecture.md §3.1), derived from
// its spec.
//
// Read-only fields are computed-only, as providers conventionally declare them: generated config
// (plan -generate-config-out) and the CDKTF config types leave them out. The engines do not
// refuse a value for a computed-only attribute themselves (they pass it to the provider's
// validation, as the plugin SDKs expect), so validate.ts still refuses it at validate time,
// naming the field and where it is changed.
import type { AttributeSchema, Schema } from '../plugin/kit';
import { changedIn, fieldsOfGroup, type FieldSpec, type ProfileSpec } from './spec';

/**
 * The resource's schema version: 1 added tenant_id. A version 0 state (billing only: the other
 * profiles started at 1) upgrades with it null, and the next read fills it (tenant.ts); the bump
 * keeps an older provider from reading a bound state.
 */
export const PROFILE_SCHEMA_VERSION = 1;

/** The resource's schema, or the data source's: same attributes, all computed-only, own descriptions. */
type Kind = 'resource' | 'data';

function fieldDescription(spec: ProfileSpec, f: FieldSpec, kind: Kind): string {
  if (f.readOnly) {
    const where = `It is changed ${changedIn(spec, f)}.`;
    return kind === 'resource' ? `Read-only. ${f.description} ${where}` : `${f.description} ${where}`;
  }
  return kind === 'resource' && f.resourceNote ? `${f.description} ${f.resourceNote}` : f.description;
}

function fieldAttribute(spec: ProfileSpec, f: FieldSpec, kind: Kind): AttributeSchema {
  const description = fieldDescription(spec, f, kind);
  return kind === 'resource' && !f.readOnly
    ? { type: f.kind, description, optional: true, computed: true }
    : { type: f.kind, description, computed: true };
}

function attributesOf(spec: ProfileSpec, group: string | undefined, kind: Kind): Record<string, AttributeSchema> {
  return Object.fromEntries(fieldsOfGroup(spec, group).map((f) => [f.attr, fieldAttribute(spec, f, kind)]));
}

function groupAttributes(spec: ProfileSpec, kind: Kind): Record<string, AttributeSchema> {
  const out: Record<string, AttributeSchema> = {};
  for (const g of spec.groups) {
    out[g.attr] = {
      nested: { nesting: 'single', attributes: attributesOf(spec, g.attr, kind) },
      ...(kind === 'resource' ? { optional: true } : {}),
      computed: true,
      description: g.description[kind],
    };
  }
  return out;
}

const idDescription = (spec: ProfileSpec) => `Always "${spec.name}": a partner has exactly one ${spec.title}.`;
const TENANT_DESCRIPTION =
  "Partner tenant (Microsoft Entra ID tenant id) the profile was read from: the tid claim of the credentials' access token; null when the token does not carry one.";

export function resourceSchema(spec: ProfileSpec): Schema {
  const attributes: Record<string, AttributeSchema> = {
    id: { type: 'string', computed: true, description: idDescription(spec) },
    ...attributesOf(spec, undefined, 'resource'),
    ...groupAttributes(spec, 'resource'),
  };
  if (spec.etag !== 'none') {
    attributes.etag = {
      type: 'string',
      computed: true,
      description:
        'Version of the profile the state was read at. Every update sends it (If-Match) so a change made elsewhere since the plan is never overwritten.',
    };
  }
  attributes.tenant_id = {
    type: 'string',
    computed: true,
    description: `${TENANT_DESCRIPTION} A resource stays bound to it: credentials of another tenant are refused before anything is written.`,
  };
  return {
    version: PROFILE_SCHEMA_VERSION,
    block: { attributes, description: spec.description.resource ?? spec.description.data },
  };
}

export function dataSourceSchema(spec: ProfileSpec): Schema {
  const attributes: Record<string, AttributeSchema> = {
    id: { type: 'string', computed: true, description: idDescription(spec) },
    ...attributesOf(spec, undefined, 'data'),
    ...groupAttributes(spec, 'data'),
  };
  if (spec.etag !== 'none')
    attributes.etag = { type: 'string', computed: true, description: 'Version (ETag) of the profile as it was read.' };
  attributes.tenant_id = { type: 'string', computed: true, description: TENANT_DESCRIPTION };
  return { version: 0, block: { attributes, description: spec.description.data } };
}
