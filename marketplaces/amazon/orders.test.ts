import { afterEach, describe, expect, it } from 'vitest';
import { callsOf, sandboxControl } from '../../test/helpers/adapter-scaffold.js';
import { ORDER_POLLING } from '../../temporal/channel-order-schedule.js';
import { ChannelError } from '../types.js';
import { LWA_TOKEN_PATH, USAGE_PLANS } from './contract.js';
import { createAmazonOrderSource } from './orders.js';
import {
  AMAZON_SANDBOX_CLIENT_ID,
  AMAZON_SANDBOX_CLIENT_SECRET,
  AMAZON_SANDBOX_REFRESH_TOKEN,
  createAmazonSandbox,
  type AmazonSandbox,
  type AmazonSandboxOptions,
} from './sandbox/index.js';

let sandbox: AmazonSandbox;
let baseUrl: string;
/** Every URL the source asked for, query included. */
let asked: string[];

/** Nothing settles unless a test asks for Amazon's two minutes, so windows may end at or after now. */
async function start(options: AmazonSandboxOptions = {}) {
  sandbox = createAmazonSandbox({ maxPageSize: 2, settleMs: 0, ...options });
  baseUrl = await sandbox.listen();
  asked = [];
}
afterEach(() => sandbox.close());

const source = () =>
  createAmazonOrderSource({
    baseUrl,
    tokenUrl: `${baseUrl}${LWA_TOKEN_PATH}`,
    clientId: AMAZON_SANDBOX_CLIENT_ID,
    clientSecret: AMAZON_SANDBOX_CLIENT_SECRET,
    refreshToken: AMAZON_SANDBOX_REFRESH_TOKEN,
    fetch: (url, init) => {
      asked.push(String(url));
      return fetch(url, init);
    },
  });

const { control } = sandboxControl(() => baseUrl);

const order = (orderId: string, extra: object = {}) =>
  control('/orders', { orderId, orderItems: [{ quantityOrdered: 3, sellerSku: 'OIL-FILTER-204', title: 'Oil filter', price: '12.95' }], ...extra });

const windowUpToNow = () => ({ from: new Date(Date.now() - 60_000).toISOString(), to: new Date().toISOString() });

