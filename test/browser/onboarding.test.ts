import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distributorAccounts } from '../../db/schema/index.js';
import { WPS_SANDBOX_TOKEN } from '../../distributors/wps/sandbox/store.js';
import { SHOPIFY_SANDBOX_ACCESS_TOKEN } from '../../marketplaces/shopify/sandbox/index.js';
import { dealerApi } from '../helpers/api.js';
import { launchBrowser, messageOf, shootBothWidths, signIn } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { startSftpServer } from '../helpers/sftp-server.js';
import { SHOP_DOMAIN, shopifyOrderFixture, sign, WEBHOOK_SECRET } from '../helpers/shopify-webhook.js';
import { startStack, type Stack } from '../helpers/stack.js';

const FEED_USER = 'ridgeline';
const FEED_PASSWORD = 'onboarding-feed-pa55word';
// Line 3 has a price that is not a number: the history names it by its line.
const WPS_FILE = [
  'Part Number,Description,Dealer Price,Boise Qty,Fresno Qty,Elizabethtown Qty,Midlothian Qty,Ashley Qty,Lead Time Days,Vendor Part Number,Brand',
  '87-9934,MX helmet M,61.00,8,1,0,0,0,1,73-8402M,Fly Racing',
  '87-2000,Visor,oops,1,0,0,0,0,1,,',
].join('\n');

/**
 * A dealer sets up drop-shipping in the web UI alone: WPS (wrong token first, then the right one),
 * Shopify (with the webhook URL to paste, which then takes a signed order), a catalog feed over SFTP
 * imported now with its history, and the first-run checklist shrinking to nothing.
 */
