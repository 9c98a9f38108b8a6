// Plan-time checks of a profile resource's config. No API call: a config that breaks
// one of these never reaches Partner Center. Unknown values are skipped (they are checked again
// once known), except where the caller asks to treat "set to something unknown" as set.
import type { AttributePath, Diagnostic } from '../plugin/kit';
import { isUnknown, type ObjectValue } from '../plugin/cty/types';
import { changedIn, fieldsOfGroup, type FieldSpec, type ProfileSpec } from './spec';
import { fieldValueIn } from './state';
import { codePointLength, firstRefusedCharacter } from './text';

// Deliberately loose: one "@", no spaces, a dot in the domain. The API is the final judge.
const EMAIL = /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]+$/;

export function attributePath(f: FieldSpec): AttributePath {
  return f.group ? [f.group, f.attr] : [f.attr];
}

export function readOnlyDiagnostic(spec: ProfileSpec, f: FieldSpec): Diagnostic {
  return {
    severity: 'error',
    summary: `${f.path} is read-only`,
    detail:
      `"${f.path}" cannot be set by Terraform or OpenTofu: it is changed ${changedIn(spec, f)}, not through the API. ` +
      `Remove "${f.path}" from the ${spec.typeName} configuration; its current value stays readable as an attribute of the resource.`,
    path: attributePath(f),
  };
}

/** The first refused character, named, with its 1-based position in characters (code points). */
function characterProblem(spec: ProfileSpec, f: FieldSpec, v: string): string | undefined {
  const found = firstRefusedCharacter(v);
  if (!found) return undefined;
  const at = `${found.label} at position ${found.position}`;
  switch (found.kind) {
    case 'control':
      return (
        `"${f.path}" contains the control character ${at}. ` +
        `${spec.Title} fields are single-line text: remove it (and any other newline, tab or control character) from "${f.path}".`
      );
    case 'separator':
      return (
        `"${f.path}" contains the line break character ${at}. ` +
        `${spec.Title} fields are single-line text: remove it (and any other line break) from "${f.path}".`
      );
    case 'bidi':
      return (
        `"${f.path}" contains the bidirectional control character ${at}. It changes the order in which the text ` +
        `around it is displayed, so the value would not read as it is stored: remove it from "${f.path}".`
      );
    case 'invisible':
      return (
        `"${f.path}" contains the invisible formatting character ${at}. It cannot be seen, so two values that look ` +
        `the same would differ: remove it from "${f.path}".`
      );
  }
}

function valueProblem(spec: ProfileSpec, f: FieldSpec, v: string): string | undefined {
  const character = characterProblem(spec, f, v);
  if (character) return character;
  // Characters are code points, as positions are (docs/architecture.md §3.1).
  const length = codePointLength(v);
  if (f.minLength !== undefined && length < f.minLength) {
    return v === ''
      ? `The API requires a value for "${f.path}", so it cannot be cleared with "". Set a value, or remove the attribute to leave it unmanaged.`
      : `"${f.path}" must be at least ${f.minLength} characters long.`;
  }
  if (f.maxLength !== undefined && length > f.maxLength) {
    return `"${f.path}" is ${length} characters long; the Partner Center API accepts at most ${f.maxLength}. Shorten it.`;
  }
  if (f.email && v !== '' && !EMAIL.test(v)) {
    return `"${f.path}" must be an e-mail address like name@example.com (or "" to clear it); got ${JSON.stringify(v)}.`;
  }
  if (f.pattern && v !== '' && !f.pattern.regex.test(v)) {
    return `"${f.path}" must be ${f.pattern.means} (or "" to clear it); got ${JSON.stringify(v)}.`;
  }
  return undefined;
}

export interface ValidateOptions {
  /** Treat an unknown value in a read-only field as set (at plan time the value is final). */
  unknownReadOnlyIsSet?: boolean;
}

export function validateProfileConfig(
  spec: ProfileSpec,
  config: ObjectValue,
  opts: ValidateOptions = {},
): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const f of spec.fields) {
    const v = fieldValueIn(config, f);
    if (v === null) continue;
    if (f.readOnly) {
      // A wholly unknown nested object may still leave this field null: only an unknown value
      // of the field itself counts as set.
      const groupUnknown = f.group !== undefined && isUnknown(config[f.group]);
      if (!isUnknown(v) || (opts.unknownReadOnlyIsSet && !groupUnknown)) diags.push(readOnlyDiagnostic(spec, f));
      continue;
    }
    if (typeof v !== 'string') continue;
    const problem = valueProblem(spec, f, v);
    if (problem)
      diags.push({
        severity: 'error',
        summary: `Invalid value for ${f.path}`,
        detail: problem,
        path: attributePath(f),
      });
  }
  return diags;
}

/**
 * A nested object set in config that manages no attribute. The engine drops an attribute name
 * the schema does not have from `{ … }` without an error, so `primary_contact = { emial = "…" }`
 * reaches us as an object of nulls: warn, naming the attribute names it can hold.
 */
export function emptyGroupWarnings(spec: ProfileSpec, config: ObjectValue): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const { attr: g } of spec.groups) {
    const obj = config[g] ?? null;
    if (obj === null || isUnknown(obj)) continue;
    const fields = fieldsOfGroup(spec, g);
    if (fields.some((f) => fieldValueIn(config, f) !== null)) continue;
    const names = fields.filter((f) => !f.readOnly).map((f) => f.attr);
    diags.push({
      severity: 'warning',
      summary: `${g} is set but manages no attribute`,
      detail:
        `"${g}" is set in the ${spec.typeName} configuration, but none of its attributes is, so nothing in it is managed. ` +
        `An attribute name it does not have (a typo such as "emial") is dropped by Terraform/OpenTofu without an error. ` +
        `Its attributes are: ${names.join(', ')}. Correct the names inside ${g} = { … }, or remove "${g}".`,
      path: [g],
    });
  }
  return diags;
}
