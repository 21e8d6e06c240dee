import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../api/web-ui.js';
import { auditEvents } from '../../db/schema/index.js';
import { DEFAULT_FAILOVER_POLICY } from '../../domain/failover.js';
import { dealerApi } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { signIn } from '../helpers/browser.js';
import { startStack, type Stack } from '../helpers/stack.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = 'artifacts/screenshots';
const PHONE = { width: 390, height: 844 };

/** The dealer sets the failover policy on a phone-wide screen: refusals at their fields, then saved for good. */
describe('failover settings in a real browser', () => {
  let stack: Stack;
  let base: string;
  let browser: Browser;
  let page: Page;
  let call: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    if (!existsSync(`${WEB_DIST}index.html`)) throw new Error('web/dist is missing: run `npm run build:web` first (`npm test` does)');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (\`npm test\` does)`);
    await mkdir(SCREENSHOTS, { recursive: true });
    stack = await startStack({ autoProcessing: false });
    call = dealerApi(stack.app, stack.apiKey);
    base = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage({ viewport: PHONE });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** The text of whatever the input's aria-describedby points at: its error message, or its hint. */
  const messageOf = (input: Locator) => input.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
  /** Passes when nothing sticks out past the phone's width; otherwise names what does. */
  const noSidewaysScroll = async () =>
    expect(
      await page.evaluate((width) => {
        const pageWidth = document.documentElement.scrollWidth;
        if (pageWidth <= width) return [];
        const wide = Array.from(document.querySelectorAll('body *')).filter((el) => el.getBoundingClientRect().right > width);
        return [`page ${pageWidth} px wide`, ...wide.map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 40)}`)];
      }, PHONE.width),
    ).toEqual([]);

  it('turns automatic failover on with an 80 % cost ceiling, after the API refused bad values at their fields', async () => {
    expect((await call('GET', '/v1/settings')).body.failoverPolicy).toEqual(DEFAULT_FAILOVER_POLICY);
    await signIn(page, base, stack);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();

    const form = page.getByRole('form', { name: 'Failover policy' });
    const automatic = form.getByRole('switch', { name: 'Re-route automatically' });
    const backorderDays = form.getByLabel('a line stays backordered longer than (days)');
    const ceiling = form.getByLabel('Cost ceiling (% of sale price)');
    await automatic.waitFor();
    expect(await page.getByRole('region', { name: 'Failover' }).textContent()).toContain('Automatic failover is off by default');
    expect(await automatic.isChecked()).toBe(false);
    expect(await form.getByLabel('a distributor refuses a purchase order').isChecked()).toBe(true);
    expect(await form.getByLabel('a distributor cancels lines').isChecked()).toBe(true);
    expect(await backorderDays.inputValue()).toBe('5');
    expect(await ceiling.inputValue()).toBe('85');
    await noSidewaysScroll();

    // The API judges the values; each of its messages lands at its own input, and nothing is saved.
    await automatic.check();
    await backorderDays.fill('0');
    await ceiling.fill('80.5');
    await form.getByRole('button', { name: 'Save failover policy' }).click();
    await eventually(async () => (await messageOf(ceiling)) === 'Cost ceiling must be a whole percentage' || undefined, 'the cost-ceiling error at its field');
    expect(await messageOf(backorderDays)).toBe('Backorder days must be more than 0');
    await noSidewaysScroll();
    await page.getByRole('region', { name: 'Failover' }).screenshot({ path: `${SCREENSHOTS}/failover-settings-refused.png` });
    expect((await call('GET', '/v1/settings')).body.failoverPolicy).toEqual(DEFAULT_FAILOVER_POLICY);

    // Blank backorder days means never re-route backorders.
    await backorderDays.fill('');
    await ceiling.fill('80');
    await form.getByRole('button', { name: 'Save failover policy' }).click();
    await page.getByText('Failover policy saved').waitFor();
    expect(await messageOf(ceiling)).toBe('A re-routed line may cost at most this share of its sale price');
    expect((await call('GET', '/v1/settings')).body.failoverPolicy).toEqual({
      ...DEFAULT_FAILOVER_POLICY,
      enabled: true,
      backorderDays: null,
      maxCostPercent: 80,
    });

    await page.reload();
    await automatic.waitFor();
    expect(await automatic.isChecked()).toBe(true);
    expect(await ceiling.inputValue()).toBe('80');
    expect(await backorderDays.inputValue()).toBe('');
    await noSidewaysScroll();
    await page.getByRole('region', { name: 'Failover' }).screenshot({ path: `${SCREENSHOTS}/failover-settings.png` });

    const audits = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.type, 'settings.saved')));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: 'alex@ridgeline.example', details: { failoverPolicy: { from: DEFAULT_FAILOVER_POLICY } } });
  });
});
