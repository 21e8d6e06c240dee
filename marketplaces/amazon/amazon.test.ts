import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callsOf, channelFailureOf, sandboxControl, SECOND_UPS_TRACKING, trackingPush, UPS_TRACKING } from '../../test/helpers/adapter-scaffold.js';
import type { ChannelConnector, TrackingPush } from '../types.js';
import { createAmazonConnector, packageReferenceIdFor, type AmazonConnectorOptions } from './adapter.js';
import {
  AMAZON_SANDBOX_CLIENT_ID,
  AMAZON_SANDBOX_CLIENT_SECRET,
  AMAZON_SANDBOX_REFRESH_TOKEN,
  createAmazonSandbox,
  type AmazonPackage,
  type AmazonSandbox,
  type AmazonSandboxOptions,
} from './sandbox/index.js';

const ORDER_ID = '113-0000000-0000042';
const ITEM_A = '60000000000001';
const ITEM_B = '60000000000002';
const TOKEN = '/auth/o2/token';
const GET_ORDER = `/orders/2026-01-01/orders/${ORDER_ID}`;
const CONFIRM = `/orders/v0/orders/${ORDER_ID}/shipmentConfirmation`;

let sandbox: AmazonSandbox;
let baseUrl: string;
let amazon: ChannelConnector;

const credentials = () => ({
  baseUrl,
  tokenUrl: `${baseUrl}${TOKEN}`,
  clientId: AMAZON_SANDBOX_CLIENT_ID,
  clientSecret: AMAZON_SANDBOX_CLIENT_SECRET,
  refreshToken: AMAZON_SANDBOX_REFRESH_TOKEN,
});

const connector = (overrides: Partial<AmazonConnectorOptions> = {}) => createAmazonConnector({ ...credentials(), ...overrides });

async function start(options?: AmazonSandboxOptions) {
  sandbox = createAmazonSandbox(options);
  baseUrl = await sandbox.listen();
  amazon = connector();
  await control('/orders', {
    orderId: ORDER_ID,
    orderItems: [
      { orderItemId: ITEM_A, quantityOrdered: 2 },
      { orderItemId: ITEM_B, quantityOrdered: 1 },
    ],
  });
}

beforeEach(() => start());
afterEach(() => sandbox.close());

const { control, readControl } = sandboxControl(() => baseUrl);

const packages = (orderId = ORDER_ID) => readControl<AmazonPackage[]>(`/orders/${orderId}/packages`, 'data');

const push = (overrides: Partial<TrackingPush> = {}) =>
  trackingPush({ channelOrderId: ORDER_ID, lines: [{ channelLineId: ITEM_A, quantity: 2 }], ...overrides });

/** Another package of the same order, for the item the first push leaves alone. */
const secondPackage = () => push({ trackingNumber: SECOND_UPS_TRACKING, lines: [{ channelLineId: ITEM_B, quantity: 1 }] });

/** A sandbox clock that stands still, so a usage plan's bucket never refills during a test. */
const frozenClock = () => new Date('2025-01-03T20:00:00.000Z');

const calls = () => callsOf(sandbox);
const tokenGrants = () => calls().filter((call) => call === `POST ${TOKEN}`).length;
const confirmations = () => calls().filter((call) => call === `POST ${CONFIRM}`).length;

describe('packageReferenceIdFor', () => {
  it('gives a tracking number the same positive 12-digit id every time, and another number another id', () => {
    const id = packageReferenceIdFor(UPS_TRACKING);

    expect(id).toMatch(/^[1-9]\d{11}$/);
    expect(packageReferenceIdFor(UPS_TRACKING)).toBe(id);
    expect(packageReferenceIdFor(SECOND_UPS_TRACKING)).not.toBe(id);
  });
});

