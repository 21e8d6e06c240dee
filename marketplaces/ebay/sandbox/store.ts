import { ControlRejection } from '../../../sandboxes/control.js';
import { EbayRejection } from './errors.js';

/**
 * The eBay sandbox's in-memory seller account: orders, their line items and the shipping
 * fulfilments recorded against them, with the checks createShippingFulfillment applies.
 */

export type EbayFulfillmentStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'FULFILLED';

export interface EbayLineItem {
  lineItemId: string;
  sku: string;
  title: string;
  quantity: number;
  /** One unit's price in US dollars, e.g. "129.95"; eBay reports lineItemCost, the price times the quantity. */
  price: string;
  /** [SPEC] lineItemFulfillmentInstructions.shipByDate, from the listing's handling time. */
  shipByDate: string;
}

/** [SPEC] OrderPaymentStatusEnum. */
export type EbayPaymentStatus = 'PAID' | 'PENDING' | 'FAILED' | 'FULLY_REFUNDED' | 'PARTIALLY_REFUNDED';

/** [SPEC] fulfillmentStartInstructions[0].shippingStep.shipTo. */
export interface EbayShipTo {
  fullName: string;
  companyName?: string | undefined;
  email?: string | undefined;
  primaryPhone?: { phoneNumber: string } | undefined;
  contactAddress: {
    addressLine1: string;
    addressLine2?: string | undefined;
    city: string;
    stateOrProvince: string;
    postalCode: string;
    countryCode: string;
  };
}

export interface EbayLineItemReference {
  lineItemId: string;
  quantity: number;
}

export interface EbayShippingFulfillment {
  fulfillmentId: string;
  lineItems: EbayLineItemReference[];
  shippedDate: string;
  shippingCarrierCode?: string;
  shipmentTrackingNumber?: string;
}

export interface EbayOrder {
  orderId: string;
  creationDate: string;
  lastModifiedDate: string;
  buyerUsername: string;
  shipTo: EbayShipTo;
  shippingServiceCode: string;
  orderPaymentStatus: EbayPaymentStatus;
  cancelled: boolean;
  lineItems: EbayLineItem[];
  fulfillments: EbayShippingFulfillment[];
  /** How getOrders serves this order unlike the rest (NewEbayOrder.served). */
  served?: ServedOddly | undefined;
}

/**
 * [SPEC] sell_fulfillment_v1 marks no field of Order required, so eBay may leave any out or send a
 * shape nobody expected. Paths are dotted through the served order, e.g. `lineItems.0.quantity`.
 */
export interface ServedOddly {
  omit?: string[] | undefined;
  replace?: Record<string, unknown> | undefined;
}

/** Applies `served` to an order as served: fields left out first, then odd values set. */
function serveOddly<T extends object>(view: T, served: ServedOddly | undefined): T {
  if (!served) return view;
  const copy = structuredClone(view) as Record<string, unknown>;
  const walk = (path: string) => {
    const keys = path.split('.');
    const last = keys.pop()!;
    let parent: unknown = copy;
    for (const key of keys) parent = (parent as Record<string, unknown> | undefined)?.[key];
    return { parent: typeof parent === 'object' && parent !== null ? (parent as Record<string, unknown>) : undefined, last };
  };
  for (const path of served.omit ?? []) {
    const { parent, last } = walk(path);
    if (parent) delete parent[last];
  }
  for (const [path, value] of Object.entries(served.replace ?? {})) {
    const { parent, last } = walk(path);
    if (parent) parent[last] = value;
  }
  return copy as T;
}

