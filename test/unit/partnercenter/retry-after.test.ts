// Retry-After that asks for no wait (negative, zero, a past date) or cannot be read falls back to
// the normal backoff (retry.ts), so a server cannot make the client send every attempt at once.
import { parseRetryAfterMs } from '../../../provider/partnercenter/retry';

const now = Date.parse('2024-01-01T00:00:00Z');

describe('parseRetryAfterMs', () => {
  it('reads a positive delay in seconds and each HTTP date form, as GMT', () => {
    expect(parseRetryAfterMs('7', now)).toBe(7000);
    expect(parseRetryAfterMs('Mon, 01 Jan 2024 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfterMs('Monday, 01-Jan-24 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfterMs('Mon Jan  1 00:00:10 2024', now)).toBe(10_000);
  });
  it('is undefined (normal backoff) for a negative, zero or past value', () => {
    for (const v of ['-5', '0', '0.0', 'Sun, 06 Nov 1994 08:49:37 GMT', 'Sun, 31 Dec 2023 23:59:59 GMT']) {
      expect(parseRetryAfterMs(v, now)).toBeUndefined();
    }
  });
  it('is undefined for what is not an HTTP date, even where Date.parse would read one', () => {
    for (const v of ['garbage 1', 'soon', '2024-01-01T00:00:10Z', 'Mon, 99 Jan 2024 00:00:00 GMT', '1e3', '']) {
      expect(parseRetryAfterMs(v, now)).toBeUndefined();
    }
  });
});