describe('pushTracking', () => {
  it('reads the order’s packages, then confirms one package whose reference id comes from the tracking number', async () => {
    const result = await amazon.pushTracking(push());

    const packageReferenceId = packageReferenceIdFor(UPS_TRACKING);
    expect(result).toEqual({ fulfillmentId: packageReferenceId, alreadyPresent: false });
    expect(calls()).toEqual([`POST ${TOKEN}`, `GET ${GET_ORDER}`, `POST ${CONFIRM}`]);
    expect(await packages()).toEqual([
      {
        packageReferenceId,
        carrierCode: 'UPS',
        trackingNumber: UPS_TRACKING,
        shipDate: '2025-01-03T19:09:02.768Z',
        orderItems: [{ orderItemId: ITEM_A, quantity: 2 }],
        createdTime: expect.any(String),
      },
    ]);
  });

  it('pushing the same package twice leaves one package and reports the second as already present', async () => {
    await amazon.pushTracking(push());
    const again = await amazon.pushTracking(push({ trackingNumber: '1z5r8 9390-357567127' }));

    expect(again).toEqual({ fulfillmentId: packageReferenceIdFor(UPS_TRACKING), alreadyPresent: true });
    expect(confirmations()).toBe(1);
    expect(await packages()).toHaveLength(1);
  });

  it('a confirmation whose answer was lost is not confirmed again when retried', async () => {
    await control('/faults', { loseResponseOnce: { method: 'POST', pathPrefix: CONFIRM } });

    const lost = await channelFailureOf(amazon.pushTracking(push()));
    expect(lost.kind).toBe('transient');
    expect(await packages()).toHaveLength(1);

    expect(await amazon.pushTracking(push())).toEqual({
      fulfillmentId: packageReferenceIdFor(UPS_TRACKING),
      alreadyPresent: true,
    });
    expect(confirmations()).toBe(1);
    expect(await packages()).toHaveLength(1);
  });

  it('a partial package whose answer was lost is not counted twice: the item keeps its second unit open', async () => {
    await control('/faults', { loseResponseOnce: { method: 'POST', pathPrefix: CONFIRM } });
    const firstUnit = push({ lines: [{ channelLineId: ITEM_A, quantity: 1 }] });

    await channelFailureOf(amazon.pushTracking(firstUnit));
    await amazon.pushTracking(firstUnit);
    await amazon.pushTracking(push({ trackingNumber: SECOND_UPS_TRACKING, lines: [{ channelLineId: ITEM_A, quantity: 1 }] }));

    expect((await packages()).map((pkg) => [pkg.trackingNumber, pkg.orderItems])).toEqual([
      [UPS_TRACKING, [{ orderItemId: ITEM_A, quantity: 1 }]],
      [SECOND_UPS_TRACKING, [{ orderItemId: ITEM_A, quantity: 1 }]],
    ]);
  });

  it('a confirmation that races another of the same package past the read edits that package instead of adding one', async () => {
    const racing: typeof fetch = async (input, init) => {
      if (init?.method === 'POST' && String(input).endsWith('/shipmentConfirmation')) await fetch(input, init);
      return fetch(input, init);
    };

    const result = await connector({ fetch: racing }).pushTracking(push());

    expect(result).toEqual({ fulfillmentId: packageReferenceIdFor(UPS_TRACKING), alreadyPresent: false });
    expect(calls().slice(-3)).toEqual([`GET ${GET_ORDER}`, `POST ${CONFIRM}`, `POST ${CONFIRM}`]);
    expect(await packages()).toEqual([expect.objectContaining({ packageReferenceId: packageReferenceIdFor(UPS_TRACKING), trackingNumber: UPS_TRACKING })]);
  });

  it('names carriers by Amazon’s codes, and any other carrier as Other with its name', async () => {
    const onePackage = (carrierCode: string, trackingNumber: string, channelLineId: string) =>
      amazon.pushTracking(push({ carrierCode, trackingNumber, lines: [{ channelLineId, quantity: 1 }] }));
    await onePackage('FEDEX GROUND', '986578788855', ITEM_A);
    await onePackage('OnTrac', 'C11031500001879', ITEM_A);
    await onePackage('Pitt Ohio', 'PRO12345', ITEM_B);

    expect((await packages()).map(({ carrierCode, carrierName }) => ({ carrierCode, carrierName }))).toEqual([
      { carrierCode: 'FedEx', carrierName: undefined },
      { carrierCode: 'Other', carrierName: 'OnTrac' },
      { carrierCode: 'Other', carrierName: 'Pitt Ohio' },
    ]);
  });

  it('refuses an item that is not on the Amazon order, as invalid, with Amazon’s reason', async () => {
    const error = await channelFailureOf(amazon.pushTracking(push({ lines: [{ channelLineId: '60000000009999', quantity: 1 }] })));

    expect(error.kind).toBe('invalid');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/60000000009999 is not part of order.*\[InvalidInput\]/);
    expect(await packages()).toEqual([]);
  });

  it('refuses shipping more of an item than is left, as invalid', async () => {
    await amazon.pushTracking(push());
    const error = await channelFailureOf(amazon.pushTracking(push({ trackingNumber: SECOND_UPS_TRACKING })));

    expect(error.kind).toBe('invalid');
    expect(error.message).toContain('has 0 left to ship');
    expect(await packages()).toHaveLength(1);
  });

  it('reports an order Amazon does not have as invalid', async () => {
    const error = await channelFailureOf(amazon.pushTracking(push({ channelOrderId: '113-9999999-9999999' })));

    expect(error.kind).toBe('invalid');
    expect(error.message).toContain('[NotFound]');
  });

  it('refuses a shipped time that is not a date without calling Amazon', async () => {
    const error = await channelFailureOf(amazon.pushTracking(push({ shippedAt: 'yesterday' })));

    expect(error.kind).toBe('invalid');
    expect(calls()).toEqual([]);
  });

  it('reports a 429 as rate-limited, waiting one request of the read’s published plan (0.5/s)', async () => {
    await control('/faults', { rateLimitNext: 1 });

    const error = await channelFailureOf(amazon.pushTracking(push()));

    expect(error.kind).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(2_000);
    expect(await packages()).toEqual([]);
  });

  it('times a throttled confirmation by the rate Amazon last reported for it', async () => {
    await sandbox.close();
    await start({ usagePlans: { confirmShipment: { rate: 4, burst: 1 } }, now: frozenClock });

    await amazon.pushTracking(push());
    const error = await channelFailureOf(amazon.pushTracking(secondPackage()));

    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(250);
    expect(error.message).toContain('[QuotaExceeded]');
    expect(await packages()).toHaveLength(1);
  });

  it('honours a Retry-After should Amazon ever send one', async () => {
    await control('/faults', { rateLimitNext: 1, retryAfterSeconds: 7 });

    expect((await channelFailureOf(amazon.pushTracking(push()))).retryAfterMs).toBe(7_000);
  });

  it('reports Amazon’s server errors and an unreachable Amazon as transient', async () => {
    await control('/faults', { status5xxNext: 1 });
    expect((await channelFailureOf(amazon.pushTracking(push()))).kind).toBe('transient');

    await sandbox.close();
    expect((await channelFailureOf(amazon.pushTracking(push()))).kind).toBe('transient');
  });
});

