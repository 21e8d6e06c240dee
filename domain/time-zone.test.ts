import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, localDate } from './time-zone.js';

describe('canonicalTimeZone', () => {
  it.each([
    ['America/Chicago', 'America/Chicago'],
    ['america/denver', 'America/Denver'],
    ['US/Central', 'America/Chicago'],
    ['UTC', 'UTC'],
  ])('accepts %s as %s', (name, canonical) => expect(canonicalTimeZone(name)).toBe(canonical));

  it.each(['Mars/Olympus_Mons', '+05:00', 'UTC+5', '', 'America/', '../etc/passwd'])('refuses %j', (name) => expect(canonicalTimeZone(name)).toBeNull());
});

describe('localDate', () => {
  it('gives the date in the dealer’s time zone, not UTC', () => {
    const lateEvening = new Date('2026-01-15T03:30:00Z');
    expect(localDate(lateEvening, 'America/Chicago')).toBe('2026-01-14');
    expect(localDate(lateEvening, 'UTC')).toBe('2026-01-15');
  });
});
