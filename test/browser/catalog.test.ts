import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { launchBrowser, messageOf, shootBothWidths, signIn } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * A line no distributor carries, resolved in the dealer UI against the whole stack: from the order,
 * "Fix in catalog" opens the catalog on that SKU; the dealer finds WPS's part, links it (a refused
 * link is said at its field), routes the order again and places the PO.
 */
describe('resolving an unroutable line in the catalog screen', () => {
  let stack: Stack;
  let base: string;
  let browser: Browser;
  let page: Page;
  let api: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false });
    api = dealerApi(stack.app, stack.apiKey);
    base = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, base, stack);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('links the SKU from the order through the catalog, routes the order again and places its PO', { timeout: 120_000 }, async () => {
    const order = await api('POST', '/v1/orders', demoOrderBody('WEB-CATALOG-1', [{ sku: 'RIDGE-HELMET-M', quantity: 1, unitPrice: 139 }]));
    const stuck = await api('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'manual' });
    expect(stuck.body.phase).toBe('needs_resolution');

    await page.goto(`${base}/orders/${order.body.id}`);
    await page.getByText('No distributor in your catalog carries SKU RIDGE-HELMET-M').waitFor();
    await page.getByRole('link', { name: 'Fix in catalog' }).click();
    await page.getByRole('heading', { name: 'Catalog' }).waitFor();
    await page.getByText('Nothing in your catalog matches “RIDGE-HELMET-M”').waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('RIDGE-HELMET-M');

    await page.getByRole('searchbox', { name: 'Search' }).fill('mx helmet');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: 'Open 87-9934' }).click();
    const item = page.getByRole('region', { name: 'Western Power Sports 87-9934' });
    await item.getByText('Boise, ID (ID)').waitFor();
    await shootBothWidths(page, 'catalog-item');

    // The feed's own SKU needs no link: refused at the field, in a sentence.
    const sku = item.getByRole('textbox', { name: 'Your SKU', exact: true });
    expect(await sku.inputValue()).toBe('RIDGE-HELMET-M');
    await sku.fill('HELMET-MX-M');
    await item.getByRole('button', { name: 'Save link' }).click();
    await eventually(async () => (await sku.getAttribute('aria-invalid')) === 'true', 'the refusal at the field');
    expect(await messageOf(sku)).toBe("Western Power Sports's feed already maps 87-9934 to your SKU HELMET-MX-M; no link is needed");

    await sku.fill('RIDGE-HELMET-M');
    await item.getByRole('button', { name: 'Save link' }).click();
    await item.getByText('Your SKU RIDGE-HELMET-M is now fulfilled by Western Power Sports 87-9934.').waitFor();
    await item.getByText('(linked by alex@ridgeline.example').waitFor();
    await shootBothWidths(page, 'catalog-linked');

    await item.getByRole('button', { name: 'Route order again' }).click();
    await page.getByRole('heading', { name: /Order WEB-CATALOG-1/ }).waitFor();
    await page.getByRole('button', { name: 'Review drop-ship' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('PO number for Western Power Sports').waitFor();
    await dialog.getByLabel('I am placing a real order with the distributor').check();
    await dialog.getByRole('button', { name: 'Place purchase orders' }).click();

    const po = await eventually(async () => {
      const detail = await api('GET', `/v1/orders/${order.body.id}`);
      const placed = detail.body.purchaseOrders[0];
      return placed && placed.status !== 'pending' ? placed : null;
    }, 'the PO placed with WPS');
    expect(po).toMatchObject({ distributor: 'wps', lines: [expect.objectContaining({ dealerSku: 'RIDGE-HELMET-M', distributorSku: '87-9934' })] });
    await page.getByRole('link', { name: po.poNumber }).waitFor();
    await shootBothWidths(page, 'catalog-order-placed');
  });
});
