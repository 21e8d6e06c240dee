import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelFailureOf, sandboxControl, SECOND_UPS_TRACKING, trackingPush, UPS_TRACKING } from '../../test/helpers/adapter-scaffold.js';
import type { ChannelConnector, TrackingPush } from '../types.js';
import { createShopifyConnector, type ShopifyConnectorOptions } from './adapter.js';
import { SCOPES } from './contract.js';
import { FULFILL } from './queries.js';
import {
  SHOPIFY_SANDBOX_ACCESS_TOKEN,
  createShopifySandbox,
  type ShopifyFulfillment,
  type ShopifyOrder,
  type ShopifySandbox,
  type ShopifySandboxOptions,
} from './sandbox/index.js';

const ORDER_NUMBER = 5_000_000_000_042;
const ORDER_ID = `gid://shopify/Order/${ORDER_NUMBER}`;
const GRAPHQL = '/admin/api/2026-10/graphql.json';

let sandbox: ShopifySandbox;
let baseUrl: string;
let order: ShopifyOrder;
let shopify: ChannelConnector;
/** The GraphQL operations the connector sent, by name, and the cost Shopify reported last. */
let operations: string[];
let lastCost: { requestedQueryCost: number; throttleStatus: { currentlyAvailable: number; restoreRate: number } } | undefined;

/** Records what the connector sends and reads, then passes the call on. */
const recording =
  (inner: typeof fetch = fetch): typeof fetch =>
  async (input, init) => {
    const sent = JSON.parse(String(init?.body ?? '{}')) as { query?: string };
    operations.push(/^(?:query|mutation) (\w+)/.exec(sent.query ?? '')?.[1] ?? 'anonymous');
    const response = await inner(input, init);
    const body = (await response
      .clone()
      .json()
      .catch(() => ({}))) as { extensions?: { cost?: typeof lastCost } };
    lastCost = body.extensions?.cost ?? lastCost;
    return response;
  };

const connector = (overrides: Partial<ShopifyConnectorOptions> = {}) =>
  createShopifyConnector({ shopUrl: baseUrl, accessToken: SHOPIFY_SANDBOX_ACCESS_TOKEN, fetch: recording(), ...overrides });

async function start(
  options?: ShopifySandboxOptions,
  lineItems: Array<Record<string, unknown>> = [{ quantity: 2 }, { quantity: 1 }],
  fulfillmentServiceLocations?: number[],
) {
  sandbox = createShopifySandbox(options);
  baseUrl = await sandbox.listen();
  operations = [];
  lastCost = undefined;
  shopify = connector();
  const response = await control('/orders', { id: ORDER_NUMBER, lineItems, fulfillmentServiceLocations });
  order = ((await response.json()) as { data: ShopifyOrder }).data;
}

beforeEach(() => start());
afterEach(() => sandbox.close());

const { control, readControl } = sandboxControl(() => baseUrl);

const fulfillments = () => readControl<ShopifyFulfillment[]>(`/orders/${ORDER_NUMBER}/fulfillments`, 'data');

/** The fulfillment-order line item ids, which external-apis §5.4 stores as the channel line ids. */
const line = (index: number) => order.fulfillmentOrders.flatMap((fo) => fo.lineItems)[index]!.id;

const push = (overrides: Partial<TrackingPush> = {}) =>
  trackingPush({ channelOrderId: String(ORDER_NUMBER), lines: [{ channelLineId: line(0), quantity: 2 }], ...overrides });

const mutations = () => operations.filter((name) => name === 'fulfill').length;

