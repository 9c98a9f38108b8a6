// The generic plan a framework makes from the engine's proposed new state, for resources to
// use as their starting point:
// - nothing changed (proposed equals prior): return `prior` itself, so the engine sees no diff;
// - create (no prior): every computed attribute that is null in config becomes UNKNOWN;
// - update: computed-only attributes null in config become UNKNOWN (the apply may change
//   them, e.g. an etag) unless listed as stable; optional+computed attributes left out of the
//   config keep their current value (the proposed state already carries it).
// Unknown config values stay unknown (they are already unknown in `proposed`).
import type { AttributeSchema, BlockSchema, Schema } from './kit';
import { impliedType } from './cty/schema-type';
import { UNKNOWN, isObjectValue, isUnknown, type ObjectValue, type Value } from './cty/types';
import { valuesEqual } from './cty/values';

export interface PlanOptions {
  /**
   * Computed-only attributes that an update never changes (e.g. "id", "address.country"):
   * they keep their prior value instead of becoming unknown. Dotted names; list/map
   * positions are not part of the name.
   */
  stable?: readonly string[];
}

interface Walk {
  create: boolean;
  stable: ReadonlySet<string>;
}

function markAttribute(name: string, a: AttributeSchema, planned: Value, config: Value, walk: Walk): Value {
  if (a.computed && config === null) {
    if (walk.create) return UNKNOWN;
    const computedOnly = !a.optional;
    return computedOnly && !walk.stable.has(name) ? UNKNOWN : planned;
  }
  if (!a.nested || !isKnownNonNull(planned) || !isKnownNonNull(config)) return planned;
  const nestedBlock: BlockSchema = { attributes: a.nested.attributes };
  return markNested(name, a.nested.nesting, nestedBlock, planned, config, walk);
}

function isKnownNonNull(v: Value): boolean {
  return v !== null && !isUnknown(v);
}

/** Descends into nested objects whose config element can be matched (not sets). */
function markNested(
  name: string,
  nesting: string,
  block: BlockSchema,
  planned: Value,
  config: Value,
  walk: Walk,
): Value {
  switch (nesting) {
    case 'single':
    case 'group':
      return isObjectValue(planned) && isObjectValue(config) ? markBlock(name, block, planned, config, walk) : planned;
    case 'list':
      if (!Array.isArray(planned) || !Array.isArray(config)) return planned;
      return planned.map((el, i) =>
        isObjectValue(el) && isObjectValue(config[i]) ? markBlock(name, block, el, config[i], walk) : el,
      );
    case 'map': {
      if (!isObjectValue(planned) || !isObjectValue(config)) return planned;
      const out: ObjectValue = {};
      for (const [key, el] of Object.entries(planned)) {
        const cfg = config[key];
        out[key] = isObjectValue(el) && isObjectValue(cfg) ? markBlock(name, block, el, cfg, walk) : el;
      }
      return out;
    }
    default:
      return planned; // set elements have no stable identity to match config against
  }
}

function markBlock(
  prefix: string,
  block: BlockSchema,
  planned: ObjectValue,
  config: ObjectValue,
  walk: Walk,
): ObjectValue {
  const out: ObjectValue = { ...planned };
  const at = (name: string) => (prefix ? `${prefix}.${name}` : name);
  for (const [name, a] of Object.entries(block.attributes)) {
    out[name] = markAttribute(at(name), a, planned[name] ?? null, config[name] ?? null, walk);
  }
  for (const [name, nb] of Object.entries(block.blockTypes ?? {})) {
    const p = planned[name] ?? null;
    const c = config[name] ?? null;
    if (isKnownNonNull(p) && isKnownNonNull(c)) out[name] = markNested(at(name), nb.nesting, nb.block, p, c, walk);
  }
  return out;
}

export function planFromProposed(
  schema: Schema | BlockSchema,
  prior: ObjectValue | null,
  proposed: ObjectValue,
  config: ObjectValue,
  options: PlanOptions = {},
): ObjectValue {
  const block = 'block' in schema ? schema.block : schema;
  if (prior !== null && valuesEqual(proposed, prior, impliedType(block))) return prior;
  return markBlock('', block, proposed, config, { create: prior === null, stable: new Set(options.stable ?? []) });
}
