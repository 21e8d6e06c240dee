import { normaliseTrackingNumber } from '../../distributors/carriers.js';
import { channelTransport } from '../http.js';
import { ChannelError, connectionTestWindow, type ChannelConnector, type TrackingPush, type TrackingPushResult } from '../types.js';
import { ebayCarrierCode } from './carrier-codes.js';
import { createEbayClient, failure, isAlreadyCreated } from './client.js';
import type { EbayCredentials } from './oauth.js';
import { createEbayOrderSource } from './orders.js';
import * as wire from './wire.js';

export interface EbayConnectorOptions extends EbayCredentials {
  fetch?: typeof fetch;
  now?: () => Date;
  /** Per request. eBay publishes no latency figures; 15 s is generous for one fulfilment. */
  timeoutMs?: number;
}

const fulfillmentsPath = (orderId: string) => `/sell/fulfillment/v1/order/${encodeURIComponent(orderId)}/shipping_fulfillment`;

/** eBay wants YYYY-MM-DDTHH:MM:SS.SSSZ, which is exactly what toISOString writes. */
function shippedDate(shippedAt: string): string {
  const date = new Date(shippedAt);
  if (Number.isNaN(date.getTime())) throw new ChannelError('invalid', `The shipped time "${shippedAt}" is not a date`);
  return date.toISOString();
}

/** The Location header ends in the new fulfilment's id. */
function fulfillmentIdFrom(location: string | null): string | undefined {
  const last = location?.split('?')[0]?.split('/').pop();
  return last ? decodeURIComponent(last) : undefined;
}

/**
 * The eBay Sell Fulfillment connector for one seller account. eBay has no idempotency key, so every
 * push reads the order's fulfilments first and adds the package only when its tracking number is not
 * there yet.
 */
export function createEbayConnector(options: EbayConnectorOptions): ChannelConnector {
  const transport = channelTransport(options);
  const ebay = createEbayClient(options, transport);

  async function findFulfillment(orderId: string, trackingNumber: string): Promise<string | undefined> {
    const { fulfillments } = await ebay.request({
      method: 'GET',
      path: fulfillmentsPath(orderId),
      action: `read the shipments of order ${orderId}`,
      schema: wire.shippingFulfillments,
    });
    return fulfillments.find(
      (fulfillment) => fulfillment.shipmentTrackingNumber !== undefined && normaliseTrackingNumber(fulfillment.shipmentTrackingNumber) === trackingNumber,
    )?.fulfillmentId;
  }

  async function pushTracking(push: TrackingPush): Promise<TrackingPushResult> {
    const orderId = push.channelOrderId;
    const trackingNumber = normaliseTrackingNumber(push.trackingNumber);
    const body = {
      lineItems: push.lines.map((line) => ({ lineItemId: line.channelLineId, quantity: line.quantity })),
      shippedDate: shippedDate(push.shippedAt),
      shippingCarrierCode: ebayCarrierCode(push.carrierCode),
      trackingNumber,
    };

    const present = await findFulfillment(orderId, trackingNumber);
    if (present) return { fulfillmentId: present, alreadyPresent: true };

    const action = `add tracking ${trackingNumber} to order ${orderId}`;
    const answer = await ebay.call({ method: 'POST', path: fulfillmentsPath(orderId), body, action });
    if (answer.response.ok) {
      // eBay makes a tracked fulfilment's id its tracking number, should the header be missing.
      const fulfillmentId = fulfillmentIdFrom(answer.response.headers.get('location')) ?? trackingNumber;
      return { fulfillmentId, alreadyPresent: false };
    }
    if (isAlreadyCreated(answer)) {
      const raced = await findFulfillment(orderId, trackingNumber);
      if (raced) return { fulfillmentId: raced, alreadyPresent: true };
    }
    throw failure(action, answer, transport.now());
  }

  /** One page of one recent order (getOrders): proves the app keys, the refresh token and its fulfillment scope. */
  async function testConnection(): Promise<void> {
    await createEbayOrderSource({ ...options, pageSize: 1 }).modifiedOrders(connectionTestWindow(transport.now()), null);
  }

  return { channel: 'ebay', pushTracking, testConnection };
}
