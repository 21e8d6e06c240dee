/**
 * The GraphQL documents the connector sends. Page sizes keep the read well under Shopify's
 * 1000-point ceiling for one query while covering any real drop-ship order: 50 fulfillments,
 * 5 locations' fulfillment orders of 50 lines each.
 */

/** What the order already has: live fulfillments with their tracking, and what is left to fulfil where. */
export const FULFILLMENT_STATE = `query fulfillmentState($id: ID!) {
  order(id: $id) {
    fulfillments(first: 50) { id status trackingInfo(first: 5) { number } }
    fulfillmentOrders(first: 5) {
      nodes { id status lineItems(first: 50) { nodes { id remainingQuantity lineItem { id } } } }
    }
  }
}`;

/** external-apis §5.3's mutation. */
export const FULFILL = `mutation fulfill($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status trackingInfo { company number url } }
    userErrors { field message }
  }
}`;
