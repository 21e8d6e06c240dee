import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../api/web-ui.js';
import { PU_SANDBOX_API_KEY, PU_SANDBOX_DEALER_NUMBER } from '../../distributors/parts-unlimited/sandbox/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { addAutomaticAccount } from '../helpers/automatic.js';
import { eventually } from '../helpers/eventually.js';
import { addPartsUnlimitedAccount } from '../helpers/parts-unlimited.js';
import { signIn } from '../helpers/browser.js';
import { startStack, type Stack } from '../helpers/stack.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = 'artifacts/screenshots';

interface PoAnswer {
  poNumber: string;
  distributor: string;
  status: string;
  actions: string[];
  reroutedFrom: string | null;
  reroutedTo: string[];
  cancellation: { via: string | null; note: string | null; reason: string | null; requestedBy: string } | null;
  lines: Array<{ dealerSku: string; quantity: number; cancelledQty: number; reroutedQty: number; cancelState: string | null }>;
}

/**
 * A dealer resolves purchase orders in the UI, in headless Chromium against the whole stack: a PO
 * Parts Unlimited refused (its account is on credit hold) is re-routed from its exception to Western
 * Power Sports; POs are cancelled through Automatic Distributors' cancel API and, at WPS, which has
 * none, as a task; a refused action is said in the API's words; a refused PO is retried once the
 * account is settled (issue 13).
 */