describe('Amazon order source (Orders 2026-01-01 searchOrders)', () => {
  it('pages searchOrders by paginationToken, items, recipient and buyer in one answer, in the normalised shape', async () => {
    await start();
    await order('113-2000000-0000001', { latestShipDate: '2026-12-05T07:59:59.000Z' });
    await order('113-2000000-0000002', { status: 'Pending' });
    await order('113-2000000-0000003', { status: 'Canceled' });
    const window = windowUpToNow();

    const first = await source().modifiedOrders(window, null);
    expect(first.nextPage).toEqual(expect.any(String));
    const second = await source().modifiedOrders(window, first.nextPage);
    expect(second.nextPage).toBeNull();
    const read = new Map([...first.orders, ...second.orders].map((o) => [o.channelOrderId, o]));
    expect([...read.keys()].sort()).toEqual(['113-2000000-0000001', '113-2000000-0000002', '113-2000000-0000003']);

    // One call per page, nothing else: no getOrderItems, no Orders v0, no Restricted Data Token.
    expect(callsOf(sandbox)).toEqual(['POST /auth/o2/token', 'GET /orders/2026-01-01/orders', 'POST /auth/o2/token', 'GET /orders/2026-01-01/orders']);
    const [firstQuery, secondQuery] = asked
      .filter((url) => url.includes('/orders/2026-01-01/orders?'))
      .map((url) => Object.fromEntries(new URL(url).searchParams));
    const criteria = {
      marketplaceIds: 'ATVPDKIKX0DER',
      lastUpdatedAfter: window.from,
      lastUpdatedBefore: window.to,
      fulfilledBy: 'MERCHANT',
      includedData: 'RECIPIENT,BUYER,FULFILLMENT',
    };
    expect(firstQuery).toEqual({ ...criteria, maxResultsPerPage: '100' });
    expect(secondQuery).toEqual({ ...criteria, maxResultsPerPage: '100', paginationToken: first.nextPage });

    expect(read.get('113-2000000-0000001')).toEqual({
      channel: 'amazon',
      channelOrderId: '113-2000000-0000001',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      buyer: { name: 'Robin Rider', email: 'robin@marketplace.amazon.com', phone: undefined },
      shipTo: {
        name: 'Robin Rider',
        line1: '400 Canyon Way',
        line2: undefined,
        city: 'Reno',
        region: 'NV',
        postalCode: '89501',
        country: 'US',
        phone: undefined,
      },
      shippingRateName: 'STANDARD',
      lines: [{ channelLineId: expect.stringMatching(/^\d+$/), sku: 'OIL-FILTER-204', quantity: 3, title: 'Oil filter', unitPriceCents: 1295 }],
      fulfilment: 'open',
      paid: true,
      shipBy: '2026-12-05T07:59:59.000Z',
    });
    // Amazon withholds recipient and buyer of an order that is not paid yet.
    expect(read.get('113-2000000-0000002')).toMatchObject({ paid: false, fulfilment: 'open', buyer: { name: '' }, shipTo: { name: '', line1: '', city: '' } });
    expect(read.get('113-2000000-0000003')).toMatchObject({ fulfilment: 'cancelled', paid: true });
  });

  it('reads shipped and partly shipped orders from the packages confirmed against them', async () => {
    await start();
    await order('113-2000000-0000041', { orderItems: [{ orderItemId: '61000000000041', quantityOrdered: 2 }] });
    const confirm = (packageReferenceId: string, quantity: number) =>
      fetch(`${baseUrl}/orders/v0/orders/113-2000000-0000041/shipmentConfirmation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-amz-access-token': accessToken },
        body: JSON.stringify({
          marketplaceId: 'ATVPDKIKX0DER',
          packageDetail: {
            packageReferenceId,
            carrierCode: 'UPS',
            trackingNumber: `1Z999AA1012345678${packageReferenceId}`,
            shipDate: new Date().toISOString(),
            orderItems: [{ orderItemId: '61000000000041', quantity }],
          },
        }),
      });
    const grant = await fetch(`${baseUrl}${LWA_TOKEN_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: AMAZON_SANDBOX_REFRESH_TOKEN,
        client_id: AMAZON_SANDBOX_CLIENT_ID,
        client_secret: AMAZON_SANDBOX_CLIENT_SECRET,
      }).toString(),
    });
    const accessToken = ((await grant.json()) as { access_token: string }).access_token;

    expect((await confirm('1', 1)).status).toBe(204);
    expect((await source().modifiedOrders(windowUpToNow(), null)).orders[0]).toMatchObject({ fulfilment: 'partially_shipped' });
    expect((await confirm('2', 1)).status).toBe(204);
    expect((await source().modifiedOrders(windowUpToNow(), null)).orders[0]).toMatchObject({ fulfilment: 'shipped' });
  });

  it('reports a paginationToken Amazon no longer knows as invalid, so the caller can read the window again', async () => {
    await start();
    await order('113-2000000-0000021');
    await order('113-2000000-0000022');
    await order('113-2000000-0000023');
    const window = windowUpToNow();
    const { nextPage } = await source().modifiedOrders(window, null);
    await control('/faults', { expireNextTokensNow: true });
    const error = await source()
      .modifiedOrders(window, nextPage)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ kind: 'invalid', message: expect.stringContaining('Invalid paginationToken') });
  });

  it('reports searchOrders throttling as rate-limited with the wait of one request of its plan (0.0056/s), so the poll backs off', async () => {
    await start({ usagePlans: { searchOrders: { rate: USAGE_PLANS.searchOrders.rate, burst: 1 } } });
    await source().modifiedOrders(windowUpToNow(), null);
    const error = await source()
      .modifiedOrders(windowUpToNow(), null)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 178_572 });
  });

  it('the poll schedule stays under the searchOrders plan, one page a poll', () => {
    expect(1000 / ORDER_POLLING.everyMs).toBeLessThan(USAGE_PLANS.searchOrders.rate);
  });

  describe('lastUpdatedBefore at least two minutes before the time of the request', () => {
    const AMAZON_SETTLE_MS = 2 * 60_000;
    const endingAgo = (ms: number, at = Date.now()) => ({ from: new Date(at - 30 * 60_000).toISOString(), to: new Date(at - ms).toISOString() });

    it('Amazon refuses a window ending later than that with 400 InvalidInput, read as invalid, and takes one ending just before it', async () => {
      const at = Date.now();
      await start({ settleMs: AMAZON_SETTLE_MS, now: () => new Date(at) });
      await order('113-2000000-0000031', { lastUpdatedTime: new Date(at - 10 * 60_000).toISOString() });

      const refused = await source()
        .modifiedOrders(endingAgo(AMAZON_SETTLE_MS - 1000, at), null)
        .catch((caught: unknown) => caught);
      expect(refused).toBeInstanceOf(ChannelError);
      expect(refused).toMatchObject({ kind: 'invalid', message: expect.stringContaining('at least two minutes before the time of the request') });

      const taken = await source().modifiedOrders(endingAgo(AMAZON_SETTLE_MS, at), null);
      expect(taken.orders.map((o) => o.channelOrderId)).toEqual(['113-2000000-0000031']);
    });

    it('a poll window, which ends the polling settle time before our now, is taken by an Amazon whose clock is a minute behind ours', async () => {
      const at = Date.now();
      await start({ settleMs: AMAZON_SETTLE_MS, now: () => new Date(at - 59_000) });

      await expect(source().modifiedOrders(endingAgo(ORDER_POLLING.settleMs, at), null)).resolves.toMatchObject({ orders: [] });
    });
  });
});
