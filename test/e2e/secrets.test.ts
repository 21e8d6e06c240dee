import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PU_SANDBOX_DEALER_NUMBER } from '../../distributors/parts-unlimited/sandbox/store.js';
import { SANDBOX_SHOP_DOMAIN } from '../../sandboxes/channel-accounts.js';
import { SCOPES } from '../../marketplaces/shopify/contract.js';
import { EncryptionCodec } from '../../temporal/codec.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { testConfig } from '../helpers/config.js';
import { eventually } from '../helpers/eventually.js';
import { deliverShopifyWebhook, shopifyOrderFixture } from '../helpers/shopify-webhook.js';
import { startStack, type Stack } from '../helpers/stack.js';

const WPS_TOKEN = `wps-token-${randomUUID()}`;
const PU_API_KEY = `pu-key-${randomUUID()}`;
const SHOPIFY_TOKEN = `shpat_${randomUUID().replaceAll('-', '')}`;
const SHOPIFY_WEBHOOK_SECRET = `whsec-${randomUUID()}`;

/**
 * Distributor and Shopify credentials saved through the API, then used for two whole drop-ships (one
 * from a signed Shopify webhook, its package pushed to the shop) and two connection tests: afterwards no secret value is anywhere in plain text — database, logs, or Temporal history
 * even after its payloads are decrypted.
 */
