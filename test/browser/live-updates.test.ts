import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { launchBrowser, shootBothWidths, signIn } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * The order page follows GET /v1/events: when the distributor ships, the page shows the PO shipped and
 * its tracking number without a reload and without polling the API meanwhile.
 */
describe('live updates in the browser', () => {
  let stack: Stack;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack({ pollIntervalMs: 1000 });
    base = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows the PO shipped on the open order page when the distributor ships it, with no periodic GETs', { timeout: 120_000 }, async () => {
    const call = dealerApi(stack.app, stack.apiKey);
    const order = (await call('POST', '/v1/orders', demoOrderBody('LIVE-UI-1'))).body;
    expect((await call('POST', `/v1/orders/${order.id}/dropships`, { mode: 'auto' })).status).toBe(201);
    const poNumber = await eventually(async () => {
      const detail = (await call('GET', `/v1/orders/${order.id}`)).body;
      const po = detail.purchaseOrders[0];
      return po && po.status !== 'submitting' ? (po.poNumber as string) : undefined;
    }, 'the PO submitted to WPS');
    await eventually(async () => stack.wps.state.orders.some((o) => o.po_number === poNumber), 'the PO at the WPS sandbox');

    await signIn(page, base, stack);
    await page.goto(`${base}/orders/${order.id}`);
    const pos = page.getByRole('region', { name: 'Purchase orders and shipments' });
    await pos.getByRole('link', { name: poNumber }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    expect(await pos.locator('.status-shipped').count()).toBe(0);

    // From here on, every GET the page makes besides the stream itself.
    const gets: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'GET' && url.pathname.startsWith('/v1/') && url.pathname !== '/v1/events') gets.push(url.pathname);
    });
    await page.evaluate(() => ((window as unknown as { stillSamePage: boolean }).stillSamePage = true));
    // Long enough that the 3 s poll this page had would have asked at least twice.
    await new Promise((resolve) => setTimeout(resolve, 7000));
    expect(gets, 'GETs while nothing changed').toEqual([]);

    const shipped = await fetch(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(shipped.status).toBe(200);
    const trackingNumber = ((await shipped.json()) as any).data.order_details[0].tracking_numbers[0] as string;
    await pos.getByRole('link', { name: trackingNumber }).waitFor({ timeout: 20_000 });
    await pos.locator('.status-shipped').first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage)).toBe(true);
    // Only reloads of this order, each after a change of it: a handful, not one every few seconds.
    expect(gets.length).toBeGreaterThan(0);
    expect(new Set(gets)).toEqual(new Set([`/v1/orders/${order.id}`]));
    expect(gets.length).toBeLessThanOrEqual(4);
    await shootBothWidths(page, 'live-order-shipped');
  });

  it('says Reconnecting while the stream is down, and reloads what the page shows once it is back', { timeout: 60_000 }, async () => {
    const gets: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'GET' && url.pathname.startsWith('/v1/') && url.pathname !== '/v1/events') gets.push(url.pathname);
    });
    // The stream drops (as when an API process restarts), and reconnecting fails for a while.
    await page.route('**/v1/events', (route) => route.abort());
    stack.app.server.closeAllConnections();
    await page.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor({ timeout: 10_000 });
    await page.unroute('**/v1/events');
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 30_000 });
    // Changes made while it was down may have been missed: the page reloads what it shows once.
    await eventually(async () => gets.length > 0 || undefined, 'the catch-up reload');
    expect(new Set(gets)).toEqual(new Set([expect.stringMatching(/^\/v1\/orders\//)]));
  });
});
