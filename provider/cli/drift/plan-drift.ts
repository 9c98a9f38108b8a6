// Pure analysis of a saved plan (`terraform show -json <planfile>`, format 1.x): which
// attributes changed outside Terraform, and what the plan would change. No I/O.

/** The subset of the JSON plan format this module reads. */
export interface JsonPlan {
  format_version?: string;
  resource_drift?: JsonResourceChange[];
  resource_changes?: JsonResourceChange[];
  output_changes?: Record<string, JsonChange>;
}

export interface JsonResourceChange {
  address: string;
  mode?: string;
  type?: string;
  change: JsonChange;
}

export interface JsonChange {
  actions: string[];
  before?: unknown;
  after?: unknown;
  after_unknown?: unknown;
  before_sensitive?: unknown;
  after_sensitive?: unknown;
}

/** One attribute (dotted path, e.g. `primary_contact.email`) and its two values. */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
  /** The value must not be printed. */
  sensitive: boolean;
}

export interface DriftedField extends FieldChange {
  /** The plan also changes this field: the apply would put the configured value back. */
  restoredByApply: boolean;
}

export interface ResourceReport {
  address: string;
  /** Changed outside Terraform: prior state (before) vs live (after). */
  drifted: DriftedField[];
  /** What the plan changes that did NOT drift: configuration not applied yet. */
  pending: FieldChange[];
  /** The plan's actions for this resource (`["no-op"]` when only its state is refreshed). */
  actions: string[];
}

export interface DriftReport {
  resources: ResourceReport[];
  outputs: FieldChange[];
  /** True when the plan would change some resource (drift restored, or configuration not applied yet). */
  hasResourceChanges: boolean;
  /** True when some managed field drifted and the plan would restore it. */
  hasManagedDrift: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The API treats absent, null and "" alike (docs/architecture.md §3.2); so does the report. */
const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '';

/** Looks up `path` in a mirror structure (after_unknown, *_sensitive): true when it or a parent is true. */
function flagAt(mirror: unknown, path: string[]): boolean {
  let cur = mirror;
  for (const key of path) {
    if (cur === true) return true;
    if (!isObject(cur) && !Array.isArray(cur)) return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur === true;
}

/** Leaf-level differences between two JSON values, as dotted paths. */
export function diffValues(before: unknown, after: unknown, prefix: string[] = []): string[][] {
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
    return keys.flatMap((k) => diffValues(b[k], a[k], [...prefix, k]));
  }
  if (Array.isArray(before) || Array.isArray(after)) {
    const b = Array.isArray(before) ? before : [];
    const a = Array.isArray(after) ? after : [];
    const n = Math.max(a.length, b.length);
    return Array.from({ length: n }, (_, i) => diffValues(b[i], a[i], [...prefix, String(i)])).flat();
  }
  if (isEmpty(before) && isEmpty(after)) return [];
  return before === after ? [] : [prefix];
}

function valueAt(v: unknown, path: string[]): unknown {
  let cur = v;
  for (const key of path) {
    if (!isObject(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Fields a change modifies, leaving out values only known after apply (e.g. a new etag). */
export function fieldChanges(change: JsonChange): FieldChange[] {
  return diffValues(change.before, change.after)
    .filter((path) => !flagAt(change.after_unknown, path))
    .map((path) => ({
      path: path.join('.'),
      before: valueAt(change.before, path),
      after: valueAt(change.after, path),
      sensitive: flagAt(change.before_sensitive, path) || flagAt(change.after_sensitive, path),
    }));
}

const isNoChange = (actions: string[]): boolean => actions.every((a) => a === 'no-op' || a === 'read');

export function analysePlan(plan: JsonPlan): DriftReport {
  const drift = new Map<string, FieldChange[]>();
  for (const rc of plan.resource_drift ?? []) drift.set(rc.address, fieldChanges(rc.change));

  const planned = new Map<string, JsonResourceChange>();
  for (const rc of plan.resource_changes ?? []) planned.set(rc.address, rc);

  const addresses = [
    ...new Set([
      ...drift.keys(),
      ...[...planned.values()].filter((rc) => !isNoChange(rc.change.actions)).map((rc) => rc.address),
    ]),
  ].sort();
  const resources: ResourceReport[] = addresses.map((address) => {
    const rc = planned.get(address);
    const actions = rc?.change.actions ?? ['no-op'];
    const plannedFields = rc && !isNoChange(actions) ? fieldChanges(rc.change) : [];
    const plannedPaths = new Set(plannedFields.map((f) => f.path));
    const drifted = (drift.get(address) ?? []).map((f) => ({ ...f, restoredByApply: plannedPaths.has(f.path) }));
    const driftedPaths = new Set(drifted.map((f) => f.path));
    return { address, actions, drifted, pending: plannedFields.filter((f) => !driftedPaths.has(f.path)) };
  });

  const outputs = Object.entries(plan.output_changes ?? {})
    .filter(([, c]) => !isNoChange(c.actions))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, c]) => ({
      path: name,
      before: c.before,
      after: flagAt(c.after_unknown, []) ? undefined : c.after,
      sensitive: flagAt(c.before_sensitive, []) || flagAt(c.after_sensitive, []),
    }));

  return {
    resources,
    outputs,
    hasResourceChanges: resources.some((r) => !isNoChange(r.actions)),
    hasManagedDrift: resources.some((r) => r.drifted.some((f) => f.restoredByApply)),
  };
}
