import { excerpt } from '../../http/response.js';
import { normaliseTrackingNumber } from '../../distributors/carriers.js';
import { channelTransport } from '../http.js';
import { ChannelError, type ChannelConnector, type TrackingPush, type TrackingPushResult } from '../types.js';
import { shopifyTrackingCompany } from './carrier-codes.js';
import { createShopifyClient } from './client.js';
import { DEFAULT_API_VERSION, FULFILLABLE_STATUSES, gid } from './contract.js';
import { CONNECTION_TEST, FULFILL, FULFILLMENT_LINES, FULFILLMENT_ORDER_PAGE, FULFILLMENT_STATE } from './queries.js';
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

/** [DOC] The supported action that says this app may fulfil a fulfillment order (a merchant-managed location's, still open). */
const CREATE_FULFILLMENT = 'CREATE_FULFILLMENT';

/** 100 fulfillment orders: far more than any order collects, however often its lines move. */
const MAX_FULFILLMENT_ORDER_PAGES = 20;

/** The fulfillments that carry this tracking number: one per location the package's lines were assigned to. */
function carrying(state: wire.FulfillmentState, trackingNumber: string): string[] {
  return state.fulfillments
    .filter(
      (fulfillment) =>
        stands(fulfillment.status) && fulfillment.trackingInfo.some((info) => info.number !== null && normaliseTrackingNumber(info.number) === trackingNumber),
    )
    .map((fulfillment) => fulfillment.id);
}

/** A line of the package still to fulfil, named by the order's line item id. */
interface Wanted {
  lineItemId: string;
  channelLineId: string;
  quantity: number;
}

/**
 * The package's lines less what its fulfillments already carry. A line is named by its
 * fulfillment-order line item id (what external-apis §5.4 stores) or by the order's line item id,
 * which stays the same when Shopify moves a fulfillment order to another location and gives its
 * lines new ids; both are read as the order's.
 */
function stillToFulfil(state: wire.FulfillmentState, push: TrackingPush, carried: Map<string, number>): Wanted[] {
  const orderLineOf = new Map(state.fulfillmentOrders.flatMap((order) => order.lineItems.nodes.map((item) => [item.id, item.lineItem.id] as const)));
  const wanted: Wanted[] = [];
  for (const line of push.lines) {
    const lineItemId = orderLineOf.get(line.channelLineId) ?? line.channelLineId;
    const done = Math.min(line.quantity, carried.get(lineItemId) ?? 0);
    carried.set(lineItemId, (carried.get(lineItemId) ?? 0) - done);
    if (line.quantity > done) wanted.push({ lineItemId, channelLineId: line.channelLineId, quantity: line.quantity - done });
  }
  return wanted;
}

type Groups = Array<{ fulfillmentOrderId: string; fulfillmentOrderLineItems: Array<{ id: string; quantity: number }> }>;

const fulfillable = (order: wire.FulfillmentOrder) =>
  FULFILLABLE_STATUSES.includes(order.status) && order.supportedActions.some((supported) => supported.action === CREATE_FULFILLMENT);

/** Why a line cannot be fulfilled in full: what is left of it, and where the rest is if a fulfillment service holds it. */
function shortOf(state: wire.FulfillmentState, push: TrackingPush, line: Wanted, found: number): ChannelError {
  const held = state.fulfillmentOrders
    .filter((order) => FULFILLABLE_STATUSES.includes(order.status) && !fulfillable(order))
    .flatMap((order) => order.lineItems.nodes.filter((item) => item.lineItem.id === line.lineItemId && item.remainingQuantity > 0).map(() => order))
    .map((order) => order.assignedLocation.name ?? order.id);
  const elsewhere = held.length ? `; the rest is assigned to ${held.join(', ')}, a fulfillment service that only it can fulfil` : '';
  const left = `has only ${found} of line ${line.channelLineId} left to fulfil${elsewhere}`;
  return new ChannelError('invalid', `Shopify order ${push.channelOrderId} ${left}; the package ships ${line.quantity}`);
}

/**
 * Takes each line's quantity from what is left on the fulfillment orders this app may fulfil,
 * across locations if need be, and makes one fulfillmentCreate call per location: Shopify takes
 * the fulfillment orders of one location only in one call.
 */
function callsPerLocation(state: wire.FulfillmentState, push: TrackingPush, wanted: Wanted[]): Groups[] {
  const open = state.fulfillmentOrders.filter(fulfillable);
  const left = new Map(open.flatMap((order) => order.lineItems.nodes.map((item) => [item.id, item.remainingQuantity])));
  const byLocation = new Map<string, Map<string, Array<{ id: string; quantity: number }>>>();
  for (const line of wanted) {
    let needed = line.quantity;
    for (const order of open) {
      for (const item of order.lineItems.nodes) {
        if (needed === 0 || item.lineItem.id !== line.lineItemId) continue;
        const quantity = Math.min(needed, left.get(item.id)!);
        if (quantity === 0) continue;
        left.set(item.id, left.get(item.id)! - quantity);
        const location = order.assignedLocation.location?.id ?? order.id;
        const groups = byLocation.get(location) ?? new Map<string, Array<{ id: string; quantity: number }>>();
        groups.set(order.id, [...(groups.get(order.id) ?? []), { id: item.id, quantity }]);
        byLocation.set(location, groups);
        needed -= quantity;
      }
    }
    if (needed > 0) throw shortOf(state, push, line, line.quantity - needed);
  }
  return [...byLocation.values()].map((groups) =>
    [...groups].map(([fulfillmentOrderId, fulfillmentOrderLineItems]) => ({ fulfillmentOrderId, fulfillmentOrderLineItems })),
  );
}

