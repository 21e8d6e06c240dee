import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distributorAccounts } from '../../db/schema/index.js';
import { WPS_SANDBOX_TOKEN } from '../../distributors/wps/sandbox/store.js';
import { SHOPIFY_SANDBOX_ACCESS_TOKEN } from '../../marketplaces/shopify/sandbox/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { launchBrowser, shootBothWidths, signIn } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { startSftpServer } from '../helpers/sftp-server.js';
import { SHOP_DOMAIN, WEBHOOK_SECRET } from '../helpers/shopify-webhook.js';
import { startStack, type Stack } from '../helpers/stack.js';

const FEED_USER = 'ridgeline';
const FEED_PASSWORD = 'journey-feed-pa55word';
const WPS_FILE = [
  'Part Number,Description,Dealer Price,Boise Qty,Fresno Qty,Elizabethtown Qty,Midlothian Qty,Ashley Qty,Lead Time Days,Vendor Part Number,Brand',
  '87-9934,MX helmet M,61.00,8,1,0,0,0,1,73-8402M,Fly Racing',
  '87-2000,Visor,not-a-price,1,0,0,0,0,1,,',
].join('\n');

/**
 * Issue 14's whole story in one browser, against the whole stack: a new owner sets the dealership up
 * in the UI alone (WPS, Shopify, a catalog feed and its history, a staff invitation); the staff member
 * drop-ships two ready orders in one action, fixes a line no distributor carries in the catalog screen
 * and finds a PO by part of its number and by its order number; a viewer cannot confirm. Every page
 * is photographed at 1280 and 390 px, and nothing scrolls sideways on the phone.
 */
