// Building and reading DynamicValues in tests, with the fixture's schemas.
import { impliedType } from '../../../provider/plugin/cty/schema-type';
import { decodeMsgpack, encodeMsgpack } from '../../../provider/plugin/cty/msgpack';
import type { CtyType, ObjectValue, Value } from '../../../provider/plugin/cty/types';
import { completeObject } from '../../../provider/plugin/cty/values';
import { kitProvider, thingSchema } from '../../fixtures/kit-provider';

export const thingType = impliedType(thingSchema.block);
export const providerType = impliedType(kitProvider.schema.block);
export const dataSourceType = impliedType(kitProvider.dataSources[0].schema.block);

export interface WireDynamicValue {
  msgpack: Uint8Array;
  json: Uint8Array;
}

/** A DynamicValue carrying `value` (objects completed with nulls). */
export function dv(value: ObjectValue | null, type: CtyType = thingType): WireDynamicValue {
  const v: Value = value === null ? null : completeObject(value, type);
  return { msgpack: encodeMsgpack(v, type), json: new Uint8Array(0) };
}

export function fromDv(d: WireDynamicValue | undefined, type: CtyType = thingType): Value {
  return d ? decodeMsgpack(d.msgpack, type) : null;
}

export const bytes = (s: string) => new TextEncoder().encode(s);
export const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** The fixture resource's identity object type ({ id, store }). */
export const thingIdentityType: CtyType = ['object', { id: 'string', store: 'string' }];

/** ResourceIdentityData carrying `identity` (null: a DynamicValue of null). */
export function idv(identity: ObjectValue | null): { identity_data: WireDynamicValue } {
  return { identity_data: dv(identity, thingIdentityType) };
}

export function fromIdv(data: { identity_data?: WireDynamicValue } | undefined): Value | undefined {
  return data?.identity_data ? fromDv(data.identity_data, thingIdentityType) : undefined;
}