describe('secrets stay secret', () => {
  let stack: Stack;
  const logs: string[] = [];
  const capture = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const restoreOutput: Array<() => void> = [];

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        logs.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restoreOutput.push(() => (stream.write = write));
    }
    stack = await startStack({
      autoProcessing: true,
      pollIntervalMs: 500,
      apiLog: capture,
      sandboxes: {
        wps: { tokens: { [WPS_TOKEN]: { taxIdOnFile: true } } },
        parts_unlimited: { accounts: { [PU_API_KEY]: { dealerNumber: PU_SANDBOX_DEALER_NUMBER } } },
      },
      shopifySandbox: { accessTokens: { [SHOPIFY_TOKEN]: Object.values(SCOPES) } },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    for (const restore of restoreOutput) restore();
  });

  it('never shows a credential in Postgres, the logs or the Temporal histories', async () => {
    const api = dealerApi(stack.app, stack.apiKey);
    expect((await api('PUT', '/v1/distributor-accounts/wps', { credentials: { apiToken: WPS_TOKEN } })).status).toBe(200);
    expect(
      (await api('PUT', '/v1/distributor-accounts/parts_unlimited', { credentials: { dealerNumber: PU_SANDBOX_DEALER_NUMBER, apiKey: PU_API_KEY } })).status,
    ).toBe(200);
    for (const distributor of ['wps', 'parts_unlimited']) {
      expect((await api('POST', `/v1/distributor-accounts/${distributor}/test-connection`)).body).toMatchObject({ ok: true });
    }

    const order = await api('POST', '/v1/orders', demoOrderBody('WEB-SECRETS-1'));
    const dropship = await api('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    const poNumber = await eventually(
      async () => (await api('GET', `/v1/dropships/${dropship.body.id}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
      'the PO',
    );
    await eventually(async () => stack.wps.state.orders.some((o) => o.po_number === poNumber), 'the WPS order');
    await fetch(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await eventually(async () => (await api('GET', `/v1/dropships/${dropship.body.id}`)).body.phase === 'completed', 'the drop-ship to complete');

    // A Shopify order: its webhook is checked with the saved secret, its package pushed with the saved token.
    const shopify = { shopDomain: SANDBOX_SHOP_DOMAIN, credentials: { accessToken: SHOPIFY_TOKEN, webhookSecret: SHOPIFY_WEBHOOK_SECRET } };
    expect((await api('PUT', '/v1/channel-accounts/shopify', shopify)).status).toBe(200);
    const shopOrder = (
      (await (
        await fetch(`${stack.shopifyUrl}/_control/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ lineItems: [{ quantity: 1, sku: 'HELMET-MX-M' }] }),
        })
      ).json()) as { data: { id: string; lineItems: Array<{ id: string }> } }
    ).data;
    const payload = shopifyOrderFixture('paid');
    payload.id = Number(shopOrder.id.split('/').pop());
    payload.admin_graphql_api_id = shopOrder.id;
    payload.line_items = [{ ...payload.line_items[0], id: Number(shopOrder.lineItems[0]!.id.split('/').pop()), quantity: 1 }];
    const taken = await deliverShopifyWebhook(stack.app, stack.dealerId, { body: payload, shop: SANDBOX_SHOP_DOMAIN, secret: SHOPIFY_WEBHOOK_SECRET });
    const shopifyPo = await eventually(
      async () => (await api('GET', `/v1/dropships/${taken.body.dropshipId}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
      'the Shopify order’s PO',
    );
    await eventually(async () => stack.wps.state.orders.some((o) => o.po_number === shopifyPo), 'the WPS order');
    await fetch(`${stack.wpsUrl}/_control/orders/${shopifyPo}/ship`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await eventually(async () => (stack.shopify.state.orders.get(shopOrder.id)?.fulfillments.length ?? 0) > 0, 'the Shopify fulfillment');

    const secrets = [WPS_TOKEN, PU_API_KEY, stack.apiKey, SHOPIFY_TOKEN, SHOPIFY_WEBHOOK_SECRET];

    const database = await everyRowAsText(stack);
    expect(database).toContain(poNumber); // the dump is real
    for (const secret of secrets) expect(database).not.toContain(secret);

    const logText = logs.join('');
    expect(logText).toContain('"reqId"'); // the API did log, at trace level
    for (const secret of secrets) expect(logText).not.toContain(secret);
    // Nor the buyer: request bodies are never logged, and neither are the values of a failed query.
    for (const buyerDetail of ['jane.rider@example.com', '123 Main St']) expect(logText).not.toContain(buyerDetail);
    // Every line the API logged about a request carries the request's id.
    const apiEntries = logText
      .split('\n')
      .filter((line) => line.startsWith('{"level"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestEntries = apiEntries.filter((entry) => entry.req || entry.res || entry.err);
    expect(requestEntries.length).toBeGreaterThan(10);
    expect(requestEntries.filter((entry) => typeof entry.reqId !== 'string')).toEqual([]);

    const histories = await decryptedHistories(stack);
    expect(histories.length).toBeGreaterThanOrEqual(4); // drop-ship, PO, two connection tests
    const historyText = histories.join('\n');
    expect(historyText).toContain(poNumber);
    expect(historyText).toContain('"distributor":"parts_unlimited"'); // decrypted: what the Codec Server shows an operator
    for (const secret of secrets) expect(historyText).not.toContain(secret);
  });
});

/** Every row of every table in the database, as JSON text. */
async function everyRowAsText(stack: Stack): Promise<string> {
  const tables = (await stack.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  )) as unknown as Array<{ table_name: string }>;
  const dumps = await Promise.all(
    tables.map(async ({ table_name }) => JSON.stringify(await stack.db.execute(sql`select * from ${sql.identifier(table_name)}`))),
  );
  return dumps.join('\n');
}

/** This stack's workflow histories with every payload decrypted and decoded as text. */
async function decryptedHistories(stack: Stack): Promise<string[]> {
  const codec = new EncryptionCodec(testConfig.payloadKeys);
  const ids = await eventually(async () => {
    const found: string[] = [];
    for await (const run of stack.client.workflow.list({ query: `TaskQueue = '${stack.worker!.taskQueue}'` })) found.push(run.workflowId);
    return found.length >= 4 ? found : undefined;
  }, 'the workflows in visibility');
  return Promise.all(
    ids.map(async (id) => {
      const history = await stack.client.workflow.getHandle(id).fetchHistory();
      const payloads: Payload[] = [];
      collectPayloads(history, payloads);
      const decoded = await codec.decode(payloads);
      return decoded.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');
    }),
  );
}

function collectPayloads(value: unknown, out: Payload[]): void {
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
  const candidate = value as Payload;
  if (candidate.metadata && 'encoding' in candidate.metadata && candidate.data) {
    out.push(candidate);
    return;
  }
  for (const child of Object.values(value)) collectPayloads(child, out);
}
