import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { seedDemoDealer } from '../../db/demo-data.js';
import { orders, purchaseOrders } from '../../db/schema/index.js';
import { WPS_SANDBOX_TOKEN } from '../../distributors/wps/sandbox/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { openEventStream, type EventStream } from '../helpers/event-stream.js';
import { eventually } from '../helpers/eventually.js';
import { oneOfEachRecord } from '../helpers/route-fixtures.js';
import { startStack, type Stack } from '../helpers/stack.js';

const HEARTBEAT_MS = 300;

/**
 * GET /v1/events over real HTTP: what the worker writes reaches the dealer's open streams through
 * Postgres, never another dealer's; streams are capped, cleaned up when the client goes, ended when
 * the server closes, and told to resync when the LISTEN connection was lost.
 */
describe('live updates', () => {
  let stack: Stack;
  let base: string;
  let otherKey: string;
  const open: EventStream[] = [];
  const stream = async (key = stack.apiKey, url = base) => {
    const opened = await openEventStream(url, key);
    open.push(opened);
    return opened;
  };

  beforeAll(async () => {
    stack = await startStack({ sandboxes: { wps: { shipOnSubmit: true } }, liveStreams: { perKey: 2, heartbeatMs: HEARTBEAT_MS } });
    base = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    otherKey = (
      await seedDemoDealer(stack.db, stack.cipher, { dealerId: `other-${randomUUID().slice(0, 8)}`, wpsToken: WPS_SANDBOX_TOKEN, autoProcessing: false })
    ).apiKey;
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((opened) => opened.close()));
  });
  afterAll(async () => stack?.stop());

  it("sends the dealer a change when the worker ships its PO, and another dealer's stream nothing", async () => {
    const mine = await stream();
    const theirs = await stream(otherKey);
    expect(mine.status).toBe(200);
    expect(mine.contentType).toMatch(/^text\/event-stream/);
    await mine.next((e) => e.event === 'ready', 'ready');
    await theirs.next((e) => e.event === 'ready', "the other dealer's ready");

    const api = dealerApi(stack.app, stack.apiKey);
    const order = await api('POST', '/v1/orders', demoOrderBody('LIVE-1'));
    expect(order.status).toBe(201);
    await mine.next((e) => e.event === 'change' && e.data.kind === 'order' && e.data.id === order.body.id, 'the new order');
    expect((await api('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' })).status).toBe(201);

    // The PO's changes arrive as the worker writes them: after one of them, the PO reads as shipped.
    const first = await mine.next((e) => e.event === 'change' && e.data.kind === 'purchase_order' && e.data.orderId === order.body.id, 'a PO change');
    const poNumber = first.data.poNumber as string;
    expect(poNumber).toMatch(/^DL/);
    for (;;) {
      const received = mine.events.length;
      const po = await api('GET', `/v1/purchase-orders/${poNumber}`);
      if (po.body.status === 'shipped') break;
      await mine.next(
        (e) => mine.events.indexOf(e) >= received && e.event === 'change' && e.data.poNumber === poNumber,
        `a change of ${poNumber} after ${po.body.status}`,
      );
    }

    // Ids only: nothing of the buyer, and nothing but the documented fields.
    for (const { data } of mine.events.filter((e) => e.event === 'change')) {
      expect(
        Object.keys(data).every((key) => ['kind', 'id', 'orderId', 'poNumber'].includes(key)),
        JSON.stringify(data),
      ).toBe(true);
    }
    expect(mine.raw()).not.toMatch(/Jane|jane\.rider|Main St/);
    expect(theirs.events.map((e) => e.event)).toEqual(['ready']);
    expect(theirs.raw()).not.toContain(order.body.id);
  });

  it("stays quiet when the tracking poller only stamps a PO as listed, and speaks when the PO's status changes", async () => {
    const { poNumber } = await oneOfEachRecord(stack, `listed-${randomUUID().slice(0, 8)}`);
    const heard: string[] = [];
    const client = postgres(stack.databaseUrl, { max: 1, onnotice: () => {} });
    await client.listen('dropline_changes', (payload) => heard.push(payload));
    try {
      const thisPo = and(eq(purchaseOrders.dealerId, stack.dealerId), eq(purchaseOrders.poNumber, poNumber));
      await stack.db.update(purchaseOrders).set({ listedAt: new Date() }).where(thisPo);
      await stack.db.update(purchaseOrders).set({ status: 'accepted' }).where(thisPo);
      await eventually(async () => heard.some((payload) => payload.includes(poNumber)), 'the status change to be heard');
      expect(heard.filter((payload) => payload.includes(poNumber))).toHaveLength(1);
    } finally {
      await client.end();
    }
  });

  it('keeps a quiet stream open with heartbeats and says how long to wait before reconnecting', async () => {
    const quiet = await stream(otherKey);
    await quiet.next((e) => e.event === 'ready', 'ready');
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 3));
    expect(quiet.raw()).toMatch(/^retry: \d+\n/);
    expect(quiet.raw().match(/^: heartbeat$/gm)?.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a key more open streams than its cap, and frees the place of a client that went away', async () => {
    const first = await stream();
    const second = await stream();
    await Promise.all([first.next((e) => e.event === 'ready', 'ready'), second.next((e) => e.event === 'ready', 'ready')]);
    const third = await stream();
    expect(third.status).toBe(429);
    expect((await third.json()).error.code).toBe('RATE_LIMITED');
    // Another key of another dealer is not held back by this one.
    expect((await stream(otherKey)).status).toBe(200);

    await first.close();
    let reopened: EventStream | undefined;
    for (let attempt = 0; attempt < 50 && reopened?.status !== 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      reopened = await stream();
    }
    expect(reopened?.status, 'a place freed by the aborted stream').toBe(200);
  });

  it('tells every stream to resync when the LISTEN connection was lost, and goes on delivering', async () => {
    const watching = await stream();
    await watching.next((e) => e.event === 'ready', 'ready');
    const terminated = await stack.db.execute<{ pid: number }>(
      sql`select pg_terminate_backend(pid) as pid from pg_stat_activity where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()`,
    );
    expect(terminated.length).toBe(1);
    await watching.next((e) => e.event === 'resync', 'resync');

    const api = dealerApi(stack.app, stack.apiKey);
    const order = await api('POST', '/v1/orders', demoOrderBody('LIVE-AFTER-RESYNC'));
    await stack.db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, order.body.id));
    await watching.next((e) => e.event === 'change' && e.data.id === order.body.id, 'a change after the resync');
  });

  it('ends open streams when the server closes, without waiting for them', async () => {
    const app = await buildApp({
      db: stack.db,
      credentialsCipher: stack.cipher,
      temporal: stack.client,
      taskQueue: 'live-close',
      tracking: stack.tracking,
      workflowAnswerTimeoutMs: 1000,
      codecServer: null,
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const closing = await stream(stack.apiKey, url);
    await closing.next((e) => e.event === 'ready', 'ready');
    const started = performance.now();
    await app.close();
    expect(performance.now() - started).toBeLessThan(2000);
    await closing.ended(2000);
    // The stack's own streams still receive: closing one app stops only its listener.
    const still = await stream();
    await still.next((e) => e.event === 'ready', 'ready');
    const order = await dealerApi(stack.app, stack.apiKey)('POST', '/v1/orders', demoOrderBody('LIVE-AFTER-CLOSE'));
    await still.next((e) => e.event === 'change' && e.data.id === order.body.id, 'a change after another app closed');
  });
});
