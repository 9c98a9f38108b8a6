// cty numbers in JS: parsing the text forms the engine sends, exact equality, and JSON text.
// cty numbers are arbitrary-precision decimals; two numbers are equal when their exact decimal
// values are equal, a JS number standing for its shortest round-trip decimal (String(n)), which
// is how cty itself compares float64 values with decimal text.
import { Decimal, type CtyNumber } from './types';

const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY_TEXT = /^([+-]?)inf(?:inity)?$/i;
const JSON_NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function isCtyNumber(v: unknown): v is CtyNumber {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal;
}

/** True for finite decimal text such as "0.1", "-12", "1.5e-7" (what a Decimal may hold). */
export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}

/** A bigint as the canonical JS form: a number when it is a safe integer, else the bigint. */
export function integerValue(b: bigint): number | bigint {
  return b >= MIN_SAFE && b <= MAX_SAFE ? Number(b) : b;
}

/**
 * Parses number text as the engine sends it (msgpack str or JSON number text). Integers become
 * a number or bigint; other decimals are kept verbatim as Decimal; "Inf"/"-Inf" become ±Infinity.
 * Returns undefined for text that is not a number.
 */
export function parseNumberText(text: string): CtyNumber | undefined {
  if (INTEGER_TEXT.test(text)) return integerValue(BigInt(text));
  if (DECIMAL_TEXT.test(text)) return new Decimal(text);
  const inf = INFINITY_TEXT.exec(text);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  return undefined;
}

/** An exact decimal: (negative ? -1 : 1) × digits × 10^exponent; digits has no leading or trailing zeros ("" = zero). */
interface ExactDecimal {
  negative: boolean;
  digits: string;
  exponent: number;
}

function exactDecimalOf(text: string): ExactDecimal {
  let start = 0;
  let negative = false;
  if (text[0] === '-' || text[0] === '+') {
    negative = text[0] === '-';
    start = 1;
  }
  let end = text.indexOf('e', start);
  if (end < 0) end = text.indexOf('E', start);
  const exponentPart = end < 0 ? 0 : Number(text.slice(end + 1));
  const mantissa = text.slice(start, end < 0 ? text.length : end);
  const dot = mantissa.indexOf('.');
  const fraction = dot < 0 ? '' : mantissa.slice(dot + 1);
  let digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + fraction;
  let exponent = exponentPart - fraction.length;

  let first = 0;
  while (first < digits.length && digits.charCodeAt(first) === 48) first++;
  let last = digits.length;
  while (last > first && digits.charCodeAt(last - 1) === 48) {
    last--;
    exponent++;
  }
  digits = digits.slice(first, last);
  if (digits === '') return { negative: false, digits: '', exponent: 0 };
  return { negative, digits, exponent };
}

function numberText(n: CtyNumber): string {
  return n instanceof Decimal ? n.text : String(n);
}

/** Exact cty number equality (1 == 1n == Decimal("1.0"); 0.1 == Decimal("0.10")). */
export function numbersEqual(a: CtyNumber, b: CtyNumber): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
  if (typeof a === 'number' && !Number.isFinite(a)) return a === b;
  if (typeof b === 'number' && !Number.isFinite(b)) return false;
  if (typeof a === 'number' && typeof b === 'bigint') return Number.isInteger(a) && BigInt(a) === b;
  if (typeof a === 'bigint' && typeof b === 'number') return Number.isInteger(b) && BigInt(b) === a;
  const x = exactDecimalOf(numberText(a));
  const y = exactDecimalOf(numberText(b));
  return x.negative === y.negative && x.exponent === y.exponent && x.digits === y.digits;
}

/** The number as JSON number text (Decimal text verbatim when it is already valid JSON). */
export function jsonNumberText(n: CtyNumber): string {
  if (typeof n === 'number') {
    if (!Number.isFinite(n)) throw new Error(`${n} cannot be written as JSON`);
    // An integer beyond 2^53 exactly, as msgpack writes it: String(2 ** 64) is
    // "18446744073709552000", which reads back as a different integer.
    if (Number.isInteger(n) && !Number.isSafeInteger(n)) return BigInt(n).toString();
    return String(n);
  }
  if (typeof n === 'bigint') return String(n);
  if (JSON_NUMBER_TEXT.test(n.text)) return n.text;
  const d = exactDecimalOf(n.text);
  if (d.digits === '') return '0';
  return `${d.negative ? '-' : ''}${d.digits}${d.exponent === 0 ? '' : `e${d.exponent}`}`;
}
