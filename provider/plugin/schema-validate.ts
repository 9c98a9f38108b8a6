// The schema rules the engines enforce (Terraform's configschema InternalValidate), checked on
// our side so a mistake in a resource schema is reported as a clear diagnostic naming the
// attribute instead of an engine panic or a cryptic "invalid schema".
import type { AttributeSchema, BlockSchema, IdentitySchema, ProviderDefinition, Schema } from './kit';
import type { CtyType } from './cty/types';
import { containsDynamic } from './cty/type-info';

const NAME = /^[a-z0-9_]+$/;

function validateAttribute(where: string, a: AttributeSchema, problems: string[]): void {
  if ((a.type === undefined) === (a.nested === undefined)) {
    problems.push(`${where}: exactly one of type and nested must be set`);
  }
  if (a.required && a.optional) problems.push(`${where}: cannot be both required and optional`);
  if (a.required && a.computed) problems.push(`${where}: cannot be both required and computed`);
  if (!a.required && !a.optional && !a.computed) {
    problems.push(`${where}: must be one of required, optional or computed`);
  }
  if (a.nested) {
    for (const [name, child] of Object.entries(a.nested.attributes)) {
      if (!NAME.test(name)) problems.push(`${where}.${name}: name must match ${NAME}`);
      validateAttribute(`${where}.${name}`, child, problems);
    }
  }
}

function validateBlock(where: string, b: BlockSchema, problems: string[]): void {
  for (const [name, a] of Object.entries(b.attributes)) {
    const at = where ? `${where}.${name}` : name;
    if (!NAME.test(name)) problems.push(`${at}: name must match ${NAME}`);
    validateAttribute(at, a, problems);
  }
  for (const [name, nb] of Object.entries(b.blockTypes ?? {})) {
    const at = where ? `${where}.${name}` : name;
    if (!NAME.test(name)) problems.push(`${at}: name must match ${NAME}`);
    if (name in b.attributes) problems.push(`${at}: a block type cannot have the name of an attribute`);
    const min = nb.minItems ?? 0;
    const max = nb.maxItems ?? 0;
    if (min < 0 || max < 0) problems.push(`${at}: min and max items must not be negative`);
    switch (nb.nesting) {
      case 'single':
        if (min !== max || min > 1) problems.push(`${at}: a single block needs min = max items, both 0 or both 1`);
        break;
      case 'group':
      case 'map':
        if (min !== 0 || max !== 0) problems.push(`${at}: a ${nb.nesting} block cannot set min or max items`);
        break;
      case 'list':
      case 'set':
        if (max !== 0 && min > max) problems.push(`${at}: min items must not exceed max items`);
        break;
    }
    if (nb.nesting === 'set') {
      for (const [attrName, a] of Object.entries(nb.block.attributes)) {
        if (a.type !== undefined && containsDynamic(a.type)) {
          problems.push(`${at}.${attrName}: a set block cannot contain a dynamic type`);
        }
      }
    }
    validateBlock(at, nb.block, problems);
  }
}

export function validateSchema(label: string, s: Schema): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(s.version) || s.version < 0) problems.push('schema version must be a non-negative integer');
  validateBlock('', s.block, problems);
  return problems.map((p) => `${label}: ${p}`);
}

const isPrimitive = (t: CtyType) => t === 'string' || t === 'number' || t === 'bool';

/** The engines accept identity attributes of a primitive type or a list of one, nothing else. */
export function validateIdentitySchema(label: string, s: IdentitySchema): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(s.version) || s.version < 0) problems.push('identity version must be a non-negative integer');
  const names = Object.keys(s.attributes);
  if (names.length === 0) problems.push('an identity needs at least one attribute');
  for (const name of names) {
    const a = s.attributes[name];
    const at = `identity.${name}`;
    if (!NAME.test(name)) problems.push(`${at}: name must match ${NAME}`);
    if (!(isPrimitive(a.type) || (Array.isArray(a.type) && a.type[0] === 'list' && isPrimitive(a.type[1])))) {
      problems.push(`${at}: type must be string, number, bool or a list of one of them`);
    }
    if ((a.requiredForImport === true) === (a.optionalForImport === true)) {
      problems.push(`${at}: exactly one of requiredForImport and optionalForImport must be set`);
    }
  }
  return problems.map((p) => `${label}: ${p}`);
}

/** Every schema problem in a provider definition, as human-readable lines (empty when valid). */
export function validateProviderSchemas(def: ProviderDefinition): string[] {
  const problems = validateSchema('provider', def.schema);
  for (const [kind, items] of [
    ['resource', def.resources],
    ['data source', def.dataSources],
  ] as const) {
    const seen = new Set<string>();
    for (const item of items) {
      if (!item.typeName.startsWith(`${def.typeName}_`)) {
        problems.push(`${kind} ${item.typeName}: type name must start with "${def.typeName}_"`);
      }
      if (seen.has(item.typeName)) problems.push(`${kind} ${item.typeName}: defined twice`);
      seen.add(item.typeName);
      problems.push(...validateSchema(`${kind} ${item.typeName}`, item.schema));
      if ('identity' in item && item.identity) {
        problems.push(...validateIdentitySchema(`${kind} ${item.typeName}`, item.identity));
      }
    }
  }
  return problems;
}
