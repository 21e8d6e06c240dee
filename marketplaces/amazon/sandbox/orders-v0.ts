import { randomUUID } from 'node:crypto';
import { invalidInput } from './errors.js';
import { shippedQuantity, type AmazonOrder, type createAmazonStore } from './store.js';

/**
 * The sandbox's Orders v0 reads, getOrders and getOrderItems, over the same seller account the
 * tracking side uses (contract.ts PATHS for what is fact and what is assumed).
 */

export interface GetOrdersQuery {
  MarketplaceIds?: string;
  LastUpdatedAfter?: string;
  LastUpdatedBefore?: string;
  CreatedAfter?: string;
  FulfillmentChannels?: string;
  MaxResultsPerPage?: string;
  NextToken?: string;
}

type Store = ReturnType<typeof createAmazonStore>;

const V0_STATUS = { UNSHIPPED: 'Unshipped', PARTIALLY_SHIPPED: 'PartiallyShipped', SHIPPED: 'Shipped' } as const;
const money = (cents: number) => ({ CurrencyCode: 'USD', Amount: (cents / 100).toFixed(2) });
const cents = (price: string) => Math.round(Number(price) * 100);

function time(value: string | undefined, name: string): number | null {
  if (value === undefined) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw invalidInput(`${name} must be in ISO 8601 format.`);
  return at;
}

export interface OrdersV0Options {
  /** Caps MaxResultsPerPage: Amazon may answer with fewer orders than asked for. */
  maxPageSize?: number | undefined;
  /** [SPEC] LastUpdatedBefore must be "at least 2 minutes before current time" (getOrders, ordersV0.json). */
  settleMs?: number | undefined;
  now: () => Date;
}

export function createOrdersV0(store: Store, { maxPageSize = 100, settleMs = 2 * 60_000, now }: OrdersV0Options) {
  /** NextToken → the rest of the result it pages. */
  const results = new Map<string, { orderIds: string[]; pageSize: number }>();

  function orderView(order: AmazonOrder) {
    const status = order.status === 'Unshipped' ? V0_STATUS[store.fulfillmentStatus(order)] : order.status;
    const shipped = order.orderItems.reduce((sum, item) => sum + shippedQuantity(order, item.orderItemId), 0);
    const ordered = order.orderItems.reduce((sum, item) => sum + item.quantityOrdered, 0);
    return {
      AmazonOrderId: order.orderId,
      PurchaseDate: order.createdTime,
      LastUpdateDate: order.lastUpdatedTime,
      OrderStatus: status,
      FulfillmentChannel: 'MFN',
      SalesChannel: 'Amazon.com',
      ShipServiceLevel: order.shipServiceLevel,
      ShipmentServiceLevelCategory: 'Standard',
      LatestShipDate: order.latestShipDate,
      OrderTotal: money(order.orderItems.reduce((sum, item) => sum + cents(item.price) * item.quantityOrdered, 0)),
      NumberOfItemsShipped: shipped,
      NumberOfItemsUnshipped: ordered - shipped,
      MarketplaceId: order.marketplaceId,
      IsPrime: false,
      // [DOC] Amazon gives no address or buyer for an order that is not paid yet.
      ...(order.status === 'Pending'
        ? {}
        : { ShippingAddress: order.shippingAddress, BuyerInfo: { BuyerEmail: order.buyer.email, BuyerName: order.buyer.name } }),
    };
  }

  function page(orderIds: string[], pageSize: number) {
    const rest = orderIds.slice(pageSize);
    const nextToken = rest.length > 0 ? randomUUID() : null;
    if (nextToken) results.set(nextToken, { orderIds: rest, pageSize });
    const orders = orderIds.slice(0, pageSize).flatMap((id) => (store.orders.has(id) ? [orderView(store.order(id))] : []));
    return { payload: { Orders: orders, ...(nextToken ? { NextToken: nextToken } : {}) } };
  }

  function getOrders(query: GetOrdersQuery) {
    if (!query.MarketplaceIds) throw invalidInput('Missing required parameter MarketplaceIds.');
    if (query.NextToken !== undefined) {
      const result = results.get(query.NextToken);
      if (!result) throw invalidInput('Invalid NextToken.');
      return page(result.orderIds, result.pageSize);
    }
    const [updatedAfter, updatedBefore, createdAfter] = [
      time(query.LastUpdatedAfter, 'LastUpdatedAfter'),
      time(query.LastUpdatedBefore, 'LastUpdatedBefore'),
      time(query.CreatedAfter, 'CreatedAfter'),
    ];
    if ((updatedAfter === null) === (createdAfter === null)) throw invalidInput('Exactly one of CreatedAfter and LastUpdatedAfter is required.');
    if (updatedAfter !== null && updatedBefore !== null && updatedBefore < updatedAfter) {
      throw invalidInput('LastUpdatedBefore must be later than LastUpdatedAfter.');
    }
    // [ASSUMED, medium] The model lists 400 InvalidInput for invalid parameters; the message is ours.
    if (updatedBefore !== null && updatedBefore > now().getTime() - settleMs) {
      throw invalidInput('LastUpdatedBefore must be at least 2 minutes before the current time.');
    }
    const asked = query.MaxResultsPerPage === undefined ? 100 : Number(query.MaxResultsPerPage);
    if (!Number.isInteger(asked) || asked < 1 || asked > 100) throw invalidInput('MaxResultsPerPage must be from 1 to 100.');
    const pageSize = Math.min(asked, maxPageSize);
    const marketplaces = query.MarketplaceIds.split(',');
    const channels = query.FulfillmentChannels?.split(',') ?? ['MFN'];
    const matching = [...store.orders.values()]
      .filter((order) => marketplaces.includes(order.marketplaceId) && channels.includes('MFN'))
      .filter((order) => {
        const at = Date.parse(updatedAfter === null ? order.createdTime : order.lastUpdatedTime);
        return at >= (updatedAfter ?? createdAfter!) && (updatedBefore === null || at <= updatedBefore);
      })
      .sort((a, b) => Date.parse(a.lastUpdatedTime) - Date.parse(b.lastUpdatedTime));
    return page(
      matching.map((order) => order.orderId),
      pageSize,
    );
  }

  function getOrderItems(orderId: string) {
    const order = store.order(orderId);
    return {
      payload: {
        AmazonOrderId: order.orderId,
        OrderItems: order.orderItems.map((item) => ({
          ASIN: `B0${item.orderItemId.slice(-8)}`,
          SellerSKU: item.sellerSku,
          OrderItemId: item.orderItemId,
          Title: item.title,
          QuantityOrdered: item.quantityOrdered,
          QuantityShipped: shippedQuantity(order, item.orderItemId),
          ItemPrice: money(cents(item.price) * item.quantityOrdered),
        })),
      },
    };
  }

  return { getOrders, getOrderItems, reset: () => results.clear() };
}
