import { eq } from 'drizzle-orm';
import { auditEvents, dropships, exceptions, orders, poLines, purchaseOrders, shipments } from '../db/schema/index.js';
import type { SentEmail } from '../sandboxes/resend/index.js';
import type { PlannedDropship } from './plan.js';
import { DEALER_ID, type ChaosSystem } from './system.js';
import type { IntakeRecord } from './intake.js';
import { ordersAtDistributors, quantitiesAtDistributors, type WarehouseRecord } from './warehouse.js';

/** One checked property of the run: how many things it looked at, and each thing that broke it. */
export interface InvariantResult {
  name: string;
  checked: number;
  failures: Array<{ dropship: string | null; detail: string }>;
  /** Counted apart: allowed, but the reader should see how often (e.g. an email not sent, with an exception saying so). */
  notes: string[];
}

/**
 * Exception kinds that never hold a drop-ship up, so never explain why one is not over: a failed notice,
 * or a warning that a ship-by date is near (the PO is still moving; counted as the reason, it let the
 * settle wait end while a PO was between two polls).
 */
export const NOT_BLOCKING = new Set(['notification_failed', 'ship_by_at_risk']);
export const TERMINAL_DROPSHIP = new Set(['completed', 'needs_resolution', 'cancelled', 'expired']);
/** PO statuses a PO workflow may end in (`unknown` and `needs_attention` come with the issue 12 fixes). */
export const FINAL_PO = new Set(['shipped', 'cancelled', 'failed', 'given_up', 'unknown', 'needs_attention']);
/** Temporal visibility query for executions that ended badly. */
export const CLOSED_BADLY = 'ExecutionStatus = "Failed" OR ExecutionStatus = "Terminated" OR ExecutionStatus = "TimedOut"';
/** Who changes a PO to each status: Dropline itself, or the distributor whose answer it records. */
const PO_STATUS_ACTOR: Record<string, string> = {
  submitted: 'system',
  failed: 'system',
  given_up: 'system',
  unknown: 'system',
  needs_attention: 'system',
  accepted: 'distributor',
  backordered: 'distributor',
  partially_shipped: 'distributor',
  shipped: 'distributor',
  cancelled: 'distributor',
};

/** Everything the invariants read, gathered once after the run settled. */
export async function gatherFacts(system: ChaosSystem) {
  const { db } = system;
  const [orderRows, dropshipRows, poRows, lineRows, shipmentRows, exceptionRows, auditRows] = await Promise.all([
    db
      .select({ id: orders.id, channel: orders.channel, channelOrderId: orders.channelOrderId, status: orders.status })
      .from(orders)
      .where(eq(orders.dealerId, DEALER_ID)),
    db
      .select({ id: dropships.id, orderId: dropships.orderId, status: dropships.status, workflowId: dropships.workflowId })
      .from(dropships)
      .where(eq(dropships.dealerId, DEALER_ID)),
    db
      .select({
        poNumber: purchaseOrders.poNumber,
        orderId: purchaseOrders.orderId,
        dropshipId: purchaseOrders.dropshipId,
        distributor: purchaseOrders.distributor,
        status: purchaseOrders.status,
        failureReason: purchaseOrders.failureReason,
      })
      .from(purchaseOrders)
      .where(eq(purchaseOrders.dealerId, DEALER_ID)),
    db
      .select({ poNumber: purchaseOrders.poNumber, distributorSku: poLines.distributorSku, quantity: poLines.quantity })
      .from(poLines)
      .innerJoin(purchaseOrders, eq(purchaseOrders.id, poLines.poId))
      .where(eq(purchaseOrders.dealerId, DEALER_ID)),
    db
      .select({ poNumber: purchaseOrders.poNumber, trackingNumber: shipments.trackingNumber })
      .from(shipments)
      .innerJoin(purchaseOrders, eq(purchaseOrders.id, shipments.poId)),
    db
      .select({ orderId: exceptions.orderId, poNumber: exceptions.poNumber, kind: exceptions.kind, message: exceptions.message, status: exceptions.status })
      .from(exceptions)
      .where(eq(exceptions.dealerId, DEALER_ID)),
    db
      .select({
        orderId: auditEvents.orderId,
        poNumber: auditEvents.poNumber,
        type: auditEvents.type,
        actorType: auditEvents.actorType,
        actorId: auditEvents.actorId,
      })
      .from(auditEvents)
      .where(eq(auditEvents.dealerId, DEALER_ID)),
  ]);
  const emails = ((await (await fetch(`${system.urls.resend}/_control/emails`)).json()) as { data: SentEmail[] }).data;
  const closedBadly: Array<{ workflowId: string; status: string; type: string; why: string }> = [];
  for await (const execution of system.client.workflow.list({ query: CLOSED_BADLY })) {
    // Why it ended, from its result: the failure's innermost cause, or the termination reason.
    const why = await system.client.workflow
      .getHandle(execution.workflowId, execution.runId)
      .result()
      .then(
        () => '',
        (error: unknown) => innermost(error),
      );
    closedBadly.push({ workflowId: execution.workflowId, status: execution.status.name, type: execution.type, why });
  }
  return {
    orderRows,
    dropshipRows,
    poRows,
    lineRows,
    shipmentRows,
    exceptionRows,
    auditRows,
    emails,
    closedBadly,
    atDistributors: ordersAtDistributors(system),
    quantitiesAtDistributors: quantitiesAtDistributors(system),
  };
}

