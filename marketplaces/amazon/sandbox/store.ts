import { ControlRejection } from '../../../sandboxes/control.js';
import { INCLUDED_DATA, OTHER_CARRIER_CODE, PACKAGE_REFERENCE_ID, US_MARKETPLACE_ID } from '../contract.js';
import { AmazonRejection, invalidInput } from './errors.js';

/**
 * The Amazon sandbox's in-memory seller account: merchant-fulfilled orders, their items and the
 * packages confirmed against them, with the checks confirmShipment applies.
 */

export type AmazonFulfillmentStatus = 'UNSHIPPED' | 'PARTIALLY_SHIPPED' | 'SHIPPED';

export interface AmazonOrderItem {
  orderItemId: string;
  sellerSku: string;
  title: string;
  quantityOrdered: number;
  /** One unit's price in US dollars, e.g. "129.95"; Orders v0 reports ItemPrice for the whole quantity. */
  price: string;
}

/** The statuses the seller's side sets; Orders v0 derives PartiallyShipped and Shipped from the packages. */
export type AmazonBaseStatus = 'Pending' | 'Unshipped' | 'Canceled';

/** [SPEC] Orders v0 Address, the parts the sandbox keeps. */
export interface AmazonAddress {
  Name: string;
  AddressLine1: string;
  AddressLine2?: string | undefined;
  City: string;
  StateOrRegion: string;
  PostalCode: string;
  CountryCode: string;
  Phone?: string | undefined;
}

export interface AmazonPackageItem {
  orderItemId: string;
  quantity: number;
}

/** A package as confirmShipment received it. */
export interface AmazonPackage {
  packageReferenceId: string;
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  shipDate: string;
  orderItems: AmazonPackageItem[];
  createdTime: string;
}

export interface AmazonOrder {
  orderId: string;
  marketplaceId: string;
  createdTime: string;
  lastUpdatedTime: string;
  status: AmazonBaseStatus;
  buyer: { name: string; email: string };
  shippingAddress: AmazonAddress;
  shipServiceLevel: string;
  /** [SPEC] LatestShipDate: the end of the time within which the seller committed to ship. */
  latestShipDate: string;
  orderItems: AmazonOrderItem[];
  packages: AmazonPackage[];
}

export interface NewAmazonOrder {
  orderId?: string | undefined;
  marketplaceId?: string | undefined;
  /** Backdates the order, as if getOrders had shown it late: it is found only from now on. */
  lastUpdatedTime?: string | undefined;
  status?: AmazonBaseStatus | undefined;
  buyer?: { name: string; email: string } | undefined;
  shippingAddress?: AmazonAddress | undefined;
  shipServiceLevel?: string | undefined;
  /** Two days after the order unless given. */
  latestShipDate?: string | undefined;
  orderItems: Array<{
    orderItemId?: string | undefined;
    quantityOrdered: number;
    sellerSku?: string | undefined;
    title?: string | undefined;
    price?: string | undefined;
  }>;
}

/** What may change on Amazon's side after the order was placed: payment clears, the buyer cancels. */
export interface AmazonOrderChange {
  status?: AmazonBaseStatus | undefined;
  shippingAddress?: AmazonAddress | undefined;
}

const DEFAULT_ADDRESS: AmazonAddress = {
  Name: 'Robin Rider',
  AddressLine1: '400 Canyon Way',
  City: 'Reno',
  StateOrRegion: 'NV',
  PostalCode: '89501',
  CountryCode: 'US',
};

