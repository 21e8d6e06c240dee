import { ControlRejection } from '../../../sandboxes/control.js';
import { FULFILLABLE_STATUSES, gid } from '../contract.js';
import { GraphqlError } from './graphql.js';

/**
 * The Shopify sandbox's in-memory shop: orders, their line items grouped into fulfillment orders
 * (one per location), and the fulfillments created against them, with the checks fulfillmentCreate
 * applies. Like Shopify, it does not refuse a tracking number it has seen before: only the
 * quantities left on the fulfillment orders stop a package being recorded twice, and only when it
 * shipped everything that was left.
 */

export type FulfillmentOrderStatus = 'OPEN' | 'IN_PROGRESS' | 'CLOSED';

export interface ShopifyLineItem {
  id: string;
  sku: string;
  name: string;
  quantity: number;
}

export interface ShopifyFulfillmentOrderLineItem {
  id: string;
  lineItemId: string;
  totalQuantity: number;
  remainingQuantity: number;
}

/** Where a fulfillment order is assigned: one of the merchant's own locations, or a fulfillment service's (a 3PL). */
export interface ShopifyLocation {
  id: string;
  name: string;
  fulfillmentService: boolean;
}

export interface ShopifyFulfillmentOrder {
  id: string;
  status: FulfillmentOrderStatus;
  location: ShopifyLocation;
  lineItems: ShopifyFulfillmentOrderLineItem[];
}

export interface ShopifyTrackingInfo {
  company: string | null;
  number: string | null;
  url: string | null;
}

export interface ShopifyFulfillment {
  id: string;
  status: 'SUCCESS' | 'CANCELLED';
  createdAt: string;
  notifyCustomer: boolean;
  trackingInfo: ShopifyTrackingInfo[];
  lineItems: Array<{ fulfillmentOrderLineItemId: string; lineItemId: string; quantity: number }>;
}

export interface ShopifyOrder {
  id: string;
  name: string;
  createdAt: string;
  lineItems: ShopifyLineItem[];
  fulfillmentOrders: ShopifyFulfillmentOrder[];
  fulfillments: ShopifyFulfillment[];
}

export interface NewShopifyOrder {
  id?: number | undefined;
  lineItems: Array<{
    quantity: number;
    sku?: string | undefined;
    /** Which fulfillment order (location) the item ships from; items with the same number share one. */
    location?: number | undefined;
  }>;
  /** Locations (by the numbers above) that belong to a fulfillment service app rather than the merchant. */
  fulfillmentServiceLocations?: number[] | undefined;
}

export interface UserError {
  field: string[] | null;
  message: string;
}

/** [DOC] Companies on Shopify's supported list get a tracking URL built for them; a few of them. */
const TRACKING_URLS: Record<string, (number: string) => string> = {
  UPS: (number) => `https://www.ups.com/track?tracknum=${number}`,
  USPS: (number) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${number}`,
  FedEx: (number) => `https://www.fedex.com/fedextrack/?trknbr=${number}`,
  OnTrac: (number) => `https://www.ontrac.com/tracking/?number=${number}`,
  'DHL Express': (number) => `https://www.dhl.com/en/express/tracking.html?AWB=${number}`,
};

function objectOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** A FulfillmentInput that does not fit its type: GraphQL refuses it before the mutation runs. */
const invalidInput = (path: string, problem: string) =>
  new GraphqlError(`Variable $fulfillment of type FulfillmentInput! was provided invalid value for ${path} (${problem})`, 'INVALID_VARIABLE');

const optionalString = (value: unknown, path: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidInput(path, 'Could not coerce value to String');
  return value;
};

const optionalStrings = (value: unknown, path: string): string[] | undefined => {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalidInput(path, 'Expected a list of String');
  }
  return value as string[];
};

interface RequestedGroup {
  fulfillmentOrderId: string;
  lineItems?: Array<{ id: string; quantity: number }>;
}

