import type { Schema } from './graphql.js';
import type { ShopifyFulfillment, ShopifyFulfillmentOrder, ShopifyOrder, ShopifyStore } from './store.js';

/**
 * The slice of the Admin GraphQL schema the sandbox serves, and the resolvers that present the
 * store through it. Field names and types are Shopify's [DOC]; only the fields tracking push and
 * its tests use are here, so anything else is refused as an unknown field.
 */
export const SCHEMA: Schema = {
  QueryRoot: { order: 'Order' },
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
  FulfillmentOrderConnection: { nodes: '[FulfillmentOrder]' },
  FulfillmentOrder: { id: 'ID', status: 'FulfillmentOrderStatus', lineItems: 'FulfillmentOrderLineItemConnection' },
  FulfillmentOrderLineItemConnection: { nodes: '[FulfillmentOrderLineItem]' },
  FulfillmentOrderLineItem: { id: 'ID', totalQuantity: 'Int', remainingQuantity: 'Int', lineItem: 'LineItem' },
  Fulfillment: { id: 'ID', status: 'FulfillmentStatus', createdAt: 'DateTime', trackingInfo: '[FulfillmentTrackingInfo]' },
  FulfillmentTrackingInfo: { company: 'String', number: 'String', url: 'URL' },
  FulfillmentCreatePayload: { fulfillment: 'Fulfillment', userErrors: '[UserError]' },
  UserError: { field: '[String]', message: 'String' },
};

type Page = { first?: number };
const page = <T>(items: T[], { first }: Page) => items.slice(0, first ?? items.length);

function fulfillmentNode(fulfillment: ShopifyFulfillment) {
  return { ...fulfillment, trackingInfo: (args: Page) => page(fulfillment.trackingInfo, args) };
}

function fulfillmentOrderNode(order: ShopifyOrder, fulfillmentOrder: ShopifyFulfillmentOrder) {
  return {
    id: fulfillmentOrder.id,
    status: fulfillmentOrder.status,
    lineItems: (args: Page) => ({
      nodes: page(fulfillmentOrder.lineItems, args).map((line) => ({
        ...line,
        lineItem: order.lineItems.find((item) => item.id === line.lineItemId),
      })),
    }),
  };
}

function orderNode(order: ShopifyOrder) {
  return {
    id: order.id,
    name: order.name,
    createdAt: order.createdAt,
    lineItems: (args: Page) => ({ nodes: page(order.lineItems, args) }),
    fulfillmentOrders: (args: Page) => ({
      nodes: page(order.fulfillmentOrders, args).map((fulfillmentOrder) => fulfillmentOrderNode(order, fulfillmentOrder)),
    }),
    fulfillments: (args: Page) => page(order.fulfillments, args).map(fulfillmentNode),
  };
}

export function rootResolvers(store: ShopifyStore) {
  return {
    query: {
      /** [DOC] An id that names no order of the shop answers null, not an error. */
      order: ({ id }: { id?: unknown }) => {
        const order = typeof id === 'string' ? store.orders.get(id) : undefined;
        return order ? orderNode(order) : null;
      },
    },
    mutation: {
      fulfillmentCreate: ({ fulfillment }: { fulfillment?: unknown }) => {
        const payload = store.fulfillmentCreate(fulfillment);
        return { ...payload, fulfillment: payload.fulfillment && fulfillmentNode(payload.fulfillment) };
      },
    },
  };
}
