import { spawn, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { distributorPlugins } from '../../distributors/registry.js';
import { DISTRIBUTORS } from '../../domain/distributors.js';
import { SANDBOX_SHOP_DOMAIN, SANDBOX_SHOPIFY_WEBHOOK_SECRET } from '../../sandboxes/channel-accounts.js';
import { freePort } from '../../runtime/ports.js';
import { eventually } from '../helpers/eventually.js';
import { shopifyOrderFixture, sign } from '../helpers/shopify-webhook.js';

/**
 * README line 1 as a newcomer runs it: `npm run dev` brings everything up, /healthz is green, the demo
 * drop-ship completes, a Shopify order sent to the local API reaches the Shopify sandbox as a
 * fulfillment, and Ctrl-C leaves no process behind.
 */
describe('npm run dev', () => {
  let dataDir = '';
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('starts the whole system, completes the demo drop-ship and stops cleanly on SIGINT', { timeout: 180_000 }, async () => {
    // Under the repository, not /tmp: as root, Postgres runs as another user who must reach the folder.
    await mkdir('.data', { recursive: true });
    dataDir = await mkdtemp(path.resolve('.data', 'dev-run-'));
    await chmod(dataDir, 0o755);
    const ports = {
      API_PORT: await freePort(),
      TEMPORAL_DEV_PORT: await freePort(),
      TEMPORAL_UI_PORT: await freePort(),
      EMBEDDED_POSTGRES_PORT: await freePort(),
      RESEND_SANDBOX_PORT: await freePort(),
      EBAY_SANDBOX_PORT: await freePort(),
      AMAZON_SANDBOX_PORT: await freePort(),
      SHOPIFY_SANDBOX_PORT: await freePort(),
    };
    for (const plugin of distributorPlugins()) (ports as Record<string, number>)[plugin.sandbox.portEnv] = await freePort();
    const workerMetrics = `127.0.0.1:${await freePort()}`;
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, TRACKING_POLL_INTERVAL_SECONDS: '1', WORKER_METRICS_ADDRESS: workerMetrics };
    for (const [name, port] of Object.entries(ports)) env[name] = String(port);
    delete env.DATABASE_URL;
    delete env.TEMPORAL_ADDRESS;

    const dev = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    dev.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    dev.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) => dev.on('exit', (code) => resolve((exitCode = code))));

    try {
      await eventually(
        async () => {
          if (exitCode !== undefined) throw new Error(`npm run dev exited with ${exitCode}:\n${output}`);
          return output.includes('Demo drop-ship completed');
        },
        () => `the demo drop-ship; output so far:\n${output}`,
        120_000,
      );
      const health = await fetch(`http://127.0.0.1:${ports.API_PORT}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', postgres: { ok: true }, temporal: { ok: true } });
      const ui = await fetch(`http://127.0.0.1:${ports.TEMPORAL_UI_PORT}/`);
      expect(ui.status).toBe(200);
      const dealerUi = await fetch(`http://127.0.0.1:${ports.API_PORT}/orders`);
      expect(dealerUi.headers.get('content-type')).toContain('text/html');
      expect(await dealerUi.text()).toContain('<div id="root">');
      expect(output).toContain(`Dealer UI      http://127.0.0.1:${ports.API_PORT}/`);
      // Where it says the API's and the worker's metrics are, Prometheus finds them, counting the demo's work.
      expect(output).toContain(`Metrics        http://127.0.0.1:${ports.API_PORT}/metrics`);
      expect(output).toContain(`http://${workerMetrics}/metrics  (worker, Temporal SDK)`);
      const apiMetrics = await (await fetch(`http://127.0.0.1:${ports.API_PORT}/metrics`)).text();
      expect(apiMetrics).toMatch(/^dropline_purchase_orders_placed_total\{distributor="wps"\} [1-9]/m);
      expect(await (await fetch(`http://${workerMetrics}/metrics`)).text()).toMatch(
        /^temporal_activity_execution_latency_count\{activity_type="submitPurchaseOrder"/m,
      );
      // The owner it prints can sign in with what it prints.
      const [, email, password] = /Demo owner:\s+(\S+)\s+password: (\S+)/.exec(output)!;
      const signIn = await fetch(`http://127.0.0.1:${ports.API_PORT}/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      expect(signIn.status).toBe(200);
      expect(signIn.headers.get('set-cookie')).toMatch(/^dropline_session=/);
      const emails = await fetch(`http://127.0.0.1:${ports.RESEND_SANDBOX_PORT}/_control/emails`);
      expect(JSON.stringify(await emails.json())).toContain('jane.rider@example.com');

      // Every distributor sandbox is up and the demo dealer's saved credentials reach it.
      const apiKey = /Demo dealer API key:\s+(\S+)/.exec(output)?.[1];
      for (const distributor of DISTRIBUTORS) {
        const tested = await fetch(`http://127.0.0.1:${ports.API_PORT}/v1/distributor-accounts/${distributor}/test-connection`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}` },
        });
        expect(await tested.json()).toMatchObject({ distributor, ok: true });
      }

      // The demo dealer's marketplace accounts are connected to the marketplace sandboxes: a Shopify
      // order's webhook drop-ships it (auto mode), and WPS's package reaches the shop as a fulfillment.
      const accounts = await fetch(`http://127.0.0.1:${ports.API_PORT}/v1/channel-accounts`, { headers: { authorization: `Bearer ${apiKey}` } });
      const connected = ((await accounts.json()) as { accounts: Array<{ channel: string; configured: boolean }> }).accounts;
      expect(
        connected
          .filter((a) => a.configured)
          .map((a) => a.channel)
          .sort(),
      ).toEqual(['amazon', 'ebay', 'shopify']);
      const shopifyUrl = `http://127.0.0.1:${ports.SHOPIFY_SANDBOX_PORT}`;
      const created = await fetch(`${shopifyUrl}/_control/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lineItems: [{ quantity: 1, sku: 'HELMET-MX-M' }] }),
      });
      const order = ((await created.json()) as { data: { id: string; lineItems: Array<{ id: string }> } }).data;
      const payload = shopifyOrderFixture('paid');
      payload.id = Number(order.id.split('/').pop());
      payload.admin_graphql_api_id = order.id;
      payload.line_items = [{ ...payload.line_items[0], id: Number(order.lineItems[0]!.id.split('/').pop()), quantity: 1 }];
      const body = JSON.stringify(payload);
      const dealerId = /webhooks\/shopify\/(\S+)/.exec(output)?.[1];
      const webhook = await fetch(`http://127.0.0.1:${ports.API_PORT}/webhooks/shopify/${dealerId}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'orders/create',
          'x-shopify-shop-domain': SANDBOX_SHOP_DOMAIN,
          'x-shopify-webhook-id': randomUUID(),
          'x-shopify-hmac-sha256': sign(body, SANDBOX_SHOPIFY_WEBHOOK_SECRET),
        },
        body,
      });
      expect(await webhook.json()).toMatchObject({ outcome: 'created', status: 'open', dropshipId: expect.any(String) });
      const fulfillments = await eventually(
        async () => {
          const response = await fetch(`${shopifyUrl}/_control/orders/${payload.id}/fulfillments`);
          const found = ((await response.json()) as { data: Array<{ trackingInfo: Array<{ company: string }> }> }).data;
          return found.length > 0 ? found : undefined;
        },
        'the Shopify fulfillment',
        60_000,
      );
      expect(fulfillments).toHaveLength(1);
      expect(fulfillments[0]!.trackingInfo[0]!.company).toBe('UPS');
    } finally {
      dev.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    const leftovers = execFileSync('ps', ['-eo', 'args'])
      .toString()
      .split('\n')
      .filter((line) => line.includes(dataDir));
    expect(leftovers).toEqual([]);
  });
});