describe('access tokens', () => {
  it('reuses one token across pushes', async () => {
    await amazon.pushTracking(push());
    await amazon.pushTracking(secondPackage());

    expect(tokenGrants()).toBe(1);
  });

  it('replaces a token Amazon expired early (403) and repeats the refused call, transparently', async () => {
    await amazon.pushTracking(push());
    await control('/faults', { expireTokensNow: true });
    sandbox.state.requests.length = 0;

    const result = await amazon.pushTracking(secondPackage());

    expect(result.alreadyPresent).toBe(false);
    expect(calls()).toEqual([`GET ${GET_ORDER}`, `POST ${TOKEN}`, `GET ${GET_ORDER}`, `POST ${CONFIRM}`]);
  });

  it('replaces a token before its hour runs out by the connector’s clock', async () => {
    let clock = Date.parse('2025-01-03T20:00:00.000Z');
    const timed = connector({ now: () => new Date(clock) });
    await timed.pushTracking(push());
    clock += 60 * 60 * 1000;
    await timed.pushTracking(secondPackage());

    expect(calls().filter((call) => call.startsWith('POST'))).toEqual([`POST ${TOKEN}`, `POST ${CONFIRM}`, `POST ${TOKEN}`, `POST ${CONFIRM}`]);
  });

  it('reports a refresh token Amazon refuses as an auth failure that names no secret', async () => {
    const error = await channelFailureOf(connector({ refreshToken: 'Atzr|revoked-refresh-token' }).pushTracking(push()));

    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('invalid_grant');
    expect(error.message).not.toContain('revoked-refresh-token');
    expect(await packages()).toEqual([]);
  });

  it('reports a client secret Amazon refuses as an auth failure that names no secret', async () => {
    const error = await channelFailureOf(connector({ clientSecret: 'wrong-client-secret' }).pushTracking(push()));

    expect(error.kind).toBe('auth');
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain('wrong-client-secret');
  });

  it('gives up with an auth failure when Amazon refuses a freshly issued token too', async () => {
    await sandbox.close();
    await start({ tokenLifetimeSeconds: 0 });

    const error = await channelFailureOf(amazon.pushTracking(push()));

    expect(error.kind).toBe('auth');
    expect(error.message).toContain('has expired');
    expect(tokenGrants()).toBe(2);
    expect(await packages()).toEqual([]);
  });
});