describe('onboarding in a real browser', () => {
  let stack: Stack;
  let base: string;
  let browser: Browser;
  let page: Page;
  let call: ReturnType<typeof dealerApi>;
  let root: string;
  let sftp: Awaited<ReturnType<typeof startSftpServer>>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'dropline-onboarding-'));
    await writeFile(path.join(root, 'wps.csv'), WPS_FILE);
    [stack, sftp] = await Promise.all([startStack({ autoProcessing: false }), startSftpServer({ root, username: FEED_USER, password: FEED_PASSWORD })]);
    // A dealer who has not connected a distributor yet: the demo dealer without its WPS account.
    await stack.db.delete(distributorAccounts).where(eq(distributorAccounts.dealerId, stack.dealerId));
    call = dealerApi(stack.app, stack.apiKey);
    base = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
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

  const checklist = () => page.getByRole('region', { name: /^Finish setting up/ });

  it('shows what is missing on the orders page, each step linking to its form', async () => {
    await signIn(page, base, stack);
    await checklist().waitFor();
    const before = (await call('GET', '/v1/setup-checklist')).body;
    expect(before.items.filter((i: { done: boolean }) => !i.done).map((i: { step: string }) => i.step)).toEqual(
      expect.arrayContaining(['distributor', 'catalog_feed']),
    );
    expect(await checklist().getByRole('heading').textContent()).toContain(`${before.items.filter((i: { done: boolean }) => !i.done).length} of 5`);
    await page.screenshot({ path: 'artifacts/screenshots/onboarding-checklist.png', fullPage: true });
    await checklist().getByRole('link', { name: 'Connect a distributor account' }).click();
    expect(new URL(page.url()).pathname).toBe('/settings/distributors');
  });

  it('connects WPS: a missing token at its field, a wrong one refused by the test in a sentence, then the right one, and the Tax ID fact', async () => {
    const wps = page.getByRole('form', { name: 'Western Power Sports account' });
    await wps.waitFor();
    expect(await wps.getByRole('list', { name: 'Still needed for Western Power Sports' }).textContent()).toContain(
      'Save your Western Power Sports credentials',
    );
    const token = wps.getByLabel('Western Power Sports API token');

    await wps.getByRole('button', { name: 'Save credentials' }).click();
    await eventually(async () => (await messageOf(token)) === 'API token is required' || undefined, 'the missing token named at its field');

    await token.fill('not-the-wps-token');
    await wps.getByRole('button', { name: 'Save credentials' }).click();
    await wps.getByRole('status').filter({ hasText: 'Credentials saved' }).waitFor();
    await wps.getByRole('button', { name: 'Test connection' }).click();
    const refused = wps.getByRole('status').filter({ hasText: 'Connection refused:' });
    await refused.waitFor({ timeout: 30_000 });
    const sentence = (await refused.textContent())!;
    expect(sentence).toMatch(/^Connection refused: .*\S/);
    expect(sentence).not.toContain('not-the-wps-token');

    await token.fill(WPS_SANDBOX_TOKEN);
    await wps.getByRole('button', { name: 'Save credentials' }).click();
    await wps.getByRole('status').filter({ hasText: 'Credentials saved' }).waitFor();
    await wps.getByRole('button', { name: 'Test connection' }).click();
    await wps.getByText('Connection works').waitFor({ timeout: 30_000 });

    // WPS takes drop-ship orders only with a Tax ID on file: ticking it makes the account ready.
    await wps.getByText('not ready').waitFor();
    await wps.getByLabel('Tax ID on file with Western Power Sports').click();
    await wps.getByText('ready', { exact: true }).waitFor();
    expect(await wps.getByRole('list', { name: /Still needed/ }).count()).toBe(0);
    await shootBothWidths(page, 'onboarding-distributors');
  });

  it('connects Shopify, shows the webhook URL to paste, tests it, and the URL takes an order signed with the secret', async () => {
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Sales channels' }).click();
    expect(new URL(page.url()).pathname).toBe('/settings/channels');
    const shopify = page.getByRole('form', { name: 'Shopify account' });
    await shopify.waitFor();
    const url = `${base}/webhooks/shopify/${encodeURIComponent(stack.dealerId)}`;
    await shopify.getByText(url).waitFor();
    await shopify.getByText('Signing secret: not saved yet.').waitFor();

    await shopify.getByLabel('Shopify Shop domain').fill('ridgeline.com');
    await shopify.getByLabel('Shopify Admin API access token').fill(SHOPIFY_SANDBOX_ACCESS_TOKEN);
    await shopify.getByRole('button', { name: 'Connect', exact: true }).click();
    const domain = shopify.getByLabel('Shopify Shop domain');
    await eventually(async () => (await messageOf(domain)).includes('myshopify.com domain') || undefined, 'the shop domain refused at its field');
    expect(await messageOf(shopify.getByLabel('Shopify Webhook signing secret'))).toBe('Webhook signing secret is required');

    await domain.fill(SHOP_DOMAIN);
    await shopify.getByLabel('Shopify Admin API access token').fill(SHOPIFY_SANDBOX_ACCESS_TOKEN);
    await shopify.getByLabel('Shopify Webhook signing secret').fill(WEBHOOK_SECRET);
    await shopify.getByRole('button', { name: 'Connect', exact: true }).click();
    await shopify.getByRole('status').filter({ hasText: 'Shopify connected' }).waitFor();
    await shopify.getByText('Signing secret: saved (hidden).').waitFor();
    expect(await shopify.textContent()).not.toContain(WEBHOOK_SECRET);
    await shopify.getByRole('button', { name: 'Test connection' }).click();
    await shopify.getByText('Connection works').waitFor({ timeout: 30_000 });

    // What the dealer pastes into Shopify works: a delivery to the URL shown, signed with the secret, is taken in.
    const body = JSON.stringify(shopifyOrderFixture('paid'));
    const delivered = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': SHOP_DOMAIN,
        'x-shopify-webhook-id': randomUUID(),
        'x-shopify-hmac-sha256': sign(body, WEBHOOK_SECRET),
      },
      body,
    });
    expect(delivered.status).toBe(200);
    expect(((await delivered.json()) as { outcome: string }).outcome).toBe('created');
    await shootBothWidths(page, 'onboarding-channels');
  });

  it('sets up the WPS feed over SFTP, imports it now, and shows its history with counts, duration and the bad row’s line', async () => {
    // The checklist has shrunk to the feed, and links to its page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders', exact: true }).click();
    await checklist().getByRole('heading', { name: 'Finish setting up: 1 of 5 steps left' }).waitFor();
    await checklist().getByRole('link', { name: 'Import a distributor catalog feed' }).click();
    expect(new URL(page.url()).pathname).toBe('/settings/feeds');
    await page.getByLabel('Set up a feed for').selectOption('wps');
    const feed = page.getByRole('region', { name: 'Western Power Sports feed' });
    await feed.getByLabel('Transport', { exact: true }).selectOption('sftp');
    await feed.getByLabel('Host', { exact: true }).fill(sftp.host);
    await feed.getByLabel('Port', { exact: true }).fill('99999');
    await feed.getByLabel('File path', { exact: true }).fill('/wps.csv');
    await feed.getByLabel('Username', { exact: true }).fill(FEED_USER);
    await feed.getByLabel('Password', { exact: true }).fill(FEED_PASSWORD);
    await feed.getByLabel('Time zone', { exact: true }).fill('America/Boise');
    await feed.getByRole('button', { name: 'Save feed' }).click();
    const port = feed.getByLabel('Port', { exact: true });
    await eventually(async () => (await messageOf(port)) === 'Port must be 1–65535' || undefined, 'the port refused at its field');

    await port.fill(String(sftp.port));
    await feed.getByRole('button', { name: 'Save feed' }).click();
    await page.getByText('Western Power Sports feed saved').waitFor();
    const saved = page.getByRole('region', { name: 'Western Power Sports feed' });
    // The form is drawn again from the feed as saved (the reload lands a moment after "saved"): the password is never sent back.
    const password = saved.getByLabel('Password', { exact: true });
    await eventually(async () => (await password.getAttribute('placeholder'))?.includes('saved (hidden)') || undefined, 'the saved password shown as hidden');
    expect(await password.inputValue()).toBe('');

    await saved.getByRole('button', { name: 'Import now' }).click();
    const history = saved.getByRole('table', { name: 'Western Power Sports import history' });
    const run = history.getByRole('row').filter({ hasText: 'succeeded' });
    await run.waitFor({ timeout: 60_000 });
    expect(await run.locator('td[data-label="Rows read"]').textContent()).toBe('2');
    expect(await run.locator('td[data-label="Imported"]').textContent()).toBe('1');
    expect(await run.locator('td[data-label="Bad"]').textContent()).toBe('1');
    expect(await run.locator('td[data-label="Unchanged"]').textContent()).toBe('0');
    expect(await run.locator('td[data-label="Took"]').textContent()).toMatch(/^\d+(\.\d)? m?s$/);
    expect(await run.locator('td[data-label="First bad rows"]').textContent()).toMatch(/^Line 3: /);
    await shootBothWidths(page, 'onboarding-feeds');
  });

  it('saves the confirmation window, PO prefix and time zone or refuses them at their fields, and the checklist is gone once all is set', async () => {
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'General' }).click();
    const reminder = page.getByLabel('Remind me after (hours)');
    await reminder.fill('200');
    await page.getByLabel('PO number prefix').fill('dl-');
    await page.getByRole('button', { name: 'Save order settings' }).click();
    await eventually(async () => (await messageOf(reminder)) === 'Confirmation reminder must be at most 168 hours' || undefined, 'the reminder refused');
    expect(await messageOf(page.getByLabel('PO number prefix'))).toBe('PO prefix must be 1 to 8 capital letters or digits, e.g. DL');
    await reminder.fill('12');
    await page.getByLabel('PO number prefix').fill('RL');
    await page.getByRole('button', { name: 'Save order settings' }).click();
    await page.getByText('Order settings saved').waitFor();
    expect((await call('GET', '/v1/settings')).body).toMatchObject({ confirmReminderHours: 12, poPrefix: 'RL' });
    await shootBothWidths(page, 'onboarding-general');

    // The checklist loads once per visit: once its answer is in (and drawn), it must be absent.
    const checklistAnswer = page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/setup-checklist');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders', exact: true }).click();
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    expect((await call('GET', '/v1/setup-checklist')).body.complete).toBe(true);
    expect(await (await checklistAnswer).json()).toMatchObject({ complete: true });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(await checklist().count()).toBe(0);
  });

  it('disconnects Shopify: the account is forgotten and the webhook URL refuses deliveries from then on', async () => {
    await page.goto(`${base}/settings/channels`);
    const shopify = page.getByRole('form', { name: 'Shopify account' });
    await shopify.getByRole('button', { name: 'Disconnect' }).click();
    await shopify.getByRole('status').filter({ hasText: 'Shopify disconnected' }).waitFor();
    await shopify.getByText('not connected', { exact: true }).waitFor();
    expect((await call('GET', '/v1/channel-accounts')).body.accounts[2]).toMatchObject({ configured: false, shopDomain: null });
    const body = JSON.stringify(shopifyOrderFixture('paid'));
    const refused = await fetch(`${base}/webhooks/shopify/${encodeURIComponent(stack.dealerId)}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': SHOP_DOMAIN,
        'x-shopify-webhook-id': randomUUID(),
        'x-shopify-hmac-sha256': sign(body, WEBHOOK_SECRET),
      },
      body,
    });
    expect(refused.status).toBe(401);
  });
});
