import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { dropships, exceptions, orders, purchaseOrders } from '../db/schema/index.js';
import { CLOSED_BADLY, FINAL_PO, NOT_BLOCKING, TERMINAL_DROPSHIP } from './invariants.js';
import type { PlannedDropship } from './plan.js';
import { DEALER_ID, type ChaosSystem } from './system.js';

/**
 * Waits until every drop-ship is terminal (or has an open exception and nothing has moved for 15 s),
 * or the deadline passes. Bounded by the deadline whatever happens.
 */
export async function settle(
  system: ChaosSystem,
  plan: PlannedDropship[],
  channelOrderIds: Map<string, string>,
  cancelledOnChannel: Map<string, { at: number }>,
  deadline: number,
  log: (line: string) => void,
): Promise<boolean> {
  let lastPicture = '';
  let unchangedSince = Date.now();
  let lastLog = 0;
  while (Date.now() < deadline) {
    const rows = await system.db
      .select({
        orderId: orders.id,
        channel: orders.channel,
        channelOrderId: orders.channelOrderId,
        status: dropships.status,
        workflowId: dropships.workflowId,
      })
      .from(orders)
      .leftJoin(dropships, eq(dropships.orderId, orders.id))
      .where(eq(orders.dealerId, DEALER_ID));
    const pos = await system.db
      .select({ orderId: purchaseOrders.orderId, status: purchaseOrders.status })
      .from(purchaseOrders)
      .where(eq(purchaseOrders.dealerId, DEALER_ID));
    const raised = await system.db
      .select({ orderId: exceptions.orderId, kind: exceptions.kind, status: exceptions.status })
      .from(exceptions)
      .where(eq(exceptions.dealerId, DEALER_ID));
    const explained = new Set(raised.filter((e) => e.status === 'open' && !NOT_BLOCKING.has(e.kind)).map((e) => e.orderId));
    const toldOfCancel = new Set(raised.filter((e) => e.kind === 'order_cancelled_on_channel').map((e) => e.orderId));
    // A drop-ship whose workflow failed or was terminated will not move again: waiting for it is pointless.
    const gone = new Set<string>();
    for await (const w of system.client.workflow.list({ query: CLOSED_BADLY })) gone.add(w.workflowId);
    const picture = JSON.stringify([rows.map((r) => r.status), pos.map((p) => p.status)]);
    if (picture !== lastPicture) [lastPicture, unchangedSince] = [picture, Date.now()];
    const pending = plan.filter((p) => {
      const mine = rows.filter((r) => r.channel === p.channel && r.channelOrderId === channelOrderIds.get(p.id));
      const terminal =
        mine.length > 0 &&
        mine.every((r) => r.status && TERMINAL_DROPSHIP.has(r.status)) &&
        pos.filter((po) => po.orderId === mine[0]!.orderId).every((po) => FINAL_PO.has(po.status));
      if (mine.some((r) => r.workflowId && gone.has(r.workflowId))) return false;
      // A marketplace cancellation is settled once the dealer has been told of it (polls take seconds; 30 s is plenty).
      const cancelled = cancelledOnChannel.get(p.id);
      if (cancelled && mine[0] && !toldOfCancel.has(mine[0].orderId) && Date.now() - cancelled.at < 30_000) return true;
      return !terminal && !(mine[0] && explained.has(mine[0].orderId) && Date.now() - unchangedSince > 15_000);
    });
    if (pending.length === 0) return true;
    if (Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      log(
        `${pending.length} drop-ship(s) not settled yet, e.g. ${pending
          .slice(0, 5)
          .map((p) => p.id)
          .join(', ')}`,
      );
    }
    await sleep(2000);
  }
  return false;
}
