/** Area/Location names and the few single names (UTC, EST5EDT) the IANA database has; no offsets. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * The IANA time zone as the tz database spells it ("us/central" → "America/Chicago"), or null when
 * the name is not one. The Temporal server reads zone names case-sensitively, so only this spelling
 * is stored. Offsets such as "+05:00" are refused even where Intl takes them: a daily schedule needs
 * a zone with its daylight-saving rules.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!IANA_NAME.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The calendar date (YYYY-MM-DD) an instant falls on in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
