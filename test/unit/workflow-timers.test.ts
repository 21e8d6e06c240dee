import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facts, item, line } from '../../domain/dropship-facts.fixture.js';
import { DROPSHIP_WORKFLOW, type DropshipInput, type DropshipWorkflow } from '../../workflows/contracts/dropship.js';
import { PURCHASE_ORDER_WORKFLOW, type PurchaseOrderInput, type PurchaseOrderWorkflow } from '../../workflows/contracts/purchase-order.js';
import { callLog, startTimeSkipping } from '../helpers/time-skipping.js';

/*
 * The waits that take days in production, at their production lengths, on a time-skipping server
 * with the activities replaced: what the dealer is told and when.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let server: Awaited<ReturnType<typeof startTimeSkipping>>;

beforeAll(async () => {
  server = await startTimeSkipping();
}, 60_000);
afterAll(async () => server?.stop());

const days = (ms: number) => ms / DAY;

describe('a drop-ship waiting for the dealer', () => {
  it('reminds the dealer once after a day and expires a week later, ordering nothing', async () => {
    const log = callLog(server.env);
    const ok = (name: string) => log.record(name, () => undefined);
    const result = await server.withWorker(
      {
        loadDropshipFacts: log.record('loadDropshipFacts', async () => facts({ lines: [line({ candidates: [item('wps', '87-9934')] })] })),
        recordDropshipPlan: ok('recordDropshipPlan'),
        recordDropshipStatus: ok('recordDropshipStatus'),
        recordDropshipEvent: ok('recordDropshipEvent'),
        raiseNeedsResolution: ok('raiseNeedsResolution'),
        openException: ok('openException'),
        emailDealerAlert: ok('emailDealerAlert'),
        createPurchaseOrders: ok('createPurchaseOrders'),
      },
      (taskQueue) => {
        const input: DropshipInput = {
          dealerId: 'dealer-1',
          orderId: 'order-1',
          dropshipId: 'dropship-1',
          poBase: 'DL000001',
          mode: 'manual',
          startedBy: { type: 'dealer_user', id: 'dana' },
          // The dealer defaults (db/schema/dealers.ts) and the tracking defaults (config.ts).
          confirmReminderAfterMs: DAY,
          confirmExpiresAfterMs: 7 * DAY,
          pollIntervalMs: HOUR,
          giveUpAfterMs: 42 * DAY,
        };
        return server.env.client.workflow.execute<DropshipWorkflow>(DROPSHIP_WORKFLOW, { taskQueue, workflowId: `unit-dropship-${taskQueue}`, args: [input] });
      },
    );

    expect(result.phase).toBe('expired');
    expect(log.named('createPurchaseOrders')).toHaveLength(0);
    const reminders = log.named('emailDealerAlert');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.input.kind).toBe('confirmation_waiting');
    expect(days(reminders[0]!.atMs)).toBeCloseTo(1, 1);
    const statuses = log.named('recordDropshipStatus').map((c) => [c.input.status, Math.round(days(c.atMs) * 10) / 10]);
    expect(statuses).toEqual([
      ['awaiting_confirmation', 0],
      ['expired', 8],
    ]);
  });
});

describe('a purchase order', () => {
  const input = (taskQueue: string): PurchaseOrderInput => ({
    dealerId: 'dealer-1',
    orderId: 'order-1',
    poNumber: `DL000001-W-${taskQueue.slice(-6)}`,
    distributor: 'wps',
    pollIntervalMs: HOUR,
    giveUpAfterMs: 42 * DAY,
  });
  const run = (taskQueue: string) =>
    server.env.client.workflow.execute<PurchaseOrderWorkflow>(PURCHASE_ORDER_WORKFLOW, {
      taskQueue,
      workflowId: `unit-po-${taskQueue}`,
      args: [input(taskQueue)],
    });
  const records = (log: ReturnType<typeof callLog>) => ({
    recordPurchaseOrderStatus: log.record('recordPurchaseOrderStatus', () => undefined),
    openException: log.record('openException', () => undefined),
    emailDealerAlert: log.record('emailDealerAlert', () => undefined),
    closeException: log.record('closeException', () => undefined),
    loadPoLineProgress: log.record('loadPoLineProgress', () => [{ distributorSku: '87-9934', quantity: 1, shippedQty: 0, cancelledQty: 0 }]),
    failOverPurchaseOrder: log.record('failOverPurchaseOrder', () => ({
      rerouted: false,
      movedBackorders: false,
      why: 'automatic failover is off in your settings',
    })),
  });

  it('the distributor never ships: polled hourly for six weeks, then given up with one alert', async () => {
    const log = callLog(server.env);
    const result = await server.withWorker(
      {
        ...records(log),
        submitPurchaseOrder: log.record('submitPurchaseOrder', () => ({ distributorOrderRefs: ['WPS-1'], alreadyPlaced: false })),
        awaitPurchaseOrderChange: log.record('awaitPurchaseOrderChange', (): never => {
          throw ApplicationFailure.create({ type: 'NoChangeYet', message: 'still submitted', category: ApplicationFailureCategory.BENIGN });
        }),
      },
      run,
    );

    expect(result.status).toBe('given_up');
    const polls = log.named('awaitPurchaseOrderChange');
    expect(polls.length).toBeGreaterThan(42 * 24 * 0.9);
    expect(polls.length).toBeLessThanOrEqual(42 * 24 + 1);
    const statuses = log.named('recordPurchaseOrderStatus').map((c) => [c.input.status, Math.round(days(c.atMs))]);
    expect(statuses).toEqual([
      ['submitted', 0],
      ['given_up', 42],
    ]);
    expect(log.named('openException').map((c) => c.input.kind)).toEqual(['po_given_up']);
    expect(log.named('openException')[0]!.input.message).toContain('0 of 1 line shipped; 1 has not shipped after 42 days');
    expect(log.named('emailDealerAlert')).toHaveLength(1);
  });

  it('tracked by listing and never shipped: one safety check a day, none while the listing sees it, given up after six weeks', async () => {
    for (const listedLately of [false, true]) {
      const log = callLog(server.env);
      const result = await server.withWorker(
        {
          ...records(log),
          submitPurchaseOrder: log.record('submitPurchaseOrder', () => ({ distributorOrderRefs: ['WPS-1'], alreadyPlaced: false })),
          wasListedSince: log.record('wasListedSince', () => listedLately),
          checkPurchaseOrder: log.record('checkPurchaseOrder', () => null),
        },
        (taskQueue) =>
          server.env.client.workflow.execute<PurchaseOrderWorkflow>(PURCHASE_ORDER_WORKFLOW, {
            taskQueue,
            workflowId: `unit-po-listing-${taskQueue}`,
            args: [{ ...input(taskQueue), tracking: 'listing', safetyCheckMs: DAY }],
          }),
      );

      expect(result.status).toBe('given_up');
      expect(log.named('wasListedSince').length).toBeGreaterThanOrEqual(41);
      expect(log.named('wasListedSince').length).toBeLessThanOrEqual(42);
      expect(log.named('checkPurchaseOrder')).toHaveLength(listedLately ? 0 : log.named('wasListedSince').length);
      expect(log.named('recordPurchaseOrderStatus').map((c) => [c.input.status, Math.round(days(c.atMs))])).toEqual([
        ['submitted', 0],
        ['given_up', 42],
      ]);
      expect(log.named('openException').map((c) => c.input.kind)).toEqual(['po_given_up']);
    }
  });

  it('a distributor in trouble for three days: the submission is given up, looked up once and failed as verified not placed', async () => {
    const log = callLog(server.env);
    const result = await server.withWorker(
      {
        ...records(log),
        submitPurchaseOrder: log.record('submitPurchaseOrder', (): never => {
          throw ApplicationFailure.retryable('WPS answered 503 Service Unavailable', 'Distributor:unavailable');
        }),
        verifyPlacement: log.record('verifyPlacement', () => ({ placed: false, checkedAt: '2026-12-06T10:00:00.000Z' })),
      },
      run,
    );

    expect(result.status).toBe('failed');
    expect(result.failureReason).toContain('not placed (verified at 2026-12-06T10:00:00.000Z)');
    // Backoff from 5 s doubling to 15 minutes: about 290 attempts in three days, none after.
    const attempts = log.named('submitPurchaseOrder');
    expect(attempts.length).toBeGreaterThan(250);
    expect(days(attempts.at(-1)!.atMs)).toBeLessThanOrEqual(3);
    expect(log.named('verifyPlacement')).toHaveLength(1);
    expect(days(log.named('verifyPlacement')[0]!.atMs)).toBeCloseTo(3, 1);
    expect(log.named('recordPurchaseOrderStatus').map((c) => c.input.status)).toEqual(['failed']);
    expect(log.named('openException').map((c) => c.input.kind)).toEqual(['po_failed']);
    // A refusal is offered to the dealer's failover policy, once.
    expect(log.named('failOverPurchaseOrder').map((c) => c.input.trigger)).toEqual(['refused']);
  });
});
