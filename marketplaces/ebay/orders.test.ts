import { setTimeout as sleep } from 'node:timers/promises';
import { sandboxControl } from '../../test/helpers/adapter-scaffold.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelError } from '../types.js';
import { createEbayOrderSource } from './orders.js';
import { EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_CLIENT_SECRET, EBAY_SANDBOX_REFRESH_TOKEN, createEbaySandbox, type EbaySandbox } from './sandbox/index.js';

let sandbox: EbaySandbox;
let baseUrl: string;
/** Every URL the source asked for, query included. */
let asked: string[];

const source = (refreshToken = EBAY_SANDBOX_REFRESH_TOKEN) =>
  createEbayOrderSource({
    baseUrl,
    clientId: EBAY_SANDBOX_CLIENT_ID,
    clientSecret: EBAY_SANDBOX_CLIENT_SECRET,
    refreshToken,
    fetch: (url, init) => {
      asked.push(String(url));
      return fetch(url, init);
    },
  });

beforeEach(async () => {
  sandbox = createEbaySandbox({ maxPageSize: 2 });
  baseUrl = await sandbox.listen();
  asked = [];
});
afterEach(() => sandbox.close());

const { control } = sandboxControl(() => baseUrl);

const order = (orderId: string, extra: object = {}) =>
  control('/orders', { orderId, lineItems: [{ quantity: 2, sku: 'HELMET-MX-M', title: 'MX helmet', price: '129.95' }], ...extra });

/** A window around now, wide enough for orders created by the test. */
const windowAroundNow = () => ({ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() });

