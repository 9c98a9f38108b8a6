// The cty type a schema block implies: the type every DynamicValue of that block is encoded
// against (TF `configs/configschema` ImpliedType).
import type { AttributeSchema, BlockSchema, NestingMode } from '../kit';
import type { CtyType } from './types';
import { setOwn } from './records';
import { containsDynamic } from './type-info';

/**
 * Attributes map to their type; nested attributes to object / list(object) / set(object) /
 * map(object); nested blocks likewise (single and group -> object). As in Terraform, a list or
 * map *block* whose content contains `dynamic` is typed `dynamic` (it travels as a tuple or an
 * object whose shape only the value knows).
 */
export function impliedType(block: BlockSchema): CtyType {
  const attrs: { [attr: string]: CtyType } = {};
  for (const [name, attr] of Object.entries(block.attributes)) setOwn(attrs, name, attributeType(name, attr));
  for (const [name, nested] of Object.entries(block.blockTypes ?? {})) {
    setOwn(attrs, name, nestedBlockType(nested.nesting, impliedType(nested.block)));
  }
  return ['object', attrs];
}

function attributeType(name: string, attr: AttributeSchema): CtyType {
  if (attr.type !== undefined && attr.nested !== undefined) {
    throw new Error(`attribute ${name}: set exactly one of type and nested, not both`);
  }
  if (attr.type !== undefined) return attr.type;
  if (attr.nested === undefined) throw new Error(`attribute ${name}: set exactly one of type and nested`);
  const objectType: CtyType = ['object', objectAttributes(attr.nested.attributes)];
  return nestedAttributeType(attr.nested.nesting, objectType);
}

function objectAttributes(attributes: { [name: string]: AttributeSchema }): { [attr: string]: CtyType } {
  const attrs: { [attr: string]: CtyType } = {};
  for (const [name, attr] of Object.entries(attributes)) setOwn(attrs, name, attributeType(name, attr));
  return attrs;
}

function nestedAttributeType(nesting: NestingMode, objectType: CtyType): CtyType {
  switch (nesting) {
    case 'single':
      return objectType;
    case 'list':
    case 'set':
    case 'map':
      return [nesting, objectType];
  }
}

function nestedBlockType(nesting: NestingMode | 'group', objectType: CtyType): CtyType {
  switch (nesting) {
    case 'single':
    case 'group':
      return objectType;
    case 'list':
    case 'map':
      return containsDynamic(objectType) ? 'dynamic' : [nesting, objectType];
    case 'set':
      return ['set', objectType];
  }
}
