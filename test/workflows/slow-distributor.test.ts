import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrder } from '../../db/repositories/orders.js';
import { orderLines } from '../../db/schema/index.js';
import { dataConverter } from '../../temporal/data-converter.js';
import type { ShortAttemptsResult } from '../fixtures/submission-workflows.js';
import { testConfig } from '../helpers/config.js';
import { storeWpsPurchaseOrder } from '../helpers/purchase-orders.js';
import { startStack, type Stack } from '../helpers/stack.js';

const LATENCY_MS = 1_200;
const CALL_TIMEOUT_MS = 1_500;
/** A submission of 8 lines makes 14 calls (≈ 17 s at this latency): no attempt can finish it alone. */
const START_TO_CLOSE_MS = 10_000;
const SKUS = Array.from({ length: 8 }, (_, i) => `SL-000${i + 1}`);
const QUANTITY = 3;

/**
 * A WPS slower than a submission attempt: each attempt must stop before its start-to-close, so the
 * next one never builds the cart beside it. Counted at the sandbox: one order, each line ordered once.
 */
describe('submitting an 8-line PO to a WPS whose every call takes nearly the call timeout', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      externalWorker: true,
      sandboxes: { wps: { catalog: Object.fromEntries(SKUS.map((sku) => [sku, { warehouses: { ID: 50 } }])) } },
      distributorCalls: { callTimeoutMs: CALL_TIMEOUT_MS, attemptMarginMs: 300 },
    });
  });
  afterAll(async () => stack?.stop());

  async function storePurchaseOrder(poNumber: string) {
    const { id: orderId } = await createOrder(stack.db, {
      dealerId: stack.dealerId,
      channel: 'website',
      channelOrderId: `WEB-SLOW-${poNumber}`,
      buyer: { name: 'Jane Rider', email: 'jane.rider@example.com' },
      shipTo: { name: 'Jane Rider', line1: '123 Main St', city: 'Boise', region: 'ID', postalCode: '83702', country: 'US' },
      shippingRateName: 'Standard Shipping',
      lines: SKUS.map((sku) => ({ sku: `DEALER-${sku}`, quantity: QUANTITY, unitPriceCents: 1000 })),
    });
    const lines = await stack.db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.lineNumber));
    await storeWpsPurchaseOrder(stack.db, {
      dealerId: stack.dealerId,
      orderId,
      poNumber,
      lines: lines.map((line, i) => ({ lineId: line.id, dealerSku: line.dealerSku, distributorSku: SKUS[i]!, quantity: QUANTITY })),
      mode: 'auto',
    });
  }

  it('places exactly one order with no line doubled, over several attempts that never overlap', async () => {
    const poNumber = `DLSLOW${randomUUID().slice(0, 6).toUpperCase()}`;
    await storePurchaseOrder(poNumber);
    await fetch(`${stack.wpsUrl}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: LATENCY_MS }),
    });

    const taskQueue = `slow-wps-${randomUUID()}`;
    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const worker = await Worker.create({
      connection,
      taskQueue,
      workflowsPath: fileURLToPath(new URL('../fixtures/submission-workflows.ts', import.meta.url)),
      activities: stack.activities,
      dataConverter: dataConverter(testConfig.payloadKeys),
    });
    const result = await worker
      .runUntil(
        stack.client.workflow.execute('submitInShortAttempts', {
          taskQueue,
          workflowId: `slow-wps:${poNumber}`,
          args: [{ dealerId: stack.dealerId, poNumber, startToCloseMs: START_TO_CLOSE_MS, heartbeatTimeoutMs: 5_000 }],
        }) as Promise<ShortAttemptsResult>,
      )
      .finally(() => connection.close());
    // Let any request an attempt left behind land before counting.
    await new Promise((resolve) => setTimeout(resolve, LATENCY_MS * 2));

    const wpsOrders = stack.wps.state.orders.filter((order) => order.po_number === poNumber);
    const ordered = stack.wps.state.purchaseOrders.get(poNumber)?.order_details.flatMap((detail) => detail.items);
    expect.soft(ordered).toEqual(SKUS.map((sku) => ({ sku, quantity: QUANTITY })));
    expect.soft(wpsOrders).toHaveLength(1);
    expect(result).toEqual({ placed: wpsOrders.map((order) => order.order_number) });
    // It took more than one attempt: each begins by looking the PO up.
    const lookups = stack.wps.state.requests.filter((r) => r.method === 'GET' && r.path === `/orders/${poNumber}`);
    expect(lookups.length).toBeGreaterThan(1);
  }, 120_000);
});
