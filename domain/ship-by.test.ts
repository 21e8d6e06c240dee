import { describe, expect, it } from 'vitest';
import { handlingDeadline, shipByAlert } from './ship-by.js';

describe('handlingDeadline', () => {
  it('ends the Nth business day after the day of the order, at midnight in the dealer’s zone', () => {
    // Monday 10:00 in Chicago (CST, UTC-6): two business days end Wednesday at midnight, 06:00 UTC Thursday.
    expect(handlingDeadline(new Date('2026-01-12T16:00:00Z'), 2, 'America/Chicago').toISOString()).toBe('2026-01-15T06:00:00.000Z');
  });

  it('counts the day in the dealer’s zone, not UTC', () => {
    // Monday 21:30 in Chicago is already Tuesday in UTC; the order still counts from Monday.
    expect(handlingDeadline(new Date('2026-01-13T03:30:00Z'), 1, 'America/Chicago').toISOString()).toBe('2026-01-14T06:00:00.000Z');
  });

  it('skips the weekend', () => {
    // Friday noon UTC, two business days: Monday, Tuesday.
    expect(handlingDeadline(new Date('2026-01-16T12:00:00Z'), 2, 'UTC').toISOString()).toBe('2026-01-21T00:00:00.000Z');
    // Saturday, no handling time: the end of Monday.
    expect(handlingDeadline(new Date('2026-01-17T12:00:00Z'), 0, 'UTC').toISOString()).toBe('2026-01-20T00:00:00.000Z');
  });

  it('keeps midnight across a daylight-saving change', () => {
    // Friday 6 March 2026 in Chicago (CST); the clocks go forward on Sunday the 8th, so Tuesday ends at 05:00 UTC.
    expect(handlingDeadline(new Date('2026-03-06T18:00:00Z'), 2, 'America/Chicago').toISOString()).toBe('2026-03-11T05:00:00.000Z');
  });
});

describe('shipByAlert', () => {
  const now = new Date('2026-01-12T12:00:00Z');
  const at = (iso: string) => new Date(iso);

  it('flags an unshipped order due within a day, or past its date', () => {
    expect(shipByAlert({ shipBy: at('2026-01-13T11:00:00Z'), status: 'dropshipping' }, now)).toBe('due_soon');
    expect(shipByAlert({ shipBy: at('2026-01-12T11:00:00Z'), status: 'partially_shipped' }, now)).toBe('overdue');
  });

  it('says nothing of an order with time left, shipped, cancelled or without a date', () => {
    expect(shipByAlert({ shipBy: at('2026-01-14T12:00:00Z'), status: 'open' }, now)).toBeNull();
    expect(shipByAlert({ shipBy: at('2026-01-12T11:00:00Z'), status: 'shipped' }, now)).toBeNull();
    expect(shipByAlert({ shipBy: at('2026-01-12T11:00:00Z'), status: 'cancelled' }, now)).toBeNull();
    expect(shipByAlert({ shipBy: null, status: 'open' }, now)).toBeNull();
  });
});
