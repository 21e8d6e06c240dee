import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq } from 'drizzle-orm';
import { dropships, orders } from '../db/schema/index.js';
import { deliverOrder } from './channels.js';
import type { PlannedDropship } from './plan.js';
import { DEALER_ID, type ChaosSystem } from './system.js';

/** What intake did, for the invariants: the website orders the run had to start itself, and orders that never got in. */
export interface IntakeRecord {
  startedByRun: Set<string>;
  errors: Map<string, string>;
}

/**
 * Places every order at its moment. A website order of an auto-processing dealer must start its
 * drop-ship by itself (as the Shopify webhook and marketplace polls do); when it does not within a
 * few seconds, the run notes it and starts it through the API, so the rest of the run still
 * exercises it. One by one (for --only), each order waits for its drop-ship before the next comes,
 * so drop-ship numbers follow the plan.
 */
export async function deliverAll(
  system: ChaosSystem,
  plan: PlannedDropship[],
  channelOrderIds: Map<string, string>,
  runStart: number,
  oneByOne: boolean,
  log: (line: string) => void,
): Promise<IntakeRecord> {
  const intake: IntakeRecord = { startedByRun: new Set(), errors: new Map() };
  const deliver = async (planned: PlannedDropship) => {
    await sleep(runStart + planned.arriveAtMs - Date.now());
    try {
      const channelOrderId = await deliverOrder(system, planned);
      channelOrderIds.set(planned.id, channelOrderId);
      if (planned.channel === 'website' && !(await waitForDropship(system, planned.channel, channelOrderId, 5_000))) {
        intake.startedByRun.add(planned.id);
        await startThroughApi(system, channelOrderId);
      }
      if (oneByOne) await waitForDropship(system, planned.channel, channelOrderId, 60_000);
    } catch (error) {
      intake.errors.set(planned.id, String(error));
      log(`intake of ${planned.id} failed: ${String(error)}`);
    }
  };
  if (oneByOne) for (const planned of plan) await deliver(planned);
  else await Promise.all(plan.map(deliver));
  return intake;
}

async function orderRow(system: ChaosSystem, channel: string, channelOrderId: string) {
  const [row] = await system.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.dealerId, DEALER_ID), eq(orders.channel, channel), eq(orders.channelOrderId, channelOrderId)));
  return row ?? null;
}

async function waitForDropship(system: ChaosSystem, channel: string, channelOrderId: string, withinMs: number) {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const order = await orderRow(system, channel, channelOrderId);
    if (order) {
      const [dropship] = await system.db.select({ id: dropships.id, poBase: dropships.poBase }).from(dropships).where(eq(dropships.orderId, order.id));
      if (dropship) return dropship;
    }
    await sleep(250);
  }
  return null;
}

async function startThroughApi(system: ChaosSystem, channelOrderId: string) {
  const order = await orderRow(system, 'website', channelOrderId);
  for (let attempt = 1; attempt <= 10; attempt++) {
    const response = await fetch(`${system.apiUrl}/v1/orders/${order!.id}/dropships`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'auto' }),
    }).catch(() => null);
    if (response && response.status < 500) return;
    await sleep(2000);
  }
}
