/**
 * The channel connector interface: pushes a package's tracking to the sales channel the order came
 * from. Implementations must make a retried push create no second fulfilment (check what the order
 * already has before creating, where the channel has no idempotency key).
 */
export interface ChannelConnector {
  readonly channel: string;
  pushTracking(push: TrackingPush): Promise<TrackingPushResult>;
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
