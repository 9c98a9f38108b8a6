// Field rules of a profile (profiles/: required fields, lengths, shapes, allowed values, ranges)
// and the read-only check of a PUT. Each problem names the field (dotted path).
import type { BoundGroup, BoundProfile } from './binding';
import { DEFAULT_MAX, type ProfileData, type ProfileSpec, type TextField } from './profiles/spec';

export interface FieldProblem {
  field: string;
  message: string;
}

/** A stored text value as text (binding stores text fields as strings; numbers may come from a file). */
export function asText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function textProblem(rule: TextField, path: string, v: unknown): FieldProblem | undefined {
  const s = asText(v);
  if (s === '') return rule.required ? { field: path, message: `${path} is required` } : undefined;
  const max = rule.max ?? DEFAULT_MAX;
  // Characters are code points: an emoji is one, as the provider counts them.
  const length = Array.from(s).length;
  if (length > max) return { field: path, message: `${path} must be at most ${max} characters (got ${length})` };
  if (rule.pattern && !rule.pattern.test(s))
    return { field: path, message: `${path} must be ${rule.patternText} (got "${s}")` };
  if (rule.oneOf && !rule.oneOf.includes(s))
    return { field: path, message: `${path} must be one of ${rule.oneOf.join(', ')} (got "${s}")` };
  return undefined;
}

/** The first problem of `p`: text fields in the order of the spec, then the integers. */
export function validateProfile(spec: ProfileSpec, p: ProfileData): FieldProblem | undefined {
  for (const f of spec.fields) {
    let problem: FieldProblem | undefined;
    if (f.kind === 'string') problem = textProblem(f, f.key, p[f.key]);
    else if (f.kind === 'group') {
      const group = (p[f.key] ?? {}) as Record<string, unknown>;
      for (const g of f.group.fields) {
        problem = textProblem(g, `${f.key}.${g.key}`, group[g.key]);
        if (problem) break;
      }
    }
    if (problem) return problem;
  }
  for (const f of spec.fields) {
    if (f.kind !== 'integer') continue;
    const v = p[f.key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < f.min || v > f.max))
      return { field: f.key, message: `${f.key} must be ${f.rangeText} (got ${JSON.stringify(v)})` };
  }
  return undefined;
}

function sameText(a: unknown, b: unknown, ignoreCase: boolean): boolean {
  const x = asText(a).trim();
  const y = asText(b).trim();
  return ignoreCase ? x.toLowerCase() === y.toLowerCase() : x === y;
}

/**
 * A PUT may repeat a field the service refuses to change (clients send the whole object) but not
 * change it. Fields left out or null keep their value. Fields the service ignores are not checked.
 */
export function readOnlyViolation(
  spec: ProfileSpec,
  current: ProfileData,
  body: BoundProfile,
): FieldProblem | undefined {
  const refused = (field: string): FieldProblem => ({
    field,
    message: `${field} is read-only: it cannot be changed through the API (it is changed in the Partner Center dashboard); send its current value or leave it out`,
  });
  for (const f of spec.fields) {
    const sent = body.fields[f.key];
    if (f.kind === 'group') {
      const group = sent as BoundGroup | null | undefined;
      const stored = (current[f.key] ?? {}) as Record<string, unknown>;
      for (const g of f.group.fields) {
        const v = group?.[g.key];
        if (g.readOnly === 'refuse' && v != null && !sameText(v, stored[g.key], g.ignoreCase ?? false))
          return refused(`${f.key}.${g.key}`);
      }
      continue;
    }
    if (f.readOnly !== 'refuse' || sent == null) continue;
    const same = f.kind === 'integer' ? sent === current[f.key] : sameText(sent, current[f.key], f.ignoreCase ?? false);
    if (!same) return refused(f.key);
  }
  return undefined;
}
