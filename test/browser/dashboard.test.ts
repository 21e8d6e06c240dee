import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { launchBrowser, shootBothWidths, signIn } from '../helpers/browser.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * The Process / Resolve dashboard in headless Chromium against the whole stack: ready and resolve rows
 * with their reasons and fixes, two ready orders drop-shipped in one action, and a PO found by part of
 * its number and by its order number; a malformed search reads as a sentence.
 */
describe('the Process / Resolve dashboard in the dealer UI', () => {
  let stack: Stack;
  let base: string;
  let browser: Browser;
  let page: Page;
  let call: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false, sandboxes: { wps: { shipOnSubmit: true } } });
    call = dealerApi(stack.app, stack.apiKey);
    for (const number of ['DASH-UI-READY-1', 'DASH-UI-READY-2']) expect((await call('POST', '/v1/orders', demoOrderBody(number))).status).toBe(201);
    const uncarried = demoOrderBody('DASH-UI-UNCARRIED', [{ sku: 'NOBODY-9', quantity: 1, unitPrice: 59 }]);
    expect((await call('POST', '/v1/orders', { ...uncarried, buyer: { name: 'Sam Kettle', email: 'sam@example.com' } })).status).toBe(201);
    base = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, base, stack);
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows ready rows with where they would go, and resolve rows with the reason and the action that fixes it', async () => {
    const ready = page.getByRole('row', { name: /DASH-UI-READY-1/ });
    await ready.getByRole('checkbox', { name: 'Select order DASH-UI-READY-1' }).waitFor();
    expect(await ready.textContent()).toContain('Ready: Western Power Sports (HELMET-MX-M × 2)');
    expect(await ready.textContent()).toContain('Jane Rider');
    expect(await ready.textContent()).toContain('$259.90');

    const resolve = page.getByRole('row', { name: /DASH-UI-UNCARRIED/ });
    await resolve.getByRole('link', { name: 'Resolve' }).waitFor();
    expect(await resolve.textContent()).toContain('No distributor in your catalog carries SKU NOBODY-9');
    expect(await resolve.getByRole('link', { name: 'Add a cross-reference in the catalog' }).getAttribute('href')).toBe('/catalog?q=NOBODY-9');
    expect(await resolve.getByRole('checkbox').count()).toBe(0);
    await shootBothWidths(page, 'dashboard');

    // Needs resolution only: the ready rows leave.
    await page.getByLabel('Needs resolution only').check();
    await eventually(async () => ((await page.getByRole('row', { name: /DASH-UI-READY-1/ }).count()) === 0 ? true : undefined), 'the ready rows filtered out');
    await page.getByRole('row', { name: /DASH-UI-UNCARRIED/ }).waitFor();
    await page.getByLabel('Needs resolution only').uncheck();
    await page.getByRole('row', { name: /DASH-UI-READY-1/ }).waitFor();

    // One search box: the buyer's name finds the order.
    await page.getByLabel('Search orders').fill('kettle');
    await page.getByRole('search', { name: 'Find orders' }).getByRole('button', { name: 'Search' }).click();
    await eventually(async () => ((await page.locator('tbody tr').count()) === 1 ? true : undefined), 'one order found');
    await page.getByRole('row', { name: /DASH-UI-UNCARRIED/ }).waitFor();
    await page.getByLabel('Search orders').fill('');
    await page.getByRole('search', { name: 'Find orders' }).getByRole('button', { name: 'Search' }).click();
    await page.getByRole('row', { name: /DASH-UI-READY-2/ }).waitFor();
  });

  it('drop-ships two ready orders in one action and says what happened to each', async () => {
    await page.getByRole('checkbox', { name: 'Select order DASH-UI-READY-1' }).check();
    await page.getByRole('checkbox', { name: 'Select order DASH-UI-READY-2' }).check();
    await page.getByRole('button', { name: 'Drop-ship 2 selected' }).click();
    // Refused until the dealer says these are real orders.
    await page.getByText('Tick "I am placing real orders with the distributors"').waitFor();
    await page.getByLabel('I am placing real orders with the distributors').check();
    await page.getByRole('button', { name: 'Drop-ship 2 selected' }).click();
    const summary = page.getByRole('status', { name: 'Drop-ship result' });
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.textContent()).toContain('2 of 2 orders drop-shipped.');
    expect(await summary.textContent()).toMatch(/DASH-UI-READY-1: purchase orders placed \(\S+-W\)/);
    await shootBothWidths(page, 'dashboard-bulk-result');
  });

  it('finds a PO by part of its PO number, in any case, and by its order number', async () => {
    const poOf = (number: string) =>
      eventually(async () => {
        const order = (await call('GET', `/v1/orders?q=${number}`)).body.orders[0];
        const pos = (await call('GET', `/v1/purchase-orders?orderId=${order.id}`)).body.purchaseOrders;
        return pos[0]?.poNumber as string | undefined;
      }, `the PO of ${number}`);
    const first = await poOf('DASH-UI-READY-1');
    const second = await poOf('DASH-UI-READY-2');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Purchase orders' }).click();
    await page.getByRole('heading', { name: 'Purchase orders' }).waitFor();
    const results = () => page.locator('tbody tr td[data-label="PO number"]').allTextContents();

    // Everything but the distributor suffix, in lower case.
    await page.getByLabel('PO number').fill(first.slice(0, first.lastIndexOf('-')).toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await eventually(async () => ((await results()).join() === first ? true : undefined), `only ${first} found by part of its number`);

    await page.getByLabel('PO number').fill('');
    await page.getByLabel('Order number').fill('dash-ui-ready-2');
    await page.getByRole('button', { name: 'Search' }).click();
    await eventually(async () => ((await results()).join() === second ? true : undefined), `${second} found by its order number`);
    await page.getByRole('link', { name: 'Order DASH-UI-READY-2' }).waitFor();
    await shootBothWidths(page, 'purchase-order-search');

    // A malformed search says what is wrong in a sentence, never as a field path.
    await page.getByLabel('Order number').fill('X'.repeat(65));
    await page.getByRole('button', { name: 'Search' }).click();
    const banner = page.getByRole('alert');
    await banner.getByText('Order must be an order ID or an order number.').waitFor();
    expect(await page.getByRole('main').textContent()).not.toContain('querystring');
  });
});