describe('Amazon sandbox', () => {
  async function accessToken(): Promise<string> {
    const response = await fetch(`${baseUrl}${TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: AMAZON_SANDBOX_REFRESH_TOKEN,
        client_id: AMAZON_SANDBOX_CLIENT_ID,
        client_secret: AMAZON_SANDBOX_CLIENT_SECRET,
      }).toString(),
    });
    const body = (await response.json()) as { access_token: string; expires_in: number; token_type: string };
    expect(body).toMatchObject({ expires_in: 3600, token_type: 'bearer' });
    return body.access_token;
  }

  const api = async (method: 'GET' | 'POST', path: string, body?: unknown, token?: string) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        'x-amz-access-token': token ?? (await accessToken()),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const detail = {
    packageReferenceId: '1',
    carrierCode: 'UPS',
    trackingNumber: UPS_TRACKING,
    shipDate: '2025-01-03T19:09:02Z',
    orderItems: [{ orderItemId: ITEM_A, quantity: 1 }],
  };
  const valid = { marketplaceId: 'ATVPDKIKX0DER', packageDetail: detail };

  it.each([
    ['no marketplace', { packageDetail: detail }, 'Marketplace id is not defined'],
    ['a numeric packageReferenceId', { ...valid, packageDetail: { ...detail, packageReferenceId: 1 } }, 'invalid type [packageDetail.packageReferenceId]'],
    [
      'a packageReferenceId that is not a positive number',
      { ...valid, packageDetail: { ...detail, packageReferenceId: 'PKG-1' } },
      'must be a positive numeric value',
    ],
    ['no carrierCode', { ...valid, packageDetail: { ...detail, carrierCode: undefined } }, 'Missing required field [packageDetail.carrierCode]'],
    ['carrier Other without a carrierName', { ...valid, packageDetail: { ...detail, carrierCode: 'Other' } }, 'carrierName is required'],
    ['a carrierCode Amazon does not know', { ...valid, packageDetail: { ...detail, carrierCode: 'Pony Express' } }, 'not a valid carrierCode'],
    ['a US-style ship date', { ...valid, packageDetail: { ...detail, shipDate: '02/21/2022' } }, 'ISO 8601'],
    ['no order items', { ...valid, packageDetail: { ...detail, orderItems: [] } }, 'at least one order item'],
    ['a repeated order item', { ...valid, packageDetail: { ...detail, orderItems: [detail.orderItems[0], detail.orderItems[0]] } }, 'more than once'],
    ['a zero quantity', { ...valid, packageDetail: { ...detail, orderItems: [{ orderItemId: ITEM_A, quantity: 0 }] } }, 'positive integer'],
  ])('refuses a confirmation with %s as 400 InvalidInput', async (_case, body, message) => {
    const response = await api('POST', CONFIRM, body);

    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: Array<{ code: string; message: string }> };
    expect(errors[0]?.code).toBe('InvalidInput');
    expect(errors[0]?.message).toContain(message);
    expect(await packages()).toEqual([]);
  });

  it('answers 204 with the plan’s rate and a request id', async () => {
    const confirmed = await api('POST', CONFIRM, valid);
    expect(confirmed.status).toBe(204);
    expect(confirmed.headers.get('x-amzn-ratelimit-limit')).toBe('2');
    expect(confirmed.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes a repeated packageReferenceId as an edit of that package, as Amazon documents: no second package, no error', async () => {
    const token = await accessToken();
    const whole = { ...detail, orderItems: [{ orderItemId: ITEM_A, quantity: 2 }] };
    expect((await api('POST', CONFIRM, { ...valid, packageDetail: whole }, token)).status).toBe(204);
    const [first] = await packages();

    // Item A has nothing left to ship, so only an edit of package 1 can ship its two units again.
    const edit = { ...whole, carrierCode: 'Other', carrierName: 'OnTrac', trackingNumber: 'C11223344556677', shipDate: '2025-01-04T10:00:00Z' };
    expect((await api('POST', CONFIRM, { ...valid, packageDetail: edit }, token)).status).toBe(204);
    expect(await packages()).toEqual([
      {
        packageReferenceId: '1',
        carrierCode: 'Other',
        carrierName: 'OnTrac',
        trackingNumber: 'C11223344556677',
        shipDate: '2025-01-04T10:00:00Z',
        orderItems: [{ orderItemId: ITEM_A, quantity: 2 }],
        createdTime: first!.createdTime,
      },
    ]);

    // Another id is another package, and Item A has nothing left for it.
    const second = await api('POST', CONFIRM, { ...valid, packageDetail: { ...whole, packageReferenceId: '2' } }, token);
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ errors: [{ code: 'InvalidInput', message: expect.stringContaining('0 left to ship') }] });
  });

  it('throttles past the burst with a 429 that carries only the request id', async () => {
    await sandbox.close();
    await start({ usagePlans: { getOrder: { rate: 0.5, burst: 2 } }, now: frozenClock });
    const token = await accessToken();
    await api('GET', GET_ORDER, undefined, token);
    await api('GET', GET_ORDER, undefined, token);

    const throttled = await api('GET', GET_ORDER, undefined, token);

    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(throttled.headers.get('x-amzn-ratelimit-limit')).toBeNull();
    expect(throttled.headers.get('retry-after')).toBeNull();
    expect(await throttled.json()).toEqual({
      errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }],
    });
  });

  it('lists packages and fulfilment only when includedData asks for them', async () => {
    const token = await accessToken();
    await api('POST', CONFIRM, valid, token);
    const order = async (query: string) =>
      ((await (await api('GET', `${GET_ORDER}${query}`, undefined, token)).json()) as { order: Record<string, unknown> }).order;

    expect(await order('')).not.toHaveProperty('packages');
    expect(await order('?includedData=FULFILLMENT,PACKAGES')).toMatchObject({
      fulfillment: { fulfillmentStatus: 'PARTIALLY_SHIPPED' },
      orderItems: [{ orderItemId: ITEM_A, fulfillment: { quantityFulfilled: 1, quantityUnfulfilled: 1 } }, { orderItemId: ITEM_B }],
      packages: [{ packageReferenceId: '1', carrier: 'UPS', trackingNumber: UPS_TRACKING, packageItems: detail.orderItems }],
    });
    expect((await api('GET', `${GET_ORDER}?includedData=EVERYTHING`, undefined, token)).status).toBe(400);
  });

  describe('orders', () => {
    const PLACED = '113-0000000-0000077';
    const tenMinutesAgo = () => new Date(Date.now() - 10 * 60_000).toISOString();
    const address = {
      Name: 'Sam Switchback',
      AddressLine1: '12 Ridge Road',
      AddressLine2: 'Unit 4',
      City: 'Bend',
      StateOrRegion: 'OR',
      PostalCode: '97701',
      CountryCode: 'US',
      Phone: '+1 541 555 0100',
    };
    const placeOrders = async () => {
      await control('/orders', {
        orderId: PLACED,
        lastUpdatedTime: tenMinutesAgo(),
        buyer: { name: 'Sam Switchback', email: 'sam@marketplace.amazon.com' },
        shippingAddress: address,
        orderItems: [{ orderItemId: '60000000000077', quantityOrdered: 1, sellerSku: 'HELMET-MX-M', title: 'MX helmet', price: '129.95' }],
      });
      await control('/orders', { orderId: '113-0000000-0000078', lastUpdatedTime: tenMinutesAgo(), orderItems: [{ quantityOrdered: 1 }] });
    };
    const json = async (response: Response) => {
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as any;
    };
    const search = (query: Record<string, string>, token?: string) =>
      api('GET', `/orders/2026-01-01/orders?${new URLSearchParams({ marketplaceIds: 'ATVPDKIKX0DER', ...query })}`, undefined, token);

    it('searchOrders gives recipient and buyer only when includedData names them, and the items always', async () => {
      await placeOrders();
      const since = { lastUpdatedAfter: new Date(Date.now() - 3_600_000).toISOString() };
      const bare = (await json(await search(since))).orders.find((o: any) => o.orderId === PLACED);
      expect(bare).not.toHaveProperty('recipient');
      expect(bare).not.toHaveProperty('buyer');
      expect(bare).not.toHaveProperty('fulfillment');
      expect(bare.orderItems).toEqual([
        expect.objectContaining({
          orderItemId: '60000000000077',
          quantityOrdered: 1,
          product: expect.objectContaining({ sellerSku: 'HELMET-MX-M', price: { unitPrice: { amount: '129.95', currencyCode: 'USD' } } }),
        }),
      ]);

      const full = (await json(await search({ ...since, includedData: 'RECIPIENT,BUYER,FULFILLMENT' }))).orders.find((o: any) => o.orderId === PLACED);
      expect(full).toMatchObject({
        buyer: { buyerName: 'Sam Switchback', buyerEmail: 'sam@marketplace.amazon.com' },
        recipient: {
          deliveryAddress: {
            name: 'Sam Switchback',
            addressLine1: '12 Ridge Road',
            addressLine2: 'Unit 4',
            city: 'Bend',
            stateOrRegion: 'OR',
            postalCode: '97701',
            countryCode: 'US',
            phone: '+1 541 555 0100',
          },
        },
        fulfillment: {
          fulfillmentStatus: 'UNSHIPPED',
          fulfilledBy: 'MERCHANT',
          fulfillmentServiceLevel: 'STANDARD',
          shipByWindow: { latestDateTime: expect.any(String) },
        },
      });
    });

    it('searchOrders stops two minutes before now, says where, and pages by a token bound to the first request’s criteria', async () => {
      await placeOrders();
      const token = await accessToken();
      const since = { lastUpdatedAfter: new Date(Date.now() - 3_600_000).toISOString(), maxResultsPerPage: '1' };
      const first = await json(await search(since, token));
      expect(first.orders).toHaveLength(1);
      expect(Date.parse(first.lastUpdatedBefore)).toBeLessThanOrEqual(Date.now() - 2 * 60_000);
      const paginationToken = first.pagination.nextToken as string;

      // The criteria must be the same; maxResultsPerPage and includedData may change.
      const moved = await search({ ...since, lastUpdatedAfter: tenMinutesAgo(), paginationToken }, token);
      expect(moved.status).toBe(400);
      expect(await moved.json()).toMatchObject({ errors: [{ code: 'InvalidInput', message: expect.stringContaining('same parameters') }] });
      const second = await json(await search({ ...since, maxResultsPerPage: '5', includedData: 'BUYER', paginationToken }, token));
      expect(second.orders).toHaveLength(1);
      expect(second).not.toHaveProperty('pagination');
      expect(second.orders[0]).toHaveProperty('buyer');
    });

    it.each([
      ['neither createdAfter nor lastUpdatedAfter', {}, 'Exactly one of createdAfter and lastUpdatedAfter'],
      ['both createdAfter and lastUpdatedAfter', { createdAfter: '2026-01-01T00:00:00Z', lastUpdatedAfter: '2026-01-01T00:00:00Z' }, 'Exactly one'],
      ['lastUpdatedBefore with createdAfter', { createdAfter: '2026-01-01T00:00:00Z', lastUpdatedBefore: '2026-01-02T00:00:00Z' }, 'may not be given'],
      ['lastUpdatedBefore within two minutes of now', { lastUpdatedAfter: '2026-01-01T00:00:00Z', lastUpdatedBefore: new Date().toISOString() }, 'two minutes'],
      ['an unknown dataset', { lastUpdatedAfter: '2026-01-01T00:00:00Z', includedData: 'RECIPIENT,ADDRESS' }, 'ADDRESS is not a valid includedData'],
    ])('searchOrders refuses %s as 400 InvalidInput', async (_case, query, message) => {
      const response = await search(query);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ code: 'InvalidInput', message: expect.stringContaining(message) }] });
    });

    it('Orders v0 getOrders, called without a Restricted Data Token, leaves out the recipient’s name, street and phone and the buyer', async () => {
      await placeOrders();
      const query = new URLSearchParams({ MarketplaceIds: 'ATVPDKIKX0DER', LastUpdatedAfter: new Date(Date.now() - 3_600_000).toISOString() });
      const { payload } = await json(await api('GET', `/orders/v0/orders?${query}`));
      const placed = payload.Orders.find((o: any) => o.AmazonOrderId === PLACED);
      expect(placed.ShippingAddress).toEqual({ City: 'Bend', StateOrRegion: 'OR', PostalCode: '97701', CountryCode: 'US' });
      expect(placed.BuyerInfo).toEqual({});
      expect(placed).toMatchObject({ OrderStatus: 'Unshipped', LatestShipDate: expect.any(String) });
      const items = await json(await api('GET', `/orders/v0/orders/${PLACED}/orderItems`));
      expect(items.payload.OrderItems).toEqual([expect.objectContaining({ OrderItemId: '60000000000077', SellerSKU: 'HELMET-MX-M', QuantityOrdered: 1 })]);
    });
  });

  it('refuses a missing token with 401 and an unknown or expired one with 403 Unauthorized', async () => {
    const token = await accessToken();
    await control('/faults', { expireTokensNow: true });

    const missing = await fetch(`${baseUrl}${GET_ORDER}`);
    expect(missing.status).toBe(401);
    for (const refused of ['Atza|not-a-token', token]) {
      const response = await api('GET', GET_ORDER, undefined, refused);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ errors: [{ code: 'Unauthorized' }] });
    }
  });
});