describe('resolving purchase orders in the dealer UI', () => {
  let stack: Stack;
  let base: string;
  let browser: Browser;
  let page: Page;
  let call: ReturnType<typeof dealerApi>;
  // Parts Unlimited refuses every order of this account while it is on credit hold.
  const puAccounts = { [PU_SANDBOX_API_KEY]: { dealerNumber: PU_SANDBOX_DEALER_NUMBER, onHold: true } };
  /** The PO Parts Unlimited refused in the first test, and the WPS PO its re-route placed. */
  let refusedFirst: string;
  let reroutedPo: string;

  beforeAll(async () => {
    if (!existsSync(`${WEB_DIST}index.html`)) throw new Error('web/dist is missing: run `npm run build:web` first (`npm test` does)');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (\`npm test\` does)`);
    await mkdir(SCREENSHOTS, { recursive: true });
    stack = await startStack({
      autoProcessing: false,
      pollIntervalMs: 1000,
      sandboxes: { parts_unlimited: { accounts: puAccounts } },
    });
    await addPartsUnlimitedAccount(stack);
    await addAutomaticAccount(stack, [{ dealerSku: 'BRAKE-LEVER-A', distributorSku: '171-1042', costCents: 2100, quantity: 9 }]);
    call = dealerApi(stack.app, stack.apiKey);
    base = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, base, stack);
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const shoot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  const purchaseOrder = async (poNumber: string) => (await call('GET', `/v1/purchase-orders/${encodeURIComponent(poNumber)}`)).body as PoAnswer;
  const poWhere = (poNumber: string, what: string, holds: (po: PoAnswer) => boolean) =>
    eventually(
      async () => {
        const po = await purchaseOrder(poNumber);
        return holds(po) ? po : undefined;
      },
      () => `PO ${poNumber} ${what}`,
    );
  /** True when nothing on the page is wider than the window, so the dealer never scrolls sideways. */
  const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  /** A PO of one helmet placed at Parts Unlimited (WPS, with 15 in stock, is routing's own choice), which refuses it: its PO number once failed. */
  async function refusedAtPartsUnlimited(channelOrderId: string) {
    const order = await call('POST', '/v1/orders', demoOrderBody(channelOrderId, [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }]));
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'manual' });
    const lineId = started.body.plan.lines[0].lineId as string;
    expect((await call('POST', `/v1/dropships/${started.body.id}/swap-line`, { lineId, distributor: 'parts_unlimited' })).status).toBe(202);
    expect((await call('POST', `/v1/dropships/${started.body.id}/confirm`, { acknowledged: true })).status).toBe(202);
    const poNumber = await eventually(async () => {
      const detail = (await call('GET', `/v1/orders/${order.body.id}`)).body;
      return detail.purchaseOrders.find((po: PoAnswer) => po.distributor === 'parts_unlimited')?.poNumber as string | undefined;
    }, 'the Parts Unlimited PO');
    await poWhere(poNumber, 'to fail', (po) => po.status === 'failed');
    return poNumber;
  }

  it('re-routes a PO Parts Unlimited refused: from the exception to the PO, through the drop-ship dialog, to a new PO at WPS linked both ways', async () => {
    const refusedPo = await refusedAtPartsUnlimited('WEB-PO-1');
    const refused = await purchaseOrder(refusedPo);
    expect(refused.actions).toContain('reroute');
    expect(stack.pu.state.orders).toEqual([]);

    // The dealer finds it in the inbox and follows the exception to the PO.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exceptions' }).click();
    const entry = page.getByRole('listitem').filter({ hasText: refusedPo });
    await entry.getByRole('link', { name: `Re-route PO ${refusedPo}` }).waitFor();
    await shoot('po-actions-01-exception');
    await entry.getByRole('link', { name: `Re-route PO ${refusedPo}` }).click();
    await page.getByRole('heading', { name: new RegExp(`PO ${refusedPo}`) }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('credit hold');
    await shoot('po-actions-02-refused-po');

    // Re-route: first what will happen, then the drop-ship dialog with the new PO number and why not Parts Unlimited.
    await page.getByRole('button', { name: 'Re-route to another distributor' }).click();
    const confirmation = page.getByRole('region', { name: `Re-route to another distributor: PO ${refusedPo}` });
    expect(await confirmation.textContent()).toContain('Dropline routes the lines Parts Unlimited refused again, without Parts Unlimited');
    await shoot('po-actions-03-reroute-confirmation');
    await confirmation.getByRole('button', { name: 'Route again' }).click();
    const dialog = page.getByRole('dialog', { name: `Re-route PO ${refusedPo}` });
    const wpsPoNumber = dialog.getByLabel('PO number for Western Power Sports');
    await wpsPoNumber.waitFor();
    const newPo = await wpsPoNumber.inputValue();
    expect(newPo).toMatch(/^DL\d+R1-W$/);
    expect(await dialog.getByText(/^Not Parts Unlimited:/).textContent()).toContain(
      `Parts Unlimited refused to submit PO ${refusedPo}: Dealer account 100234 is on credit hold`,
    );
    expect(await dialog.getByLabel('Distributor for HELMET-MX-M').locator('option').allTextContents()).toEqual([
      'Western Power Sports — 15 in stock, $65.00, 1 day lead time',
    ]);
    await shoot('po-actions-04-reroute-dialog');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await dialog.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/po-actions-04-reroute-dialog-phone.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await dialog.getByLabel('I am placing a real order with the distributor').check();
    await dialog.getByRole('button', { name: 'Place purchase orders' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The old PO links to the new one, placed once at WPS, which links back.
    const newPoLink = page.getByRole('link', { name: newPo });
    await newPoLink.waitFor({ timeout: 20_000 });
    await eventually(async () => stack.wps.state.orders.some((o) => o.po_number === newPo), 'the new PO at the WPS sandbox');
    const old = await poWhere(refusedPo, 'to link the new PO', (po) => po.reroutedTo.includes(newPo));
    expect(old).toMatchObject({ status: 'failed', reroutedTo: [newPo], lines: [expect.objectContaining({ reroutedQty: 1 })] });
    expect(old.actions).not.toContain('reroute');
    await shoot('po-actions-05-refused-po-rerouted');
    await newPoLink.click();
    await page.getByRole('heading', { name: new RegExp(`PO ${newPo}`) }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('Western Power Sports');
    await page.getByRole('link', { name: refusedPo }).waitFor();
    expect(await purchaseOrder(newPo)).toMatchObject({ distributor: 'wps', reroutedFrom: refusedPo, lines: [expect.objectContaining({ quantity: 1 })] });
    expect(stack.wps.state.orders.filter((o) => o.po_number === newPo)).toHaveLength(1);
    expect(stack.pu.state.orders).toEqual([]);
    await shoot('po-actions-06-new-po');
    refusedFirst = refusedPo;
    reroutedPo = newPo;

    // On a phone the page still fits, actions and all.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Request cancellation' }).waitFor();
    expect(await fitsWidth()).toBe(true);
    await shoot('po-actions-07-new-po-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('asks Automatic Distributors to cancel a submitted PO from the order page on a phone, and shows the lines cancelled through its API', async () => {
    const order = await call('POST', '/v1/orders', demoOrderBody('WEB-PO-2', [{ sku: 'BRAKE-LEVER-A', quantity: 2, unitPrice: 39.95 }]));
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    expect(started.status).toBe(201);
    const poNumber = await eventually(async () => {
      const detail = (await call('GET', `/v1/orders/${order.body.id}`)).body;
      return detail.purchaseOrders[0]?.poNumber as string | undefined;
    }, 'the Automatic PO');
    await poWhere(poNumber, 'to be cancellable', (po) => po.actions.includes('request_cancellation'));
    expect(stack.automatic.state.orders.filter((o) => o.header.ponumber === poNumber)).toHaveLength(1);

    // On a phone, from the order page.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/orders/${order.body.id}`);
    const pos = page.getByRole('region', { name: 'Purchase orders and shipments' });
    await pos.getByRole('button', { name: 'Request cancellation' }).click();
    const confirmation = pos.getByRole('region', { name: `Request cancellation: PO ${poNumber}` });
    expect(await confirmation.textContent()).toContain(`Dropline asks Automatic Distributors to cancel what has not shipped on PO ${poNumber}`);
    await confirmation.getByLabel(/^Reason/).fill('Buyer changed their mind');
    await shoot('po-actions-08-cancel-confirmation-phone');
    await confirmation.getByRole('button', { name: 'Ask to cancel' }).click();
    await confirmation.waitFor({ state: 'detached' });

    // Automatic's cancel API is called once; the next report shows both units cancelled.
    const cancelled = await poWhere(poNumber, 'to have its line cancelled', (po) => po.lines.every((l) => l.cancelState === 'cancelled'));
    expect(cancelled.cancellation).toMatchObject({ via: 'api', reason: 'Buyer changed their mind', requestedBy: 'alex@ridgeline.example' });
    expect(cancelled.lines).toEqual([expect.objectContaining({ cancelledQty: 2 })]);
    expect(stack.automatic.state.requests.filter((r) => r.path.endsWith('/order/revoke'))).toHaveLength(1);
    await pos.getByText("Cancelled as requested through the distributor's cancel API", { exact: true }).waitFor({ timeout: 20_000 });
    expect(await pos.textContent()).toContain('BRAKE-LEVER-A: 2 cancelled; cancelled as requested');
    expect(await pos.getByRole('button', { name: 'Request cancellation' }).count()).toBe(0);
    expect(await fitsWidth()).toBe(true);
    await shoot('po-actions-09-order-cancelled-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    await pos.getByRole('link', { name: poNumber }).click();
    await page.getByRole('heading', { name: new RegExp(`PO ${poNumber}`) }).waitFor();
    const cells = page.getByRole('row', { name: /BRAKE-LEVER-A/ }).getByRole('cell');
    expect(await cells.allTextContents()).toEqual(['BRAKE-LEVER-A', '171-1042', '2', '0', '2', 'cancelled as requested']);
    expect(await page.getByRole('main').textContent()).toContain('“Buyer changed their mind”');
    await shoot('po-actions-10-po-cancelled');
  });

  it("closes the refused PO's exception once its lines are placed at WPS: the inbox no longer lists it", async () => {
    const resolved = await eventually(
      async () => {
        const { exceptions } = (await call('GET', '/v1/exceptions?status=resolved&limit=200')).body as {
          exceptions: Array<{ kind: string; poNumber: string }>;
        };
        return exceptions.find((e) => e.kind === 'po_failed' && e.poNumber === refusedFirst);
      },
      `the po_failed exception of ${refusedFirst} to close itself after its re-route`,
      20_000,
    );
    expect(resolved).toBeTruthy();
    await page.goto(`${base}/exceptions`);
    await page.getByRole('heading', { name: 'Exceptions' }).waitFor();
    await page
      .getByText(/Nothing needs you right now|Raised/)
      .first()
      .waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: refusedFirst }).count()).toBe(0);
  });

  it('turns a cancellation at WPS, which has no cancel API, into a task with what to ask, reconciled when WPS reports the cancel', async () => {
    await page.goto(`${base}/purchase-orders/${encodeURIComponent(reroutedPo)}`);
    await page.getByRole('button', { name: 'Request cancellation' }).click();
    const confirmation = page.getByRole('region', { name: `Request cancellation: PO ${reroutedPo}` });
    await confirmation.getByRole('button', { name: 'Ask to cancel' }).click();
    await confirmation.waitFor({ state: 'detached' });

    const requested = await poWhere(reroutedPo, 'to know how its cancellation is asked for', (po) => !!po.cancellation?.via);
    expect(requested.cancellation).toMatchObject({ via: 'task', reason: null });
    expect(requested.cancellation!.note).toBeTruthy();
    expect(requested.lines).toEqual([expect.objectContaining({ cancelState: 'requested' })]);
    const cancellation = page.getByRole('definition').filter({ hasText: 'Cancellation requested, a task for you' });
    await cancellation.waitFor({ timeout: 20_000 });
    expect(await cancellation.textContent()).toContain(requested.cancellation!.note!);
    expect(await page.getByRole('row', { name: /HELMET-MX-M/ }).textContent()).toContain('cancellation requested');
    await shoot('po-actions-11-cancel-task');

    // The dealer phoned WPS, which cancels it; the next status poll closes the request, and the page shows it.
    const cancelledAtWps = await fetch(`${stack.wpsUrl}/_control/orders/${reroutedPo}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(cancelledAtWps.status).toBe(200);
    await poWhere(reroutedPo, 'to have its line cancelled', (po) => po.lines.every((l) => l.cancelState === 'cancelled'));
    await page.getByRole('definition').filter({ hasText: 'Cancelled as requested, a task for you' }).waitFor({ timeout: 20_000 });
    const cells = page.getByRole('row', { name: /HELMET-MX-M/ }).getByRole('cell');
    await eventually(async () => (await cells.count()) === 6, 'the Cancelled column');
    expect(await cells.allTextContents()).toEqual(['HELMET-MX-M', '87-9934', '1', '0', '1', 'cancelled as requested']);
    await shoot('po-actions-12-cancel-task-reconciled');
  });

  it("shows the API's refusal in the dealer's words when the PO changed while the page was open", async () => {
    const order = await call('POST', '/v1/orders', demoOrderBody('WEB-PO-3', [{ sku: 'BRAKE-LEVER-A', quantity: 1, unitPrice: 39.95 }]));
    await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    const poNumber = await eventually(async () => {
      const detail = (await call('GET', `/v1/orders/${order.body.id}`)).body;
      return detail.purchaseOrders[0]?.poNumber as string | undefined;
    }, 'the Automatic PO');
    await poWhere(poNumber, 'to be cancellable', (po) => po.actions.includes('request_cancellation'));

    await page.goto(`${base}/purchase-orders/${encodeURIComponent(poNumber)}`);
    await page.getByRole('button', { name: 'Request cancellation' }).click();
    const confirmation = page.getByRole('region', { name: `Request cancellation: PO ${poNumber}` });
    // Someone else asks first (another tab, the buyer's cancellation on the channel).
    const first = await call('POST', `/v1/purchase-orders/${encodeURIComponent(poNumber)}/cancellation`, {});
    expect(first.status).toBe(202);
    // Accepted means recorded: the PO the answer points at carries the request.
    expect((await call('GET', first.location)).body.cancellation).toMatchObject({ requestedBy: 'alex@ridgeline.example', reason: null });
    await confirmation.getByRole('button', { name: 'Ask to cancel' }).click();
    const refusal = confirmation.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('Cancellation of this purchase order has already been requested');
    // Read again, the PO no longer offers the action: the confirmation keeps the refusal and only closes.
    await confirmation.getByRole('button', { name: 'Close' }).waitFor();
    expect(await confirmation.getByRole('button', { name: 'Ask to cancel' }).count()).toBe(0);
    await shoot('po-actions-13-refused-action');
    await eventually(
      async () => stack.automatic.state.requests.filter((r) => r.path.endsWith('/order/revoke')).length === 2,
      'one revoke per request at Automatic',
    );
  });

  it('retries a refused PO under the same number once the dealer settled the account, and Parts Unlimited has it once', async () => {
    const refusedPo = await refusedAtPartsUnlimited('WEB-PO-4');
    puAccounts[PU_SANDBOX_API_KEY]!.onHold = false;

    await page.goto(`${base}/purchase-orders/${encodeURIComponent(refusedPo)}`);
    await page.getByRole('button', { name: 'Retry', exact: true }).click();
    const confirmation = page.getByRole('region', { name: `Retry: PO ${refusedPo}` });
    expect(await confirmation.textContent()).toContain(`Dropline first looks up PO ${refusedPo} at Parts Unlimited`);
    await shoot('po-actions-14-retry-confirmation');
    await confirmation.getByRole('button', { name: `Retry PO ${refusedPo}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Retrying PO ${refusedPo}` })
      .waitFor();

    const placed = await poWhere(refusedPo, 'to be placed', (po) => po.status === 'submitted' || po.status === 'accepted');
    expect(placed.actions).toEqual(['request_cancellation']);
    await page
      .getByRole('heading', { name: new RegExp(`PO ${refusedPo}`) })
      .getByText(/submitted|accepted/)
      .waitFor({ timeout: 20_000 });
    expect(stack.pu.state.orders.filter((o: { purchase_order_number: string }) => o.purchase_order_number === refusedPo)).toHaveLength(1);
    expect(await page.getByRole('button', { name: 'Retry', exact: true }).count()).toBe(0);
    await shoot('po-actions-15-retried');
  });
});
