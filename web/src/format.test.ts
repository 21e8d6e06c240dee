import { afterEach, describe, expect, it } from 'vitest';
import { calendarDate, dateTime, dropshipSentence, showTimesIn, words } from './format';

describe('times and dates', () => {
  afterEach(() => showTimesIn(undefined));

  it('shows a date-only value as that calendar date for a dealer in Los Angeles, where midnight UTC is the evening before', () => {
    showTimesIn('America/Los_Angeles');
    // The API's ship date, as it comes over the wire and back out of JSON.
    const shippedOn = (JSON.parse(JSON.stringify({ shippedOn: '2026-12-03' })) as { shippedOn: string }).shippedOn;
    expect(calendarDate(shippedOn)).toBe('Dec 3, 2026');
    // The same day read as a moment is what the UI showed before: the evening of December 2.
    expect(dateTime(`${shippedOn}T00:00:00.000Z`)).toBe('Dec 2, 2026, 4:00 PM PST');
  });

  it('shows the same calendar date in every time zone', () => {
    for (const zone of ['Pacific/Honolulu', 'America/New_York', 'UTC', 'Pacific/Kiritimati']) {
      showTimesIn(zone);
      expect(calendarDate('2026-01-01')).toBe('Jan 1, 2026');
    }
  });

  it('shows a moment in the dealer’s time zone, not the browser’s', () => {
    showTimesIn('America/New_York');
    expect(dateTime('2026-07-04T16:30:00Z')).toBe('Jul 4, 2026, 12:30 PM EDT');
    showTimesIn('America/Denver');
    expect(dateTime('2026-07-04T16:30:00Z')).toBe('Jul 4, 2026, 10:30 AM MDT');
  });

  it('shows a dash for what is missing or not a date', () => {
    expect(dateTime(null)).toBe('—');
    expect(calendarDate(null)).toBe('—');
    expect(calendarDate('2026-12-03T00:00:00Z')).toBe('—');
  });
});

describe('status words', () => {
  it('says statuses as words and drop-ship phases as sentences', () => {
    expect(words('partially_shipped')).toBe('partly shipped');
    expect(words('cancelled')).toBe('cancelled');
    expect(dropshipSentence('needs_resolution')).toBe('This drop-ship has lines to resolve');
    expect(dropshipSentence('some_new_phase')).toBe('This drop-ship is some new phase');
  });
});
