// Property-based tests of the cty codecs: for arbitrary types and values of them, msgpack and
// JSON decode what they encode (cty equality: exact numbers, sets in any order), and encoding is
// deterministic (same bytes whatever order the keys were inserted in).
import fc from 'fast-check';
import { decodeJsonState, decodeJsonValue, encodeJsonValue } from '../../../../provider/plugin/cty/json';
import { decodeMsgpack, encodeMsgpack } from '../../../../provider/plugin/cty/msgpack';
import { typesEqual } from '../../../../provider/plugin/cty/type-info';
import { parseTypeJson, typeToJson } from '../../../../provider/plugin/cty/type-json';
import type { CtyType, Value } from '../../../../provider/plugin/cty/types';
import { valuesEqual } from '../../../../provider/plugin/cty/values';
import { ctyType, ctyValue, reversedKeys, typedValue, type ValueOptions } from '../../../support/cty-arbitraries';

const RUNS = { numRuns: 400 };

const MSGPACK: ValueOptions = { unknowns: true, infinities: true, protoKey: false };
const JSON_SAFE: ValueOptions = { unknowns: false, infinities: false, protoKey: true };

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('msgpack (every tfplugin6 DynamicValue)', () => {
  it('decode(encode(v)) equals v, unknowns, big integers and decimals included', () => {
    fc.assert(
      fc.property(typedValue(MSGPACK), ({ type, value }) => {
        expect(valuesEqual(decodeMsgpack(encodeMsgpack(value, type), type), value, type)).toBe(true);
      }),
      RUNS,
    );
  });

  it('re-encoding what was decoded is a fixed point after one round', () => {
    // Not the first round: Decimal("5") is sent as text and comes back as the integer 5.
    fc.assert(
      fc.property(typedValue(MSGPACK), ({ type, value }) => {
        const once = encodeMsgpack(decodeMsgpack(encodeMsgpack(value, type), type), type);
        expect(hex(encodeMsgpack(decodeMsgpack(once, type), type))).toBe(hex(once));
      }),
      RUNS,
    );
  });

  it('is deterministic: the same bytes every time and whatever the key insertion order', () => {
    fc.assert(
      fc.property(typedValue(MSGPACK), ({ type, value }) => {
        const bytes = hex(encodeMsgpack(value, type));
        expect(hex(encodeMsgpack(value, type))).toBe(bytes);
        expect(hex(encodeMsgpack(reversedKeys(value), type))).toBe(bytes);
      }),
      RUNS,
    );
  });
});

describe('JSON (state and the DynamicValue json fallback)', () => {
  it('decode(encode(v)) equals v for every wholly known value', () => {
    fc.assert(
      fc.property(typedValue(JSON_SAFE), ({ type, value }) => {
        expect(valuesEqual(decodeJsonValue(encodeJsonValue(value, type), type), value, type)).toBe(true);
      }),
      RUNS,
    );
  });

  it('a state object written as JSON reads back as itself', () => {
    const objectType = ctyType(JSON_SAFE).filter(
      (t): t is ['object', Record<string, CtyType>] => typeof t !== 'string' && t[0] === 'object',
    );
    const state = objectType.chain((type) =>
      ctyValue(type, JSON_SAFE)
        .filter((v) => v !== null)
        .map((value): { type: CtyType; value: Value } => ({ type, value })),
    );
    fc.assert(
      fc.property(state, ({ type, value }) => {
        expect(valuesEqual(decodeJsonState(encodeJsonValue(value, type), type), value, type)).toBe(true);
      }),
      RUNS,
    );
  });

  it('is deterministic: the same text every time and whatever the key insertion order', () => {
    fc.assert(
      fc.property(typedValue(JSON_SAFE), ({ type, value }) => {
        const text = encodeJsonValue(value, type);
        expect(encodeJsonValue(value, type)).toBe(text);
        expect(encodeJsonValue(reversedKeys(value), type)).toBe(text);
      }),
      RUNS,
    );
  });

  it('msgpack and JSON decode a known value to equal values', () => {
    fc.assert(
      fc.property(typedValue({ ...JSON_SAFE, protoKey: false }), ({ type, value }) => {
        const viaMsgpack = decodeMsgpack(encodeMsgpack(value, type), type);
        const viaJson = decodeJsonValue(encodeJsonValue(value, type), type);
        expect(valuesEqual(viaMsgpack, viaJson, type)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('type JSON (schema types and dynamic values)', () => {
  it('parseTypeJson(typeToJson(t)) is t, and the text does not depend on attribute order', () => {
    fc.assert(
      fc.property(ctyType(JSON_SAFE, 4), (type) => {
        const json = typeToJson(type);
        expect(typesEqual(parseTypeJson(json), type)).toBe(true);
        expect(typeToJson(parseTypeJson(json))).toBe(json);
      }),
      RUNS,
    );
  });
});
