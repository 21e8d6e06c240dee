import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoChange, PoStatus } from '../../domain/purchase-order.js';
import { PURCHASE_ORDER_WORKFLOW, type PurchaseOrderInput, type PurchaseOrderWorkflow } from '../../workflows/contracts/purchase-order.js';
import { callLog, startTimeSkipping } from '../helpers/time-skipping.js';

/*
 * The ship-by watch of a purchase order (workflows/ship-by-watch.ts) at production lengths on a
 * time-skipping server: a day before the order's deadline an unshipped PO opens one exception, which
 * closes itself when the PO ends; a PO that ships in time never opens one.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let server: Awaited<ReturnType<typeof startTimeSkipping>>;

beforeAll(async () => {
  server = await startTimeSkipping();
}, 60_000);
afterAll(async () => server?.stop());

const days = (ms: number) => Math.round((ms / DAY) * 100) / 100;

/**
 * A PO at WPS whose order must ship `shipByInMs` from now; WPS reports `status` once `atMs` has
 * passed and nothing new before. Answers with the result, the call log and the time the run took.
 */
async function runPurchaseOrder(shipByInMs: number, becomes: { status: PoStatus; atMs: number }) {
  const log = callLog(server.env);
  const startedMs = await server.env.currentTimeMs();
  let workflowId = '';
  const ok = (name: string) => log.record(name, () => undefined);
  const result = await server.withWorker(
    {
      recordPurchaseOrderStatus: ok('recordPurchaseOrderStatus'),
      openException: ok('openException'),
      emailDealerAlert: ok('emailDealerAlert'),
      closeException: ok('closeException'),
      submitPurchaseOrder: log.record('submitPurchaseOrder', () => ({ distributorOrderRefs: ['WPS-1'], alreadyPlaced: false })),
      awaitPurchaseOrderChange: log.record('awaitPurchaseOrderChange', async (): Promise<PoChange> => {
        if ((await server.env.currentTimeMs()) - startedMs < becomes.atMs) {
          throw ApplicationFailure.create({ type: 'NoChangeYet', message: 'still submitted', category: ApplicationFailureCategory.BENIGN });
        }
        return { status: becomes.status, newShipments: [], backordered: [], cancelled: [] };
      }),
    },
    (taskQueue) => {
      workflowId = `unit-po-${taskQueue}`;
      const input: PurchaseOrderInput = {
        dealerId: 'dealer-1',
        orderId: 'order-1',
        poNumber: `DL000001-W-${taskQueue.slice(-6)}`,
        distributor: 'wps',
        pollIntervalMs: HOUR,
        giveUpAfterMs: 42 * DAY,
        shipBy: new Date(startedMs + shipByInMs).toISOString(),
      };
      return server.env.client.workflow.execute<PurchaseOrderWorkflow>(PURCHASE_ORDER_WORKFLOW, { taskQueue, workflowId, args: [input] });
    },
  );
  // The server's clock may run on after the run (it skips to timeouts left behind), so the run's own times tell how long it took.
  const run = await server.env.client.workflow.getHandle(workflowId).describe();
  return { result, log, tookMs: run.closeTime!.getTime() - run.startTime.getTime() };
}

describe('a purchase order with a ship-by deadline', () => {
  it('not shipped a day before the deadline: one exception then, closed by itself when the PO ships', async () => {
    const { result, log } = await runPurchaseOrder(2 * DAY, { status: 'shipped', atMs: 3 * DAY });

    expect(result.status).toBe('shipped');
    const opened = log.named('openException');
    expect(opened).toHaveLength(1);
    expect(days(opened[0]!.atMs)).toBe(1);
    expect(opened[0]!.input).toMatchObject({
      kind: 'ship_by_at_risk',
      poNumber: result.poNumber,
      key: `ship-by-at-risk:dealer-1:${result.poNumber}`,
      message: expect.stringMatching(new RegExp(`PO ${result.poNumber} with Western Power Sports has not shipped, and its order must ship by \\w{3}, `)),
    });
    expect(log.named('emailDealerAlert').map((c) => c.input.kind)).toEqual(['ship_by_at_risk']);
    const closed = log.named('closeException');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.input).toEqual({ dealerId: 'dealer-1', key: opened[0]!.input.key, why: 'the PO shipped' });
    // Closed when the poll saw it shipped (hourly, from day 3), not before.
    expect(days(closed[0]!.atMs)).toBeGreaterThanOrEqual(3);
    expect(days(closed[0]!.atMs)).toBeLessThanOrEqual(3.05);
  });

  it('shipped in time: no exception, and the run ends when the PO does instead of waiting for the timer', async () => {
    const { result, log, tookMs } = await runPurchaseOrder(3 * DAY, { status: 'shipped', atMs: 12 * HOUR });

    expect(result.status).toBe('shipped');
    expect(log.named('openException')).toHaveLength(0);
    expect(log.named('closeException')).toHaveLength(0);
    expect(days(tookMs)).toBeLessThan(1);
  });

  it('a deadline already within a day: the exception opens at once and closes when the distributor cancels the PO', async () => {
    const { result, log } = await runPurchaseOrder(2 * HOUR, { status: 'cancelled', atMs: 6 * HOUR });

    expect(result.status).toBe('cancelled');
    const opened = log.named('openException');
    expect(opened.map((c) => [c.input.kind, days(c.atMs)])).toEqual([['ship_by_at_risk', 0]]);
    expect(log.named('closeException').map((c) => c.input.why)).toEqual(['the PO was cancelled']);
  });

  it('a deadline already past: the exception says the order was due', async () => {
    const { log } = await runPurchaseOrder(-HOUR, { status: 'shipped', atMs: HOUR });

    expect(log.named('openException')[0]!.input.message).toContain('its order was due to ship by');
  });
});
