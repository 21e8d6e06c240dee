import type { Marketplace } from '../marketplaces/profiles.js';
import type { Address } from './address.js';

export interface ChannelOrderLine {
  /** eBay lineItemId, Amazon OrderItemId, Shopify LineItem gid: what a tracking push names. */
  channelLineId: string;
  sku: string;
  quantity: number;
  title?: string | undefined;
  unitPriceCents: number;
}

/**
 * An order as any marketplace reports it, in one shape (external-apis §5.4, plus the payment state
 * and the price and shipping rate Dropline routes on). Buyer and ship-to are PII.
 */
export interface ChannelOrder {
  channel: Marketplace;
  /** eBay orderId, AmazonOrderId, Shopify Order gid: with the dealer, the order's identity. */
  channelOrderId: string;
  createdAt: string;
  updatedAt: string;
  buyer: { name: string; email?: string | undefined; phone?: string | undefined };
  shipTo: Address;
  shippingRateName: string;
  /**
   * The latest time the order may ship without counting as late on the channel (ISO 8601), where the
   * channel gives one: eBay's earliest line shipByDate, the end of Amazon's ship-by window. Without it, the
   * dealer's handling time for the channel applies (domain/ship-by.ts).
   */
  shipBy?: string | undefined;
  lines: ChannelOrderLine[];
  fulfilment: 'open' | 'partially_shipped' | 'shipped' | 'cancelled';
  paid: boolean;
}

/**
 * Order statuses intake decides on. `awaiting_payment` and `shipped` (by the dealer, outside
 * Dropline) come only from a channel; `open` and `cancelled` are shared with website orders.
 */
export type IntakeStatus = 'open' | 'awaiting_payment' | 'cancelled' | 'shipped';

/** Nothing is drop-shipped for an order the buyer cancelled, has not paid, or the dealer has shipped. */
export function intakeStatus(order: Pick<ChannelOrder, 'fulfilment' | 'paid'>): IntakeStatus {
  if (order.fulfilment === 'cancelled') return 'cancelled';
  if (order.fulfilment === 'shipped') return 'shipped';
  return order.paid ? 'open' : 'awaiting_payment';
}

const BLOCKED: Partial<Record<string, string>> = {
  cancelled: 'was cancelled',
  awaiting_payment: 'is not paid yet',
  shipped: 'has already shipped',
};

/** Why an order in this status may not be drop-shipped, or null when it may. */
export function dropshipBlockedBecause(orderStatus: string): string | null {
  const reason = BLOCKED[orderStatus];
  return reason ? `This order ${reason}, so nothing is drop-shipped for it` : null;
}

/**
 * What a later report of an order already taken in changes. Before any drop-ship the order follows
 * its channel (payment arrived, cancelled, shipped by the dealer); once one exists, Dropline's own
 * status stands and a cancellation needs the dealer, who may have to cancel a PO.
 */
export function channelUpdate(
  current: { status: string; hasDropship: boolean },
  reported: Pick<ChannelOrder, 'fulfilment' | 'paid'>,
): { status: IntakeStatus } | { tellDealer: 'cancelled_after_dropship' } | null {
  const next = intakeStatus(reported);
  if (current.hasDropship) return next === 'cancelled' && current.status !== 'cancelled' ? { tellDealer: 'cancelled_after_dropship' } : null;
  if (next === current.status || current.status === 'cancelled') return null;
  return { status: next };
}
