import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { WEB_DIST } from '../../api/web-ui.js';
import { orders } from '../../db/schema/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { addPartsUnlimitedAccount } from '../helpers/parts-unlimited.js';
import { startStack, type Stack } from '../helpers/stack.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = 'artifacts/screenshots';

/**
 * The dealer UI in headless Chromium against the whole stack (API serving the built UI on a
 * loopback port, Temporal, worker, distributor sandboxes): sign in, drop-ship an order with a swap
 * and a validation error on the way, watch the distributor ship it, find the PO.
 */
describe('dealer web UI in a real browser', () => {
  let stack: Stack;
  let base: string;
  let browser: Browser;
  let page: Page;
  let call: ReturnType<typeof dealerApi>;
  let orderId: string;

  beforeAll(async () => {
    if (!existsSync(`${WEB_DIST}index.html`)) throw new Error('web/dist is missing: run `npm run build:web` first (`npm test` does)');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (\`npm test\` does)`);
    await mkdir(SCREENSHOTS, { recursive: true });
    stack = await startStack({ autoProcessing: false, pollIntervalMs: 1000 });
    await addPartsUnlimitedAccount(stack);
    call = dealerApi(stack.app, stack.apiKey);
    base = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

    // The helmet: WPS by preference, Parts Unlimited as the swap; the oil filter: WPS only.
    const order = await call(
      'POST',
      '/v1/orders',
      demoOrderBody('WEB-UI-1', [
        { sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 },
        { sku: 'OIL-FILTER-204', quantity: 2, unitPrice: 12.95 },
      ]),
    );
    orderId = order.body.id;
    // A part no distributor carries: its drop-ship stops for the dealer to resolve.
    const stuck = await call('POST', '/v1/orders', demoOrderBody('WEB-UI-2', [{ sku: 'NOT-CARRIED-9', quantity: 1, unitPrice: 49.95 }]));
    expect((await call('POST', `/v1/orders/${stuck.body.id}/dropships`, { mode: 'manual' })).body.phase).toBe('needs_resolution');
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const shoot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  /** The text of whatever the input's aria-describedby points at: its error message, next to it. */
  const messageOf = (input: Locator) => input.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '');

  it('serves the UI at / with an SPA fallback, and leaves API paths to the API', async () => {
    const deepLink = await fetch(`${base}/orders/${orderId}`);
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('content-type')).toContain('text/html');
    const unknownApi = await fetch(`${base}/v1/no-such-thing`, { headers: stack.auth });
    expect(unknownApi.status).toBe(404);
    expect(((await unknownApi.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await fetch(`${base}/docs/json`)).headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${base}/healthz/nope`)).headers.get('content-type')).toContain('application/json');
  });

  it('signs in, drop-ships with a swap after a field error, sees tracking arrive without reload, and finds the PO', async () => {
    await page.goto(`${base}/`);
    await shoot('01-sign-in');
    await page.getByLabel('Email').fill(stack.owner.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('The email or password is wrong.').waitFor();
    await page.getByLabel('Password').fill(stack.owner.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    // The orders list: the open order offers Dropship, the stuck one Resolve with its reason.
    await page.getByRole('link', { name: 'WEB-UI-1' }).waitFor();
    const stuckRow = page.getByRole('row', { name: /WEB-UI-2/ });
    await stuckRow.getByRole('link', { name: 'Resolve' }).waitFor();
    expect(await stuckRow.textContent()).toMatch(/NOT-CARRIED-9/);
    await page.getByRole('button', { name: 'Dropship order WEB-UI-1' }).waitFor();
    await shoot('02-orders');
    await page.setViewportSize({ width: 820, height: 1180 });
    await shoot('02-orders-tablet');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('link', { name: 'WEB-UI-1' }).click();
    await page.getByRole('heading', { name: /Order WEB-UI-1/ }).waitFor();
    await page.getByRole('button', { name: 'Dropship' }).click();
    const dialog = page.getByRole('dialog', { name: 'Drop-ship order WEB-UI-1' });
    const wpsPoNumber = dialog.getByLabel('PO number for Western Power Sports');
    await wpsPoNumber.waitFor();
    expect(await wpsPoNumber.inputValue()).toMatch(/-W$/);
    expect(await dialog.getByLabel('Street address').inputValue()).toBe('123 Main St');
    await shoot('03-dropship-dialog');

    // A blank city is refused by the API's request validation: the message sits at the City input.
    await dialog.getByLabel('City', { exact: true }).fill('');
    await dialog.getByRole('button', { name: 'Place purchase orders' }).click();
    await eventually(async () => (await messageOf(dialog.getByLabel('City', { exact: true }))) || undefined, 'the City error');
    expect(await messageOf(dialog.getByLabel('City', { exact: true }))).toBe('City is required');
    await shoot('04-dropship-field-error');
    await dialog.getByLabel('City', { exact: true }).fill('Boise');

    // Without the acknowledgement the workflow refuses, and its problem lands at the checkbox.
    const acknowledgement = dialog.getByLabel('I am placing a real order with the distributor');
    await dialog.getByRole('button', { name: 'Place purchase orders' }).click();
    await eventually(async () => (await messageOf(acknowledgement)) || undefined, 'the acknowledgement error');
    expect(await messageOf(acknowledgement)).toContain('Tick "I am placing a real order with the distributor"');
    expect(await messageOf(dialog.getByLabel('City', { exact: true }))).toBe('');

    // Swap the helmet to Parts Unlimited: a second PO appears, with stock, cost and lead time shown.
    const helmetDistributor = dialog.getByLabel('Distributor for HELMET-MX-M');
    expect(await helmetDistributor.locator('option').allTextContents()).toEqual([
      'Western Power Sports — 15 in stock, $65.00, 1 day lead time',
      'Parts Unlimited — 6 in stock, $71.00, 1 day lead time',
    ]);
    await helmetDistributor.selectOption('parts_unlimited');
    const puPoNumber = dialog.getByLabel('PO number for Parts Unlimited');
    await puPoNumber.waitFor();
    await puPoNumber.fill('UI-HELMET-1');
    await acknowledgement.check();
    await shoot('05-dropship-swapped');
    await dialog.getByRole('button', { name: 'Place purchase orders' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Both POs show on the order, placed with each distributor.
    const wpsPo = await eventually(async () => {
      const detail = (await call('GET', `/v1/orders/${orderId}`)).body;
      return detail.purchaseOrders.find((po: { distributor: string }) => po.distributor === 'wps')?.poNumber as string | undefined;
    }, 'the WPS PO');
    await page.getByRole('link', { name: wpsPo }).waitFor();
    await page.getByRole('link', { name: 'UI-HELMET-1' }).waitFor();
    await eventually(async () => stack.wps.state.orders.some((o) => o.po_number === wpsPo), 'the PO at the WPS sandbox');
    await eventually(
      async () => stack.pu.state.orders.some((o: { purchase_order_number: string }) => o.purchase_order_number === 'UI-HELMET-1'),
      'the PO at the Parts Unlimited sandbox',
    );
    expect(stack.wps.state.orders.filter((o) => o.po_number === wpsPo)).toHaveLength(1);

    // WPS ships; the open page picks up the tracking number by itself.
    await page.evaluate(() => ((window as unknown as { stillSamePage: boolean }).stillSamePage = true));
    const shipped = await fetch(`${stack.wpsUrl}/_control/orders/${wpsPo}/ship`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(shipped.status).toBe(200);
    const trackingNumber = ((await shipped.json()) as any).data.order_details[0].tracking_numbers[0] as string;
    const orderTrackingLink = page.getByRole('region', { name: 'Purchase orders and shipments' }).getByRole('link', { name: trackingNumber });
    await orderTrackingLink.waitFor({ timeout: 20_000 });
    expect(await orderTrackingLink.getAttribute('href')).toContain(trackingNumber);
    expect(await page.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage)).toBe(true);
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(3);
    await shoot('06-order-detail-shipped');

    // Find the Parts Unlimited PO by its edited number.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Purchase orders' }).click();
    await page.getByRole('heading', { name: 'Purchase orders' }).waitFor();
    await page.getByLabel('PO number').fill('UI-HELMET-1');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/poNumber=UI-HELMET-1/);
    await eventually(async () => ((await page.locator('tbody tr').count()) === 1 ? true : undefined), 'one search result');
    await shoot('07-purchase-orders-search');
    await page.getByRole('link', { name: 'UI-HELMET-1' }).click();
    await page.getByRole('heading', { name: /PO UI-HELMET-1/ }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('Parts Unlimited');
    await page.locator('#history-title').waitFor();
    await eventually(async () => ((await page.locator('.timeline li').count()) > 0 ? true : undefined), 'the PO status history');
    await shoot('08-purchase-order-detail');

    // The shipped WPS PO's own page: its package with a carrier tracking link.
    await page.goto(`${base}/purchase-orders/${encodeURIComponent(wpsPo)}`);
    const trackingLink = page.getByRole('link', { name: trackingNumber });
    await trackingLink.waitFor();
    expect(await trackingLink.getAttribute('href')).toContain(trackingNumber);
    await shoot('09-purchase-order-shipped');
  });

  it('works by keyboard: skip link, the drop-ship dialog opened with Enter, closed with Escape, and cancelled', async () => {
    const order = await call('POST', '/v1/orders', demoOrderBody('WEB-UI-3'));
    await page.goto(`${base}/orders`);
    // A key pressed before the app has rendered lands on the empty page, as it would for a person.
    await page.getByRole('link', { name: 'Skip to content' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');

    const dropshipButton = page.getByRole('button', { name: 'Dropship order WEB-UI-3' });
    await dropshipButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Drop-ship order WEB-UI-3' });
    await dialog.getByLabel('PO number for Western Power Sports').waitFor();
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Reopening finds the same drop-ship; "Cancel drop-ship" ends it without ordering anything.
    await dropshipButton.focus();
    await page.keyboard.press('Enter');
    await dialog.getByLabel('PO number for Western Power Sports').waitFor();
    await dialog.getByRole('button', { name: 'Cancel drop-ship' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    // The cancel was accepted (202); the drop-ship records it a moment later.
    const detail = await eventually(async () => {
      const body = (await call('GET', `/v1/orders/${order.body.id}`)).body;
      return body.dropships.at(-1)?.status === 'cancelled' ? body : undefined;
    }, 'the drop-ship to be cancelled');
    expect(detail.dropships.map((d: { status: string }) => d.status)).toEqual(['cancelled']);
    expect(detail.purchaseOrders).toEqual([]);
  });

  it('lists what needs the dealer in the exceptions inbox, each with the action that fixes it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exceptions' }).click();
    const entry = page.getByRole('listitem').filter({ hasText: 'NOT-CARRIED-9' });
    await entry.getByRole('link', { name: 'Resolve lines for order WEB-UI-2' }).waitFor();
    await shoot('10-exceptions');
    await entry.getByRole('link', { name: 'Resolve lines for order WEB-UI-2' }).click();
    await page.getByRole('heading', { name: /Order WEB-UI-2/ }).waitFor();
    expect(await page.getByRole('row', { name: /NOT-CARRIED-9/ }).textContent()).toMatch(/needs resolution/i);
  });

  it('filters the inbox by kind and shows who resolved what, on a phone-wide screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exceptions' }).click();
      await page.getByLabel('Kind').selectOption({ label: 'Drop-ship to confirm' });
      await page.getByText('Nothing needs you right now.').waitFor();
      await page.getByLabel('Kind').selectOption({ label: 'Lines to resolve' });
      const entry = page.getByRole('listitem').filter({ hasText: 'NOT-CARRIED-9' });
      await entry.getByRole('button', { name: 'Mark dealt with' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shoot('10b-exceptions-phone');
      await entry.getByRole('button', { name: 'Mark dealt with' }).click();
      await entry.waitFor({ state: 'detached' });

      await page.getByLabel('Show').selectOption({ label: 'Resolved' });
      const resolved = page.getByRole('listitem').filter({ hasText: 'NOT-CARRIED-9' });
      await resolved.getByText(/^Marked dealt with by alex@ridgeline\.example/).waitFor();
      expect(await resolved.getByRole('button').count()).toBe(0);
      expect(new URL(page.url()).search).toBe('?kind=needs_resolution&status=resolved');
      await shoot('10c-exceptions-resolved-phone');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('shows settings: distributor accounts with readiness, write-only credentials, a connection test, and rules saved or refused per field', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Distributors' }).click();
    const wps = page.getByRole('form', { name: 'Western Power Sports account' });
    await wps.waitFor();
    expect(await wps.textContent()).toContain('ready');
    const token = wps.getByLabel('Western Power Sports api token');
    expect(await token.inputValue()).toBe('');
    expect(await token.getAttribute('type')).toBe('password');
    await wps.getByRole('button', { name: 'Test connection' }).click();
    await wps.getByText('Connection works').waitFor({ timeout: 20_000 });
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'General' }).click();
    await page.getByRole('group', { name: /website: “Standard Shipping”/ }).waitFor();
    expect(await page.getByLabel(/^Auto-processing/).isChecked()).toBe(false);

    const cutoff = page.getByLabel('Drop-ship cutoff ($)');
    await cutoff.fill('-5');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await eventually(async () => (await messageOf(cutoff)) === 'Drop-ship cutoff cannot be negative' || undefined, 'the cutoff error at its field');
    await cutoff.fill('12.5');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Inventory rules saved').waitFor();
    expect((await call('GET', '/v1/settings')).body.dropshipCutoff).toBe(12.5);

    const texasLeadTime = page.getByLabel('Lead time of Western Power Sports TX in days');
    expect(await texasLeadTime.inputValue()).toBe('3');
    await texasLeadTime.fill('1');
    await page.getByRole('row', { name: /TX/ }).getByRole('button', { name: 'Save' }).click();
    await eventually(async () => {
      const { warehouses } = (await call('GET', '/v1/warehouses')).body as { warehouses: Array<{ code: string; leadTimeDays: number }> };
      return warehouses.find((w) => w.code === 'TX')?.leadTimeDays === 1 || undefined;
    }, 'the TX lead time saved');

    // A new API key is shown once; revoking it leaves the signed-in key working.
    await page.getByLabel('New key name').fill('Warehouse tablet');
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = await page.getByRole('status').filter({ hasText: 'not shown again' }).locator('code').textContent();
    expect((await call('GET', '/v1/orders?limit=1')).status).toBe(200);
    expect((await fetch(`${base}/v1/orders?limit=1`, { headers: { authorization: `Bearer ${shown}` } })).status).toBe(200);
    await page.getByRole('button', { name: 'Revoke key Warehouse tablet' }).click();
    await page
      .getByRole('row', { name: /Warehouse tablet/ })
      .getByText(/revoked/)
      .waitFor();
    expect((await fetch(`${base}/v1/orders?limit=1`, { headers: { authorization: `Bearer ${shown}` } })).status).toBe(401);
    await shoot('11-settings');
  });

  it('sorts orders by ship-by date with the overdue one flagged, and saves handling times or refuses them at their field', async () => {
    const late = await call('POST', '/v1/orders', demoOrderBody('WEB-UI-LATE', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }]));
    await stack.db
      .update(orders)
      .set({ shipBy: new Date(Date.now() - 3_600_000) })
      .where(eq(orders.id, late.body.id));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders', exact: true }).click();
    await page.getByLabel('Sort').selectOption('ship_by');
    const firstRow = page.getByRole('row').nth(1);
    await firstRow.getByText('WEB-UI-LATE').waitFor();
    expect(await firstRow.getByText('overdue').isVisible()).toBe(true);
    expect(await page.getByRole('columnheader', { name: 'Ship by' }).isVisible()).toBe(true);
    await shoot('12-orders-by-ship-by-date');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const website = page.getByLabel('Website orders (business days)');
    expect(await website.inputValue()).toBe('2');
    await website.fill('-1');
    await page.getByRole('button', { name: 'Save handling times' }).click();
    await eventually(
      async () => (await messageOf(website)) === 'Handling time for website orders cannot be negative' || undefined,
      'the handling-time error at its field',
    );
    await website.fill('3');
    await page.getByLabel('Shopify orders (business days)').fill('1');
    await page.getByRole('button', { name: 'Save handling times' }).click();
    await page.getByText('Handling times saved').waitFor();
    expect((await call('GET', '/v1/settings')).body.handlingDays).toEqual({ website: 3, shopify: 1 });
  });
});
