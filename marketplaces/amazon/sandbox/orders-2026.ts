import { randomUUID } from 'node:crypto';
import { INCLUDED_DATA } from '../contract.js';
import { invalidInput } from './errors.js';
import { shippedQuantity, type AmazonOrder, type createAmazonStore } from './store.js';

/**
 * The sandbox's Orders 2026-01-01 reads, getOrder and searchOrders, over the same seller account
 * the tracking side uses (contract.ts PATHS for what is fact and what is assumed). Datasets come
 * only when `includedData` names them; recipient and buyer come by the app's role, with no
 * Restricted Data Token, except while the order is unpaid.
 */

type Store = ReturnType<typeof createAmazonStore>;

/** A query parameter as Fastify hands it over: once, repeated, or absent. */
type Param = string | string[] | undefined;

export interface SearchOrdersQuery {
  createdAfter?: Param;
  createdBefore?: Param;
  lastUpdatedAfter?: Param;
  lastUpdatedBefore?: Param;
  fulfillmentStatuses?: Param;
  marketplaceIds?: Param;
  fulfilledBy?: Param;
  maxResultsPerPage?: Param;
  paginationToken?: Param;
  includedData?: Param;
}

/** [SPEC] Swagger 2.0 arrays without a collectionFormat are comma-separated; a repeated parameter is taken too. */
const listOf = (value: Param) =>
  [value ?? []]
    .flat()
    .flatMap((entry) => entry.split(','))
    .filter(Boolean);
const single = (value: Param) => [value].flat()[0];

function datasetsOf(includedData: Param): string[] {
  const datasets = listOf(includedData);
  const unknown = datasets.find((dataset) => !(INCLUDED_DATA as readonly string[]).includes(dataset));
  if (unknown) throw invalidInput(`${unknown} is not a valid includedData value.`);
  return datasets;
}

function time(value: Param, name: string): number | null {
  const text = single(value);
  if (text === undefined) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw invalidInput(`${name} must be in ISO 8601 format.`);
  return at;
}

/** [SPEC] FulfillmentStatus: the seller's side decides pending and cancelled, the packages how much has shipped. */
function fulfillmentStatusOf(store: Store, order: AmazonOrder): string {
  if (order.status === 'Pending') return 'PENDING';
  if (order.status === 'Canceled') return 'CANCELLED';
  return store.fulfillmentStatus(order);
}

/** [SPEC] Order, with the datasets asked for; items (and their product and unit price) always. */
export function orderView(store: Store, order: AmazonOrder, includedData: Param) {
  const datasets = datasetsOf(includedData);
  const fulfillment = datasets.includes('FULFILLMENT');
  // [ASSUMED, high] As in Orders v0, nothing personal of an unpaid order (contract.ts PENDING_STATUSES).
  const personal = order.status !== 'Pending';
  const address = order.shippingAddress;
  return {
    orderId: order.orderId,
    createdTime: order.createdTime,
    lastUpdatedTime: order.lastUpdatedTime,
    salesChannel: { channelName: 'AMAZON', marketplaceId: order.marketplaceId, marketplaceName: 'Amazon.com' },
    ...(personal && datasets.includes('BUYER') ? { buyer: { buyerName: order.buyer.name, buyerEmail: order.buyer.email } } : {}),
    ...(personal && datasets.includes('RECIPIENT')
      ? {
          recipient: {
            deliveryAddress: {
              name: address.Name,
              addressLine1: address.AddressLine1,
              ...(address.AddressLine2 === undefined ? {} : { addressLine2: address.AddressLine2 }),
              city: address.City,
              stateOrRegion: address.StateOrRegion,
              postalCode: address.PostalCode,
              countryCode: address.CountryCode,
              ...(address.Phone === undefined ? {} : { phone: address.Phone }),
              addressType: 'RESIDENTIAL',
            },
          },
        }
      : {}),
    ...(fulfillment
      ? {
          fulfillment: {
            fulfillmentStatus: fulfillmentStatusOf(store, order),
            fulfilledBy: 'MERCHANT',
            fulfillmentServiceLevel: order.serviceLevel,
            shipByWindow: { earliestDateTime: order.createdTime, latestDateTime: order.latestShipDate },
          },
        }
      : {}),
    orderItems: order.orderItems.map((item) => {
      const shipped = shippedQuantity(order, item.orderItemId);
      return {
        orderItemId: item.orderItemId,
        quantityOrdered: item.quantityOrdered,
        product: {
          asin: `B0${item.orderItemId.slice(-8)}`,
          title: item.title,
          sellerSku: item.sellerSku,
          price: { unitPrice: { amount: item.price, currencyCode: 'USD' } },
        },
        ...(fulfillment ? { fulfillment: { quantityFulfilled: shipped, quantityUnfulfilled: item.quantityOrdered - shipped } } : {}),
      };
    }),
    ...(datasets.includes('PACKAGES')
      ? {
          packages: order.packages.map((pkg) => ({
            packageReferenceId: pkg.packageReferenceId,
            createdTime: pkg.createdTime,
            packageStatus: { status: 'SHIPPED' },
            carrier: pkg.carrierName ?? pkg.carrierCode,
            shipTime: pkg.shipDate,
            ...(pkg.shippingMethod === undefined ? {} : { shippingService: pkg.shippingMethod }),
            trackingNumber: pkg.trackingNumber,
            packageItems: pkg.orderItems,
          })),
        }
      : {}),
  };
}