/** Calls the Admin API directly, as another app or the merchant would. */
async function graphql(query: string, variables: Record<string, unknown> = {}, token = SHOPIFY_SANDBOX_ACCESS_TOKEN) {
  const response = await fetch(`${baseUrl}${GRAPHQL}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('pushTracking', () => {
  it('reads the order’s fulfillments, then creates one fulfillment carrying the tracking, without notifying the buyer', async () => {
    const result = await shopify.pushTracking(push());

    const [created] = await fulfillments();
    expect(result).toEqual({ fulfillmentId: created!.id, alreadyPresent: false });
    expect(operations).toEqual(['fulfillmentState', 'fulfill']);
    expect(created).toMatchObject({
      status: 'SUCCESS',
      notifyCustomer: false,
      trackingInfo: [{ company: 'UPS', number: UPS_TRACKING, url: `https://www.ups.com/track?tracknum=${UPS_TRACKING}` }],
      lineItems: [{ fulfillmentOrderLineItemId: line(0), quantity: 2 }],
    });
  });

  it('pushing the same package twice leaves one fulfillment and reports the second as already present', async () => {
    const first = await shopify.pushTracking(push());
    const again = await shopify.pushTracking(push({ trackingNumber: '1z5r8 9390-357567127' }));

    expect(again).toEqual({ fulfillmentId: first.fulfillmentId, alreadyPresent: true });
    expect(mutations()).toBe(1);
    expect(await fulfillments()).toHaveLength(1);
  });

  it('a fulfillment whose answer was lost is found, not created again, when retried', async () => {
    await control('/faults', { loseResponseOnce: { field: 'fulfillmentCreate' } });

    const lost = await channelFailureOf(shopify.pushTracking(push()));
    expect(lost.kind).toBe('transient');
    const [created] = await fulfillments();

    expect(await shopify.pushTracking(push())).toEqual({ fulfillmentId: created!.id, alreadyPresent: true });
    expect(mutations()).toBe(1);
    expect(await fulfillments()).toHaveLength(1);
  });

  it('a partial package whose answer was lost is not fulfilled twice, though Shopify would take it', async () => {
    await control('/faults', { loseResponseOnce: { field: 'fulfillmentCreate' } });
    const oneOfTwo = push({ lines: [{ channelLineId: line(0), quantity: 1 }] });

    await channelFailureOf(shopify.pushTracking(oneOfTwo));
    expect((await shopify.pushTracking(oneOfTwo)).alreadyPresent).toBe(true);

    expect(await fulfillments()).toHaveLength(1);
    const remaining = await graphql(
      'query { order(id: "' + ORDER_ID + '") { fulfillmentOrders(first: 1) { nodes { lineItems(first: 5) { nodes { remainingQuantity } } } } } }',
    );
    expect(remaining.body.data.order.fulfillmentOrders.nodes[0].lineItems.nodes[0].remainingQuantity).toBe(1);
  });

  it('a fulfillment that loses a race reads the winner’s as already present', async () => {
    const racing: typeof fetch = async (input, init) => {
      if (String(init?.body).includes('mutation fulfill')) await fetch(input, init);
      return fetch(input, init);
    };

    const result = await connector({ fetch: recording(racing) }).pushTracking(push());

    const [winner] = await fulfillments();
    expect(result).toEqual({ fulfillmentId: winner!.id, alreadyPresent: true });
    expect(operations).toEqual(['fulfillmentState', 'fulfill', 'fulfillmentState', 'fulfillmentLines']);
    expect(await fulfillments()).toHaveLength(1);
  });

  it('reports Shopify’s user errors as invalid when another fulfillment took the items meanwhile', async () => {
    const meddling: typeof fetch = async (input, init) => {
      if (String(init?.body).includes('mutation fulfill')) {
        const lineItems = [{ id: line(0), quantity: 2 }];
        const taken = { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: order.fulfillmentOrders[0]!.id, fulfillmentOrderLineItems: lineItems }] };
        await graphql(FULFILL, { fulfillment: { ...taken, trackingInfo: { number: SECOND_UPS_TRACKING } } });
      }
      return fetch(input, init);
    };

    const error = await channelFailureOf(connector({ fetch: recording(meddling) }).pushTracking(push()));

    expect(error.kind).toBe('invalid');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Invalid fulfillment order line item quantity requested.');
    expect((await fulfillments()).map((f) => f.trackingInfo[0]!.number)).toEqual([SECOND_UPS_TRACKING]);
  });

  it('splits a package over two locations into one fulfillment per location, matched by either line id', async () => {
    await sandbox.close();
    await start(undefined, [
      { quantity: 1, location: 0 },
      { quantity: 3, location: 1 },
    ]);
    const secondLocationLineItem = order.lineItems[1]!.id;
    const package_ = push({
      lines: [
        { channelLineId: line(0), quantity: 1 },
        { channelLineId: secondLocationLineItem, quantity: 3 },
      ],
    });

    const result = await shopify.pushTracking(package_);

    const created = await fulfillments();
    expect(result).toEqual({ fulfillmentId: created[0]!.id, alreadyPresent: false });
    expect(
      created.map((f) => [
        f.lineItems.map(({ fulfillmentOrderLineItemId, quantity }) => ({ fulfillmentOrderLineItemId, quantity })),
        f.trackingInfo[0]!.number,
      ]),
    ).toEqual([
      [[{ fulfillmentOrderLineItemId: line(0), quantity: 1 }], UPS_TRACKING],
      [[{ fulfillmentOrderLineItemId: line(1), quantity: 3 }], UPS_TRACKING],
    ]);
    expect(mutations()).toBe(2);
    expect([...sandbox.state.orders.values()][0]!.fulfillmentOrders.map((fo) => fo.status)).toEqual(['CLOSED', 'CLOSED']);
    // Pushed again, the package is found whole at both locations.
    expect(await shopify.pushTracking(package_)).toEqual({ fulfillmentId: created[0]!.id, alreadyPresent: true });
    expect(mutations()).toBe(2);
  });

  it('retried after one location’s fulfillment was made, creates only the other location’s', async () => {
    await sandbox.close();
    await start(undefined, [
      { quantity: 1, location: 0 },
      { quantity: 2, location: 1 },
    ]);
    const package_ = push({
      lines: [
        { channelLineId: line(0), quantity: 1 },
        { channelLineId: line(1), quantity: 2 },
      ],
    });
    await control('/faults', { loseResponseOnce: { field: 'fulfillmentCreate' } });

    expect((await channelFailureOf(shopify.pushTracking(package_))).kind).toBe('transient');
    expect(await fulfillments()).toHaveLength(1);
    const retried = await shopify.pushTracking(package_);

    const created = await fulfillments();
    expect(retried).toEqual({ fulfillmentId: created[0]!.id, alreadyPresent: false });
    expect(created.map((f) => f.lineItems.map((item) => item.fulfillmentOrderLineItemId))).toEqual([[line(0)], [line(1)]]);
    expect(mutations()).toBe(2);
  });

  it('reads the order’s fulfillment orders page by page until it finds the open ones', async () => {
    await sandbox.close();
    const locations = Array.from({ length: 7 }, (_, location) => ({ quantity: 1, location }));
    await start(undefined, locations);

    // Each package closes one location's fulfillment order; the last ones are past the first page of five.
    for (const [index] of locations.entries()) {
      const trackingNumber = `1Z999AA1012345678${index}`;
      await shopify.pushTracking(push({ trackingNumber, lines: [{ channelLineId: line(index), quantity: 1 }] }));
    }

    expect(await fulfillments()).toHaveLength(7);
    expect([...sandbox.state.orders.values()][0]!.fulfillmentOrders.every((fo) => fo.status === 'CLOSED')).toBe(true);
    expect(operations.filter((name) => name === 'fulfillmentOrderPage')).toHaveLength(7);
  });

  it('names the fulfillment service a line is assigned to, which only that service can fulfil, instead of pushing', async () => {
    await sandbox.close();
    await start(
      undefined,
      [
        { quantity: 1, location: 0 },
        { quantity: 1, location: 1 },
      ],
      [1],
    );

    const error = await channelFailureOf(shopify.pushTracking(push({ lines: [{ channelLineId: line(1), quantity: 1 }] })));

    expect(error.kind).toBe('invalid');
    expect(error.message).toContain('has only 0 of line');
    expect(error.message).toContain('assigned to 3PL 1, a fulfillment service that only it can fulfil');
    expect(mutations()).toBe(0);
  });

  it('names carriers as on Shopify’s list, and passes other names through without a tracking link', async () => {
    const onePackage = (carrierCode: string, trackingNumber: string, index: number) =>
      shopify.pushTracking(push({ carrierCode, trackingNumber, lines: [{ channelLineId: line(index), quantity: 1 }] }));
    await onePackage('FEDEX HOME', '986578788855', 0);
    await onePackage('ONTRAC', 'C11031500001879', 0);
    await onePackage('Pitt Ohio', 'PRO12345', 1);

    expect((await fulfillments()).map((f) => f.trackingInfo[0])).toEqual([
      { company: 'FedEx', number: '986578788855', url: 'https://www.fedex.com/fedextrack/?trknbr=986578788855' },
      { company: 'OnTrac', number: 'C11031500001879', url: 'https://www.ontrac.com/tracking/?number=C11031500001879' },
      { company: 'Pitt Ohio', number: 'PRO12345', url: null },
    ]);
  });

  it('refuses a line that is not on the order, or more than is left of it, as invalid without a mutation', async () => {
    const unknown = await channelFailureOf(shopify.pushTracking(push({ lines: [{ channelLineId: 'gid://shopify/FulfillmentOrderLineItem/1', quantity: 1 }] })));
    const tooMany = await channelFailureOf(shopify.pushTracking(push({ lines: [{ channelLineId: line(0), quantity: 3 }] })));

    expect(unknown.kind).toBe('invalid');
    expect(tooMany.kind).toBe('invalid');
    expect(tooMany.message).toContain('has only 2 of line');
    expect(mutations()).toBe(0);
  });

  it('reports an order the shop does not have as invalid', async () => {
    const error = await channelFailureOf(shopify.pushTracking(push({ channelOrderId: 'gid://shopify/Order/1' })));

    expect(error.kind).toBe('invalid');
    expect(error.message).toContain('has no order gid://shopify/Order/1');
  });

  it.each([429, 200] as const)('reports THROTTLED (HTTP %i) as rate-limited, waiting until the bucket restores the query’s cost', async (throttledStatus) => {
    await sandbox.close();
    await start({ throttledStatus, now: () => new Date('2025-01-03T20:00:00.000Z') });
    await control('/faults', { bucketAvailable: 100 });

    const error = await channelFailureOf(shopify.pushTracking(push()));

    expect(error.kind).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    const { requestedQueryCost, throttleStatus } = lastCost!;
    expect(throttleStatus.currentlyAvailable).toBe(100);
    expect(error.retryAfterMs).toBe(Math.ceil(((requestedQueryCost - 100) / throttleStatus.restoreRate) * 1000));
    expect(await fulfillments()).toEqual([]);
  });

  it('honours Retry-After on a plain HTTP 429', async () => {
    await control('/faults', { rateLimitNext: 1, retryAfterSeconds: 3 });

    const error = await channelFailureOf(shopify.pushTracking(push()));

    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(3_000);
  });

  it('reports Shopify’s server errors and an unreachable shop as transient', async () => {
    await control('/faults', { status5xxNext: 1 });
    expect((await channelFailureOf(shopify.pushTracking(push()))).kind).toBe('transient');

    await sandbox.close();
    expect((await channelFailureOf(shopify.pushTracking(push()))).kind).toBe('transient');
  });
});

