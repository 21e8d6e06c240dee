import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { WEB_DIST } from '../../api/web-ui.js';
import type { Stack } from './stack.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = 'artifacts/screenshots';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Headless Chromium for a browser test, after checking that `npm test`'s preparations (web build, Chromium) were made. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(`${WEB_DIST}index.html`)) throw new Error('web/dist is missing: run `npm run build:web` first (`npm test` does)');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (\`npm test\` does)`);
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM });
}

/**
 * Signs the page in with email and password (the stack's owner, alex@ridgeline.example, unless another
 * user is given) and waits for the first page behind sign-in.
 */
export async function signIn(page: Page, base: string, stack: Stack, as: { email: string; password: string } = stack.owner): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('Email').fill(as.email);
  await page.getByLabel('Password').fill(as.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** A full-page screenshot under artifacts/screenshots/. */
export const shoot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });

/** Screenshots at desktop and phone width, checking at phone width that nothing scrolls sideways; leaves the page at desktop width. */
export async function shootBothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await shoot(page, `${name}-1280`);
  await page.setViewportSize(PHONE);
  await expectNoSidewaysScroll(page);
  await shoot(page, `${name}-390`);
  await page.setViewportSize(DESKTOP);
}

/**
 * Passes when nothing sticks out past the viewport's width and nothing inside the page scrolls sideways
 * (a table in an overflow-x wrapper would pass the first check); otherwise names what does.
 */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = page.viewportSize()?.width ?? PHONE.width;
  expect(
    await page.evaluate((width) => {
      const describe = (el: Element) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 40)}`;
      const pageWidth = document.documentElement.scrollWidth;
      const wide =
        pageWidth <= width
          ? []
          : [
              `page ${pageWidth} px wide`,
              ...Array.from(document.querySelectorAll('body *'))
                .filter((el) => el.getBoundingClientRect().right > width)
                .map(describe),
            ];
      const scrollers = Array.from(document.querySelectorAll('main *'))
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
        .map((el) => `scrolls sideways: ${describe(el)}`);
      return [...wide, ...scrollers];
    }, width),
  ).toEqual([]);
}

/** The text of whatever the input's aria-describedby points at: its error message, or its hint. */
export const messageOf = (input: Locator) => input.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