export interface NewEbayOrder {
  orderId?: string | undefined;
  /** Backdates the order, as if eBay's search had indexed it late: it is found only from now on. */
  lastModifiedDate?: string | undefined;
  buyerUsername?: string | undefined;
  shipTo?: EbayShipTo | undefined;
  shippingServiceCode?: string | undefined;
  orderPaymentStatus?: EbayPaymentStatus | undefined;
  cancelled?: boolean | undefined;
  served?: ServedOddly | undefined;
  lineItems: Array<{
    lineItemId?: string | undefined;
    quantity: number;
    sku?: string | undefined;
    title?: string | undefined;
    price?: string | undefined;
    /** Two days after the order unless given: a listing with two days' handling time. */
    shipByDate?: string | undefined;
  }>;
}

/** What the seller's side of eBay may change on an order after it was placed. */
export interface EbayOrderChange {
  cancelled?: boolean | undefined;
  orderPaymentStatus?: EbayPaymentStatus | undefined;
  shipTo?: EbayShipTo | undefined;
}

const DEFAULT_SHIP_TO: EbayShipTo = {
  fullName: 'Casey Buyer',
  contactAddress: { addressLine1: '12 Trail Rd', city: 'Boise', stateOrProvince: 'ID', postalCode: '83702', countryCode: 'US' },
};

/**
 * [SPEC] eBay's ShippingCarrierCodeType values available in the US for parcel and freight carriers
 * (Trading API enumeration; LaserShip is listed as Prestige, OnTrac as ONTRACK). Canada Post,
 * Purolator and Estes have no value. The real list is much longer; pass `carrierCodes` to widen or
 * narrow it.
 */
export const DEFAULT_CARRIER_CODES = [
  'UPS',
  'USPS',
  'FedEx',
  'DHL',
  'DHLEXPRESS',
  'DHLGlobalMail',
  'ONTRACK',
  'SpeeDee',
  'Prestige',
  'CanPar',
  'FedExSmartPost',
  'UPSMailInnovations',
  'ABF',
  'ODFL',
  'SAIA',
  'YRC',
  'PITD',
  'AVRT',
  'Other',
];

/** eBay's documented format; a date that merely parses (no millis, no Z) is refused. */
const SHIPPED_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TRACKING_NUMBER = /^[A-Za-z0-9]+$/;

const invalidInput = (longMessage: string, parameters?: Record<string, string>) => new EbayRejection(400, 32600, longMessage, parameters);

function objectOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Parses the request's lineItems, refusing what eBay refuses: none, unknown, repeated, non-positive. */
function lineReferences(order: EbayOrder, value: unknown): EbayLineItemReference[] {
  if (!Array.isArray(value) || value.length === 0) throw invalidInput('lineItems must list at least one line item.');
  const seen = new Set<string>();
  return value.map((entry) => {
    const lineItemId = objectOf(entry)?.lineItemId;
    if (typeof lineItemId !== 'string' || !order.lineItems.some((line) => line.lineItemId === lineItemId)) {
      throw new EbayRejection(400, 32200, `Line item ${String(lineItemId)} is not part of order ${order.orderId}.`, {
        lineItemId: String(lineItemId),
      });
    }
    if (seen.has(lineItemId)) {
      throw new EbayRejection(400, 32210, `Line item ${lineItemId} appears more than once.`, { lineItemId });
    }
    seen.add(lineItemId);
    const quantity = objectOf(entry)?.quantity ?? 1;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity <= 0) {
      throw invalidInput('quantity must be a positive integer.', { lineItemId });
    }
    return { lineItemId, quantity };
  });
}

/** Carrier and tracking number are mutually dependent: both or neither. */
function tracking(body: Record<string, unknown>, carrierCodes: Set<string>) {
  const { shippingCarrierCode: carrier, trackingNumber } = body;
  if (carrier === undefined && trackingNumber === undefined) return {};
  if (typeof carrier !== 'string' || typeof trackingNumber !== 'string') {
    throw new EbayRejection(400, 32300, 'shippingCarrierCode and trackingNumber must be given together.');
  }
  if (!TRACKING_NUMBER.test(trackingNumber)) {
    const longMessage = 'The tracking number may contain only letters and digits, no spaces or hyphens.';
    throw new EbayRejection(400, 32300, longMessage, { trackingNumber });
  }
  if (!carrierCodes.has(carrier)) {
    throw new EbayRejection(400, 32300, `${carrier} is not a shipping carrier code.`, { shippingCarrierCode: carrier });
  }
  return { shippingCarrierCode: carrier, shipmentTrackingNumber: trackingNumber };
}

