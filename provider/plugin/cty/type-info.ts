// Small questions about cty types: equality, a readable name for messages, and the sorted
// attribute names of an object type (cached, because the encoder needs them on every call).
import type { CtyType } from './types';
import { hasOwn } from './records';

/** Structural type equality. */
export function typesEqual(a: CtyType, b: CtyType): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  switch (a[0]) {
    case 'list':
    case 'set':
    case 'map':
      return a[0] === b[0] && typesEqual(a[1], b[1]);
    case 'tuple': {
      if (b[0] !== 'tuple' || a[1].length !== b[1].length) return false;
      return a[1].every((t, i) => typesEqual(t, b[1][i]));
    }
    case 'object': {
      if (b[0] !== 'object') return false;
      const names = Object.keys(a[1]);
      if (names.length !== Object.keys(b[1]).length) return false;
      return names.every((n) => hasOwn(b[1], n) && typesEqual(a[1][n], b[1][n]));
    }
  }
}

/** A short readable name for error messages: `string`, `list(string)`, `object`, `tuple`. */
export function typeName(t: CtyType): string {
  if (typeof t === 'string') return t;
  switch (t[0]) {
    case 'list':
    case 'set':
    case 'map':
      return `${t[0]}(${typeName(t[1])})`;
    default:
      return t[0];
  }
}

// Keyed by the attribute map itself: types are built once (from a schema) and never mutated.
const sortedNamesCache = new WeakMap<object, readonly string[]>();

/** The attribute names of an object type's attribute map, sorted (the wire order). */
export function sortedAttributeNames(attrs: { [attr: string]: CtyType }): readonly string[] {
  let names = sortedNamesCache.get(attrs);
  if (names === undefined) {
    names = Object.keys(attrs).sort();
    sortedNamesCache.set(attrs, names);
  }
  return names;
}

/** True when the type is or contains `dynamic`. */
export function containsDynamic(t: CtyType): boolean {
  if (typeof t === 'string') return t === 'dynamic';
  switch (t[0]) {
    case 'list':
    case 'set':
    case 'map':
      return containsDynamic(t[1]);
    case 'tuple':
      return t[1].some(containsDynamic);
    case 'object':
      return Object.values(t[1]).some(containsDynamic);
  }
}