describe('a dealership from first sign-in to drop-shipped orders, in a real browser', () => {
  let stack: Stack;
  let base: string;
  let browser: Browser;
  let owner: Page;
  let staff: Page;
  let call: ReturnType<typeof dealerApi>;
  let root: string;
  let sftp: Awaited<ReturnType<typeof startSftpServer>>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'dropline-journey-'));
    await writeFile(path.join(root, 'wps.csv'), WPS_FILE);
    [stack, sftp] = await Promise.all([
      startStack({ autoProcessing: false, sandboxes: { wps: { shipOnSubmit: true } } }),
      startSftpServer({ root, username: FEED_USER, password: FEED_PASSWORD }),
    ]);
    // A dealership that has connected no distributor yet.
    await stack.db.delete(distributorAccounts).where(eq(distributorAccounts.dealerId, stack.dealerId));
    call = dealerApi(stack.app, stack.apiKey);
    base = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    owner = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await stack?.client.schedule
      .getHandle(`catalog-feed:${stack.dealerId}:wps`)
      .delete()
      .catch(() => {});
    await browser?.close();
    await Promise.all([stack?.stop(), sftp?.close()]);
    await rm(root, { recursive: true, force: true });
  });

  const lastEmailTo = async (to: string) => {
    const { data } = (await (await fetch(`${stack.resendUrl}/_control/emails`)).json()) as { data: Array<{ to: string[]; text: string }> };
    return data.filter((email) => email.to.includes(to)).at(-1);
  };

  it('a new owner signs in, connects WPS and Shopify, sets up a feed and sees its history, and invites a staff member', { timeout: 180_000 }, async () => {
    await signIn(owner, base, stack);
    const checklist = owner.getByRole('region', { name: /^Finish setting up/ });
    await checklist.waitFor();
    await shootBothWidths(owner, 'journey-01-first-sign-in');

    await checklist.getByRole('link', { name: 'Connect a distributor account' }).click();
    const wps = owner.getByRole('form', { name: 'Western Power Sports account' });
    await wps.getByLabel('Western Power Sports API token').fill(WPS_SANDBOX_TOKEN);
    await wps.getByRole('button', { name: 'Save credentials' }).click();
    await wps.getByRole('status').filter({ hasText: 'Credentials saved' }).waitFor();
    await wps.getByRole('button', { name: 'Test connection' }).click();
    await wps.getByText('Connection works').waitFor({ timeout: 30_000 });
    await wps.getByLabel('Tax ID on file with Western Power Sports').click();
    await wps.getByText('ready', { exact: true }).waitFor();
    await shootBothWidths(owner, 'journey-02-wps-connected');

    await owner.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Sales channels' }).click();
    const shopify = owner.getByRole('form', { name: 'Shopify account' });
    await shopify.getByText(`${base}/webhooks/shopify/${encodeURIComponent(stack.dealerId)}`).waitFor();
    await shopify.getByLabel('Shopify Shop domain').fill(SHOP_DOMAIN);
    await shopify.getByLabel('Shopify Admin API access token').fill(SHOPIFY_SANDBOX_ACCESS_TOKEN);
    await shopify.getByLabel('Shopify Webhook signing secret').fill(WEBHOOK_SECRET);
    await shopify.getByRole('button', { name: 'Connect', exact: true }).click();
    await shopify.getByRole('status').filter({ hasText: 'Shopify connected' }).waitFor();
    await shopify.getByRole('button', { name: 'Test connection' }).click();
    await shopify.getByText('Connection works').waitFor({ timeout: 30_000 });
    expect(await shopify.textContent()).not.toContain(WEBHOOK_SECRET);
    await shootBothWidths(owner, 'journey-03-shopify-connected');

    await owner.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Catalog feeds' }).click();
    await owner.getByLabel('Set up a feed for').selectOption('wps');
    const feed = owner.getByRole('region', { name: 'Western Power Sports feed' });
    await feed.getByLabel('Transport', { exact: true }).selectOption('sftp');
    await feed.getByLabel('Host', { exact: true }).fill(sftp.host);
    await feed.getByLabel('Port', { exact: true }).fill(String(sftp.port));
    await feed.getByLabel('File path', { exact: true }).fill('/wps.csv');
    await feed.getByLabel('Username', { exact: true }).fill(FEED_USER);
    await feed.getByLabel('Password', { exact: true }).fill(FEED_PASSWORD);
    await feed.getByRole('button', { name: 'Save feed' }).click();
    await owner.getByText('Western Power Sports feed saved').waitFor();
    await owner.getByRole('region', { name: 'Western Power Sports feed' }).getByRole('button', { name: 'Import now' }).click();
    const run = owner.getByRole('table', { name: 'Western Power Sports import history' }).getByRole('row').filter({ hasText: 'succeeded' });
    await run.waitFor({ timeout: 60_000 });
    expect(await run.locator('td[data-label="Imported"]').textContent()).toBe('1');
    expect(await run.locator('td[data-label="First bad rows"]').textContent()).toMatch(/^Line 3: /);
    await shootBothWidths(owner, 'journey-04-feed-history');

    await owner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await owner.getByLabel('Email to invite').fill('sam@ridgeline.example');
    await owner.getByLabel('Role', { exact: true }).selectOption('staff');
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await owner.getByRole('status').getByText('Invitation emailed to sam@ridgeline.example as staff.', { exact: false }).waitFor();
    await shootBothWidths(owner, 'journey-05-invited');

    const link = /(\/accept-invitation#token=[\w-]+)/.exec((await lastEmailTo('sam@ridgeline.example'))!.text)![1]!;
    staff = await (await browser.newContext()).newPage();
    await staff.goto(`${base}${link}`);
    await staff.getByLabel('Your name').fill('Sam Staff');
    await staff.getByLabel('Choose a password').fill('sam picks a long password');
    await staff.getByRole('button', { name: 'Join and sign in' }).click();
    await staff.getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it('the staff member drop-ships two ready orders in one action', { timeout: 120_000 }, async () => {
    for (const number of ['JOURNEY-1', 'JOURNEY-2']) expect((await call('POST', '/v1/orders', demoOrderBody(number))).status).toBe(201);
    await staff.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders', exact: true }).click();
    await staff.getByRole('checkbox', { name: 'Select order JOURNEY-1' }).check();
    await staff.getByRole('checkbox', { name: 'Select order JOURNEY-2' }).check();
    await staff.getByLabel('I am placing real orders with the distributors').check();
    await staff.getByRole('button', { name: 'Drop-ship 2 selected' }).click();
    const summary = staff.getByRole('status', { name: 'Drop-ship result' });
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.textContent()).toContain('2 of 2 orders drop-shipped.');
    await shootBothWidths(staff, 'journey-06-bulk-dropship');

    // Sam, not a header's claim, is on the audit trail of what was placed.
    const order = (await call('GET', '/v1/orders?q=JOURNEY-1')).body.orders[0];
    const detail = (await call('GET', `/v1/orders/${order.id}`)).body as { auditTrail: Array<{ actorId: string | null }> };
    expect(detail.auditTrail.map((event) => event.actorId)).toContain('sam@ridgeline.example');
  });

  it('the staff member fixes a line no distributor carries in the catalog screen, and the order is placed', { timeout: 120_000 }, async () => {
    const order = await call('POST', '/v1/orders', demoOrderBody('JOURNEY-3', [{ sku: 'RIDGE-HELMET-M', quantity: 1, unitPrice: 139 }]));
    await staff.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders', exact: true }).click();
    const row = staff.getByRole('row', { name: /JOURNEY-3/ });
    await row.getByText('No distributor in your catalog carries SKU RIDGE-HELMET-M').waitFor();
    await row.getByRole('link', { name: 'Add a cross-reference in the catalog' }).click();
    await staff.getByRole('heading', { name: 'Catalog' }).waitFor();

    await staff.getByRole('searchbox', { name: 'Search' }).fill('mx helmet');
    await staff.getByRole('button', { name: 'Search', exact: true }).click();
    await staff.getByRole('button', { name: 'Open 87-9934' }).click();
    const item = staff.getByRole('region', { name: 'Western Power Sports 87-9934' });
    const sku = item.getByRole('textbox', { name: 'Your SKU', exact: true });
    await sku.fill('RIDGE-HELMET-M');
    await item.getByRole('button', { name: 'Save link' }).click();
    await item.getByText('Your SKU RIDGE-HELMET-M is now fulfilled by Western Power Sports 87-9934.').waitFor();
    await shootBothWidths(staff, 'journey-07-catalog-link');

    // Back on the dashboard the order is ready, and goes out through the usual dialog.
    await staff.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders', exact: true }).click();
    await staff.getByRole('button', { name: 'Dropship order JOURNEY-3' }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByLabel('PO number for Western Power Sports').waitFor();
    await dialog.getByLabel('I am placing a real order with the distributor').check();
    await dialog.getByRole('button', { name: 'Place purchase orders' }).click();
    const po = await eventually(async () => {
      const placed = (await call('GET', `/v1/orders/${order.body.id}`)).body.purchaseOrders[0];
      return placed && placed.status !== 'pending' ? placed : null;
    }, 'the fixed order’s PO placed with WPS');
    expect(po).toMatchObject({ distributor: 'wps', lines: [expect.objectContaining({ dealerSku: 'RIDGE-HELMET-M', distributorSku: '87-9934' })] });
  });

  it('the staff member finds a PO by part of its number and by its order number', { timeout: 60_000 }, async () => {
    const order = (await call('GET', '/v1/orders?q=JOURNEY-2')).body.orders[0];
    const poNumber = (await call('GET', `/v1/purchase-orders?orderId=${order.id}`)).body.purchaseOrders[0].poNumber as string;
    await staff.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Purchase orders' }).click();
    const results = () => staff.locator('tbody tr td[data-label="PO number"]').allTextContents();

    await staff.getByLabel('PO number').fill(poNumber.slice(0, poNumber.lastIndexOf('-')).toLowerCase());
    await staff.getByRole('button', { name: 'Search' }).click();
    await eventually(async () => ((await results()).join() === poNumber ? true : undefined), `${poNumber} found by part of its number`);

    await staff.getByLabel('PO number').fill('');
    await staff.getByLabel('Order number').fill('journey-2');
    await staff.getByRole('button', { name: 'Search' }).click();
    await eventually(async () => ((await results()).join() === poNumber ? true : undefined), `${poNumber} found by its order number`);
    await shootBothWidths(staff, 'journey-08-po-search');
  });

  it('a viewer sees a drop-ship waiting for confirmation but cannot confirm it, in the UI or through the API', { timeout: 60_000 }, async () => {
    const order = await call('POST', '/v1/orders', demoOrderBody('JOURNEY-4'));
    const dropship = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'manual' });
    expect(dropship.body.phase).toBe('awaiting_confirmation');
    const viewer = await stack.createUser('viewer');
    const page = await (await browser.newContext()).newPage();
    await signIn(page, base, stack, viewer);
    await page.goto(`${base}/orders/${order.body.id}`);
    await page.getByRole('heading', { name: /Order JOURNEY-4/ }).waitFor();
    expect(await page.getByRole('button', { name: /Review drop-ship|Dropship|Confirm/ }).count()).toBe(0);
    await shootBothWidths(page, 'journey-09-viewer-order');

    // The API refuses the viewer's confirmation even when it is sent by hand with a valid CSRF token.
    const refused = await page.evaluate(async (dropshipId) => {
      const session = (await (await fetch('/v1/session')).json()) as { csrfToken: string };
      const response = await fetch(`/v1/dropships/${dropshipId}/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ acknowledged: true }),
      });
      return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
    }, dropship.body.id as string);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await call('GET', `/v1/dropships/${dropship.body.id}`)).body.phase).toBe('awaiting_confirmation');
  });
});