describe('eBay order source', () => {
  it('reads the orders modified in the window a page at a time, in the normalised shape', async () => {
    await order('27-20000-00001', {
      shipTo: {
        fullName: 'Jo Trail',
        companyName: 'Trail Co',
        email: 'jo@members.ebay.com',
        primaryPhone: { phoneNumber: '2085550100' },
        contactAddress: { addressLine1: '1 Main St', addressLine2: 'Apt 2', city: 'Nampa', stateOrProvince: 'ID', postalCode: '83651', countryCode: 'US' },
      },
      shippingServiceCode: 'UPSGround',
    });
    await order('27-20000-00002', { cancelled: true });
    await order('27-20000-00003', { orderPaymentStatus: 'PENDING' });
    const window = windowAroundNow();

    const first = await source().modifiedOrders(window, null);
    expect(first.orders).toHaveLength(2);
    expect(first.nextPage).toBe('2:3');
    const second = await source().modifiedOrders(window, first.nextPage);
    expect(second.orders).toHaveLength(1);
    expect(second.nextPage).toBeNull();

    const filter = new URL(asked.find((url) => url.includes('/sell/fulfillment/v1/order?'))!).searchParams.get('filter');
    expect(filter).toBe(`lastmodifieddate:[${window.from}..${window.to}]`);
    const read = new Map([...first.orders, ...second.orders].map((o) => [o.channelOrderId, o]));
    expect(read.get('27-20000-00002')).toMatchObject({ fulfilment: 'cancelled', paid: true });
    expect(read.get('27-20000-00003')).toMatchObject({ fulfilment: 'open', paid: false });
    expect(read.get('27-20000-00001')).toEqual({
      channel: 'ebay',
      channelOrderId: '27-20000-00001',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      buyer: { name: 'Jo Trail', email: 'jo@members.ebay.com', phone: '2085550100' },
      shipTo: {
        name: 'Jo Trail',
        company: 'Trail Co',
        line1: '1 Main St',
        line2: 'Apt 2',
        city: 'Nampa',
        region: 'ID',
        postalCode: '83651',
        country: 'US',
        phone: '2085550100',
      },
      shippingRateName: 'UPSGround',
      shipBy: expect.any(String),
      lines: [{ channelLineId: expect.stringMatching(/^\d+$/), sku: 'HELMET-MX-M', quantity: 2, title: 'MX helmet', unitPriceCents: 12995 }],
      fulfilment: 'open',
      paid: true,
    });
  });

  it('takes the earliest of the lines’ ship-by dates as the order’s', async () => {
    await control('/orders', {
      orderId: '27-20000-00005',
      lineItems: [
        { quantity: 1, sku: 'HELMET-MX-M', shipByDate: '2026-12-09T07:59:59.000Z' },
        { quantity: 1, sku: 'GLOVE-L', shipByDate: '2026-12-08T07:59:59.000Z' },
      ],
    });
    await order('27-20000-00006');
    const { orders } = await source().modifiedOrders(windowAroundNow(), null);
    const read = new Map(orders.map((o) => [o.channelOrderId, o]));
    expect(read.get('27-20000-00005')!.shipBy).toBe('2026-12-08T07:59:59.000Z');
    // The sandbox's default listing ships within two days of the sale.
    const created = Date.parse(read.get('27-20000-00006')!.createdAt);
    expect(Date.parse(read.get('27-20000-00006')!.shipBy!) - created).toBe(2 * 86_400_000);
  });

  it('leaves out orders last modified outside the window', async () => {
    await order('27-20000-00010', { lastModifiedDate: new Date(Date.now() - 3_600_000).toISOString() });
    await order('27-20000-00011');
    const { orders } = await source().modifiedOrders(windowAroundNow(), null);
    expect(orders.map((o) => o.channelOrderId)).toEqual(['27-20000-00011']);
  });

  it('steps back when an order leaves the window between two pages, so none is skipped', async () => {
    await order('27-20000-00021');
    await order('27-20000-00022');
    await order('27-20000-00023');
    const window = { from: new Date(Date.now() - 60_000).toISOString(), to: new Date().toISOString() };
    await sleep(5);
    const first = await source().modifiedOrders(window, null);
    const seen = first.orders.map((o) => o.channelOrderId);
    const unseen = ['27-20000-00021', '27-20000-00022', '27-20000-00023'].find((id) => !seen.includes(id));
    // Modified now, a first-page order moves past the window's end: offset 2 of the two left is past the last.
    await control(`/orders/${seen[0]}`, { cancelled: true });
    const second = await source().modifiedOrders(window, first.nextPage);
    expect(second.orders.map((o) => o.channelOrderId)).toContain(unseen);
    expect(second.nextPage).toBeNull();
  });

  it('reads a page order by order: one it cannot read is reported with its id, the rest are taken, and the page still moves on', async () => {
    await order('27-20000-00031', { served: { omit: ['lineItems'] } });
    await order('27-20000-00032', { served: { omit: ['orderPaymentStatus', 'orderFulfillmentStatus', 'lastModifiedDate', 'cancelStatus'] } });
    await order('27-20000-00033', { served: { replace: { 'lineItems.0.lineItemCost': { value: 'n/a', currency: 'USD' } } } });
    const window = windowAroundNow();

    const first = await source().modifiedOrders(window, null);
    const second = await source().modifiedOrders(window, first.nextPage);
    expect(first.nextPage).toBe('2:3');
    expect(second.nextPage).toBeNull();
    const read = [...first.orders, ...second.orders];
    expect(read.map((o) => o.channelOrderId)).toEqual(['27-20000-00032']);
    // Taken with what can be read: no payment status is not paid, no modification date is the creation date.
    expect(read[0]).toMatchObject({ fulfilment: 'open', paid: false, updatedAt: read[0]!.createdAt });
    expect([...(first.unreadable ?? []), ...(second.unreadable ?? [])].sort((a, b) => a.channelOrderId!.localeCompare(b.channelOrderId!))).toEqual([
      { channelOrderId: '27-20000-00031', problem: 'lineItems: Invalid input: expected array, received undefined' },
      { channelOrderId: '27-20000-00033', problem: 'lineItems.0.lineItemCost.value: must be an amount such as "19.95"' },
    ]);
  });

  it('reports a refused refresh token as an auth error', async () => {
    const error = await source('v^1.1#revoked')
      .modifiedOrders(windowAroundNow(), null)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ kind: 'auth', message: expect.stringContaining('Reconnect the eBay account') });
  });
});
