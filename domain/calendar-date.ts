/**
 * A calendar date without a time of day ("2026-12-03"), the way distributors report ship dates.
 * It names a day, not an instant: it is stored in a `date` column, sent as this string and shown as
 * this day in every time zone. Read as an instant it would be midnight UTC, which US time zones show
 * as the evening before.
 */
export type CalendarDate = string;

const DAY = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|T)/;

/**
 * The day a distributor's date names ("20250103", "2025-01-03", or the date part of an ISO time it
 * sends), or undefined when the value is no real date.
 */
export function calendarDate(value: string | null | undefined): CalendarDate | undefined {
  const match = DAY.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  // Date.UTC rolls 2025-02-30 over to March; a real date reads back as itself.
  const check = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().startsWith(day) ? day : undefined;
}

/**
 * The instant to tell a marketplace a package shipped, which wants a time: when Dropline learned of
 * the package if that was on the ship date (UTC), else noon UTC of the ship date, which is that same
 * day from Hawaii to Europe and never a time after Dropline saw it.
 */
export function shipInstant(shippedOn: CalendarDate | null, seenAt: Date): Date {
  if (!shippedOn || seenAt.toISOString().startsWith(shippedOn)) return seenAt;
  const noon = new Date(`${shippedOn}T12:00:00Z`);
  return noon < seenAt ? noon : seenAt;
}