/** The shape checks of FulfillmentInput (types and required fields), before any business rule. */
function parseInput(input: unknown) {
  const fulfillment = objectOf(input);
  if (!fulfillment) throw invalidInput('fulfillment', 'Expected value to be an object');
  const groups = fulfillment.lineItemsByFulfillmentOrder;
  if (!Array.isArray(groups)) throw invalidInput('lineItemsByFulfillmentOrder', 'Expected value to not be null');
  const requested: RequestedGroup[] = groups.map((entry, index) => {
    const group = objectOf(entry);
    const path = `lineItemsByFulfillmentOrder.${index}`;
    if (typeof group?.fulfillmentOrderId !== 'string') {
      throw invalidInput(`${path}.fulfillmentOrderId`, 'Expected value to not be null');
    }
    const items = group.fulfillmentOrderLineItems;
    if (items === undefined || items === null) return { fulfillmentOrderId: group.fulfillmentOrderId };
    if (!Array.isArray(items)) throw invalidInput(`${path}.fulfillmentOrderLineItems`, 'Expected a list');
    return {
      fulfillmentOrderId: group.fulfillmentOrderId,
      lineItems: items.map((item, itemIndex) => {
        const line = objectOf(item);
        const itemPath = `${path}.fulfillmentOrderLineItems.${itemIndex}`;
        if (!line || typeof line.id !== 'string') throw invalidInput(`${itemPath}.id`, 'Expected value to not be null');
        if (typeof line.quantity !== 'number' || !Number.isInteger(line.quantity)) {
          throw invalidInput(`${itemPath}.quantity`, 'Could not coerce value to Int');
        }
        return { id: line.id, quantity: line.quantity };
      }),
    };
  });
  const tracking = objectOf(fulfillment.trackingInfo) ?? {};
  const notifyCustomer = fulfillment.notifyCustomer ?? false;
  if (typeof notifyCustomer !== 'boolean') throw invalidInput('notifyCustomer', 'Could not coerce value to Boolean');
  return {
    requested,
    notifyCustomer,
    tracking: {
      company: optionalString(tracking.company, 'trackingInfo.company'),
      number: optionalString(tracking.number, 'trackingInfo.number'),
      numbers: optionalStrings(tracking.numbers, 'trackingInfo.numbers'),
      url: optionalString(tracking.url, 'trackingInfo.url'),
      urls: optionalStrings(tracking.urls, 'trackingInfo.urls'),
    },
  };
}

/** [DOC] FulfillmentTrackingInput's rules on number/numbers and url/urls, as user errors. */
function trackingInfo(tracking: ReturnType<typeof parseInput>['tracking']): ShopifyTrackingInfo[] | UserError {
  const field = (name: string) => ['fulfillment', 'trackingInfo', name];
  if (tracking.number !== undefined && tracking.numbers !== undefined) {
    return { field: field('numbers'), message: 'Tracking number and tracking numbers cannot both be provided.' };
  }
  if (tracking.url !== undefined && tracking.urls !== undefined) {
    return { field: field('urls'), message: 'Tracking url and tracking urls cannot both be provided.' };
  }
  if (tracking.url !== undefined && tracking.number === undefined) {
    return { field: field('url'), message: 'A tracking url needs a tracking number.' };
  }
  if (tracking.urls !== undefined && tracking.numbers === undefined) {
    return { field: field('urls'), message: 'Tracking urls need tracking numbers.' };
  }
  const numbers = tracking.numbers ?? (tracking.number === undefined ? [] : [tracking.number]);
  const company = tracking.company ?? null;
  const urls = tracking.urls ?? (tracking.url === undefined ? [] : [tracking.url]);
  return numbers.map((number, index) => ({
    company,
    number,
    url: urls[index] ?? (company && TRACKING_URLS[company] ? TRACKING_URLS[company](number) : null),
  }));
}