/**
 * The Shopify Admin GraphQL connector for one shop. fulfillmentCreate has no idempotency key and
 * Shopify accepts a tracking number twice, so every push reads the order first and creates only
 * what the fulfillments carrying the tracking number do not already hold: a retry after one of a
 * package's locations was done creates the others only. The buyer is not notified by Shopify:
 * Dropline sends the one shipping email itself.
 */
export function createShopifyConnector(options: ShopifyConnectorOptions): ChannelConnector {
  const transport = channelTransport(options);
  const shopify = createShopifyClient({ ...options, apiVersion: options.apiVersion ?? DEFAULT_API_VERSION }, transport);

  /** The order's fulfillments and all its fulfillment orders, paging until the last. */
  async function readState(orderId: string): Promise<wire.FulfillmentState> {
    const action = `read the fulfillments of order ${orderId}`;
    const missing = () => new ChannelError('invalid', `Shopify has no order ${orderId} in the dealer's store`);
    const { order } = await shopify.request({ query: FULFILLMENT_STATE, variables: { id: orderId }, action, schema: wire.fulfillmentState });
    if (!order) throw missing();
    const fulfillmentOrders = [...order.fulfillmentOrders.nodes];
    let { pageInfo } = order.fulfillmentOrders;
    for (let pages = 1; pageInfo.hasNextPage; pages += 1) {
      if (pages === MAX_FULFILLMENT_ORDER_PAGES || !pageInfo.endCursor) {
        throw new ChannelError('invalid', `Shopify order ${orderId} has more fulfillment orders than the connector reads (${pages * 5})`);
      }
      const next = await shopify.request({
        query: FULFILLMENT_ORDER_PAGE,
        variables: { id: orderId, after: pageInfo.endCursor },
        action,
        schema: wire.fulfillmentOrderPage,
      });
      if (!next.order) throw missing();
      fulfillmentOrders.push(...next.order.fulfillmentOrders.nodes);
      pageInfo = next.order.fulfillmentOrders.pageInfo;
    }
    return { fulfillments: order.fulfillments, fulfillmentOrders };
  }

  /** How much of each of the order's line items these fulfillments carry. */
  async function carriedBy(fulfillmentIds: string[]): Promise<Map<string, number>> {
    const carried = new Map<string, number>();
    for (const id of fulfillmentIds) {
      const { fulfillment } = await shopify.request({
        query: FULFILLMENT_LINES,
        variables: { id },
        action: `read the lines of fulfillment ${id}`,
        schema: wire.fulfillmentLines,
      });
      for (const line of fulfillment?.fulfillmentLineItems.nodes ?? []) {
        if (line.lineItem) carried.set(line.lineItem.id, (carried.get(line.lineItem.id) ?? 0) + line.quantity);
      }
    }
    return carried;
  }

  /** What is present for the package, and the calls that would create the rest. */
  async function plan(orderId: string, push: TrackingPush, trackingNumber: string) {
    const state = await readState(orderId);
    const present = carrying(state, trackingNumber);
    const wanted = stillToFulfil(state, push, present.length ? await carriedBy(present) : new Map());
    return { present, calls: wanted.length ? callsPerLocation(state, push, wanted) : [] };
  }

  async function pushTracking(push: TrackingPush): Promise<TrackingPushResult> {
    const orderId = orderGid(push.channelOrderId);
    const trackingNumber = normaliseTrackingNumber(push.trackingNumber);
    const action = `add tracking ${trackingNumber} to order ${orderId}`;

    const { present, calls } = await plan(orderId, push, trackingNumber);
    if (calls.length === 0 && present[0]) return { fulfillmentId: present[0], alreadyPresent: true };
    const created: string[] = [];
    for (const lineItemsByFulfillmentOrder of calls) {
      const { fulfillmentCreate } = await shopify.request({
        query: FULFILL,
        variables: {
          fulfillment: {
            lineItemsByFulfillmentOrder,
            trackingInfo: { company: shopifyTrackingCompany(push.carrierCode), number: trackingNumber },
            notifyCustomer: false,
          },
        },
        action,
        schema: wire.fulfillmentCreate,
      });
      if (fulfillmentCreate.fulfillment && fulfillmentCreate.userErrors.length === 0) {
        created.push(fulfillmentCreate.fulfillment.id);
        continue;
      }
      // A concurrent push of the same package may have taken the quantities between our read and our write.
      const again = await plan(orderId, push, trackingNumber).catch(() => null);
      if (again && again.calls.length === 0 && again.present[0]) {
        return { fulfillmentId: present[0] ?? created[0] ?? again.present[0], alreadyPresent: created.length === 0 };
      }
      const reasons = fulfillmentCreate.userErrors.map((error) => error.message).join('; ');
      if (!reasons) throw new ChannelError('transient', `Shopify created no fulfillment and gave no reason when asked to ${action}`);
      throw new ChannelError('invalid', `Shopify refused to ${action}: ${excerpt(reasons)}`);
    }
    const fulfillmentId = present[0] ?? created[0];
    if (!fulfillmentId) throw new ChannelError('invalid', `The package for Shopify order ${orderId} names no quantity to fulfil`);
    return { fulfillmentId, alreadyPresent: false };
  }

  /**
   * Reads one order by an id no shop has (Shopify answers null, not an error): proves the shop's
   * address, the access token and its read_orders scope without touching anything.
   */
  async function testConnection(): Promise<void> {
    await shopify.request({ query: CONNECTION_TEST, variables: { id: gid('Order', '0') }, action: 'read the shop’s orders', schema: wire.orderProbe });
  }

  return { channel: 'shopify', pushTracking, testConnection };
}
