import { inArray, sql } from 'drizzle-orm';
import { exceptions, orders, purchaseOrders } from '../db/schema/index.js';
import { distributorPlugin } from '../distributors/registry.js';
import { DISTRIBUTORS, type DistributorId } from '../domain/distributors.js';
import { distributorOf, itemOf } from './catalog.js';
import { cancelOnChannel } from './channels.js';
import type { PlannedDropship } from './plan.js';
import type { ChaosSystem } from './system.js';

/** Every order each distributor sandbox holds, by PO number, read from the sandbox's own store. */
export function ordersAtDistributors(system: ChaosSystem): Record<DistributorId, string[]> {
  return Object.fromEntries(
    DISTRIBUTORS.map((d) => [
      d,
      distributorPlugin(d)
        .sandbox.orders(system.sandboxes[d])
        .map((o) => o.poNumber),
    ]),
  ) as Record<DistributorId, string[]>;
}

/** What each distributor sandbox has on order, per PO number and distributor SKU, every order of the PO summed. */
export function quantitiesAtDistributors(system: ChaosSystem): Map<string, Map<string, number>> {
  const ordered = new Map<string, Map<string, number>>();
  const add = (po: string, sku: string, quantity: number) => {
    const skus = ordered.get(po) ?? new Map<string, number>();
    skus.set(sku, (skus.get(sku) ?? 0) + quantity);
    ordered.set(po, skus);
  };
  for (const distributor of DISTRIBUTORS) {
    for (const order of distributorPlugin(distributor).sandbox.orders(system.sandboxes[distributor]))
      for (const line of order.lines) add(order.poNumber, line.sku, line.quantity);
  }
  return ordered;
}

/** Tracking numbers anywhere in a control answer, whatever the distributor calls them. */
function trackingNumbersIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => trackingNumbersIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (/^tracking_?num(ber)?s?$/i.test(key)) [inner].flat().forEach((t) => typeof t === 'string' && t && found.add(t));
      else trackingNumbersIn(inner, found);
    }
  }
  return found;
}

export interface WarehouseRecord {
  /** Tracking numbers each PO's distributor issued, from its ship answers. */
  issued: Map<string, Set<string>>;
  /** PO → planned drop-ship id, for every PO seen at a distributor. */
  poOwner: Map<string, string>;
  shipErrors: string[];
  cancelledOnChannel: Map<string, { at: number; channelOrderId: string }>;
}

/**
 * Plays the distributors' warehouses and the marketplaces' buyers: ships each PO that appears at a
 * distributor a few seconds later (in one package, or one per line, as planned), and for orders the
 * plan cancels on the marketplace, cancels them there once a PO is placed, then, once Dropline has
 * told the dealer, cancels the PO at the distributor as the dealer would by phone.
 */
export function startWarehouse(system: ChaosSystem, plan: Map<string, PlannedDropship>, channelOrderIds: Map<string, string>, log: (line: string) => void) {
  const record: WarehouseRecord = { issued: new Map(), poOwner: new Map(), shipErrors: [], cancelledOnChannel: new Map() };
  const seen = new Set<string>();
  const byChannelOrder = () => new Map([...channelOrderIds].map(([id, channelOrderId]) => [`${plan.get(id)!.channel}:${channelOrderId}`, id]));
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const later = (ms: number, task: () => Promise<void>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) void task().catch((error: unknown) => record.shipErrors.push(String(error)));
    }, ms);
    timers.add(timer);
  };

  async function control(distributor: DistributorId, poNumber: string, action: 'ship' | 'cancel', body: unknown) {
    const response = await fetch(`${system.urls[distributor]}/_control/orders/${encodeURIComponent(poNumber)}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const answer = (await response.json().catch(() => null)) as unknown;
    if (!response.ok) throw new Error(`${action} ${poNumber} at ${distributor}: HTTP ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
    return answer;
  }

  async function ship(distributor: DistributorId, poNumber: string, planned: PlannedDropship) {
    const mine = planned.lines.filter((l) => distributorOf(l.dealerSku) === distributor);
    const packages =
      planned.packagePerLine && mine.length > 1 ? mine.map((l) => ({ items: [{ sku: itemOf(l.dealerSku).distributorSku, quantity: l.quantity }] })) : undefined;
    const answer = await control(distributor, poNumber, 'ship', packages ? { packages } : {});
    const issued = record.issued.get(poNumber) ?? new Set<string>();
    trackingNumbersIn(answer).forEach((t) => issued.add(t));
    record.issued.set(poNumber, issued);
  }

  async function cancelWhenDealerKnows(distributor: DistributorId, poNumber: string, planned: PlannedDropship, orderId: string) {
    const channelOrderId = channelOrderIds.get(planned.id)!;
    if (!record.cancelledOnChannel.has(planned.id)) {
      record.cancelledOnChannel.set(planned.id, { at: Date.now(), channelOrderId });
      await cancelOnChannel(system, planned.channel as 'ebay' | 'amazon', channelOrderId);
    }
    // Bounded: the next order poll (every 2 s) tells the dealer within seconds, or the invariants will say it did not.
    for (let i = 0; i < 20 && !stopped; i++) {
      const [open] = await system.db
        .select({ id: exceptions.id })
        .from(exceptions)
        .where(sql`${exceptions.orderId} = ${orderId} and ${exceptions.kind} = 'order_cancelled_on_channel'`);
      if (open) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await control(distributor, poNumber, 'cancel', {});
  }

  async function sweep() {
    const fresh = Object.entries(ordersAtDistributors(system)).flatMap(([distributor, pos]) =>
      [...new Set(pos)].filter((po) => !seen.has(po)).map((po) => ({ distributor: distributor as DistributorId, po })),
    );
    if (fresh.length === 0) return;
    const rows = await system.db
      .select({ poNumber: purchaseOrders.poNumber, orderId: purchaseOrders.orderId, channel: orders.channel, channelOrderId: orders.channelOrderId })
      .from(purchaseOrders)
      .innerJoin(orders, sql`${orders.id} = ${purchaseOrders.orderId}`)
      .where(
        inArray(
          purchaseOrders.poNumber,
          fresh.map((f) => f.po),
        ),
      );
    const owners = byChannelOrder();
    for (const { distributor, po } of fresh) {
      const row = rows.find((r) => r.poNumber === po);
      const id = row && owners.get(`${row.channel}:${row.channelOrderId}`);
      if (!row || !id) continue; // not in Postgres yet (or not ours): next sweep
      seen.add(po);
      record.poOwner.set(po, id);
      const planned = plan.get(id)!;
      if (planned.cancelledOnChannel) later(500, () => cancelWhenDealerKnows(distributor, po, planned, row.orderId));
      else later(planned.shipAfterMs, () => ship(distributor, po, planned));
    }
  }

  const loop = setInterval(() => void sweep().catch((error: unknown) => log(`warehouse sweep: ${String(error)}`)), 500);
  return {
    record,
    stop() {
      stopped = true;
      clearInterval(loop);
      timers.forEach(clearTimeout);
    },
  };
}
