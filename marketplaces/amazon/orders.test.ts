import { afterEach, describe, expect, it } from 'vitest';
import { sandboxControl } from '../../test/helpers/adapter-scaffold.js';
import { ORDER_POLLING } from '../../temporal/channel-order-schedule.js';
import { ChannelError } from '../types.js';
import { LWA_TOKEN_PATH } from './contract.js';
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
const getOrderItemsCalls = () => sandbox.state.requests.filter((r) => r.path.endsWith('/orderItems')).length;

describe('Amazon order source', () => {
  it('pages getOrders by NextToken and reads each order’s items, in the normalised shape', async () => {
    await start();
    await order('113-2000000-0000001', { latestShipDate: '2026-12-09T07:59:59Z' });
    await order('113-2000000-0000002', { status: 'Pending' });
    await order('113-2000000-0000003', { status: 'Canceled' });
    const window = windowUpToNow();

    const first = await source().modifiedOrders(window, null);
    expect(first.nextPage).toEqual(expect.any(String));
    const second = await source().modifiedOrders(window, first.nextPage);
    expect(second.nextPage).toBeNull();
    const read = new Map([...first.orders, ...second.orders].map((o) => [o.channelOrderId, o]));
    expect([...read.keys()].sort()).toEqual(['113-2000000-0000001', '113-2000000-0000002', '113-2000000-0000003']);

    const query = new URL(asked.find((url) => url.includes('/orders/v0/orders?'))!).searchParams;
    expect(Object.fromEntries(query)).toMatchObject({
      MarketplaceIds: 'ATVPDKIKX0DER',
      LastUpdatedAfter: window.from,
      LastUpdatedBefore: window.to,
      FulfillmentChannels: 'MFN',
    });
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
      shippingRateName: 'Std US D2D Dom',
      shipBy: '2026-12-09T07:59:59Z',
      lines: [{ channelLineId: expect.stringMatching(/^\d+$/), sku: 'OIL-FILTER-204', quantity: 3, title: 'Oil filter', unitPriceCents: 1295 }],
      fulfilment: 'open',
      paid: true,
    });
    // Amazon withholds the address of an order that is not paid yet.
    expect(read.get('113-2000000-0000002')).toMatchObject({ paid: false, fulfilment: 'open', shipTo: { name: '', line1: '' } });
    expect(read.get('113-2000000-0000003')).toMatchObject({ fulfilment: 'cancelled' });
  });

  it('waits out a throttled getOrderItems inside the page instead of failing it', async () => {
    await start({ usagePlans: { getOrderItems: { rate: 20, burst: 1 } } });
    await order('113-2000000-0000011');
    await order('113-2000000-0000012');
    const { orders } = await source().modifiedOrders(windowUpToNow(), null);
    expect(orders.map((o) => o.lines.length)).toEqual([1, 1]);
    expect(getOrderItemsCalls()).toBeGreaterThan(2);
  });

  it('reports a NextToken Amazon no longer knows as invalid, so the caller can read the window again', async () => {
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
    expect(error).toMatchObject({ kind: 'invalid', message: expect.stringContaining('Invalid NextToken') });
  });

  it('reports getOrders throttling with the wait its usage plan implies', async () => {
    await start({ usagePlans: { getOrders: { rate: 0.0167, burst: 1 } } });
    await source().modifiedOrders(windowUpToNow(), null);
    const error = await source()
      .modifiedOrders(windowUpToNow(), null)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 59_881 });
  });

  describe('LastUpdatedBefore at least two minutes before now', () => {
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
      expect(refused).toMatchObject({ kind: 'invalid', message: expect.stringContaining('at least 2 minutes before the current time') });

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