/** [SPEC] "Must be in ISO 8601 date/time format"; the model's own refused example is "02/21/2022". */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function objectOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** [3P] The wording Amazon uses for a field of the wrong JSON type (amzn/selling-partner-api-models#5094). */
const invalidType = (field: string) => invalidInput(`The input you have submitted is not valid. Please check the fields with invalid type [${field}].`);

function requiredString(detail: Record<string, unknown>, field: string): string {
  const value = detail[field];
  if (value === undefined) throw invalidInput(`Missing required field [packageDetail.${field}].`);
  if (typeof value !== 'string') throw invalidType(`packageDetail.${field}`);
  if (value.trim() === '') throw invalidInput(`packageDetail.${field} must not be empty.`);
  return value;
}

function optionalString(detail: Record<string, unknown>, field: string): string | undefined {
  const value = detail[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidType(`packageDetail.${field}`);
  return value;
}

export function shippedQuantity(order: AmazonOrder, orderItemId: string): number {
  return order.packages
    .flatMap((pkg) => pkg.orderItems)
    .filter((item) => item.orderItemId === orderItemId)
    .reduce((sum, item) => sum + item.quantity, 0);
}

export function createAmazonStore(carrierCodes: string[], now: () => Date) {
  const orders = new Map<string, AmazonOrder>();
  const counters = { order: 0, orderItem: 0 };
  const knownCarriers = new Set(carrierCodes);

  function createOrder(input: NewAmazonOrder): AmazonOrder {
    // Amazon order ids are 3-7-7 digits.
    const orderId = input.orderId ?? `113-0000000-${String(++counters.order).padStart(7, '0')}`;
    if (orders.has(orderId)) throw new ControlRejection(409, `Order ${orderId} already exists.`);
    const created = input.lastUpdatedTime ?? now().toISOString();
    const order: AmazonOrder = {
      orderId,
      marketplaceId: input.marketplaceId ?? US_MARKETPLACE_ID,
      createdTime: created,
      lastUpdatedTime: created,
      status: input.status ?? 'Unshipped',
      buyer: input.buyer ?? { name: 'Robin Rider', email: 'robin@marketplace.amazon.com' },
      shippingAddress: input.shippingAddress ?? DEFAULT_ADDRESS,
      shipServiceLevel: input.shipServiceLevel ?? 'Std US D2D Dom',
      latestShipDate: input.latestShipDate ?? new Date(Date.parse(created) + 2 * 86_400_000).toISOString(),
      orderItems: input.orderItems.map((item) => {
        const orderItemId = item.orderItemId ?? String(60_000_000_000_000 + ++counters.orderItem);
        const { quantityOrdered, sellerSku = `SKU-${orderItemId}`, title = `Item ${orderItemId}`, price = '19.95' } = item;
        return { orderItemId, sellerSku, title, quantityOrdered, price };
      }),
      packages: [],
    };
    orders.set(orderId, order);
    return order;
  }

  /** A change on Amazon's side: the order's LastUpdateDate moves to now. */
  function changeOrder(orderId: string, change: AmazonOrderChange): AmazonOrder {
    const target = orders.get(orderId);
    if (!target) throw new ControlRejection(404, `No order ${orderId}.`);
    Object.assign(target, Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)));
    target.lastUpdatedTime = now().toISOString();
    return target;
  }

  function order(orderId: string): AmazonOrder {
    const found = orders.get(orderId);
    if (!found) throw new AmazonRejection(404, 'NotFound', `Order ${orderId} was not found for this seller.`);
    return found;
  }

  /** Parses packageDetail.orderItems, refusing none, unknown, repeated, non-positive and over-shipped items. */
  function packageItems(target: AmazonOrder, value: unknown): AmazonPackageItem[] {
    if (!Array.isArray(value) || value.length === 0) {
      throw invalidInput('packageDetail.orderItems must list at least one order item.');
    }
    const seen = new Set<string>();
    return value.map((entry) => {
      const { orderItemId, quantity } = objectOf(entry) ?? {};
      if (typeof orderItemId !== 'string') throw invalidType('packageDetail.orderItems.orderItemId');
      const item = target.orderItems.find((candidate) => candidate.orderItemId === orderItemId);
      if (!item) throw invalidInput(`Order item ${orderItemId} is not part of order ${target.orderId}.`);
      if (seen.has(orderItemId)) throw invalidInput(`Order item ${orderItemId} appears more than once in the package.`);
      seen.add(orderItemId);
      if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity <= 0) {
        throw invalidInput(`The quantity of order item ${orderItemId} must be a positive integer.`);
      }
      const unshipped = item.quantityOrdered - shippedQuantity(target, orderItemId);
      if (quantity > unshipped) {
        throw invalidInput(`Order item ${orderItemId} has ${unshipped} left to ship; the package ships ${quantity}.`);
      }
      return { orderItemId, quantity };
    });
  }

  /** confirmShipment: records one package, or throws what Amazon would answer instead. */
  function confirmShipment(orderId: string, requestBody: unknown): AmazonPackage {
    const target = order(orderId);
    const body = objectOf(requestBody);
    if (!body) throw invalidInput('The request body must be a JSON object.');
    if (typeof body.marketplaceId !== 'string' || body.marketplaceId !== target.marketplaceId) {
      throw invalidInput('Marketplace id is not defined', '1001');
    }
    const detail = objectOf(body.packageDetail);
    if (!detail) throw invalidInput('Missing required field [packageDetail].');

    const packageReferenceId = requiredString(detail, 'packageReferenceId');
    if (!PACKAGE_REFERENCE_ID.test(packageReferenceId)) {
      throw invalidInput('PackageReferenceId: is invalid, must be a positive numeric value.');
    }
    const carrierCode = requiredString(detail, 'carrierCode');
    if (!knownCarriers.has(carrierCode)) throw invalidInput(`${carrierCode} is not a valid carrierCode.`);
    const carrierName = optionalString(detail, 'carrierName');
    if (carrierCode === OTHER_CARRIER_CODE && !carrierName?.trim()) {
      throw invalidInput(`carrierName is required when carrierCode is ${OTHER_CARRIER_CODE}.`);
    }
    const trackingNumber = requiredString(detail, 'trackingNumber');
    const shipDate = requiredString(detail, 'shipDate');
    if (!ISO_DATE_TIME.test(shipDate) || Number.isNaN(Date.parse(shipDate))) {
      throw invalidInput('shipDate must be an ISO 8601 date-time.');
    }
    if (target.packages.some((pkg) => pkg.packageReferenceId === packageReferenceId)) {
      throw invalidInput(`Order ${orderId} already has a package with packageReferenceId ${packageReferenceId}.`);
    }
    const orderItems = packageItems(target, detail.orderItems);

    const shippingMethod = optionalString(detail, 'shippingMethod');
    const confirmed: AmazonPackage = {
      packageReferenceId,
      carrierCode,
      ...(carrierName === undefined ? {} : { carrierName }),
      ...(shippingMethod === undefined ? {} : { shippingMethod }),
      trackingNumber,
      shipDate,
      orderItems,
      createdTime: now().toISOString(),
    };
    target.packages.push(confirmed);
    target.lastUpdatedTime = confirmed.createdTime;
    return confirmed;
  }

  function fulfillmentStatus(target: AmazonOrder): AmazonFulfillmentStatus {
    const shipped = target.orderItems.map((item) => shippedQuantity(target, item.orderItemId));
    if (shipped.every((quantity) => quantity === 0)) return 'UNSHIPPED';
    const all = target.orderItems.every((item, index) => shipped[index]! >= item.quantityOrdered);
    return all ? 'SHIPPED' : 'PARTIALLY_SHIPPED';
  }

  /**
   * getOrder (2026-01-01), minimal: the items always, the FULFILLMENT and PACKAGES datasets when
   * `includedData` (comma-separated) asks for them.
   */
  function orderView(target: AmazonOrder, includedData: string | undefined) {
    const datasets = (includedData ?? '').split(',').filter(Boolean);
    const unknown = datasets.find((dataset) => !(INCLUDED_DATA as readonly string[]).includes(dataset));
    if (unknown) throw invalidInput(`${unknown} is not a valid includedData value.`);
    const fulfillment = datasets.includes('FULFILLMENT');
    return {
      order: {
        orderId: target.orderId,
        createdTime: target.createdTime,
        lastUpdatedTime: target.lastUpdatedTime,
        salesChannel: { channelName: 'AMAZON', marketplaceId: target.marketplaceId },
        ...(fulfillment ? { fulfillment: { fulfillmentStatus: fulfillmentStatus(target), fulfilledBy: 'MERCHANT' } } : {}),
        orderItems: target.orderItems.map((item) => {
          const shipped = shippedQuantity(target, item.orderItemId);
          return {
            orderItemId: item.orderItemId,
            quantityOrdered: item.quantityOrdered,
            product: { sellerSku: item.sellerSku, title: item.title },
            ...(fulfillment ? { fulfillment: { quantityFulfilled: shipped, quantityUnfulfilled: item.quantityOrdered - shipped } } : {}),
          };
        }),
        ...(datasets.includes('PACKAGES')
          ? {
              packages: target.packages.map((pkg) => ({
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
      },
    };
  }

  return { orders, createOrder, changeOrder, order, confirmShipment, orderView, fulfillmentStatus, reset: () => orders.clear() };
}
