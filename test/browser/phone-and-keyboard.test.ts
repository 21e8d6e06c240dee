import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { expectNoSidewaysScroll, launchBrowser, PHONE, shootBothWidths, signIn } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { startStack, type Stack } from '../helpers/stack.js';

interface PoAnswer {
  poNumber: string;
  status: string;
  shipments: Array<{ shippedOn: string | null }>;
}

/**
 * The pages a dealer works a PO from, on a 390 px phone and by keyboard alone (issue 14): nothing
 * scrolls sideways, the drop-ship dialog keeps focus where the dealer is working, and a WPS ship
 * date (a day without a time) shows as that day for a dealer in Los Angeles, in a browser set to
 * another time zone.
 */
describe('phone-sized screens and the keyboard', () => {
  let stack: Stack;
  let base: string;
  let browser: Browser;
  let page: Page;
  let call: ReturnType<typeof dealerApi>;
  let openOrderId: string;
  let shippedPo: PoAnswer;
  let placedPo: string;
  let shippedOrderId: string;

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false, pollIntervalMs: 1000 });
    call = dealerApi(stack.app, stack.apiKey);
    expect((await call('PATCH', '/v1/settings', { timeZone: 'America/Los_Angeles' })).status).toBe(200);
    base = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    // The browser's own zone is not the dealer's: every time shown must follow the dealer's setting.
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Berlin' });

    const open = await call('POST', '/v1/orders', demoOrderBody('WEB-PHONE-1', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }]));
    openOrderId = open.body.id;
    // A part no distributor carries: an exception for the inbox.
    const stuck = await call('POST', '/v1/orders', demoOrderBody('WEB-PHONE-2', [{ sku: 'NOT-CARRIED-9', quantity: 1, unitPrice: 49.95 }]));
    expect((await call('POST', `/v1/orders/${stuck.body.id}/dropships`, { mode: 'manual' })).body.phase).toBe('needs_resolution');
    // An order WPS ships, for the PO pages and the ship date.
    const shipped = await call('POST', '/v1/orders', demoOrderBody('WEB-PHONE-3', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }]));
    shippedOrderId = shipped.body.id;
    const dropship = await call('POST', `/v1/orders/${shipped.body.id}/dropships`, { mode: 'auto' });
    const poNumber = await eventually(
      async () => {
        const list = await call('GET', `/v1/purchase-orders?orderId=${shipped.body.id}`);
        return (list.body.purchaseOrders as PoAnswer[] | undefined)?.find((po) => po.status === 'submitted' || po.status === 'accepted')?.poNumber;
      },
      `the PO of drop-ship ${dropship.body.id as string} to be placed`,
    );
    // And one WPS has accepted but not shipped: its PO offers a cancellation.
    const placed = await call('POST', '/v1/orders', demoOrderBody('WEB-PHONE-4', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }]));
    await call('POST', `/v1/orders/${placed.body.id}/dropships`, { mode: 'auto' });
    placedPo = await eventually(async () => {
      const list = await call('GET', `/v1/purchase-orders?orderId=${placed.body.id}`);
      return (list.body.purchaseOrders as Array<PoAnswer & { actions: string[] }> | undefined)?.find((po) => po.actions.includes('request_cancellation'))
        ?.poNumber;
    }, 'the second PO to be placed');
    const control = await fetch(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ packages: [{ items: [{ sku: '87-9934', quantity: 1 }] }] }),
    });
    expect(control.status).toBe(200);
    shippedPo = await eventually(async () => {
      const po = (await call('GET', `/v1/purchase-orders/${encodeURIComponent(poNumber)}`)).body as PoAnswer;
      return po.shipments.length > 0 ? po : undefined;
    }, `PO ${poNumber} to record its package`);

    await signIn(page, base, stack);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return {
        label: el?.id ? (document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent ?? '') : '',
        text: el?.textContent ?? '',
        inDialog: el?.closest('dialog') !== null,
        tag: el?.tagName.toLowerCase() ?? '',
      };
    });

  it('shows the order, PO, PO list and exceptions pages at 390 px without sideways scrolling', async () => {
    const pages: Array<[string, string, RegExp]> = [
      ['phone-order', `/orders/${openOrderId}`, /Order WEB-PHONE-1/],
      ['phone-purchase-order', `/purchase-orders/${encodeURIComponent(shippedPo.poNumber)}`, new RegExp(`PO ${shippedPo.poNumber}`)],
      ['phone-purchase-orders', '/purchase-orders', /Purchase orders/],
      ['phone-exceptions', '/exceptions', /Exceptions/],
    ];
    for (const [name, path, heading] of pages) {
      await page.goto(`${base}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page
        .getByRole('main')
        .getByText(/Loading/)
        .waitFor({ state: 'detached' });
      await shootBothWidths(page, name);
    }
  });

  it('opens a PO action confirmation by keyboard with focus inside it, and Escape returns focus to the action', async () => {
    await page.goto(`${base}/purchase-orders/${encodeURIComponent(placedPo)}`);
    const action = page.getByRole('button', { name: 'Request cancellation' });
    await action.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: `Request cancellation: PO ${placedPo}` }).waitFor();
    expect((await focused()).label).toBe('Reason (optional, kept in the audit trail)');
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: `Request cancellation: PO ${placedPo}` }).waitFor({ state: 'detached' });
    expect((await focused()).text).toBe('Request cancellation');
  });

  it('keeps focus in a PO action confirmation the API refused, on the refusal', async () => {
    // The page keeps seeing the PO as it first loaded, so it still offers the cancellation someone else just requested.
    let firstAnswer: string | undefined;
    const poPath = `**/v1/purchase-orders/${encodeURIComponent(placedPo)}`;
    const stale = async (route: Route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      firstAnswer ??= await response.text();
      await route.fulfill({ response, body: firstAnswer });
    };
    // A poll still in flight when the test moves on finds its route gone: nothing is left to answer.
    await page.route(poPath, (route) => stale(route).catch(() => undefined));
    try {
      await page.goto(`${base}/purchase-orders/${encodeURIComponent(placedPo)}`);
      await page.getByRole('button', { name: 'Request cancellation' }).focus();
      await page.keyboard.press('Enter');
      const panel = page.getByRole('region', { name: `Request cancellation: PO ${placedPo}` });
      await panel.waitFor();
      expect((await call('POST', `/v1/purchase-orders/${encodeURIComponent(placedPo)}/cancellation`, {})).status).toBe(202);

      await page.keyboard.press('Tab');
      expect((await focused()).text).toBe('Ask to cancel');
      await page.keyboard.press('Enter');
      await panel.getByRole('alert').waitFor();
      const refusal = await focused();
      expect(refusal.text).toBe('Cancellation of this purchase order has already been requested');
      expect(refusal.tag).toBe('p');
      await page.keyboard.press('Escape');
      expect((await focused()).text).toBe('Request cancellation');
    } finally {
      await page.unroute(poPath);
    }
  });

  it('drop-ships by keyboard: focus starts on the first field, stays in the dialog after a refusal, returns to Dropship on Escape', async () => {
    await page.goto(`${base}/orders/${openOrderId}`);
    const opener = page.getByRole('button', { name: 'Dropship' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Drop-ship order WEB-PHONE-1' });
    await dialog.getByLabel('PO number for Western Power Sports').waitFor();
    await eventually(async () => ((await focused()).label === 'PO number for Western Power Sports' ? true : undefined), 'focus on the first field');

    // On a phone the dialog's fields stack, and nothing in it scrolls sideways.
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    const [poBox, methodBox] = await Promise.all([
      dialog.getByLabel('PO number for Western Power Sports').boundingBox(),
      dialog.getByText('Shipping method').boundingBox(),
    ]);
    expect(methodBox!.y).toBeGreaterThan(poBox!.y);
    await page.screenshot({ path: 'artifacts/screenshots/phone-dropship-dialog-390.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Enter in the field submits; without the acknowledgement the workflow refuses, and focus goes to the field in error.
    await page.keyboard.press('Enter');
    await dialog.getByText(/Tick "I am placing a real order/).waitFor();
    await eventually(
      async () => ((await focused()).label === 'I am placing a real order with the distributor' ? true : undefined),
      'focus on the acknowledgement',
    );
    expect((await focused()).inDialog).toBe(true);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The dialog hands focus back as it unmounts, in an effect's cleanup that runs just after the DOM change.
    const back = await eventually(async () => {
      const now = await focused();
      return now.tag === 'body' ? undefined : now;
    }, 'focus back on the page');
    expect(back.tag).toBe('button');
    expect(back.text).toMatch(/^(Dropship|Review drop-ship)$/);
  });

  it('shows a WPS ship date as that calendar day for a dealer in Los Angeles, and times in the dealer’s zone', async () => {
    const day = shippedPo.shipments[0]!.shippedOn!;
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const asDay = (iso: string) => new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${iso}T00:00:00Z`));
    const dayBefore = new Date(`${day}T00:00:00Z`);
    dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);

    await page.goto(`${base}/purchase-orders/${encodeURIComponent(shippedPo.poNumber)}`);
    const packageRow = page.getByRole('region', { name: 'Packages' }).getByRole('row').nth(1);
    await packageRow.waitFor();
    const shippedCell = await packageRow.locator('td[data-label="Shipped"]').textContent();
    expect(shippedCell).toBe(asDay(day));
    expect(shippedCell).not.toBe(asDay(dayBefore.toISOString().slice(0, 10)));
    // The submitted time is in the dealer's zone (Pacific), not the browser's (Berlin).
    expect(await page.getByRole('main').textContent()).toMatch(/P[SD]T/);
    expect(await page.getByRole('main').textContent()).not.toMatch(/GMT\+1|CET/);

    // The order page names the same day for the package.
    await page.goto(`${base}/orders/${shippedOrderId}`);
    const packages = page.getByRole('region', { name: 'Purchase orders and shipments' }).getByRole('listitem');
    await packages.first().waitFor();
    expect(await packages.first().textContent()).toContain(`shipped ${asDay(day)}`);
  });
});
