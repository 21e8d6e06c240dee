import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { UNMATCHED_ROUTE } from '../../api/metrics.js';
import { createDb } from '../../db/client.js';
import { raiseException } from '../../db/repositories/exceptions.js';
import { updatePurchaseOrder } from '../../db/repositories/purchase-orders.js';
import { createOrder } from '../../db/repositories/orders.js';
import { demoOrder } from '../../db/demo-data.js';
import { orderLines } from '../../db/schema/index.js';
import { freePort } from '../../runtime/ports.js';
import { demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { hasMetric, sampleSum } from '../helpers/prometheus.js';
import { storeWpsPurchaseOrder } from '../helpers/purchase-orders.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * /metrics over HTTP on the real stack, with the worker in a process of its own serving the Temporal
 * SDK's metrics (Temporal's runtime, and so its exporter, is one per process): a drop-ship driven to a
 * placed PO moves the API's counters and the worker's.
 */
describe('metrics', () => {
  let stack: Stack;
  let worker: Awaited<ReturnType<Stack['spawnWorker']>>;
  let api: string;
  let workerMetrics: string;

  beforeAll(async () => {
    stack = await startStack({ externalWorker: true });
    workerMetrics = `http://127.0.0.1:${await freePort()}/metrics`;
    worker = await stack.spawnWorker({ TEST_WORKER_METRICS_ADDRESS: new URL(workerMetrics).host });
    api = await stack.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.stop();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { ...stack.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  /** The stack's own dependencies, for an API built with other metrics settings. */
  const stackDeps = () => ({
    db: stack.db,
    credentialsCipher: stack.cipher,
    temporal: stack.client,
    taskQueue: 'unused',
    tracking: stack.tracking,
    workflowAnswerTimeoutMs: 1000,
    codecServer: null,
  });
  const scrape = async (url = `${api}/metrics`) => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };
  /** Posts an order, drop-ships it in auto mode and waits until its WPS PO is placed at the sandbox. */
  const dropshipToPlacedPo = async (channelOrderId: string) => {
    const order = await call('POST', '/v1/orders', demoOrderBody(channelOrderId));
    expect(order.status).toBe(201);
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    expect(started.status).toBe(201);
    const poNumber = await eventually(
      async () => (await call('GET', `/v1/dropships/${started.body.id}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
      'the PO number',
    );
    // Placed whatever WPS reports by now (submitted, or already accepted at the first status read).
    await eventually(async () => Boolean((await call('GET', `/v1/purchase-orders/${poNumber}`)).body.submittedAt), 'the PO to be placed');
    expect(stack.wps.state.orders.filter((o) => o.po_number === poNumber)).toHaveLength(1);
    return { orderId: order.body.id as string, dropshipId: started.body.id as string, poNumber };
  };

  it('counts the drop-ship, its placed PO and each route called, by route pattern and never by URL', async () => {
    const before = await scrape();
    const placed = await dropshipToPlacedPo('WEB-METRICS-1');
    const missing = await call('GET', `/v1/orders/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect((await fetch(`${api}/no-such-page/${placed.poNumber}`, { method: 'DELETE' })).status).toBe(404);
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string>) => sampleSum(after, name, labels) - sampleSum(before, name, labels);
    expect(moved('dropline_dropships_started_total', { mode: 'auto' })).toBe(1);
    expect(moved('dropline_dropships_started_total', { mode: 'manual' })).toBe(0);
    expect(moved('dropline_purchase_orders_placed_total', { distributor: 'wps' })).toBe(1);
    expect(moved('dropline_purchase_orders_failed_total', {})).toBe(0);
    expect(
      sampleSum(after, 'dropline_purchase_orders', { distributor: 'wps', status: 'submitted' }) +
        sampleSum(after, 'dropline_purchase_orders', { distributor: 'wps', status: 'accepted' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleSum(after, 'dropline_metrics_postgres_up')).toBe(1);

    const ok = { status_class: '2xx' };
    expect(moved('dropline_http_requests_total', { method: 'POST', route: '/v1/orders', ...ok })).toBe(1);
    expect(moved('dropline_http_requests_total', { method: 'POST', route: '/v1/orders/:orderId/dropships', ...ok })).toBe(1);
    expect(moved('dropline_http_requests_total', { method: 'GET', route: '/v1/dropships/:dropshipId', ...ok })).toBeGreaterThanOrEqual(1);
    expect(moved('dropline_http_request_duration_seconds_count', { method: 'POST', route: '/v1/orders', ...ok })).toBe(1);
    expect(moved('dropline_http_request_duration_seconds_sum', { method: 'POST', route: '/v1/orders', ...ok })).toBeGreaterThan(0);
    // Errors are the 4xx and 5xx classes of the same route.
    expect(moved('dropline_http_requests_total', { method: 'GET', route: '/v1/orders/:orderId', status_class: '4xx' })).toBe(1);
    expect(moved('dropline_http_requests_total', { method: 'DELETE', route: UNMATCHED_ROUTE, status_class: '4xx' })).toBe(1);
    // The first scrape was counted by the time the second one was answered.
    expect(sampleSum(after, 'dropline_http_requests_total', { method: 'GET', route: '/metrics', ...ok })).toBeGreaterThanOrEqual(1);
    // The process's own figures are there too.
    expect(hasMetric(after, 'process_resident_memory_bytes')).toBe(true);

    // No ids, numbers, keys or buyer details: labels are patterns and fixed sets only.
    for (const secret of [placed.orderId, placed.dropshipId, placed.poNumber, stack.dealerId, stack.apiKey, 'jane.rider@example.com', 'Jane Rider']) {
      expect(after).not.toContain(secret);
    }
  });

  it('reads open exceptions by kind and failed POs from Postgres at scrape time, whoever wrote them', async () => {
    const before = await scrape();
    // Written straight to Postgres, as a worker on another machine would.
    const { id: orderId } = await createOrder(stack.db, { dealerId: stack.dealerId, channel: 'website', ...demoOrder('WEB-METRICS-2') });
    await raiseException(stack.db, { dealerId: stack.dealerId, orderId, kind: 'po_failed', message: 'not placed', key: `metrics:${orderId}` });
    const [line] = await stack.db.select().from(orderLines).where(eq(orderLines.orderId, orderId));
    await storeWpsPurchaseOrder(stack.db, {
      dealerId: stack.dealerId,
      orderId,
      poNumber: 'DLMETRICS-W',
      lines: [{ lineId: line!.id, dealerSku: line!.dealerSku, distributorSku: '87-9934', quantity: 1 }],
    });
    await updatePurchaseOrder(stack.db, stack.dealerId, 'DLMETRICS-W', { status: 'failed', failureReason: 'verified not placed' });
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string>) => sampleSum(after, name, labels) - sampleSum(before, name, labels);
    expect(moved('dropline_exceptions_open', { kind: 'po_failed' })).toBe(1);
    expect(moved('dropline_exceptions_open', {})).toBe(1);
    expect(moved('dropline_purchase_orders_failed_total', { distributor: 'wps' })).toBe(1);
    expect(moved('dropline_purchase_orders_placed_total', {})).toBe(0);
    expect(moved('dropline_dropships_started_total', { mode: 'manual' })).toBe(1);
    // Every kind has its series, zero or not, so an alert on one exists before its first exception.
    expect(after.match(/^dropline_exceptions_open\{/gm)?.length).toBeGreaterThan(10);
  });

  it('answers only a scrape with the token when METRICS_TOKEN is set, serves nothing when turned off, and stays out of the OpenAPI document', async () => {
    const deps = stackDeps();
    const guarded = await buildApp({ ...deps, metrics: { authToken: 'scrape-secret' } });
    const off = await buildApp({ ...deps, metrics: null });
    try {
      for (const authorization of [undefined, 'Bearer wrong', 'scrape-secret', `Bearer ${stack.apiKey}`]) {
        const refused = await guarded.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
        expect(refused.statusCode, authorization).toBe(401);
        expect(refused.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', message: expect.stringContaining('METRICS_TOKEN') } });
      }
      const scraped = await guarded.inject({ url: '/metrics', headers: { authorization: 'Bearer scrape-secret' } });
      expect(scraped.statusCode).toBe(200);
      expect(scraped.body).toContain('dropline_dropships_started_total');

      const none = await off.inject({ url: '/metrics' });
      expect(none.statusCode).toBe(404);
      expect(none.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    } finally {
      await guarded.close();
      await off.close();
    }
    expect(Object.keys((stack.app.swagger() as { paths: object }).paths)).not.toContain('/metrics');
  });

  it('still answers when Postgres cannot be read: the HTTP figures, and the Postgres ones left out rather than reported as zeros', async () => {
    // Nothing listens on port 1: every query fails at once, as with a database that is down.
    const unreachable = createDb('postgres://dropline@127.0.0.1:1/dropline', { max: 1 });
    const app = await buildApp({ ...stackDeps(), db: unreachable.db });
    try {
      await app.inject({ url: '/v1/orders' });
      const scraped = await app.inject({ url: '/metrics' });
      expect(scraped.statusCode).toBe(200);
      expect(sampleSum(scraped.body, 'dropline_metrics_postgres_up')).toBe(0);
      expect(hasMetric(scraped.body, 'dropline_http_requests_total')).toBe(true);
      for (const name of ['dropline_dropships_started_total', 'dropline_purchase_orders_placed_total', 'dropline_exceptions_open']) {
        expect(hasMetric(scraped.body, name), name).toBe(false);
      }
    } finally {
      await app.close();
      await unreachable.close();
    }
  });

  it("serves the worker's Temporal SDK metrics, whose counters move as the worker does the work", async () => {
    const before = await scrape(workerMetrics);
    const placed = await dropshipToPlacedPo('WEB-METRICS-3');
    const submissions = (text: string) =>
      sampleSum(text, 'temporal_activity_execution_latency_count', { activity_type: 'submitPurchaseOrder', workflow_type: 'purchaseOrder' });
    // The exporter is read as it is, so the worker may answer a moment after the API shows the PO placed.
    const after = await eventually(async () => {
      const text = await scrape(workerMetrics);
      return submissions(text) > submissions(before) ? text : undefined;
    }, 'the worker to report the PO submission');

    for (const counter of ['temporal_workflow_task_queue_poll_succeed', 'temporal_activity_task_received', 'temporal_request']) {
      expect(sampleSum(after, counter), counter).toBeGreaterThan(sampleSum(before, counter));
    }
    expect(after).toMatch(/^# TYPE temporal_workflow_task_queue_poll_succeed counter$/m);
    // Labels name task queues, workflow and activity types: never a workflow id, PO number or buyer.
    for (const secret of [placed.poNumber, stack.dealerId, 'jane.rider@example.com']) expect(after).not.toContain(secret);
  });
});
