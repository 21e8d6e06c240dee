import { ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, channelAccounts, channelOrderCursors } from '../../db/schema/index.js';
import { EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_CLIENT_SECRET, EBAY_SANDBOX_REFRESH_TOKEN } from '../../marketplaces/ebay/sandbox/index.js';
import { marketplacePlugin } from '../../marketplaces/registry.js';
import { dealerApi } from '../helpers/api.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Marketplace account settings over HTTP: credentials go in encrypted, never come back, and eBay/Amazon start polling. */
describe('channel accounts API', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;
  const ebay = { credentials: { clientId: EBAY_SANDBOX_CLIENT_ID, clientSecret: EBAY_SANDBOX_CLIENT_SECRET, refreshToken: EBAY_SANDBOX_REFRESH_TOKEN } };

  beforeAll(async () => {
    stack = await startStack();
    api = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => {
    await stack?.client.schedule
      .getHandle(`channel-orders:${stack.dealerId}:ebay`)
      .delete()
      .catch(() => {});
    await stack?.stop();
  });

  const savedRow = async (channel: string) =>
    (
      await stack.db
        .select()
        .from(channelAccounts)
        .where(and(eq(channelAccounts.dealerId, stack.dealerId), eq(channelAccounts.channel, channel as 'ebay')))
    )[0];

  it('lists every marketplace with how its orders come in, and nothing saved yet', async () => {
    const { status, body } = await api('GET', '/v1/channel-accounts');
    expect(status).toBe(200);
    expect(body.accounts.map((a: any) => [a.channel, a.configured, a.orderIntake.kind])).toEqual([
      ['ebay', false, 'poll'],
      ['amazon', false, 'poll'],
      ['shopify', false, 'webhook'],
    ]);
    expect(body.accounts[1]).toMatchObject({
      name: 'Amazon',
      accountFields: ['sellerId', 'marketplaceId'],
      credentialFields: ['clientId', 'clientSecret', 'refreshToken'],
    });
    expect(body.accounts[2].orderIntake).toEqual({
      kind: 'webhook',
      topics: ['orders/create', 'orders/updated', 'orders/cancelled'],
      path: `/webhooks/shopify/${stack.dealerId}`,
    });
    expect(body.accounts[2].labels).toEqual({ shopDomain: 'Shop domain', accessToken: 'Admin API access token', webhookSecret: 'Webhook signing secret' });
    expect(body.accounts[1].labels.marketplaceId).toBe('Marketplace id');
  });

  it('refuses incomplete or misspelt accounts with the fields named, and saves nothing', async () => {
    const missing = await api('PUT', '/v1/channel-accounts/shopify', { shopDomain: 'ridgeline.myshopify.com', credentials: { accessToken: 'shpat_x' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields).toEqual([{ field: 'body.credentials.webhookSecret', message: 'Webhook signing secret is required' }]);

    const wrongShop = await api('PUT', '/v1/channel-accounts/shopify', { shopDomain: 'ridgeline.com', credentials: { accessToken: 'a', webhookSecret: 'b' } });
    expect(wrongShop.body.error.message).toContain('myshopify.com domain');

    const misspelt = await api('PUT', '/v1/channel-accounts/ebay', { credentials: { ...ebay.credentials, refresh_token: 'x' } });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error.message).toContain('eBay credentials have no refresh_token');

    const none = await api('PUT', '/v1/channel-accounts/amazon', { sellerId: 'A1B2C3' });
    expect(none.body.error.details.fields).toEqual([{ field: 'body.credentials', message: 'Amazon credentials are required' }]);
    const unknown = await api('PUT', '/v1/channel-accounts/etsy', ebay);
    expect(unknown.body.error.details.fields[0].message).toBe('Channel must be one of ebay, amazon, shopify');

    expect(await savedRow('shopify')).toBeUndefined();
    expect(await savedRow('ebay')).toBeUndefined();
  });

  it('encrypts a Shopify account’s secrets and shows only that they are saved', async () => {
    const { status, body } = await api('PUT', '/v1/channel-accounts/shopify', {
      shopDomain: 'Ridgeline-Moto.myshopify.com',
      credentials: { accessToken: 'shpat_secret_token', webhookSecret: 'whsec_signing' },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ channel: 'shopify', configured: true, shopDomain: 'ridgeline-moto.myshopify.com' });
    expect(JSON.stringify(body)).not.toMatch(/shpat_secret_token|whsec_signing/);

    const row = (await savedRow('shopify'))!;
    expect(row.credentialsCiphertext).not.toContain('shpat_secret_token');
    expect(stack.cipher.decrypt(row.credentialsCiphertext!, row.credentialsKeyId!)).toEqual({
      accessToken: 'shpat_secret_token',
      webhookSecret: 'whsec_signing',
    });
    const audit = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.type, 'channel_account.saved')));
    expect(audit.map((e) => [e.actorId, e.summary])).toEqual([['alex@ridgeline.example', 'Shopify account connected (ridgeline-moto.myshopify.com)']]);
    expect(JSON.stringify(audit)).not.toContain('shpat_secret_token');
  });

  it('connecting eBay starts its order cursor and a five-minute poll; removing the credentials pauses it', async () => {
    const connected = await api('PUT', '/v1/channel-accounts/ebay', ebay);
    expect(connected.body).toMatchObject({ channel: 'ebay', configured: true, orderIntake: { kind: 'poll', everyMinutes: 5 } });
    const [cursor] = await stack.db.select().from(channelOrderCursors).where(eq(channelOrderCursors.dealerId, stack.dealerId));
    expect(cursor).toMatchObject({ channel: 'ebay', windowEnd: null, nextPage: null });
    expect(Math.abs(cursor!.modifiedThrough.getTime() - Date.now())).toBeLessThan(60_000);

    const schedule = stack.client.schedule.getHandle(`channel-orders:${stack.dealerId}:ebay`);
    const described = await schedule.describe();
    expect(described.spec.intervals).toEqual([expect.objectContaining({ every: 300_000 })]);
    expect(described.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(described.state.paused).toBe(false);
    expect(described.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'channelOrderImport',
      workflowId: `channel-order-import:${stack.dealerId}:ebay`,
      args: [{ dealerId: stack.dealerId, channel: 'ebay', overlapMs: 600_000, settleMs: 180_000 }],
    });

    // Reconnecting keeps the cursor where it was, so nothing in between is skipped.
    await api('PUT', '/v1/channel-accounts/ebay', ebay);
    const [kept] = await stack.db.select().from(channelOrderCursors).where(eq(channelOrderCursors.dealerId, stack.dealerId));
    expect(kept!.modifiedThrough).toEqual(cursor!.modifiedThrough);

    expect((await api('DELETE', '/v1/channel-accounts/ebay/credentials')).status).toBe(204);
    expect((await schedule.describe()).state).toMatchObject({ paused: true, note: 'The dealer removed the credentials' });
    expect((await api('GET', '/v1/channel-accounts')).body.accounts[0]).toMatchObject({ channel: 'ebay', configured: false });
    expect((await api('DELETE', '/v1/channel-accounts/amazon/credentials')).status).toBe(404);
  });

  const sandboxAccount = (channel: 'ebay' | 'amazon' | 'shopify') => {
    const { credentials, ...account } = marketplacePlugin(channel).sandbox.account;
    return { ...account, credentials };
  };

  it('tests each connection with one read-only call to the marketplace, and says why one fails without echoing the secret', async () => {
    const notConnected = await api('POST', '/v1/channel-accounts/amazon/test-connection');
    expect(notConnected.status).toBe(422);
    expect(notConnected.body.error.message).toBe('Connect your Amazon account before testing the connection');

    for (const channel of ['ebay', 'amazon', 'shopify'] as const) {
      expect((await api('PUT', `/v1/channel-accounts/${channel}`, sandboxAccount(channel))).status).toBe(200);
      const good = await api('POST', `/v1/channel-accounts/${channel}/test-connection`);
      expect(good.status).toBe(200);
      expect(good.body).toMatchObject({ channel, ok: true });
    }

    const wrong = sandboxAccount('shopify');
    await api('PUT', '/v1/channel-accounts/shopify', { ...wrong, credentials: { ...wrong.credentials, accessToken: 'shpat_revoked_token' } });
    const refused = await api('POST', '/v1/channel-accounts/shopify/test-connection');
    expect(refused.status).toBe(200);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.reason).toMatch(/^Shopify did not let the dealer's app read the shop’s orders/);
    expect(refused.body.reason).not.toContain('shpat_revoked_token');

    const ebayWrong = sandboxAccount('ebay');
    await api('PUT', '/v1/channel-accounts/ebay', { credentials: { ...ebayWrong.credentials, refreshToken: 'v^1.1#revoked' } });
    const ebayRefused = await api('POST', '/v1/channel-accounts/ebay/test-connection');
    expect(ebayRefused.body.ok).toBe(false);
    expect(ebayRefused.body.reason).toMatch(/eBay/);
    expect(ebayRefused.body.reason).not.toContain('revoked');
  });

  it('disconnecting forgets the account and deletes its order poll; orders already in stay', async () => {
    await api('PUT', '/v1/channel-accounts/amazon', sandboxAccount('amazon'));
    const schedule = stack.client.schedule.getHandle(`channel-orders:${stack.dealerId}:amazon`);
    expect((await schedule.describe()).state.paused).toBe(false);

    expect((await api('DELETE', '/v1/channel-accounts/amazon')).status).toBe(204);
    await expect(schedule.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect(await savedRow('amazon')).toBeUndefined();
    expect((await api('GET', '/v1/channel-accounts')).body.accounts[1]).toMatchObject({ channel: 'amazon', configured: false, sellerId: null });
    const audit = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.type, 'channel_account.disconnected')));
    expect(audit.map((e) => e.summary)).toEqual([expect.stringMatching(/^Amazon account disconnected/)]);

    const again = await api('DELETE', '/v1/channel-accounts/amazon');
    expect(again.status).toBe(404);
    expect(again.body.error.message).toBe('No Amazon account is connected');
    // Shopify has no poll: disconnecting it only forgets the account, so its webhooks are refused from now on.
    expect((await api('DELETE', '/v1/channel-accounts/shopify')).status).toBe(204);
    expect(await savedRow('shopify')).toBeUndefined();
  });
});
