import type { Facts, InvariantResult } from './invariants.js';
import type { PlannedDropship } from './plan.js';
import type { SandboxChaosRecord, Trail } from './report.js';
import type { ChaosEvent, EventRecord } from './schedule.js';

/** Each drop-ship's POs, the per-call faults on them and the system faults while it was in flight. */
export function allTrails(
  facts: Facts,
  plan: PlannedDropship[],
  channelOrderIds: Map<string, string>,
  callFaults: SandboxChaosRecord[],
  events: EventRecord[],
  runStart: number,
): Trail[] {
  return plan.map((p) => {
    const order = facts.orderRows.find((o) => o.channel === p.channel && o.channelOrderId === channelOrderIds.get(p.id));
    const poNumbers = order ? facts.poRows.filter((po) => po.orderId === order.id).map((po) => po.poNumber) : [];
    // A fault still on when the order arrived counts; removed credentials only touch their distributor.
    const relevant = (e: ChaosEvent) =>
      e.atMs + ('forMs' in e ? e.forMs : 0) >= p.arriveAtMs - 1000 && (e.kind !== 'credentials_removed' || p.distributors.includes(e.distributor));
    const subjects = new Set([...poNumbers, ...(order ? [order.channelOrderId] : [])]);
    return {
      id: p.id,
      poNumbers,
      faults: callFaults.filter((f) => f.subject !== null && subjects.has(f.subject)),
      events: events.map((e) => ({ ...e.event, atMs: e.startedAt - runStart })).filter(relevant),
    };
  });
}

export function trailsOf(results: InvariantResult[], ...args: Parameters<typeof allTrails>): Trail[] {
  const failing = new Set(results.flatMap((r) => r.failures.map((f) => f.dropship)));
  return allTrails(...args).filter((t) => failing.has(t.id));
}
