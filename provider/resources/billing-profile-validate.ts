// Plan-time checks of a partnercenter_billing_profile config. No API call: a config that breaks
// one of these never reaches Partner Center. Unknown values are skipped (they are checked again
// once known), except where the caller asks to treat "set to something unknown" as set.
import type { AttributePath, Diagnostic } from '../plugin/kit';
import { isUnknown, type ObjectValue } from '../plugin/cty/types';
import { FIELDS, type FieldSpec } from './billing-profile-fields';
import { fieldValueIn } from './billing-profile-state';
import { RESOURCE_TYPE } from './billing-profile-schema';

// Deliberately loose: one "@", no spaces, a dot in the domain. The API is the final judge.
const EMAIL = /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]+$/;

export function attributePath(f: FieldSpec): AttributePath {
  return f.group ? [f.group, f.attr] : [f.attr];
}

export function readOnlyDiagnostic(f: FieldSpec): Diagnostic {
  return {
    severity: 'error',
    summary: `${f.path} is read-only`,
    detail:
      `"${f.path}" cannot be set by Terraform or OpenTofu: it is changed in the Partner Center dashboard ` +
      `(Settings > Billing profile), not through the API. Remove "${f.path}" from the ${RESOURCE_TYPE} ` +
      `configuration; its current value stays readable as an attribute of the resource.`,
    path: attributePath(f),
  };
}

// C0 (U+0000-U+001F, newline and tab included), DEL and C1 (U+0080-U+009F).
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const CONTROL_NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x09: 'tab',
  0x0a: 'line feed',
  0x0d: 'carriage return',
  0x7f: 'DEL',
};

/** The first control character, named, with its 1-based position in characters (code points). */
function controlCharacterProblem(f: FieldSpec, v: string): string | undefined {
  const match = CONTROL.exec(v);
  if (!match) return undefined;
  const cp = match[0].codePointAt(0)!;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = CONTROL_NAMES[cp] ? ` (${CONTROL_NAMES[cp]})` : '';
  const position = Array.from(v.slice(0, match.index)).length + 1;
  return (
    `"${f.path}" contains the control character ${code}${name} at position ${position}. ` +
    `Billing profile fields are single-line text: remove it (and any other newline, tab or control character) from "${f.path}".`
  );
}

function valueProblem(f: FieldSpec, v: string): string | undefined {
  const control = controlCharacterProblem(f, v);
  if (control) return control;
  if (f.minLength !== undefined && v.length < f.minLength) {
    return v === ''
      ? `The API requires a value for "${f.path}", so it cannot be cleared with "". Set a value, or remove the attribute to leave it unmanaged.`
      : `"${f.path}" must be at least ${f.minLength} characters long.`;
  }
  if (f.maxLength !== undefined && v.length > f.maxLength) {
    return `"${f.path}" is ${v.length} characters long; the Partner Center API accepts at most ${f.maxLength}. Shorten it.`;
  }
  if (f.email && v !== '' && !EMAIL.test(v)) {
    return `"${f.path}" must be an e-mail address like name@example.com (or "" to clear it); got ${JSON.stringify(v)}.`;
  }
  return undefined;
}

export interface ValidateOptions {
  /** Treat an unknown value in a read-only field as set (at plan time the value is final). */
  unknownReadOnlyIsSet?: boolean;
}

export function validateBillingProfileConfig(config: ObjectValue, opts: ValidateOptions = {}): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const f of FIELDS) {
    const v = fieldValueIn(config, f);
    if (v === null) continue;
    if (f.readOnly) {
      // A wholly unknown nested object may still leave this field null: only an unknown value
      // of the field itself counts as set.
      const groupUnknown = f.group !== undefined && isUnknown(config[f.group]);
      if (!isUnknown(v) || (opts.unknownReadOnlyIsSet && !groupUnknown)) diags.push(readOnlyDiagnostic(f));
      continue;
    }
    if (typeof v !== 'string') continue;
    const problem = valueProblem(f, v);
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
