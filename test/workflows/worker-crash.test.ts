import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purchaseOrders } from '../../db/schema/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * Exactly-once PO submission when the worker process dies (SIGKILL) in the middle of placing the
 * order: WPS has accepted it, but the worker never heard back. A new worker must find it, not place it again.
 */
describe('worker crash during PO submission', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false, externalWorker: true, pollIntervalMs: 500 });
  });
  afterAll(async () => stack?.stop());

  it('places exactly one WPS order and completes after the worker is killed and restarted', { timeout: 120_000 }, async () => {
    const call = dealerApi(stack.app, stack.apiKey);
    // WPS places the order but holds its answer back: the worker is still waiting when it is killed.
    await fetch(`${stack.wpsUrl}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ holdResponseOnce: { method: 'POST', path: '/orders', ms: 30_000 } }),
    });
    const firstWorker = await stack.spawnWorker();
    const order = await call('POST', '/v1/orders', demoOrderBody('WEB-CRASH-1'));
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    expect(started.status).toBe(201);

    const placed = await eventually(async () => stack.wps.state.orders[0], 'WPS to receive the order');
    await firstWorker.kill();

    const [row] = await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.poNumber, placed.po_number));
    expect(row!.status).toBe('pending');

    const secondWorker = await stack.spawnWorker();
    try {
      await eventually(
        async () => ((await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.poNumber, placed.po_number)))[0]?.submittedAt ? true : undefined),
        'the restarted worker to finish the submission',
        60_000,
      );
      await fetch(`${stack.wpsUrl}/_control/orders/${placed.po_number}/ship`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      await eventually(
        async () => ((await call('GET', `/v1/dropships/${started.body.id}`)).body.phase === 'completed' ? true : undefined),
        'the drop-ship to complete',
        60_000,
      );
      expect(stack.wps.state.orders.filter((o) => o.po_number === placed.po_number)).toHaveLength(1);
      expect(stack.resend.state.emails).toHaveLength(1);
    } finally {
      await secondWorker.stop();
    }
  });
});