// Shopify's Admin API tokens do not expire, so there is nothing to refresh: a refused token means
// the app was uninstalled or its scopes changed, which only the dealer can fix.
describe('access tokens', () => {
  it('reports a token Shopify does not know (401) as an auth failure that names no secret', async () => {
    const error = await channelFailureOf(connector({ accessToken: 'shpat_revoked_token' }).pushTracking(push()));

    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Invalid API key or access token');
    expect(error.message).not.toContain('shpat_revoked_token');
  });

  it('reports a token without the fulfillment scopes (ACCESS_DENIED) as an auth failure and creates nothing', async () => {
    await sandbox.close();
    await start({ accessTokens: { [SHOPIFY_SANDBOX_ACCESS_TOKEN]: ['read_orders'] } });

    const unread = await channelFailureOf(shopify.pushTracking(push()));
    expect(unread.kind).toBe('auth');
    expect(unread.message).toContain('`read_merchant_managed_fulfillment_orders` or `read_third_party_fulfillment_orders`');

    await sandbox.close();
    await start({ accessTokens: { [SHOPIFY_SANDBOX_ACCESS_TOKEN]: ['read_orders', 'read_merchant_managed_fulfillment_orders'] } });
    const unwritten = await channelFailureOf(shopify.pushTracking(push()));
    expect(unwritten.kind).toBe('auth');
    expect(unwritten.message).toContain('write_merchant_managed_fulfillment_orders');
    expect(await fulfillments()).toEqual([]);
  });

  it('asks for the scopes that show fulfillment orders at a fulfillment service’s location too', () => {
    expect(Object.values(SCOPES)).toEqual(
      expect.arrayContaining(['read_merchant_managed_fulfillment_orders', 'write_merchant_managed_fulfillment_orders', 'read_third_party_fulfillment_orders']),
    );
  });
});

