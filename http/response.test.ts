import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './response.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-03T20:00:00.000Z');

  it.each([
    ['whole seconds', '30', 30_000],
    ['seconds with a fraction', '1.5', 1_500],
    ['an HTTP date', 'Fri, 03 Jan 2025 20:00:05 GMT', 5_000],
    ['a date already past', 'Fri, 03 Jan 2025 19:00:00 GMT', 0],
  ])('reads %s', (_case, value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it('answers nothing for no header or one it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
