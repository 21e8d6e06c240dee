import { SCOPES } from '../contract.js';
import type { Schema } from './graphql.js';
import type { ShopifyFulfillment, ShopifyFulfillmentOrder, ShopifyOrder, ShopifyStore } from './store.js';

/**
 * The slice of the Admin GraphQL schema the sandbox serves, and the resolvers that present the
 * store through it. Field names and types are Shopify's [DOC]; only the fields tracking push and
 * its tests use are here, so anything else is refused as an unknown field.
 */
export const SCHEMA: Schema = {
  QueryRoot: { order: 'Order', fulfillment: 'Fulfillment' },
  Mutation: { fulfillmentCreate: 'FulfillmentCreatePayload' },
  Order: {
    id: 'ID',
    name: 'String',
    createdAt: 'DateTime',
    lineItems: 'LineItemConnection',
    fulfillmentOrders: 'FulfillmentOrderConnection',
    fulfillments: '[Fulfillment]',
  },
  LineItemConnection: { nodes: '[LineItem]' },
  LineItem: { id: 'ID', sku: 'String', name: 'String', quantity: 'Int' },
  FulfillmentOrderConnection: { nodes: '[FulfillmentOrder]', pageInfo: 'PageInfo' },
  PageInfo: { hasNextPage: 'Boolean', endCursor: 'String' },
  FulfillmentOrder: {
    id: 'ID',
    status: 'FulfillmentOrderStatus',
    assignedLocation: 'FulfillmentOrderAssignedLocation',
    supportedActions: '[FulfillmentOrderSupportedAction]',
    lineItems: 'FulfillmentOrderLineItemConnection',
  },
  FulfillmentOrderAssignedLocation: { name: 'String', location: 'Location' },
  Location: { id: 'ID', name: 'String' },
  FulfillmentOrderSupportedAction: { action: 'FulfillmentOrderAction' },
  FulfillmentOrderLineItemConnection: { nodes: '[FulfillmentOrderLineItem]' },
  FulfillmentOrderLineItem: { id: 'ID', totalQuantity: 'Int', remainingQuantity: 'Int', lineItem: 'LineItem' },
  Fulfillment: {
    id: 'ID',
    status: 'FulfillmentStatus',
    createdAt: 'DateTime',
    trackingInfo: '[FulfillmentTrackingInfo]',
    fulfillmentLineItems: 'FulfillmentLineItemConnection',
  },
  FulfillmentLineItemConnection: { nodes: '[FulfillmentLineItem]' },
  FulfillmentLineItem: { quantity: 'Int', lineItem: 'LineItem' },
  FulfillmentTrackingInfo: { company: 'String', number: 'String', url: 'URL' },
  FulfillmentCreatePayload: { fulfillment: 'Fulfillment', userErrors: '[UserError]' },
  UserError: { field: '[String]', message: 'String' },
};

/**
 * [DOC] Which fulfillment orders a token sees: "API access scopes govern which fulfillment orders
 * are returned"; one without the scope for a location's kind gets the others only.
 */
export const FULFILLMENT_ORDER_READ_SCOPES = [SCOPES.readFulfillmentOrders, SCOPES.readThirdPartyFulfillmentOrders] as const;

const visibleWith = (scopes: readonly string[]) => (fulfillmentOrder: ShopifyFulfillmentOrder) =>
  scopes.includes(fulfillmentOrder.location.fulfillmentService ? SCOPES.readThirdPartyFulfillmentOrders : SCOPES.readFulfillmentOrders);

type Page = { first?: number; after?: string | null };
const page = <T>(items: T[], { first }: Page) => items.slice(0, first ?? items.length);

/** [DOC] Forward pagination: `after` is the opaque endCursor of the page before. */
function connection<T>(items: T[], { first, after }: Page) {
  const start = typeof after === 'string' ? Number(Buffer.from(after, 'base64url').toString()) + 1 : 0;
  const nodes = items.slice(start, start + (first ?? items.length));
  const last = start + nodes.length - 1;
  return { nodes, pageInfo: { hasNextPage: last + 1 < items.length, endCursor: nodes.length ? Buffer.from(String(last)).toString('base64url') : null } };
}

function fulfillmentNode(order: ShopifyOrder | undefined, fulfillment: ShopifyFulfillment) {
  return {
    ...fulfillment,
    trackingInfo: (args: Page) => page(fulfillment.trackingInfo, args),
    fulfillmentLineItems: (args: Page) => ({
      nodes: page(fulfillment.lineItems, args).map((line) => ({
        quantity: line.quantity,
        lineItem: order?.lineItems.find((item) => item.id === line.lineItemId),
      })),
    }),
  };
}

function fulfillmentOrderNode(order: ShopifyOrder, fulfillmentOrder: ShopifyFulfillmentOrder) {
  const fulfillable = !fulfillmentOrder.location.fulfillmentService && ['OPEN', 'IN_PROGRESS'].includes(fulfillmentOrder.status);
  return {
    id: fulfillmentOrder.id,
    status: fulfillmentOrder.status,
    assignedLocation: { name: fulfillmentOrder.location.name, location: { id: fulfillmentOrder.location.id, name: fulfillmentOrder.location.name } },
    // [DOC] CREATE_FULFILLMENT only where this app may fulfil: a merchant-managed location, still fulfillable.
    supportedActions: fulfillable ? [{ action: 'CREATE_FULFILLMENT' }] : [],
    lineItems: (args: Page) => ({
      nodes: page(fulfillmentOrder.lineItems, args).map((line) => ({
        ...line,
        lineItem: order.lineItems.find((item) => item.id === line.lineItemId),
      })),
    }),
  };
}

function orderNode(order: ShopifyOrder, scopes: readonly string[]) {
  return {
    id: order.id,
    name: order.name,
    createdAt: order.createdAt,
    lineItems: (args: Page) => ({ nodes: page(order.lineItems, args) }),
    fulfillmentOrders: (args: Page) => {
      const { nodes, pageInfo } = connection(order.fulfillmentOrders.filter(visibleWith(scopes)), args);
      return { nodes: nodes.map((fulfillmentOrder) => fulfillmentOrderNode(order, fulfillmentOrder)), pageInfo };
    },
    fulfillments: (args: Page) => page(order.fulfillments, args).map((fulfillment) => fulfillmentNode(order, fulfillment)),
  };
}

/** The root fields, as a token with these scopes sees them. */
export function rootResolvers(store: ShopifyStore, scopes: readonly string[]) {
  const orderOf = (fulfillment: ShopifyFulfillment) => [...store.orders.values()].find((order) => order.fulfillments.includes(fulfillment));
  return {
    query: {
      /** [DOC] An id that names no order of the shop answers null, not an error. */
      order: ({ id }: { id?: unknown }) => {
        const order = typeof id === 'string' ? store.orders.get(id) : undefined;
        return order ? orderNode(order, scopes) : null;
      },
      fulfillment: ({ id }: { id?: unknown }) => {
        const fulfillment = typeof id === 'string' ? store.findFulfillment(id) : undefined;
        return fulfillment ? fulfillmentNode(orderOf(fulfillment), fulfillment) : null;
      },
    },
    mutation: {
      fulfillmentCreate: ({ fulfillment }: { fulfillment?: unknown }) => {
        const payload = store.fulfillmentCreate(fulfillment);
        return { ...payload, fulfillment: payload.fulfillment && fulfillmentNode(orderOf(payload.fulfillment), payload.fulfillment) };
      },
    },
  };
}
