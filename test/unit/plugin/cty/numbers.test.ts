import {
  integerValue,
  isDecimalText,
  jsonNumberText,
  numbersEqual,
  parseNumberText,
} from '../../../../provider/plugin/cty/numbers';
import { Decimal } from '../../../../provider/plugin/cty/types';

describe('parseNumberText', () => {
  it('turns integer text into a number when safe, else a bigint', () => {
    expect(parseNumberText('42')).toBe(42);
    expect(parseNumberText('-0')).toBe(0);
    expect(parseNumberText('+7')).toBe(7);
    expect(parseNumberText('9007199254740991')).toBe(9007199254740991);
    expect(parseNumberText('9007199254740993')).toBe(9007199254740993n);
    expect(parseNumberText('-9007199254740993')).toBe(-9007199254740993n);
  });

  it('keeps other decimal text verbatim as Decimal', () => {
    expect(parseNumberText('0.1')).toEqual(new Decimal('0.1'));
    expect(parseNumberText('1.50')).toEqual(new Decimal('1.50'));
    expect(parseNumberText('2E-3')).toEqual(new Decimal('2E-3'));
    expect(parseNumberText('.5')).toEqual(new Decimal('.5'));
  });

  it('reads infinities and rejects non-numbers', () => {
    expect(parseNumberText('-Inf')).toBe(-Infinity);
    expect(parseNumberText('+Infinity')).toBe(Infinity);
    for (const bad of ['', 'abc', '1.2.3', '0x10', '1e', 'NaN', ' 1']) expect(parseNumberText(bad)).toBeUndefined();
  });
});

describe('numbersEqual', () => {
  it.each<[unknown, unknown, boolean]>([
    [1, 1n, true],
    [1.5, 1n, false],
    [0.1, new Decimal('0.1'), true],
    [0.3, new Decimal('0.3'), true],
    [0.1 + 0.2, new Decimal('0.3'), false],
    [new Decimal('100'), new Decimal('1e2'), true],
    [new Decimal('1.0e2'), 100n, true],
    [new Decimal('0.000'), new Decimal('-0'), true],
    [new Decimal('12.5'), new Decimal('1.25'), false],
    [1e-7, new Decimal('0.0000001'), true],
  ])('%p == %p is %p', (a, b, equal) => {
    expect(numbersEqual(a as never, b as never)).toBe(equal);
    expect(numbersEqual(b as never, a as never)).toBe(equal);
  });
});

describe('helpers', () => {
  it('normalises bigints to numbers when safe', () => {
    expect(integerValue(5n)).toBe(5);
    expect(integerValue(2n ** 60n)).toBe(2n ** 60n);
  });

  it('validates decimal text', () => {
    expect(isDecimalText('1.5e-3')).toBe(true);
    expect(isDecimalText('Inf')).toBe(false);
  });

  it('writes JSON number text', () => {
    expect(jsonNumberText(0.1)).toBe('0.1');
    expect(jsonNumberText(2n ** 64n)).toBe('18446744073709551616');
    expect(jsonNumberText(new Decimal('0.10'))).toBe('0.10');
    expect(jsonNumberText(new Decimal('0012.500'))).toBe('125e-1');
    expect(jsonNumberText(new Decimal('-.0'))).toBe('0');
    expect(() => jsonNumberText(-Infinity)).toThrow();
  });

  // Regression (found by properties.test.ts): String() of these doubles is a rounded
  // decimal ("18446744073709552000"), which decoded to another integer than the one encoded.
  it.each([2 ** 64, 2 ** 63, -(2 ** 60), 1e21])('writes the integer double %p as its exact digits', (n) => {
    expect(BigInt(jsonNumberText(n))).toBe(BigInt(n));
    expect(numbersEqual(n, parseNumberText(jsonNumberText(n))!)).toBe(true);
  });
});
