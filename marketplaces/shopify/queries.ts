/**
 * The GraphQL documents the connector sends. Page sizes keep each read well under Shopify's
 * 1000-point ceiling for one query: 50 fulfillments with their tracking numbers, and fulfillment
 * orders 5 at a time (each with up to 50 lines), paged with cursors until the last.
 */

/** A fulfillment order: where it is assigned, whether this app may fulfil it, and what is left of each line. */
const FULFILLMENT_ORDER_FIELDS = `nodes {
        id status
        assignedLocation { name location { id } }
        supportedActions { action }
        lineItems(first: 50) { nodes { id remainingQuantity lineItem { id } } }
      }
      pageInfo { hasNextPage endCursor }`;

/** What the order already has: live fulfillments with their tracking, and the first fulfillment orders. */
export const FULFILLMENT_STATE = `query fulfillmentState($id: ID!) {
  order(id: $id) {
    fulfillments(first: 50) { id status trackingInfo(first: 5) { number } }
    fulfillmentOrders(first: 5) {
      ${FULFILLMENT_ORDER_FIELDS}
    }
  }
}`;

/** The order's next fulfillment orders: an order whose lines moved between locations collects closed ones first. */
export const FULFILLMENT_ORDER_PAGE = `query fulfillmentOrderPage($id: ID!, $after: String!) {
  order(id: $id) {
    fulfillmentOrders(first: 5, after: $after) {
      ${FULFILLMENT_ORDER_FIELDS}
    }
  }
}`;

/** What one fulfillment carries, by the order's line items. */
export const FULFILLMENT_LINES = `query fulfillmentLines($id: ID!) {
  fulfillment(id: $id) {
    id
    fulfillmentLineItems(first: 50) { nodes { quantity lineItem { id } } }
  }
}`;

/** external-apis §5.3's mutation. */
export const FULFILL = `mutation fulfill($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status trackingInfo { company number url } }
    userErrors { field message }
  }
}`;

/** "Test connection": an order read the app's token must be allowed (read_orders). */
export const CONNECTION_TEST = `query connectionTest($id: ID!) {
  order(id: $id) { id }
}`;
