import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { dealers, feedImports } from '../../db/schema/index.js';
import { WPS_SANDBOX_TOKEN } from '../../distributors/wps/sandbox/store.js';
import { marketplacePlugin } from '../../marketplaces/registry.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** The first-run checklist over HTTP: a new dealer's steps, each done by the route that does it, and the list complete at the end. */
describe('setup checklist API', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;
  const dealerId = 'fresh-dealer';

  beforeAll(async () => {
    stack = await startStack();
    await stack.db.insert(dealers).values({ id: dealerId, name: 'Fresh Powersports' });
    api = dealerApi(stack.app, (await createApiKey(stack.db, dealerId, 'owner')).key);
  });
  afterAll(async () => stack?.stop());

  const checklist = async () => {
    const { status, body } = await api('GET', '/v1/setup-checklist');
    expect(status).toBe(200);
    return body as { complete: boolean; items: Array<{ step: string; done: boolean; detail: string; href: string }> };
  };
  const item = async (step: string) => (await checklist()).items.find((i) => i.step === step)!;

  it('lists every step as missing for a new dealer, each linking to its settings page', async () => {
    const { complete, items } = await checklist();
    expect(complete).toBe(false);
    expect(items.map((i) => [i.step, i.done, i.href])).toEqual([
      ['distributor', false, '/settings/distributors'],
      ['channel', false, '/settings/channels'],
      ['catalog_feed', false, '/settings/feeds'],
      ['shipping', false, '/settings#shipping'],
      ['notification_email', false, '/settings#email'],
    ]);
    expect(items[1]!.detail).toBe('Connect eBay, Amazon or Shopify, or send orders to POST /v1/orders');
  });

  it('counts a distributor only once it is ready, naming what is still missing until then', async () => {
    await api('PUT', '/v1/distributor-accounts/wps', { credentials: { apiToken: WPS_SANDBOX_TOKEN } });
    expect(await item('distributor')).toMatchObject({ done: false, detail: 'Put your Tax ID on file with Western Power Sports, then tick “Tax ID on file”' });
    await api('PUT', '/v1/distributor-accounts/wps', { taxIdOnFile: true });
    expect(await item('distributor')).toMatchObject({ done: true, detail: 'Ready: Western Power Sports' });
  });

  it('shrinks as the dealer connects a channel, imports a feed, maps a rate and names a notice address, until complete', async () => {
    const { credentials, ...shop } = marketplacePlugin('shopify').sandbox.account;
    expect((await api('PUT', '/v1/channel-accounts/shopify', { ...shop, credentials })).status).toBe(200);
    expect(await item('channel')).toMatchObject({ done: true, detail: '1 connected' });

    // A failed import does not count; a finished one does (the import itself is the feed tests' and the browser test's).
    const imported = (status: 'failed' | 'succeeded') => ({ id: randomUUID(), dealerId, distributor: 'wps' as const, status, finishedAt: new Date() });
    await stack.db.insert(feedImports).values(imported('failed'));
    expect((await item('catalog_feed')).done).toBe(false);
    await stack.db.insert(feedImports).values(imported('succeeded'));
    expect((await item('catalog_feed')).done).toBe(true);

    expect((await api('PUT', '/v1/shipping-mappings/website/Ground', { methods: { wps: 'BEST' } })).status).toBe(200);
    expect((await api('PATCH', '/v1/settings', { notificationEmail: 'owner@fresh.example' })).status).toBe(200);
    const done = await checklist();
    expect(done.items.filter((i) => !i.done)).toEqual([]);
    expect(done.complete).toBe(true);
  });

  it('counts orders sent through the API as a channel, and reads only the dealer’s own rows', async () => {
    await api('DELETE', '/v1/channel-accounts/shopify');
    expect(await item('channel')).toMatchObject({ done: false });
    // The demo dealer's orders and accounts say nothing about this dealer.
    expect((await dealerApi(stack.app, stack.apiKey)('POST', '/v1/orders', demoOrderBody('SETUP-1'))).status).toBe(201);
    expect(await item('channel')).toMatchObject({ done: false });
    expect((await api('POST', '/v1/orders', demoOrderBody('SETUP-2'))).status).toBe(201);
    expect(await item('channel')).toMatchObject({ done: true, detail: 'Orders are arriving through the API' });
  });
});
