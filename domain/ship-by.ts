import { localDate } from './time-zone.js';

/**
 * Ship-by deadlines. eBay and Amazon give each order one (the date after which a shipment counts as
 * late against the seller); Shopify and the dealer's website have none, so the dealer's handling time
 * for that channel sets it.
 */

/** Channels whose orders come without a ship-by date and take the dealer's handling time instead. */
export const HANDLING_CHANNELS = ['website', 'shopify'] as const;
export type HandlingChannel = (typeof HANDLING_CHANNELS)[number];
export type HandlingDays = Record<HandlingChannel, number>;

/** Two business days, what most powersports dealers promise and what eBay and Amazon default listings to. */
export const DEFAULT_HANDLING_DAYS: HandlingDays = { website: 2, shopify: 2 };
export const MAX_HANDLING_DAYS = 30;

/** How long before its deadline a PO not shipped yet is put in front of the dealer. */
export const SHIP_BY_WARNING_MS = 24 * 3_600_000;

export const isHandlingChannel = (channel: string): channel is HandlingChannel => (HANDLING_CHANNELS as readonly string[]).includes(channel);

/**
 * The end of the `businessDays`-th business day after the day the order was placed, in the dealer's
 * time zone; Saturdays and Sundays do not count (public holidays do: Dropline knows none). An order
 * placed on a weekend counts from the Monday after, and 0 days means the end of the day it was placed
 * (the next business day's end when that is a weekend).
 */
export function handlingDeadline(placedAt: Date, businessDays: number, timeZone: string): Date {
  let day = localDate(placedAt, timeZone);
  let left = businessDays;
  while (left > 0 || isWeekend(day)) {
    day = nextDay(day);
    if (!isWeekend(day)) left -= 1;
  }
  return startOfDay(nextDay(day), timeZone);
}

/** Whether an order not shipped yet is close to its deadline: within the warning window, or past it. */
export function shipByAlert(order: { shipBy: Date | null; status: string }, now: Date): 'overdue' | 'due_soon' | null {
  if (!order.shipBy || order.status === 'shipped' || order.status === 'cancelled') return null;
  const left = order.shipBy.getTime() - now.getTime();
  if (left <= 0) return 'overdue';
  return left <= SHIP_BY_WARNING_MS ? 'due_soon' : null;
}

const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

function nextDay(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The instant a calendar day begins in a time zone (found from the zone's offset, checked once more across a DST change). */
function startOfDay(day: string, timeZone: string): Date {
  const asUtc = Date.parse(`${day}T00:00:00Z`);
  let at = asUtc - offsetMs(new Date(asUtc), timeZone);
  at = asUtc - offsetMs(new Date(at), timeZone);
  return new Date(at);
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}
