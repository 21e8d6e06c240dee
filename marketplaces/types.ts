import type { ChannelOrder } from '../domain/channel-orders.js';
import type { PolledMarketplace } from './profiles.js';

/**
 * The channel connector interface: pushes a package's tracking to the sales channel the order came
 * from. Implementations must make a retried push create no second fulfilment (check what the order
 * already has before creating, where the channel has no idempotency key).
 */
export interface ChannelConnector {
  readonly channel: string;
  pushTracking(push: TrackingPush): Promise<TrackingPushResult>;
  /**
   * The dealer's "Test connection": one read-only call with the account's credentials that the
   * tracking push depends on; resolves when it worked, throws a ChannelError saying why not.
   */
  testConnection(): Promise<void>;
}

export interface TrackingPush {
  channelOrderId: string;
  lines: Array<{ channelLineId: string; quantity: number }>;
  /**
   * The carrier as the shipment names it: one of our Carriers, or the distributor's own word for one
   * ("UPS GROUND"). Each connector maps it to the channel's code and passes names it cannot map on.
   */
  carrierCode: string;
  trackingNumber: string;
  shippedAt: string;
}

export interface TrackingPushResult {
  fulfillmentId: string;
  /** True when the channel already had this package (a retry after a lost response). */
  alreadyPresent: boolean;
}

export type ChannelErrorKind = 'auth' | 'invalid' | 'rate_limited' | 'transient';

export class ChannelError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly kind: ChannelErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChannelError';
    this.retryable = kind === 'rate_limited' || kind === 'transient';
  }
}

/** Last-modified times, both ends included, as ISO 8601 UTC. */
export interface ModifiedWindow {
  from: string;
  to: string;
}

export interface ChannelOrderPage {
  orders: ChannelOrder[];
  /** Orders on the page that could not be read, for the dealer's audit trail; the page is taken in without them. */
  unreadable?: UnreadableOrder[];
  /** The marketplace's own reference to the next page, safe to store and resume from; null after the last. */
  nextPage: string | null;
}

/** An order the marketplace reported in a shape intake cannot read. */
export interface UnreadableOrder {
  /** Null when not even the order's id could be read. */
  channelOrderId: string | null;
  /** What is wrong, by field, e.g. "lineItems.0.quantity: expected number". */
  problem: string;
}

/**
 * The order-pull side of a channel, for marketplaces that are polled (eBay, Amazon): the orders whose
 * last modification falls in a window, one page at a time, already in the normalised shape. Throws
 * ChannelError like the push side; a page reference the marketplace no longer knows is `invalid`.
 */
export interface ChannelOrderSource {
  readonly channel: PolledMarketplace;
  modifiedOrders(window: ModifiedWindow, page: string | null): Promise<ChannelOrderPage>;
}

/**
 * The window a connection test reads orders in: the last hour, ending three minutes ago, because
 * Amazon refuses a lastUpdatedBefore within two minutes of its now (temporal/channel-order-schedule.ts).
 */
export function connectionTestWindow(now: Date): ModifiedWindow {
  return { from: new Date(now.getTime() - 60 * 60_000).toISOString(), to: new Date(now.getTime() - 3 * 60_000).toISOString() };
}
