/** What can need the dealer, most urgent first; each kind is raised by the step that ran into it. */
export const EXCEPTION_KINDS = [
  'po_failed',
  'po_unknown',
  'distributor_account',
  'order_cancelled_on_channel',
  'po_cancelled_by_distributor',
  'po_backordered',
  'cancellation_task',
  'shipped_after_cancel',
  'ship_by_at_risk',
  'needs_resolution',
  'po_given_up',
  'confirmation_waiting',
  'notification_failed',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const EXCEPTION_STATUSES = ['open', 'resolved'] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];
/** What the inbox lists: one status, or every entry. */
export const EXCEPTION_VIEWS = [...EXCEPTION_STATUSES, 'all'] as const;
export type ExceptionView = (typeof EXCEPTION_VIEWS)[number];

/** The resolver recorded when an exception closed by itself, its cause gone. */
export const CLOSED_BY_SYSTEM = 'system';

/** Each kind in the dealer's words. */
export const EXCEPTION_KIND_TITLES: Record<ExceptionKind, string> = {
  po_failed: 'Purchase orders a distributor did not accept',
  po_unknown: 'Purchase orders Dropline could not verify (check them with the distributor)',
  distributor_account: 'Distributor accounts Dropline cannot use for a placed purchase order (reconnect them)',
  order_cancelled_on_channel: 'Orders the buyer cancelled on the marketplace after their drop-ship started',
  po_cancelled_by_distributor: 'Purchase order lines the distributor cancelled',
  po_backordered: 'Purchase order lines the distributor backordered',
  cancellation_task: 'Cancellations you must ask the distributor for yourself',
  shipped_after_cancel: 'Lines that shipped although you asked to cancel them',
  ship_by_at_risk: 'Purchase orders not shipped a day before the order must ship',
  needs_resolution: 'Lines that cannot be drop-shipped until you resolve them',
  po_given_up: 'Purchase orders that never shipped (tracking stopped)',
  confirmation_waiting: 'Drop-ships you were reminded to confirm',
  notification_failed: 'Buyer emails or channel updates that failed',
};

/** What one exception is about, a heading for its card naming the PO or order it concerns. */
export function exceptionTitle(kind: ExceptionKind, about: { poNumber?: string | null; orderRef?: string | null }): string {
  const po = about.poNumber ? `PO ${about.poNumber}` : 'A purchase order';
  const ofPo = about.poNumber ? `PO ${about.poNumber}` : 'a purchase order';
  const order = about.orderRef ? `Order ${about.orderRef}` : 'An order';
  switch (kind) {
    case 'po_failed':
      return `${po} was not accepted by the distributor`;
    case 'po_unknown':
      return `${po} may or may not have been placed: check with the distributor`;
    case 'distributor_account':
      return 'A distributor account needs reconnecting';
    case 'order_cancelled_on_channel':
      return `${order} was cancelled by the buyer after its drop-ship started`;
    case 'po_cancelled_by_distributor':
      return `The distributor cancelled lines of ${ofPo}`;
    case 'po_backordered':
      return `The distributor backordered lines of ${ofPo}`;
    case 'cancellation_task':
      return `Ask the distributor yourself to cancel ${ofPo}`;
    case 'shipped_after_cancel':
      return `Lines of ${ofPo} shipped although you asked to cancel them`;
    case 'ship_by_at_risk':
      return `${po} has not shipped and the order must ship within a day`;
    case 'needs_resolution':
      return `${order} has lines to resolve before they can be drop-shipped`;
    case 'po_given_up':
      return `${po} never shipped: Dropline stopped tracking it`;
    case 'confirmation_waiting':
      return `${order} has a drop-ship waiting for your confirmation`;
    case 'notification_failed':
      return 'A buyer email or channel update failed';
  }
}

/** What the dealer can do about an exception, besides marking it dealt with. */
export const EXCEPTION_ACTIONS = [
  'retry',
  'reroute',
  'request_cancellation',
  'follow_cancellation',
  'resolve_lines',
  'reconnect_account',
  'confirm_dropship',
] as const;
export type ExceptionAction = (typeof EXCEPTION_ACTIONS)[number];

/**
 * The actions that fix each kind, the one to offer first leading. A kind without any is finished by
 * marking it dealt with (the dealer handled it outside Dropline).
 */
export const EXCEPTION_KIND_ACTIONS: Record<ExceptionKind, readonly ExceptionAction[]> = {
  po_failed: ['reroute', 'retry'],
  // Re-routing a PO that may be placed could order the parts twice: retry looks it up first.
  po_unknown: ['retry'],
  distributor_account: ['reconnect_account'],
  order_cancelled_on_channel: ['request_cancellation'],
  po_cancelled_by_distributor: ['reroute'],
  po_backordered: ['reroute', 'request_cancellation'],
  cancellation_task: ['follow_cancellation'],
  shipped_after_cancel: [],
  ship_by_at_risk: ['reroute', 'request_cancellation'],
  needs_resolution: ['resolve_lines'],
  po_given_up: [],
  confirmation_waiting: ['confirm_dropship'],
  notification_failed: [],
};