export function createShopifyStore(now: () => Date) {
  const orders = new Map<string, ShopifyOrder>();
  const counters = { order: 0, lineItem: 0, fulfillmentOrder: 0, fulfillmentOrderLineItem: 0, fulfillment: 0 };

  function createOrder(input: NewShopifyOrder): ShopifyOrder {
    const number = input.id ?? 5_000_000_000_000 + ++counters.order;
    const id = gid('Order', number);
    if (orders.has(id)) throw new ControlRejection(409, `Order ${id} already exists.`);
    const locations = new Map<number, ShopifyFulfillmentOrder>();
    const lineItems = input.lineItems.map((item) => {
      const number = ++counters.lineItem;
      const sku = item.sku ?? `SKU-${number}`;
      const lineItem = { id: gid('LineItem', 13_000_000_000_000 + number), sku, name: `Item ${sku}`, quantity: item.quantity };
      const location = item.location ?? 0;
      const fulfillmentService = input.fulfillmentServiceLocations?.includes(location) ?? false;
      const group = locations.get(location) ?? {
        id: gid('FulfillmentOrder', 6_000_000_000_000 + ++counters.fulfillmentOrder),
        status: 'OPEN' as const,
        location: {
          id: gid('Location', 80_000_000_000 + location),
          name: fulfillmentService ? `3PL ${location}` : `Warehouse ${location}`,
          fulfillmentService,
        },
        lineItems: [],
      };
      locations.set(location, group);
      group.lineItems.push({
        id: gid('FulfillmentOrderLineItem', 14_000_000_000_000 + ++counters.fulfillmentOrderLineItem),
        lineItemId: lineItem.id,
        totalQuantity: item.quantity,
        remainingQuantity: item.quantity,
      });
      return lineItem;
    });
    const order: ShopifyOrder = {
      id,
      name: `#${1000 + orders.size + 1}`,
      createdAt: now().toISOString(),
      lineItems,
      fulfillmentOrders: [...locations.values()],
      fulfillments: [],
    };
    orders.set(id, order);
    return order;
  }

  function findFulfillmentOrder(id: string) {
    for (const order of orders.values()) {
      const fulfillmentOrder = order.fulfillmentOrders.find((candidate) => candidate.id === id);
      if (fulfillmentOrder) return { order, fulfillmentOrder };
    }
    return undefined;
  }

  /**
   * fulfillmentCreate. Shape errors refuse the request; business errors come back as userErrors
   * with nothing changed. [DOC] The fulfillment orders of one call must belong to one order and be
   * assigned to one location ("All fulfillment orders must be assigned to a single location." is
   * Shopify's wording); since 2024-10 an order management app cannot fulfil a fulfillment order
   * assigned to a fulfillment service's location. [ASSUMED, medium] The other user errors' wording.
   */
  function fulfillmentCreate(input: unknown): { fulfillment: ShopifyFulfillment | null; userErrors: UserError[] } {
    const { requested, notifyCustomer, tracking } = parseInput(input);
    const refuse = (field: string[] | null, message: string) => ({ fulfillment: null, userErrors: [{ field, message }] });
    const groupsField = ['fulfillment', 'lineItemsByFulfillmentOrder'];
    if (requested.length === 0) return refuse(groupsField, 'Line items by fulfillment order must not be empty.');
    const info = trackingInfo(tracking);
    if (!Array.isArray(info)) return refuse(info.field, info.message);

    let order: ShopifyOrder | undefined;
    let location: string | undefined;
    const changes: Array<{ line: ShopifyFulfillmentOrderLineItem; quantity: number }> = [];
    for (const [index, group] of requested.entries()) {
      const groupField = [...groupsField, String(index)];
      const orderField = [...groupField, 'fulfillmentOrderId'];
      const itemsField = [...groupField, 'fulfillmentOrderLineItems'];
      const found = findFulfillmentOrder(group.fulfillmentOrderId);
      if (!found) return refuse(orderField, 'Fulfillment order does not exist.');
      if (order && found.order !== order) return refuse(orderField, 'All fulfillment orders must belong to the same order.');
      order = found.order;
      const { fulfillmentOrder } = found;
      if (location && fulfillmentOrder.location.id !== location) return refuse(groupsField, 'All fulfillment orders must be assigned to a single location.');
      location = fulfillmentOrder.location.id;
      if (fulfillmentOrder.location.fulfillmentService) {
        return refuse(orderField, `Fulfillment order ${fulfillmentOrder.id} is assigned to a fulfillment service; only that service can fulfill it.`);
      }
      if (!FULFILLABLE_STATUSES.includes(fulfillmentOrder.status)) {
        const status = fulfillmentOrder.status.toLowerCase();
        return refuse(orderField, `Fulfillment order ${fulfillmentOrder.id} has an unfulfillable status= ${status}.`);
      }
      // Without line items, the whole of what is left on the fulfillment order ships.
      const wanted =
        group.lineItems ??
        fulfillmentOrder.lineItems.filter((line) => line.remainingQuantity > 0).map((line) => ({ id: line.id, quantity: line.remainingQuantity }));
      for (const item of wanted) {
        const line = fulfillmentOrder.lineItems.find((candidate) => candidate.id === item.id);
        if (!line) return refuse(itemsField, 'Fulfillment order line item does not exist.');
        const taken = changes.filter((change) => change.line === line).reduce((sum, change) => sum + change.quantity, 0);
        if (item.quantity <= 0 || item.quantity + taken > line.remainingQuantity) {
          return refuse(itemsField, 'Invalid fulfillment order line item quantity requested.');
        }
        changes.push({ line, quantity: item.quantity });
      }
    }
    if (changes.length === 0) return refuse(groupsField, 'The fulfillment orders have nothing left to fulfill.');

    for (const { line, quantity } of changes) line.remainingQuantity -= quantity;
    for (const fulfillmentOrder of order!.fulfillmentOrders) {
      const left = fulfillmentOrder.lineItems.some((line) => line.remainingQuantity > 0);
      const touched = changes.some(({ line }) => fulfillmentOrder.lineItems.includes(line));
      if (touched) fulfillmentOrder.status = left ? 'IN_PROGRESS' : 'CLOSED';
    }
    const fulfillment: ShopifyFulfillment = {
      id: gid('Fulfillment', 7_000_000_000_000 + ++counters.fulfillment),
      status: 'SUCCESS',
      createdAt: now().toISOString(),
      notifyCustomer,
      trackingInfo: info,
      lineItems: changes.map(({ line, quantity }) => ({ fulfillmentOrderLineItemId: line.id, lineItemId: line.lineItemId, quantity })),
    };
    order!.fulfillments.push(fulfillment);
    return { fulfillment, userErrors: [] };
  }

  function findFulfillment(id: string) {
    for (const order of orders.values()) {
      const fulfillment = order.fulfillments.find((candidate) => candidate.id === id);
      if (fulfillment) return fulfillment;
    }
    return undefined;
  }

  return { orders, createOrder, fulfillmentCreate, findFulfillment, reset: () => orders.clear() };
}

export type ShopifyStore = ReturnType<typeof createShopifyStore>;
