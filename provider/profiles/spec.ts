// A partner profile described once (docs/architecture.md §3.7): its Terraform type, its API paths,
// its fields and nested objects. Schema, state mapping, diff, plan, validation, the guard, import,
// the data source and the docs are all derived from a spec, so adding a profile is one file in
// specs/ and one line in specs/index.ts.
import type { ProfileShape, WireField } from '../partnercenter/model';

export type FieldKind = 'string' | 'number';
export type EtagMode = 'required' | 'optional' | 'none';

export interface FieldSpec {
  /** Dotted attribute path, as shown to users: "primary_contact.email". */
  path: string;
  /** The nested attribute holding it, or undefined for a top-level attribute. */
  group?: string;
  /** Attribute name inside its object. */
  attr: string;
  /** Name in the API model (inside the group's object for nested fields). */
  key: string;
  /** Older API names of the field, read when `key` is absent. */
  aliases?: readonly string[];
  kind: FieldKind;
  /**
   * Compared ignoring letter case, because the API treats these as codes or addresses whose case
   * carries no meaning: ISO country, currency and culture codes, state/province codes, e-mail
   * addresses, domains. Everything else (names, address lines, postal codes) is compared exactly.
   */
  caseInsensitive?: boolean;
  /** Not changed through the API: computed-only, and refused in a config at plan time. */
  readOnly?: boolean;
  /** Where a read-only field is changed, when not where the profile's other ones are (ProfileSpec.changedIn). */
  changedIn?: string;
  /** Length limits the API enforces, in characters (code points). */
  minLength?: number;
  maxLength?: number;
  /** A pattern the value must match, with what it means for the error ("a two-letter ISO code such as \"US\""). */
  pattern?: { regex: RegExp; means: string };
  email?: boolean;
  /** What the field is: the data source's description, and the start of the resource's. */
  description: string;
  /** How to set it in a resource config (only in the resource's description). */
  resourceNote?: string;
}

export interface GroupSpec {
  /** Attribute name: "primary_contact". */
  attr: string;
  /** Name of the nested object in the API model: "primaryContact". */
  key: string;
  description: { resource: string; data: string };
}

/** What a spec file gives. */
export interface ProfileSpecInput {
  /** The profile's name: the import id and `id` attribute, the emulator's admin name. */
  name: string;
  /** Terraform type name of the resource and data source: "partnercenter_billing_profile". */
  typeName: string;
  /** How messages name it: "billing profile". */
  title: string;
  /** Where its read-only fields are changed: "in the Partner Center dashboard (Settings > Billing profile)". */
  changedIn: string;
  /** Schema descriptions of the resource (undefined: data source only) and of the data source. */
  description: { resource?: string; data: string };
  readPath: string;
  /** The PUT path; undefined when the API has none (a data source only). */
  writePath?: string;
  /**
   * Whether the API versions it with attributes.etag: always ('required': an update without one is
   * refused), when it gives one ('optional'), or never ('none': no etag attribute). Where a profile
   * has no etag, the guard compares the live values instead (docs/architecture.md §7).
   */
  etag: EtagMode;
  fields: readonly FieldSpec[];
  groups: readonly GroupSpec[];
}

export interface ProfileSpec extends ProfileSpecInput {
  /** Whether a resource is served (there is a PUT); a data source always is. */
  readonly managed: boolean;
  readonly writable: readonly FieldSpec[];
  /** What the client needs: paths and the modelled fields by wire name. */
  readonly shape: ProfileShape;
  /** The title with a capital letter, to start a sentence: "Billing profile". */
  readonly Title: string;
}

function wireField(f: FieldSpec): WireField {
  return { key: f.key, kind: f.kind, ...(f.aliases ? { aliases: f.aliases } : {}) };
}

/** The spec with what is derived from it; checks that every field's group is declared. */
export function defineProfile(input: ProfileSpecInput): ProfileSpec {
  const groupAttrs = new Set(input.groups.map((g) => g.attr));
  for (const f of input.fields) {
    if (f.group !== undefined && !groupAttrs.has(f.group))
      throw new Error(`${input.typeName}: field ${f.path} names the undeclared group ${f.group}`);
  }
  const managed = input.writePath !== undefined && input.description.resource !== undefined;
  return {
    ...input,
    managed,
    writable: input.fields.filter((f) => !f.readOnly),
    Title: input.title.charAt(0).toUpperCase() + input.title.slice(1),
    shape: {
      title: input.title,
      readPath: input.readPath,
      writePath: input.writePath,
      etag: input.etag,
      fields: input.fields.filter((f) => f.group === undefined).map(wireField),
      groups: input.groups.map((g) => ({
        key: g.key,
        fields: input.fields.filter((f) => f.group === g.attr).map(wireField),
      })),
    },
  };
}

/** The fields of one nested object, or the top-level ones (group undefined), in spec order. */
export function fieldsOfGroup(spec: ProfileSpec, group: string | undefined): FieldSpec[] {
  return spec.fields.filter((f) => f.group === group);
}

/** Where a read-only field is changed. */
export function changedIn(spec: ProfileSpec, f: FieldSpec): string {
  return f.changedIn ?? spec.changedIn;
}

type FieldOptions = Omit<FieldSpec, 'path' | 'attr' | 'key' | 'kind' | 'group'> & { kind?: FieldKind };

/** A top-level field; text unless `kind` says otherwise. */
export function top(attr: string, key: string, rest: FieldOptions): FieldSpec {
  return { path: attr, attr, key, kind: 'string', ...rest };
}

/** A field of the nested object `group`. */
export function inGroup(group: string, attr: string, key: string, rest: FieldOptions): FieldSpec {
  return { path: `${group}.${attr}`, group, attr, key, kind: 'string', ...rest };
}
