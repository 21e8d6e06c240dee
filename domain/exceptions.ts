/** What can need the dealer, most urgent first; each kind is raised by the step that ran into it. */
export const EXCEPTION_KINDS = [
  'po_failed',
  'po_unknown',
  'distributor_account',
  'order_cancelled_on_channel',
  'needs_resolution',
  'po_given_up',
  'confirmation_waiting',
  'notification_failed',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const EXCEPTION_STATUSES = ['open', 'resolved'] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

/** Each kind in the dealer's words. */
export const EXCEPTION_KIND_TITLES: Record<ExceptionKind, string> = {
  po_failed: 'Purchase orders a distributor did not accept',
  po_unknown: 'Purchase orders Dropline could not verify (check them with the distributor)',
  distributor_account: 'Distributor accounts Dropline cannot use for a placed purchase order (reconnect them)',
  order_cancelled_on_channel: 'Orders the buyer cancelled on the marketplace after their drop-ship started',
  needs_resolution: 'Lines that cannot be drop-shipped until you resolve them',
  po_given_up: 'Purchase orders that never shipped (tracking stopped)',
  confirmation_waiting: 'Drop-ships you were reminded to confirm',
  notification_failed: 'Buyer emails or channel updates that failed',
};
