import { DISTRIBUTOR_NAMES, type DistributorId } from './distributors.js';
import { EXCEPTION_KIND_TITLES, EXCEPTION_KINDS, type ExceptionKind } from './exceptions.js';

/** The order a digest line is about, as the dealer knows it from the sales channel. */
export interface OrderRef {
  id: string;
  channel: string;
  channelOrderId: string;
}

export type DigestDropshipStatus = 'awaiting_confirmation' | 'needs_resolution';

/** Everything open for one dealer at the moment the digest is made. Times are ISO instants. */
export interface DigestFacts {
  dealerName: string;
  /** The dealer's calendar day the digest is for (YYYY-MM-DD, in the dealer's time zone). */
  day: string;
  at: string;
  /** A PO placed this many days ago or more and not fully shipped is worth a look. */
  unshippedAfterDays: number;
  /** Open exceptions only. */
  exceptions: Array<{ id: string; kind: ExceptionKind; message: string; order: OrderRef | null; poNumber: string | null; raisedAt: string }>;
  /** Drop-ships awaiting confirmation, and the latest drop-ship of orders where it ended needing resolution. */
  dropships: Array<{ id: string; status: DigestDropshipStatus; order: OrderRef; since: string }>;
  /** POs placed with a distributor and still tracked, however recent. */
  purchaseOrders: Array<{ poNumber: string; distributor: DistributorId; status: string; order: OrderRef; submittedAt: string }>;
}

/** A list that stops after a handful, saying how many more the inbox holds. */
export interface DigestSection<T> {
  items: T[];
  more: number;
}

export interface DigestDropship {
  dropshipId: string;
  order: OrderRef;
  days: number;
  /** The message of the open exception folded into this line (for a drop-ship needing resolution, its reasons). */
  detail: string | null;
}

export interface DigestPurchaseOrder {
  poNumber: string;
  distributorName: string;
  status: string;
  order: OrderRef;
  days: number;
}

export interface DigestException {
  id: string;
  message: string;
  order: OrderRef | null;
  poNumber: string | null;
  days: number;
}

export interface DigestExceptionGroup extends DigestSection<DigestException> {
  kind: ExceptionKind;
  title: string;
}

/** One dealer's daily summary of what needs them: pure data, rendered by the email templates. */
export interface Digest {
  dealerName: string;
  day: string;
  /** How many things need the dealer in all, including those past a section's cut-off. */
  count: number;
  unshippedAfterDays: number;
  awaitingConfirmation: DigestSection<DigestDropship>;
  needsResolution: DigestSection<DigestDropship>;
  unshipped: DigestSection<DigestPurchaseOrder>;
  /** Most urgent kind first; kinds with nothing open are left out. */
  exceptionGroups: DigestExceptionGroup[];
}

/**
 * A dealer's digest settings until they save their own: off (nothing is scheduled until they do), at
 * 07:00 local time, counting a PO as late after five days without fully shipping.
 */
export const DIGEST_DEFAULTS = { enabled: false, hour: 7, minute: 0, unshippedAfterDays: 5 } as const;

/** An email with hundreds of lines goes unread; the inbox has them all. */
export const DIGEST_SECTION_LIMIT = 20;

const DAY_MS = 86_400_000;

/** The exception kind that says the same as a drop-ship in that status, so the two are listed once. */
const SAME_AS_DROPSHIP: Record<DigestDropshipStatus, ExceptionKind> = {
  awaiting_confirmation: 'confirmation_waiting',
  needs_resolution: 'needs_resolution',
};

/**
 * What the dealer's digest says, or null when nothing needs them (then no email is sent).
 * - Each thing appears once: an open exception about a listed drop-ship's order is folded into it.
 * - A drop-ship that ended needing resolution stays listed only while its exception is open, so
 *   resolving it in the inbox is how the dealer says it has been dealt with.
 * - A PO shows up once it has gone `unshippedAfterDays` whole days without fully shipping.
 * - Everything is listed longest-waiting first.
 */
export function buildDigest(facts: DigestFacts): Digest | null {
  const at = Date.parse(facts.at);
  const daysSince = (since: string) => Math.max(0, Math.floor((at - Date.parse(since)) / DAY_MS));
  const folded = new Set<string>();

  const dropshipLines = (status: DigestDropshipStatus): DigestDropship[] =>
    byAge(
      facts.dropships.filter((d) => d.status === status),
      (d) => d.since,
    ).flatMap((dropship) => {
      const exception = facts.exceptions.find((e) => e.kind === SAME_AS_DROPSHIP[status] && e.order?.id === dropship.order.id && !folded.has(e.id));
      if (!exception && status === 'needs_resolution') return [];
      if (exception) folded.add(exception.id);
      return [{ dropshipId: dropship.id, order: dropship.order, days: daysSince(dropship.since), detail: exception?.message ?? null }];
    });
  const awaitingConfirmation = dropshipLines('awaiting_confirmation');
  const needsResolution = dropshipLines('needs_resolution');

  const unshipped = byAge(facts.purchaseOrders, (po) => po.submittedAt)
    .map((po) => ({
      poNumber: po.poNumber,
      distributorName: DISTRIBUTOR_NAMES[po.distributor],
      status: po.status,
      order: po.order,
      days: daysSince(po.submittedAt),
    }))
    .filter((po) => po.days >= facts.unshippedAfterDays);

  const exceptionGroups = EXCEPTION_KINDS.map((kind) => {
    const open = byAge(
      facts.exceptions.filter((e) => e.kind === kind && !folded.has(e.id)),
      (e) => e.raisedAt,
    );
    const items = open.map((e) => ({ id: e.id, message: e.message, order: e.order, poNumber: e.poNumber, days: daysSince(e.raisedAt) }));
    return { kind, title: EXCEPTION_KIND_TITLES[kind], ...section(items) };
  }).filter((group) => group.items.length > 0);

  const count =
    awaitingConfirmation.length + needsResolution.length + unshipped.length + exceptionGroups.reduce((sum, group) => sum + group.items.length + group.more, 0);
  if (count === 0) return null;
  return {
    dealerName: facts.dealerName,
    day: facts.day,
    count,
    unshippedAfterDays: facts.unshippedAfterDays,
    awaitingConfirmation: section(awaitingConfirmation),
    needsResolution: section(needsResolution),
    unshipped: section(unshipped),
    exceptionGroups,
  };
}

function byAge<T>(items: T[], since: (item: T) => string): T[] {
  return [...items].sort((a, b) => Date.parse(since(a)) - Date.parse(since(b)));
}

function section<T>(items: T[]): DigestSection<T> {
  return { items: items.slice(0, DIGEST_SECTION_LIMIT), more: Math.max(0, items.length - DIGEST_SECTION_LIMIT) };
}