describe('Shopify sandbox', () => {
  const fulfillOne = (trackingInfo: Record<string, unknown>, quantity = 1) =>
    graphql(FULFILL, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: order.fulfillmentOrders[0]!.id, fulfillmentOrderLineItems: [{ id: line(0), quantity }] }],
        trackingInfo,
      },
    });

  it('answers only the fields a query selects, with the cost it was charged', async () => {
    const { body } = await graphql(`query { order(id: "${ORDER_ID}") { id lineItems(first: 1) { nodes { quantity } } } }`);

    expect(body.data).toEqual({ order: { id: ORDER_ID, lineItems: { nodes: [{ quantity: 2 }] } } });
    expect(body.extensions.cost).toMatchObject({
      requestedQueryCost: 1 + 2 + 1,
      actualQueryCost: 1 + 2 + 1,
      throttleStatus: { maximumAvailable: 2000, restoreRate: 100 },
    });
  });

  it('refuses an unknown field before a mutation runs, so nothing is created', async () => {
    const { body } = await graphql(FULFILL.replace('userErrors { field message }', 'userErrors { field message code }'), {
      fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: order.fulfillmentOrders[0]!.id }] },
    });

    expect(body.errors[0].message).toBe("Field 'code' doesn't exist on type 'UserError'");
    expect(await fulfillments()).toEqual([]);
  });

  it('takes the same tracking number twice while quantities are left: only a read first stops a duplicate', async () => {
    await fulfillOne({ company: 'UPS', number: UPS_TRACKING });
    const again = await fulfillOne({ company: 'UPS', number: UPS_TRACKING });

    expect(again.body.data.fulfillmentCreate.userErrors).toEqual([]);
    expect(await fulfillments()).toHaveLength(2);
  });

  it.each([
    ['number and numbers together', { number: UPS_TRACKING, numbers: [UPS_TRACKING] }, 'cannot both be provided'],
    ['a url without a number', { url: 'https://example.com/track' }, 'needs a tracking number'],
  ])('refuses tracking with %s as a user error', async (_case, trackingInfo, message) => {
    const { status, body } = await fulfillOne(trackingInfo);

    expect(status).toBe(200);
    expect(body.data.fulfillmentCreate).toMatchObject({ fulfillment: null, userErrors: [{ message: expect.stringContaining(message) }] });
    expect(await fulfillments()).toEqual([]);
  });

  it('refuses more than is left of a line, and an unknown fulfillment order, as user errors', async () => {
    const tooMany = await fulfillOne({ number: UPS_TRACKING }, 3);
    const unknown = await graphql(FULFILL, {
      fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/1' }] },
    });

    expect(tooMany.body.data.fulfillmentCreate.userErrors[0].message).toBe('Invalid fulfillment order line item quantity requested.');
    expect(unknown.body.data.fulfillmentCreate.userErrors[0]).toEqual({
      field: ['fulfillment', 'lineItemsByFulfillmentOrder', '0', 'fulfillmentOrderId'],
      message: 'Fulfillment order does not exist.',
    });
  });

  it('refuses one fulfillment over the fulfillment orders of two locations, as Shopify does, and creates nothing', async () => {
    await sandbox.close();
    await start(undefined, [
      { quantity: 1, location: 0 },
      { quantity: 1, location: 1 },
    ]);
    const both = await graphql(FULFILL, {
      fulfillment: {
        lineItemsByFulfillmentOrder: order.fulfillmentOrders.map((fo) => ({
          fulfillmentOrderId: fo.id,
          fulfillmentOrderLineItems: [{ id: fo.lineItems[0]!.id, quantity: 1 }],
        })),
        trackingInfo: { number: UPS_TRACKING },
      },
    });

    expect(both.body.data.fulfillmentCreate).toEqual({
      fulfillment: null,
      userErrors: [{ field: ['fulfillment', 'lineItemsByFulfillmentOrder'], message: 'All fulfillment orders must be assigned to a single location.' }],
    });
    expect(await fulfillments()).toEqual([]);
  });

  it('pages fulfillment orders with cursors, and shows a fulfillment service’s only to a token with the third-party scope', async () => {
    await sandbox.close();
    const token = 'shpat_merchant_managed_only';
    const merchantOnly = ['read_orders', 'read_merchant_managed_fulfillment_orders', 'write_merchant_managed_fulfillment_orders'];
    await start(
      { accessTokens: { [SHOPIFY_SANDBOX_ACCESS_TOKEN]: Object.values(SCOPES), [token]: merchantOnly } },
      [0, 1, 2].map((location) => ({ quantity: 1, location })),
      [2],
    );
    const pageOf = (after: string | null, as = SHOPIFY_SANDBOX_ACCESS_TOKEN) =>
      graphql(
        'query p($id: ID!, $after: String) { order(id: $id) { fulfillmentOrders(first: 2, after: $after) { nodes { id supportedActions { action } } pageInfo { hasNextPage endCursor } } } }',
        { id: ORDER_ID, after },
        as,
      );

    const first = (await pageOf(null)).body.data.order.fulfillmentOrders;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await pageOf(first.pageInfo.endCursor)).body.data.order.fulfillmentOrders;
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.nodes, ...second.nodes].map((fo: any) => [fo.id, fo.supportedActions])).toEqual([
      [order.fulfillmentOrders[0]!.id, [{ action: 'CREATE_FULFILLMENT' }]],
      [order.fulfillmentOrders[1]!.id, [{ action: 'CREATE_FULFILLMENT' }]],
      [order.fulfillmentOrders[2]!.id, []],
    ]);
    const seenWithout = (await pageOf(null, token)).body.data.order.fulfillmentOrders;
    expect(seenWithout.nodes.map((fo: any) => fo.id)).toEqual([order.fulfillmentOrders[0]!.id, order.fulfillmentOrders[1]!.id]);
    expect(seenWithout.pageInfo.hasNextPage).toBe(false);

    const thirdParty = order.fulfillmentOrders[2]!;
    const refused = await graphql(FULFILL, {
      fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: thirdParty.id }], trackingInfo: { number: UPS_TRACKING } },
    });
    expect(refused.body.data.fulfillmentCreate.userErrors[0].message).toContain('assigned to a fulfillment service');
  });

  it('refuses a connection without first, a query over the cost limit, and a missing variable', async () => {
    const noFirst = await graphql(`query { order(id: "${ORDER_ID}") { lineItems { nodes { id } } } }`);
    const tooCostly = await graphql(`query { order(id: "${ORDER_ID}") { fulfillmentOrders(first: 10) { nodes { lineItems(first: 250) { nodes { id } } } } } }`);
    const missing = await graphql(FULFILL, {});

    expect(noFirst.body.errors[0].message).toContain('you must provide one of first or last');
    expect(tooCostly.body.errors[0].extensions.code).toBe('MAX_COST_EXCEEDED');
    expect(missing.body.errors[0].extensions.code).toBe('INVALID_VARIABLE');
  });

  it('answers a missing token with 401 and a plain-string error, and an unknown API version with 404', async () => {
    const unauthorised = await graphql('query { order(id: "x") { id } }', {}, '');
    const response = await fetch(`${baseUrl}/admin/api/2026-02/graphql.json`, { method: 'POST' });

    expect(unauthorised).toEqual({ status: 401, body: { errors: expect.stringContaining('Invalid API key or access token') } });
    expect(response.status).toBe(404);
  });
});
