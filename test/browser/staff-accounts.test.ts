import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, shootBothWidths, signIn } from '../helpers/browser.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Staff accounts in headless Chromium: sign-in refusals, an owner inviting staff from the Users page, and the invitee joining from the emailed link. */
describe('staff accounts in a real browser', () => {
  let stack: Stack;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false });
    base = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const lastEmailTo = async (to: string) => {
    const { data } = (await (await fetch(`${stack.resendUrl}/_control/emails`)).json()) as { data: Array<{ to: string[]; text: string }> };
    return data.filter((email) => email.to.includes(to)).at(-1);
  };

  it('refuses a wrong password in a sentence, offers a reset link, then signs the owner in with a cookie the page cannot read', async () => {
    await page.goto(`${base}/`);
    await shootBothWidths(page, 'staff-01-sign-in');
    await page.getByLabel('Email').fill(stack.owner.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('The email or password is wrong.').waitFor();

    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await page
      .getByRole('status')
      .getByText(/a link to choose a new password is on its way/)
      .waitFor();
    expect((await lastEmailTo(stack.owner.email))?.text).toMatch(/\/reset-password#token=/);
    await page.getByRole('button', { name: 'Back to sign-in' }).click();

    await signIn(page, base, stack);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'dropline_session', httpOnly: true, secure: true, sameSite: 'Strict' });
  });

  it('lets the owner invite a staff member, who joins from the emailed link and sees no Users page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Email to invite').fill('sam@ridgeline.example');
    await page.getByLabel('Role', { exact: true }).selectOption('staff');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('status').getByText('Invitation emailed to sam@ridgeline.example as staff.', { exact: false }).waitFor();
    await page.getByRole('row', { name: /sam@ridgeline\.example/ }).waitFor();
    await shootBothWidths(page, 'staff-02-users');

    const link = /(\/accept-invitation#token=[\w-]+)/.exec((await lastEmailTo('sam@ridgeline.example'))!.text)![1]!;
    const sam = await (await browser.newContext()).newPage();
    await sam.goto(`${base}${link}`);
    await sam.getByLabel('Your name').fill('Sam Staff');
    await sam.getByLabel('Choose a password').fill('short');
    await sam.getByRole('button', { name: 'Join and sign in' }).click();
    await sam.getByRole('alert').getByText('Password must be at least 10 characters').waitFor();
    await shootBothWidths(sam, 'staff-03-accept-invitation');
    await sam.getByLabel('Choose a password').fill('sam picks a long password');
    await sam.getByRole('button', { name: 'Join and sign in' }).click();
    const nav = sam.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Orders', exact: true }).count()).toBe(1);

    // The owner sees Sam join, and can make Sam a viewer.
    await page.reload();
    const row = page.getByRole('row', { name: /Sam Staff/ });
    await row.getByLabel('Role of Sam Staff').selectOption('viewer');
    await page.getByRole('status').getByText('Sam Staff is now viewer.').waitFor();
    await sam.close();
  });

  it('signs the owner out everywhere: another browser signed in as them is back at sign-in', async () => {
    const elsewhere = await (await browser.newContext()).newPage();
    await signIn(elsewhere, base, stack);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await elsewhere.reload();
    await elsewhere.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    expect(await elsewhere.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await elsewhere.close();
  });
});
