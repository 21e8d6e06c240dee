import { describe, expect, it } from 'vitest';
import { calendarDate, shipInstant } from './calendar-date.js';

describe('calendarDate', () => {
  it.each([
    ['20251203', '2025-12-03'],
    ['2025-12-03', '2025-12-03'],
    ['2025-12-03T19:09:02.768Z', '2025-12-03'],
    [' 2025-12-03 ', '2025-12-03'],
  ])('reads %s as the day %s', (value, day) => {
    expect(calendarDate(value)).toBe(day);
  });

  it.each([null, undefined, '', 'yesterday', '2025-02-30', '20251340', '12/03/25', '2025-12-031'])('refuses %s', (value) => {
    expect(calendarDate(value)).toBeUndefined();
  });
});

describe('shipInstant', () => {
  it('is when Dropline saw the package when that was on the ship date', () => {
    const seen = new Date('2025-12-03T21:30:00Z');
    expect(shipInstant('2025-12-03', seen)).toEqual(seen);
  });

  it('is noon UTC of an earlier ship date, which is that day in US time zones too', () => {
    const instant = shipInstant('2025-12-01', new Date('2025-12-03T21:30:00Z'));
    expect(instant.toISOString()).toBe('2025-12-01T12:00:00.000Z');
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(instant)).toBe('2025-12-01');
  });

  it('is never later than when Dropline saw the package, nor made up without a ship date', () => {
    const seen = new Date('2025-12-03T03:00:00Z');
    expect(shipInstant('2025-12-04', seen)).toEqual(seen);
    expect(shipInstant(null, seen)).toEqual(seen);
  });
});
