import { createHash } from 'node:crypto';
import { normaliseTrackingNumber } from '../../distributors/carriers.js';
import { channelTransport } from '../http.js';
import { ChannelError, connectionTestWindow, type ChannelConnector, type TrackingPush, type TrackingPushResult } from '../types.js';
import { amazonCarrier } from './carrier-codes.js';
import { createAmazonClient } from './client.js';
import { PATHS, US_MARKETPLACE_ID } from './contract.js';
import type { AmazonCredentials } from './lwa.js';
import { createAmazonOrderSource } from './orders.js';
import * as wire from './wire.js';

export interface AmazonConnectorOptions extends AmazonCredentials {
  /** The marketplace the seller's orders are placed in; Amazon.com unless given. */
  marketplaceId?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Per request. Amazon publishes no latency figures; 15 s is generous for one confirmation. */
  timeoutMs?: number;
}

/**
 * [ASSUMED, medium] The package's reference id is derived from its tracking number: 12 digits of
 * its SHA-256, never starting with 0. Amazon requires a positive number unique within the order
 * and states no length; deriving it, rather than counting packages, gives a retry the same id
 * without any state, and Amazon treats a confirmation with an id the order already has as an edit
 * of that package (contract.ts, PACKAGE_REFERENCE_ID), so a replay can never become a second package. Two
 * tracking numbers of one order sharing an id is a one-in-10^11 chance.
 */
export function packageReferenceIdFor(trackingNumber: string): string {
  const digest = createHash('sha256').update(trackingNumber).digest('hex');
  return String((parseInt(digest.slice(0, 12), 16) % 900_000_000_000) + 100_000_000_000);
}

/** Amazon takes any ISO 8601 date-time; the UTC form leaves nothing to interpret. */
function shipDate(shippedAt: string): string {
  const date = new Date(shippedAt);
  if (Number.isNaN(date.getTime())) throw new ChannelError('invalid', `The shipped time "${shippedAt}" is not a date`);
  return date.toISOString();
}

/**
 * The Amazon Selling Partner connector for one seller account. confirmShipment has no idempotency
 * key, but its packageReferenceId is one in effect: the same id edits the package instead of adding
 * one, and ours comes from the tracking number. A push first reads the order's packages (Orders
 * 2026-01-01 getOrder) so that a retry, or a package the seller confirmed by hand under another id,
 * is reported already present instead of confirmed again; a push that races another of the same
 * package past that read only rewrites it with the same details.
 */
export function createAmazonConnector(options: AmazonConnectorOptions): ChannelConnector {
  const transport = channelTransport(options);
  const amazon = createAmazonClient(options, transport);
  const marketplaceId = options.marketplaceId ?? US_MARKETPLACE_ID;

  async function findPackage(orderId: string, trackingNumber: string): Promise<string | undefined> {
    const { order } = await amazon.request({
      operation: 'getOrder',
      method: 'GET',
      path: `${PATHS.getOrder(orderId)}?includedData=PACKAGES`,
      action: `read the packages of order ${orderId}`,
      schema: wire.orderPackages,
    });
    return order.packages.find((pkg) => pkg.trackingNumber !== undefined && normaliseTrackingNumber(pkg.trackingNumber) === trackingNumber)?.packageReferenceId;
  }

  async function pushTracking(push: TrackingPush): Promise<TrackingPushResult> {
    const orderId = push.channelOrderId;
    const trackingNumber = normaliseTrackingNumber(push.trackingNumber);
    const packageReferenceId = packageReferenceIdFor(trackingNumber);
    const body = {
      marketplaceId,
      packageDetail: {
        packageReferenceId,
        ...amazonCarrier(push.carrierCode),
        trackingNumber,
        shipDate: shipDate(push.shippedAt),
        orderItems: push.lines.map((line) => ({ orderItemId: line.channelLineId, quantity: line.quantity })),
      },
    };

    const present = await findPackage(orderId, trackingNumber);
    if (present) return { fulfillmentId: present, alreadyPresent: true };

    const action = `confirm tracking ${trackingNumber} on order ${orderId}`;
    const answer = await amazon.call({
      operation: 'confirmShipment',
      method: 'POST',
      path: PATHS.confirmShipment(orderId),
      body,
      action,
    });
    if (answer.response.ok) return { fulfillmentId: packageReferenceId, alreadyPresent: false };
    throw amazon.failure(action, answer);
  }

  /** One page of one recent order (searchOrders): proves the LWA keys, the refresh token and the seller's marketplace. */
  async function testConnection(): Promise<void> {
    await createAmazonOrderSource({ ...options, pageSize: 1 }).modifiedOrders(connectionTestWindow(transport.now()), null);
  }

  return { channel: 'amazon', pushTracking, testConnection };
}
