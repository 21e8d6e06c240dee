export const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/**
 * The dealer's time zone (GET /v1/settings timeZone), in which every time is shown: staff in another
 * zone, or a laptop set to UTC, still see the dealer's day. Until it is known, the browser's zone.
 */
let timeZone: string | undefined;

export function showTimesIn(zone: string | undefined) {
  timeZone = zone;
}

/** A moment (an ISO timestamp) as a date and time in the dealer's time zone, naming the zone. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  return new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(at) + ` ${zoneName(at)}`;
}

const zoneName = (at: Date) =>
  new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '';

/**
 * A calendar date without a time ("2026-12-03", e.g. a distributor's ship date) as that same day.
 * It names a day, not a moment, so no time zone applies: read as a moment it would be midnight UTC,
 * the evening before in US time zones.
 */
export function calendarDate(day: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  if (!match) return '—';
  const [, year, month, date] = match.map(Number) as [number, number, number, number];
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(Date.UTC(year, month - 1, date)));
}

/** Statuses in words a dealer uses; a status not listed here is said with its underscores as spaces. */
const STATUS_WORDS: Record<string, string> = {
  partially_shipped: 'partly shipped',
  needs_attention: 'needs attention',
  awaiting_confirmation: 'awaiting your confirmation',
  awaiting_payment: 'awaiting payment',
  already_dropshipped: 'already drop-shipped',
  dropshipping: 'drop-shipping',
  in_progress: 'in progress',
  given_up: 'given up',
  unknown: 'unverified',
  due_soon: 'due within 24 h',
};

export const words = (status: string) => STATUS_WORDS[status] ?? status.replaceAll('_', ' ');

/** What a drop-ship's status means, as the end of "This drop-ship …". */
const DROPSHIP_PHRASES: Record<string, string> = {
  starting: 'is starting',
  planning: 'is still routing its lines',
  awaiting_confirmation: 'is waiting for your confirmation',
  submitting: 'is placing its purchase orders',
  in_progress: 'has placed its purchase orders',
  completed: 'is complete',
  needs_resolution: 'has lines to resolve',
  cancelled: 'was cancelled',
  expired: 'expired without a confirmation',
};

/** "This drop-ship has lines to resolve", never "This drop-ship is needs resolution". */
export const dropshipSentence = (phase: string) => `This drop-ship ${DROPSHIP_PHRASES[phase] ?? `is ${words(phase)}`}`;

/** How long ago, in the largest whole unit: "5 min", "3 h", "2 d". */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / 1440)} d`;
}