export interface SearchOrdersOptions {
  /** Caps maxResultsPerPage: Amazon may answer with fewer orders than asked for. */
  maxPageSize?: number | undefined;
  /** [SPEC] lastUpdatedBefore and createdBefore must be "at least two minutes before the time of the request". */
  settleMs?: number | undefined;
  now: () => Date;
}

/** [SPEC] "The token will expire after 24 hours." */
const TOKEN_LIFETIME_MS = 24 * 3_600_000;

export function createSearchOrders(store: Store, { maxPageSize = 100, settleMs = 2 * 60_000, now }: SearchOrdersOptions) {
  /** nextToken → the criteria it was issued for, and the rest of the result it pages. */
  const results = new Map<string, { criteria: string; orderIds: string[]; before: Record<string, string>; issuedAt: number }>();

  /** Every parameter but the two a token lets change, so a token can be checked against the request it comes with. */
  const criteriaOf = (query: SearchOrdersQuery) =>
    JSON.stringify(
      (['createdAfter', 'createdBefore', 'lastUpdatedAfter', 'lastUpdatedBefore', 'fulfillmentStatuses', 'marketplaceIds', 'fulfilledBy'] as const).map(
        (name) => [name, listOf(query[name]).sort()],
      ),
    );

  function pageSizeOf(query: SearchOrdersQuery): number {
    const text = single(query.maxResultsPerPage);
    const asked = text === undefined ? 100 : Number(text);
    if (!Number.isInteger(asked) || asked < 1 || asked > 100) throw invalidInput('maxResultsPerPage must be from 1 to 100.');
    return Math.min(asked, maxPageSize);
  }

  function page(result: { criteria: string; orderIds: string[]; before: Record<string, string> }, query: SearchOrdersQuery) {
    const datasets = datasetsOf(query.includedData);
    const pageSize = pageSizeOf(query);
    const rest = result.orderIds.slice(pageSize);
    const nextToken = rest.length > 0 ? randomUUID().replaceAll('-', '') : null;
    if (nextToken) results.set(nextToken, { ...result, orderIds: rest, issuedAt: now().getTime() });
    const orders = result.orderIds.slice(0, pageSize).flatMap((id) => (store.orders.has(id) ? [orderView(store, store.order(id), datasets)] : []));
    return { orders, ...(nextToken ? { pagination: { nextToken } } : {}), ...result.before };
  }

  function searchOrders(query: SearchOrdersQuery) {
    const token = single(query.paginationToken);
    if (token !== undefined) {
      const result = results.get(token);
      if (!result || now().getTime() - result.issuedAt > TOKEN_LIFETIME_MS) throw invalidInput('Invalid paginationToken.');
      // [ASSUMED, medium] The model says the other parameters must be the same; the error is ours.
      if (result.criteria !== criteriaOf(query)) {
        throw invalidInput('A paginationToken must come with the same parameters as the request that returned it.');
      }
      return page(result, query);
    }

    const [createdAfter, createdBefore, updatedAfter, updatedBefore] = [
      time(query.createdAfter, 'createdAfter'),
      time(query.createdBefore, 'createdBefore'),
      time(query.lastUpdatedAfter, 'lastUpdatedAfter'),
      time(query.lastUpdatedBefore, 'lastUpdatedBefore'),
    ];
    if ((createdAfter === null) === (updatedAfter === null)) throw invalidInput('Exactly one of createdAfter and lastUpdatedAfter is required.');
    if (createdAfter !== null && updatedBefore !== null) throw invalidInput('lastUpdatedBefore may not be given with createdAfter.');
    if (updatedAfter !== null && createdBefore !== null) throw invalidInput('createdBefore may not be given with lastUpdatedAfter.');
    const byUpdate = updatedAfter !== null;
    const after = (byUpdate ? updatedAfter : createdAfter)!;
    const latest = now().getTime() - settleMs;
    const asked = byUpdate ? updatedBefore : createdBefore;
    const name = byUpdate ? 'lastUpdatedBefore' : 'createdBefore';
    if (asked !== null && asked < after) throw invalidInput(`${name} must be equal to or after ${byUpdate ? 'lastUpdatedAfter' : 'createdAfter'}.`);
    // [ASSUMED, medium] The model lists 400 InvalidInput for invalid parameters; the message is ours.
    if (asked !== null && asked > latest) throw invalidInput(`${name} must be at least two minutes before the time of the request.`);
    // [ASSUMED, medium] Without an upper bound Amazon stops two minutes before now, and says so in the answer.
    const before = asked ?? latest;

    const marketplaces = listOf(query.marketplaceIds);
    const fulfilledBy = listOf(query.fulfilledBy);
    const statuses = listOf(query.fulfillmentStatuses);
    const timeOf = (order: AmazonOrder) => Date.parse(byUpdate ? order.lastUpdatedTime : order.createdTime);
    const matching = [...store.orders.values()]
      .filter((order) => marketplaces.length === 0 || marketplaces.includes(order.marketplaceId))
      .filter(() => fulfilledBy.length === 0 || fulfilledBy.includes('MERCHANT'))
      .filter((order) => statuses.length === 0 || statuses.includes(fulfillmentStatusOf(store, order)))
      .filter((order) => timeOf(order) >= after && timeOf(order) <= before)
      .sort((a, b) => timeOf(a) - timeOf(b));
    const result = { criteria: criteriaOf(query), orderIds: matching.map((order) => order.orderId), before: { [name]: new Date(before).toISOString() } };
    return page(result, query);
  }

  return { searchOrders, reset: () => results.clear() };
}
