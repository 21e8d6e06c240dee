/**
 * What the Shopify connector and its sandbox both hold true about the Admin GraphQL API calls that
 * push tracking. Sources, tagged as in external-apis.md: §5.3 of that file and the shopify.dev pages
 * it cites [DOC], community threads [3P]. Where nothing public says, the entry is our ASSUMPTION
 * with how sure we are. The sandbox enforces every entry, so changing a guess here changes both sides.
 */

/**
 * [ASSUMED, medium] The newest stable version when this was written. Shopify releases one a quarter
 * and supports each for a year; fulfillmentCreate has the same shape in every supported version.
 */
export const DEFAULT_API_VERSION = '2026-10';

/** [DOC] Versions are named for the quarter they were released in. */
export const API_VERSION = /^\d{4}-(01|04|07|10)$/;

/** [ASSUMED, high] The shop's one GraphQL endpoint, below the shop's own myshopify.com origin. */
export const graphqlPath = (apiVersion: string) => `/admin/api/${apiVersion}/graphql.json`;

/** [DOC] Admin API access tokens of custom and public apps go in this header. */
export const ACCESS_TOKEN_HEADER = 'x-shopify-access-token';

/** [DOC] Admin GraphQL ids are global ids: `gid://shopify/Order/1234`. */
export const gid = (type: string, id: number | string) => `gid://shopify/${type}/${id}`;

/**
 * [DOC] The scopes the dealer's app is installed with. Order.fulfillmentOrders answers only the
 * fulfillment orders the token's scopes cover: merchant-managed locations (the dealer's own) with
 * read_merchant_managed_fulfillment_orders, a fulfillment service's (a 3PL's) with
 * read_third_party_fulfillment_orders. Without the second, a line the shop assigned to a 3PL just
 * looks fulfilled, so the connector could not say why it cannot push it. Fulfillments are created
 * at merchant-managed locations only: since 2024-10 write_third_party_fulfillment_orders no longer
 * lets an order management app fulfil another service's fulfillment orders, so it is not asked for.
 */
export const SCOPES = {
  readOrders: 'read_orders',
  readFulfillmentOrders: 'read_merchant_managed_fulfillment_orders',
  writeFulfillmentOrders: 'write_merchant_managed_fulfillment_orders',
  readThirdPartyFulfillmentOrders: 'read_third_party_fulfillment_orders',
} as const;

/**
 * [DOC] Query cost is a leaky bucket per app and store, restored at 100 points a second on
 * Standard plans (200 Advanced, 1000 Plus). [ASSUMED, medium] The bucket holds 2000 points;
 * Shopify documents the restore rates but §5.3 does not record the bucket size.
 */
export const DEFAULT_THROTTLE = { maximumAvailable: 2000, restoreRate: 100 } as const;

/** [ASSUMED, high] One query may cost at most 1000 points, whatever the bucket holds. */
export const MAX_QUERY_COST = 1000;

/**
 * [DOC] A throttled request answers `errors: [{message: "Throttled", extensions: {code:
 * "THROTTLED"}}]` with `extensions.cost`, and nothing runs. [3P] Its HTTP status is reportedly 429;
 * Shopify does not say, so the sandbox answers 429 by default and 200 when asked, and the
 * connector reads the body either way.
 */
export const THROTTLED_CODE = 'THROTTLED';

/**
 * [DOC] Business errors come back in the mutation's `userErrors`, with HTTP 200. [ASSUMED, medium]
 * A token without the scope a field needs gets `ACCESS_DENIED` in `errors`, also with HTTP 200.
 */
export const ACCESS_DENIED_CODE = 'ACCESS_DENIED';

/**
 * [ASSUMED, high] An unknown or revoked token (the app was uninstalled) is HTTP 401 with a body
 * whose `errors` is a string, not a list: widely reported, not documented for GraphQL.
 */
export const INVALID_TOKEN_MESSAGE = '[API] Invalid API key or access token (unrecognized login or wrong password)';

/**
 * [DOC] `fulfillmentCreate` has no idempotency key (`@idempotent` covers refunds and inventory
 * only). [ASSUMED, high] Shopify accepts the same tracking number on a second fulfillment; only the
 * quantities left on the fulfillment orders limit what a repeat can record.
 * [DOC] Only fulfillment orders in these statuses can be fulfilled.
 */
export const FULFILLABLE_STATUSES: readonly string[] = ['OPEN', 'IN_PROGRESS'];