function shippedDate(value: unknown, now: Date): string {
  if (value === undefined) return now.toISOString();
  if (typeof value !== 'string' || !SHIPPED_DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw new EbayRejection(400, 32500, 'shippedDate must be an ISO 8601 UTC time, YYYY-MM-DDTHH:MM:SS.SSSZ.', {
      shippedDate: String(value),
    });
  }
  return value;
}

const cents = (price: string) => Math.round(Number(price) * 100);
const dollars = (amount: number) => ({ value: (amount / 100).toFixed(2), currency: 'USD' });

function fulfilledQuantity(order: EbayOrder, lineItemId: string): number {
  return order.fulfillments
    .flatMap((fulfillment) => fulfillment.lineItems)
    .filter((line) => line.lineItemId === lineItemId)
    .reduce((sum, line) => sum + line.quantity, 0);
}

function statusOf(fulfilled: number, ordered: number): EbayFulfillmentStatus {
  if (fulfilled === 0) return 'NOT_STARTED';
  return fulfilled >= ordered ? 'FULFILLED' : 'IN_PROGRESS';
}

export function createEbayStore(carrierCodes: string[], now: () => Date) {
  const orders = new Map<string, EbayOrder>();
  const counters = { order: 0, lineItem: 0, fulfillment: 0 };
  const knownCarriers = new Set(carrierCodes);

  function createOrder(input: NewEbayOrder): EbayOrder {
    // eBay order ids look like 27-12345-67890.
    const orderId = input.orderId ?? `27-00000-${String(++counters.order).padStart(5, '0')}`;
    if (orders.has(orderId)) throw new ControlRejection(409, `Order ${orderId} already exists.`);
    const created = input.lastModifiedDate ?? now().toISOString();
    const order: EbayOrder = {
      orderId,
      creationDate: created,
      lastModifiedDate: created,
      buyerUsername: input.buyerUsername ?? 'casey_rides',
      shipTo: input.shipTo ?? DEFAULT_SHIP_TO,
      shippingServiceCode: input.shippingServiceCode ?? 'USPSPriority',
      orderPaymentStatus: input.orderPaymentStatus ?? 'PAID',
      cancelled: input.cancelled ?? false,
      lineItems: input.lineItems.map((line) => {
        const lineItemId = line.lineItemId ?? String(10_000_000_000_000 + ++counters.lineItem);
        const { quantity, sku = `SKU-${lineItemId}`, title = `Item ${lineItemId}`, price = '19.95' } = line;
        const shipByDate = line.shipByDate ?? new Date(Date.parse(created) + 2 * 86_400_000).toISOString();
        return { lineItemId, sku, title, quantity, price, shipByDate };
      }),
      fulfillments: [],
      served: input.served,
    };
    orders.set(orderId, order);
    return order;
  }

  /** A change on eBay's side (buyer cancelled, payment cleared): the order is modified now. */
  function changeOrder(orderId: string, change: EbayOrderChange): EbayOrder {
    const target = orders.get(orderId);
    if (!target) throw new ControlRejection(404, `No order ${orderId}.`);
    Object.assign(target, Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)));
    target.lastModifiedDate = now().toISOString();
    return target;
  }

  /** eBay answers an unknown order with 32100: as 400 on writes, as 404 on reads. */
  function order(orderId: string, statusCode: 400 | 404): EbayOrder {
    const found = orders.get(orderId);
    if (!found) throw new EbayRejection(statusCode, 32100, `No order ${orderId} exists for this seller.`, { orderId });
    return found;
  }

  /**
   * createShippingFulfillment. With a tracking number the fulfilment's id is that number, so sending
   * the same package again collides rather than creating a second fulfilment: eBay answers that with
   * 400 and error 34500 (use PUT to update it), an id its contract does not list.
   */
  function createFulfillment(orderId: string, requestBody: unknown): EbayShippingFulfillment {
    const target = order(orderId, 400);
    const body = objectOf(requestBody);
    if (!body) throw invalidInput('The request body must be a JSON object.');
    const lineItems = lineReferences(target, body.lineItems);
    const shipment = tracking(body, knownCarriers);
    const date = shippedDate(body.shippedDate, now());
    const trackingNumber = shipment.shipmentTrackingNumber;
    if (trackingNumber && target.fulfillments.some((f) => f.shipmentTrackingNumber === trackingNumber)) {
      throw new EbayRejection(400, 34500, `Order ${orderId} already has a fulfillment with tracking ${trackingNumber}.`);
    }
    for (const line of lineItems) {
      const ordered = target.lineItems.find((item) => item.lineItemId === line.lineItemId)!.quantity;
      const open = ordered - fulfilledQuantity(target, line.lineItemId);
      if (line.quantity > open) {
        throw invalidInput(`Line item ${line.lineItemId} has ${open} left to ship; the request ships ${line.quantity}.`, {
          lineItemId: line.lineItemId,
        });
      }
    }
    const fulfillment: EbayShippingFulfillment = {
      fulfillmentId: trackingNumber ?? String(++counters.fulfillment),
      lineItems,
      shippedDate: date,
      ...shipment,
    };
    target.fulfillments.push(fulfillment);
    target.lastModifiedDate = now().toISOString();
    return fulfillment;
  }

  /** The order as getOrder shows it (minimal), with fulfilment statuses derived from what shipped. */
  function orderView(target: EbayOrder, fulfillmentsHref: string) {
    const lineItems = target.lineItems.map((line) => ({
      ...line,
      lineItemFulfillmentStatus: statusOf(fulfilledQuantity(target, line.lineItemId), line.quantity),
    }));
    const all = (status: EbayFulfillmentStatus) => lineItems.every((line) => line.lineItemFulfillmentStatus === status);
    const orderFulfillmentStatus: EbayFulfillmentStatus = all('FULFILLED') ? 'FULFILLED' : all('NOT_STARTED') ? 'NOT_STARTED' : 'IN_PROGRESS';
    return serveOddly(
      {
        orderId: target.orderId,
        creationDate: target.creationDate,
        lastModifiedDate: target.lastModifiedDate,
        orderFulfillmentStatus,
        orderPaymentStatus: target.orderPaymentStatus,
        cancelStatus: { cancelState: target.cancelled ? 'CANCELED' : 'NONE_REQUESTED', cancelRequests: [] },
        buyer: { username: target.buyerUsername },
        pricingSummary: { total: dollars(target.lineItems.reduce((sum, line) => sum + cents(line.price) * line.quantity, 0)) },
        fulfillmentStartInstructions: [
          { fulfillmentInstructionsType: 'SHIP_TO', shippingStep: { shippingServiceCode: target.shippingServiceCode, shipTo: target.shipTo } },
        ],
        fulfillmentHrefs: target.fulfillments.map((f) => `${fulfillmentsHref}/${encodeURIComponent(f.fulfillmentId)}`),
        lineItems: lineItems.map(({ price, shipByDate, ...line }) => ({
          ...line,
          lineItemCost: dollars(cents(price) * line.quantity),
          lineItemFulfillmentInstructions: { shipByDate, guaranteedDelivery: false },
        })),
      },
      target.served,
    );
  }

  return { orders, createOrder, changeOrder, order, createFulfillment, orderView, reset: () => orders.clear() };
}

export type EbayStore = ReturnType<typeof createEbayStore>;
