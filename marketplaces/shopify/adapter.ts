import { excerpt } from '../../http/response.js';
import { normaliseTrackingNumber } from '../../distributors/carriers.js';
import { channelTransport } from '../http.js';
import { ChannelError, type ChannelConnector, type TrackingPush, type TrackingPushResult } from '../types.js';
import { shopifyTrackingCompany } from './carrier-codes.js';
import { createShopifyClient } from './client.js';
import { DEFAULT_API_VERSION, FULFILLABLE_STATUSES, gid } from './contract.js';
import { FULFILL, FULFILLMENT_STATE } from './queries.js';
import * as wire from './wire.js';

export interface ShopifyConnectorOptions {
  /** The shop's admin origin, https://<shop>.myshopify.com. */
  shopUrl: string;
  /** The installed app's Admin API access token. */
  accessToken: string;
  apiVersion?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Per request. Shopify publishes no latency figures; 15 s is generous for one mutation. */
  timeoutMs?: number;
}

/** Intake may store a numeric order id or its global id. */
const orderGid = (orderId: string) => (orderId.startsWith('gid://') ? orderId : gid('Order', orderId));

/** A cancelled or failed fulfillment no longer carries the package. */
const stands = (status: string) => !['CANCELLED', 'ERROR', 'FAILURE'].includes(status);

function findFulfillment(state: wire.FulfillmentState, trackingNumber: string): string | undefined {
  return state.fulfillments.find(
    (fulfillment) =>
      stands(fulfillment.status) && fulfillment.trackingInfo.some((info) => info.number !== null && normaliseTrackingNumber(info.number) === trackingNumber),
  )?.id;
}

type Groups = Array<{ fulfillmentOrderId: string; fulfillmentOrderLineItems: Array<{ id: string; quantity: number }> }>;

/**
 * Finds each line in the open fulfillment orders and takes its quantity from what is left there,
 * across locations if need be. A line is matched by its fulfillment-order line item id (what
 * external-apis §5.4 stores) or by the order's line item id, which stays the same when Shopify
 * moves a fulfillment order to another location and gives its lines new ids.
 */
function lineItemsByFulfillmentOrder(state: wire.FulfillmentState, push: TrackingPush): Groups {
  const open = state.fulfillmentOrders.nodes.filter((order) => FULFILLABLE_STATUSES.includes(order.status));
  const left = new Map(open.flatMap((order) => order.lineItems.nodes.map((item) => [item.id, item.remainingQuantity])));
  const groups = new Map<string, Array<{ id: string; quantity: number }>>();
  for (const line of push.lines) {
    let wanted = line.quantity;
    for (const order of open) {
      for (const item of order.lineItems.nodes) {
        if (wanted === 0 || (item.id !== line.channelLineId && item.lineItem.id !== line.channelLineId)) continue;
        const quantity = Math.min(wanted, left.get(item.id)!);
        if (quantity === 0) continue;
        left.set(item.id, left.get(item.id)! - quantity);
        groups.set(order.id, [...(groups.get(order.id) ?? []), { id: item.id, quantity }]);
        wanted -= quantity;
      }
    }
    if (wanted > 0) {
      const left = `has only ${line.quantity - wanted} of line ${line.channelLineId} left to fulfil`;
      throw new ChannelError('invalid', `Shopify order ${push.channelOrderId} ${left}; the package ships ${line.quantity}`);
    }
  }
  return [...groups].map(([fulfillmentOrderId, fulfillmentOrderLineItems]) => ({ fulfillmentOrderId, fulfillmentOrderLineItems }));
}

/**
 * The Shopify Admin GraphQL connector for one shop. fulfillmentCreate has no idempotency key and
 * Shopify accepts a tracking number twice, so every push reads the order's fulfillments first and
 * creates one only when none carries the tracking number. The buyer is not notified by Shopify:
 * Dropline sends the one shipping email itself.
 */
export function createShopifyConnector(options: ShopifyConnectorOptions): ChannelConnector {
  const transport = channelTransport(options);
  const shopify = createShopifyClient({ ...options, apiVersion: options.apiVersion ?? DEFAULT_API_VERSION }, transport);

  async function readState(orderId: string): Promise<wire.FulfillmentState> {
    const { order } = await shopify.request({
      query: FULFILLMENT_STATE,
      variables: { id: orderId },
      action: `read the fulfillments of order ${orderId}`,
      schema: wire.fulfillmentState,
    });
    if (!order) throw new ChannelError('invalid', `Shopify has no order ${orderId} in the dealer's store`);
    return order;
  }

  async function pushTracking(push: TrackingPush): Promise<TrackingPushResult> {
    const orderId = orderGid(push.channelOrderId);
    const trackingNumber = normaliseTrackingNumber(push.trackingNumber);

    const state = await readState(orderId);
    const present = findFulfillment(state, trackingNumber);
    if (present) return { fulfillmentId: present, alreadyPresent: true };

    const action = `add tracking ${trackingNumber} to order ${orderId}`;
    const { fulfillmentCreate } = await shopify.request({
      query: FULFILL,
      variables: {
        fulfillment: {
          lineItemsByFulfillmentOrder: lineItemsByFulfillmentOrder(state, push),
          trackingInfo: { company: shopifyTrackingCompany(push.carrierCode), number: trackingNumber },
          notifyCustomer: false,
        },
      },
      action,
      schema: wire.fulfillmentCreate,
    });
    if (fulfillmentCreate.fulfillment && fulfillmentCreate.userErrors.length === 0) {
      return { fulfillmentId: fulfillmentCreate.fulfillment.id, alreadyPresent: false };
    }
    // A concurrent push of the same package may have taken the quantities between our read and our write.
    const raced = findFulfillment(await readState(orderId), trackingNumber);
    if (raced) return { fulfillmentId: raced, alreadyPresent: true };
    const reasons = fulfillmentCreate.userErrors.map((error) => error.message).join('; ');
    if (!reasons) throw new ChannelError('transient', `Shopify created no fulfillment and gave no reason when asked to ${action}`);
    throw new ChannelError('invalid', `Shopify refused to ${action}: ${excerpt(reasons)}`);
  }

  return { channel: 'shopify', pushTracking };
}