export type Facts = Awaited<ReturnType<typeof gatherFacts>>;

function innermost(error: unknown): string {
  let current = error as { message?: string; cause?: unknown } | undefined;
  while (current?.cause) current = current.cause as typeof current;
  return String(current?.message ?? error).slice(0, 200);
}

/** What each marketplace sandbox holds as pushed tracking for one order (fulfillments / packages). */
async function pushesOf(system: ChaosSystem, channel: string, channelOrderId: string): Promise<unknown[]> {
  if (channel !== 'ebay' && channel !== 'amazon' && channel !== 'shopify') return [];
  const what = channel === 'amazon' ? 'packages' : 'fulfillments';
  // A Shopify order is stored under its global id; the sandbox's control API takes the number at its end.
  const id = channel === 'shopify' ? channelOrderId.split('/').pop()! : channelOrderId;
  const response = await fetch(`${system.urls[channel]}/_control/orders/${encodeURIComponent(id)}/${what}`);
  return response.ok ? ((await response.json()) as { data: unknown[] }).data : [];
}

export async function checkInvariants(
  system: ChaosSystem,
  facts: Facts,
  plan: PlannedDropship[],
  channelOrderIds: Map<string, string>,
  warehouse: WarehouseRecord,
  intake: IntakeRecord,
): Promise<InvariantResult[]> {
  const orderOf = new Map(facts.orderRows.map((o) => [`${o.channel}:${o.channelOrderId}`, o]));
  const plannedOrder = (p: PlannedDropship) => orderOf.get(`${p.channel}:${channelOrderIds.get(p.id)}`);
  const ownerOfOrder = new Map(plan.flatMap((p) => (plannedOrder(p) ? [[plannedOrder(p)!.id, p.id] as const] : [])));
  const posOfOrder = (orderId: string) => facts.poRows.filter((po) => po.orderId === orderId);
  const ownerOfPo = (poNumber: string) => {
    const po = facts.poRows.find((p) => p.poNumber === poNumber);
    return (po && ownerOfOrder.get(po.orderId)) ?? warehouse.poOwner.get(poNumber) ?? null;
  };
  /**
   * Open exceptions that can say why an order's drop-ship is not over. A failed email or push does not:
   * it never holds a PO up.
   */
  const blockingExceptions = (orderId: string) => facts.exceptionRows.filter((e) => e.orderId === orderId && e.status === 'open' && !NOT_BLOCKING.has(e.kind));
  const closedBadly = new Set(facts.closedBadly.map((w) => w.workflowId));

  // 1. At most one distributor order per PO number, counted in the sandboxes' own stores.
  const once: InvariantResult = { name: 'one distributor order per PO number, quantities as ordered', checked: 0, failures: [], notes: [] };
  for (const [distributor, pos] of Object.entries(facts.atDistributors)) {
    const counts = new Map<string, number>();
    pos.forEach((po) => counts.set(po, (counts.get(po) ?? 0) + 1));
    once.checked += counts.size;
    for (const [po, count] of counts)
      if (count > 1) once.failures.push({ dropship: ownerOfPo(po), detail: `${distributor} holds ${count} orders for PO ${po}` });
  }
  // A half-built cart added to twice doubles a line even when only one order is placed.
  for (const [po, skus] of facts.quantitiesAtDistributors) {
    const wanted = new Map<string, number>();
    for (const line of facts.lineRows.filter((l) => l.poNumber === po)) wanted.set(line.distributorSku, (wanted.get(line.distributorSku) ?? 0) + line.quantity);
    const differing = [...new Set([...skus.keys(), ...wanted.keys()])].filter((sku) => (skus.get(sku) ?? 0) !== (wanted.get(sku) ?? 0));
    if (differing.length) {
      once.failures.push({
        dropship: ownerOfPo(po),
        detail: `PO ${po} at the distributor: ${differing.map((sku) => `${skus.get(sku) ?? 0} of ${sku}`).join(', ')}; the PO has ${differing.map((sku) => wanted.get(sku) ?? 0).join(', ')}`,
      });
    }
  }

  // Every order gets in once and starts its drop-ship by itself (the dealer runs auto-processing).
  const intook: InvariantResult = { name: 'every order taken in and drop-shipped by auto-processing', checked: plan.length, failures: [], notes: [] };
  for (const p of plan) {
    const order = plannedOrder(p);
    const error = intake.errors.get(p.id);
    if (error) intook.failures.push({ dropship: p.id, detail: `the ${p.channel} order could not be placed: ${error}` });
    else if (!order) intook.failures.push({ dropship: p.id, detail: `the ${p.channel} order ${channelOrderIds.get(p.id)} never reached Postgres` });
    else if (intake.startedByRun.has(p.id))
      intook.failures.push({
        dropship: p.id,
        detail: `website order ${order.channelOrderId} started no drop-ship by itself (the run started it through POST /v1/orders/:id/dropships)`,
      });
    else if (!facts.dropshipRows.some((d) => d.orderId === order.id))
      intook.failures.push({ dropship: p.id, detail: `the ${p.channel} order ${order.channelOrderId} has no drop-ship` });
    // A start the run retried (after a 5xx) may open a second drop-ship once the first is over: allowed, but shown.
    const all = facts.dropshipRows.filter((d) => order && d.orderId === order.id);
    if (all.length > 1) intook.notes.push(`${p.id}: order ${order!.channelOrderId} has ${all.length} drop-ships (${all.map((d) => d.status).join(', ')})`);
  }

  // A marketplace cancelling an order whose PO is placed reaches the dealer as an exception.
  const toldDealer: InvariantResult = { name: 'every cancellation on a marketplace reaches the dealer', checked: 0, failures: [], notes: [] };
  for (const [id, { channelOrderId }] of warehouse.cancelledOnChannel) {
    toldDealer.checked++;
    const p = plan.find((x) => x.id === id)!;
    const order = plannedOrder(p);
    if (!order || !facts.exceptionRows.some((e) => e.orderId === order.id && e.kind === 'order_cancelled_on_channel')) {
      toldDealer.failures.push({
        dropship: id,
        detail: `${p.channel} cancelled order ${channelOrderId} after its PO was placed; no order_cancelled_on_channel exception`,
      });
    }
  }

  // 2. Every drop-ship ends, or an open exception says why; and a PO the distributor has is never "failed".
  const settled: InvariantResult = { name: 'every drop-ship terminal, or an open exception says why', checked: 0, failures: [], notes: [] };
  const placed = new Set(Object.values(facts.atDistributors).flat());
  let explained = 0;
  for (const p of plan) {
    settled.checked++;
    const order = plannedOrder(p);
    const mine = order ? facts.dropshipRows.filter((d) => d.orderId === order.id) : [];
    if (!order || mine.length === 0) continue; // reported by the intake invariant
    const pos = posOfOrder(order.id);
    for (const po of pos) {
      if (po.status === 'failed' && placed.has(po.poNumber)) {
        settled.failures.push({
          dropship: p.id,
          detail: `PO ${po.poNumber} is "failed" in Postgres, but ${po.distributor} has the order (${po.failureReason ?? 'no reason'})`,
        });
      }
    }
    const done = mine.length > 0 && mine.every((d) => TERMINAL_DROPSHIP.has(d.status)) && pos.every((po) => FINAL_PO.has(po.status));
    if (done) continue;
    // A drop-ship whose workflow failed or was terminated will never move on, whatever the inbox says.
    const why = mine.some((d) => closedBadly.has(d.workflowId)) ? [] : blockingExceptions(order.id);
    if (why.length > 0) {
      explained++;
      continue;
    }
    const state = mine.map((d) => `drop-ship ${d.status}`).join(', ');
    const workflowGone = mine.some((d) => closedBadly.has(d.workflowId)) ? ' (its workflow failed or was terminated)' : '';
    settled.failures.push({
      dropship: p.id,
      detail: `${state}${workflowGone}; POs ${pos.map((po) => `${po.poNumber} ${po.status}`).join(', ') || 'none'}; no open exception says why`,
    });
  }
  if (explained) settled.notes.push(`${explained} not terminal, each with an open exception saying why`);

  // 3. No workflow ends failed, terminated or timed out.
  const workflows: InvariantResult = { name: 'no workflow failed, terminated or timed out', checked: facts.closedBadly.length, failures: [], notes: [] };
  for (const w of facts.closedBadly) {
    const [prefix, , key] = w.workflowId.split(':');
    const owner = prefix === 'dropship' ? (ownerOfOrder.get(key ?? '') ?? null) : prefix === 'po' ? ownerOfPo(key ?? '') : null;
    workflows.failures.push({ dropship: owner, detail: `${w.type} ${w.workflowId} ${w.status.toLowerCase()}${w.why ? `: ${w.why}` : ''}` });
  }

  // 4. Exactly one buyer email and one channel push per package; every issued tracking number stored.
  const packages: InvariantResult = { name: 'one buyer email + one channel push per package; tracking stored', checked: 0, failures: [], notes: [] };
  const stored = new Set(facts.shipmentRows.map((s) => `${s.poNumber}:${s.trackingNumber}`));
  let missingButExplained = 0;
  for (const [poNumber, tracking] of warehouse.issued) {
    const id = ownerOfPo(poNumber);
    const p = plan.find((x) => x.id === id);
    if (!p) continue;
    const order = plannedOrder(p);
    const pushes = order ? await pushesOf(system, order.channel, order.channelOrderId) : [];
    for (const number of tracking) {
      packages.checked++;
      if (!stored.has(`${poNumber}:${number}`))
        packages.failures.push({ dropship: p.id, detail: `tracking ${number} of PO ${poNumber} (issued by the distributor) is not in Postgres` });
      const emails = facts.emails.filter((e) => e.to.includes(p.buyerEmail) && `${e.text ?? ''}${e.html ?? ''}`.includes(number)).length;
      const explainedBy = order && facts.exceptionRows.some((e) => e.orderId === order.id && e.status === 'open' && e.message.includes(number));
      if (emails > 1) packages.failures.push({ dropship: p.id, detail: `${emails} buyer emails for package ${number} (PO ${poNumber})` });
      else if (emails === 0 && explainedBy) missingButExplained++;
      else if (emails === 0)
        packages.failures.push({ dropship: p.id, detail: `no buyer email for package ${number} (PO ${poNumber}) and no open exception naming it` });
      const expectedPushes = p.channel === 'website' ? 0 : 1;
      const pushed = pushes.filter((f) => JSON.stringify(f).includes(number)).length;
      if (pushed > expectedPushes) packages.failures.push({ dropship: p.id, detail: `${pushed} ${p.channel} pushes for package ${number} (PO ${poNumber})` });
      else if (pushed < expectedPushes && explainedBy) missingButExplained++;
      else if (pushed < expectedPushes)
        packages.failures.push({ dropship: p.id, detail: `package ${number} (PO ${poNumber}) never pushed to ${p.channel}, and no open exception naming it` });
    }
  }
  if (missingButExplained) packages.notes.push(`${missingButExplained} emails/pushes not made, each with an open exception naming the package`);

  // 5. Every state change has its audit event, with the right actor.
  const audit: InvariantResult = { name: 'every state change audited, with the right actor', checked: 0, failures: [], notes: [] };
  const eventsOf = (poNumber: string) => facts.auditRows.filter((e) => e.poNumber === poNumber);
  for (const po of facts.poRows) {
    const owner = ownerOfOrder.get(po.orderId) ?? null;
    const events = eventsOf(po.poNumber);
    audit.checked++;
    if (po.status !== 'pending' && !events.some((e) => e.type === `po.${po.status}`)) {
      audit.failures.push({ dropship: owner, detail: `PO ${po.poNumber} is ${po.status} with no po.${po.status} audit event` });
    }
    if (po.status !== 'pending' && po.status !== 'failed' && !events.some((e) => e.type === 'po.submitted')) {
      audit.failures.push({ dropship: owner, detail: `PO ${po.poNumber} is ${po.status} with no po.submitted audit event` });
    }
    for (const e of events) {
      const status = e.type.startsWith('po.') ? e.type.slice(3) : null;
      const expected = status ? PO_STATUS_ACTOR[status] : undefined;
      if (expected && e.actorType !== expected)
        audit.failures.push({ dropship: owner, detail: `${e.type} of PO ${po.poNumber} recorded as by ${e.actorType}, expected ${expected}` });
    }
  }
  for (const s of facts.shipmentRows) {
    audit.checked++;
    if (!facts.auditRows.some((e) => e.poNumber === s.poNumber && e.type === 'shipment.recorded')) {
      audit.failures.push({ dropship: ownerOfPo(s.poNumber), detail: `package ${s.trackingNumber} of PO ${s.poNumber} has no shipment.recorded audit event` });
    }
  }
  for (const d of facts.dropshipRows) {
    if (d.status === 'starting') continue;
    audit.checked++;
    if (!facts.auditRows.some((e) => e.orderId === d.orderId && e.type === `dropship.${d.status}`)) {
      audit.failures.push({
        dropship: ownerOfOrder.get(d.orderId) ?? null,
        detail: `drop-ship ${d.workflowId} is ${d.status} with no dropship.${d.status} audit event`,
      });
    }
  }

  return [once, intook, settled, toldDealer, workflows, packages, audit];
}
