import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { appendAuditEvent } from '../db/repositories/audit.js';
import { findDealer } from '../db/repositories/dealers.js';
import { replaceStock, warehouseLeadTimes } from '../db/repositories/inventory.js';
import { lockOrder, refreshOrderShippingStatus } from '../db/repositories/orders.js';
import {
  loadPurchaseOrderForSubmission,
  recordCancelled,
  recordShipment,
  shipmentContents,
  updatePurchaseOrder,
  type ShipmentOutcome,
} from '../db/repositories/purchase-orders.js';
import { dropships, purchaseOrders } from '../db/schema/index.js';
import type { Actor } from '../domain/actor.js';
import { stockShortfalls } from '../domain/live-stock.js';
import { formatCents } from '../domain/money.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import type { PoChange, PoStatus, ShipmentReport } from '../domain/purchase-order.js';
import { contentsKey, sameContents, totalsBySku, type SkuQuantity } from '../domain/shipped-quantities.js';
import type { DistributorConnector, DistributorPurchaseOrder } from '../distributors/types.js';
import type { ActivityDeps } from './deps.js';
import { adapterCall } from './failures.js';
import { withHeartbeat } from './heartbeat.js';

export interface PoRef {
  dealerId: string;
  poNumber: string;
}

const DISTRIBUTOR: Actor = { type: 'distributor' };
const SYSTEM: Actor = { type: 'system' };

/** Activities of the purchase-order workflow. */
export function purchaseOrderActivities({ db, distributorConnector }: ActivityDeps) {
  /**
   * Stock in a daily feed goes stale; where the distributor offers a live check, the PO is only sent
   * if the 1-day warehouses can still fill it. Otherwise it fails permanently, naming the alternatives.
   */
  async function ensureStillInStock(
    po: { dealerId: string; distributor: string; poNumber: string; dropshipId: string },
    lines: Array<{ distributorSku: string; dealerSku: string; quantity: number }>,
    connector: DistributorConnector,
  ) {
    if (!connector.capabilities.liveStock || !connector.checkStock) return null;
    const check = connector.checkStock.bind(connector);
    // Two lines may carry one SKU: ask for it once, and compare stock with what the PO needs of it in all.
    const needed = [...totalsBySku(lines)].map(([distributorSku, quantity]) => ({ distributorSku, quantity }));
    const live = await adapterCall(() => check(needed.map((l) => l.distributorSku)));
    await replaceStock(db, po.dealerId, po.distributor, live);
    const dealer = await findDealer(db, po.dealerId);
    const short = stockShortfalls(needed, live, await warehouseLeadTimes(db, po.dealerId, po.distributor), dealer?.stockBuffer);
    if (short.length === 0) return live;
    const name = DISTRIBUTOR_NAMES[po.distributor as DistributorId];
    const missing = short.map((s) => `${s.distributorSku} needs ${s.needed}, ${s.available} available at 1-day warehouses`).join('; ');
    const [dropship] = await db.select({ plan: dropships.plan }).from(dropships).where(eq(dropships.id, po.dropshipId));
    const alternatives = lines
      .filter((line) => short.some((s) => s.distributorSku === line.distributorSku))
      .flatMap((line) =>
        (dropship?.plan?.lines.find((l) => l.dealerSku === line.dealerSku)?.candidates ?? [])
          .filter((c) => c.eligible && c.distributor !== po.distributor)
          .map((c) => `${DISTRIBUTOR_NAMES[c.distributor]} ${c.distributorSku} for ${line.dealerSku} (${c.availableQty} in stock, ${formatCents(c.costCents)})`),
      );
    throw ApplicationFailure.create({
      type: 'OutOfStock',
      nonRetryable: true,
      message: `${name} no longer has the stock for PO ${po.poNumber} (checked just before sending: ${missing}); the PO was not sent. ${
        alternatives.length ? `Alternatives: ${alternatives.join('; ')}.` : 'No other distributor in your catalog can ship it.'
      }`,
    });
  }

  async function submit(ref: PoRef): Promise<{ distributorOrderRefs: string[]; alreadyPlaced: boolean }> {
    const { po, order, shipTo, lines } = await loadPurchaseOrderForSubmission(db, ref.dealerId, ref.poNumber);
    const distributor = po.distributor as DistributorId;
    const connector = await distributorConnector(ref.dealerId, distributor);
    const existing = await adapterCall(() => connector.findPurchaseOrder(ref.poNumber));
    const stockCheck = existing ? null : await ensureStillInStock(po, lines, connector);
    const placed = existing
      ? { distributorOrderRefs: existing.distributorOrderRefs, summary: { foundExisting: true } }
      : await adapterCall(() =>
          connector.submitPurchaseOrder({
            poNumber: ref.poNumber,
            shipTo,
            shipMethod: po.shipMethod,
            buyerEmail: order.buyerEmail ?? undefined,
            lines: lines.map((l) => ({ distributorSku: l.distributorSku, quantity: l.quantity })),
          }),
        );
    await db.transaction(async (tx) => {
      await updatePurchaseOrder(tx, ref.dealerId, ref.poNumber, {
        status: 'submitted',
        distributorOrderRefs: placed.distributorOrderRefs,
        submittedAt: new Date(),
      });
      await appendAuditEvent(tx, {
        dealerId: ref.dealerId,
        orderId: po.orderId,
        poNumber: ref.poNumber,
        actor: { type: 'system' },
        type: 'po.submitted',
        summary: existing
          ? `PO ${ref.poNumber} was already at ${DISTRIBUTOR_NAMES[distributor]} (order ${placed.distributorOrderRefs.join(', ')}); not sent again`
          : `PO ${ref.poNumber} submitted to ${DISTRIBUTOR_NAMES[distributor]} (order ${placed.distributorOrderRefs.join(', ')})`,
        details: {
          request: { shipMethod: po.shipMethod, lines: lines.map((l) => ({ sku: l.distributorSku, quantity: l.quantity })) },
          response: placed.summary,
          ...(stockCheck ? { liveStock: stockCheck } : {}),
        },
        dedupeKey: `po-submitted:${ref.dealerId}:${ref.poNumber}`,
      });
    });
    return { distributorOrderRefs: placed.distributorOrderRefs, alreadyPlaced: existing !== null };
  }

  return {
    /**
     * Places the PO exactly once: it first asks the distributor whether a PO with this number already
     * exists (an earlier attempt whose response was lost, or a crash after the call), and only submits
     * when it does not. The PO number was stored before the first attempt and is the idempotency key.
     */
    async submitPurchaseOrder(ref: PoRef): Promise<{ distributorOrderRefs: string[]; alreadyPlaced: boolean }> {
      return withHeartbeat(() => submit(ref));
    },

    /**
     * One look at the distributor. Returns what changed since `known` and since what Postgres holds of
     * the PO's packages; when nothing did, fails with a benign retryable error so Temporal retries it
     * after the poll interval. Retries are not recorded in history, so six weeks of polling stay a
     * handful of events.
     */
    async awaitPurchaseOrderChange(
      input: PoRef & {
        distributor: DistributorId;
        known: { status: PoStatus; trackingNumbers: string[] };
        /**
         * Set by workflows that record `updatedShipments`. Without it they are neither reported nor a
         * change: a workflow that does not record them would be told the same news on every poll.
         */
        reportUpdatedShipments?: boolean;
      },
    ): Promise<PoChange> {
      const connector = await distributorConnector(input.dealerId, input.distributor);
      const remote = await adapterCall(() => connector.findPurchaseOrder(input.poNumber));
      if (!remote) throw ApplicationFailure.retryable(`PO ${input.poNumber} is not visible at the distributor yet`, 'PoNotVisible');
      const recorded = input.reportUpdatedShipments ? await shipmentContents(db, input.dealerId, input.poNumber) : null;
      const change = describeChange(remote, input.known.trackingNumbers, recorded);
      if (change.status === input.known.status && change.newShipments.length === 0 && change.updatedShipments?.length === 0) {
        throw ApplicationFailure.create({
          type: 'NoChangeYet',
          message: `PO ${input.poNumber} is still ${change.status}`,
          category: ApplicationFailureCategory.BENIGN,
        });
      }
      return change;
    },

    /**
     * Records a status change of the PO and its audit event in one transaction, with the distributor's
     * cancellation report when given (shared out over the PO lines) and the order's status that follows.
     * Keyed by status and the workflow's transition number, so a retry writes one event while a status
     * the PO returns to (backordered, partially shipped, backordered) is recorded each time.
     */
    async recordPurchaseOrderStatus(
      input: PoRef & {
        orderId: string;
        status: PoStatus;
        summary: string;
        failureReason?: string;
        actor?: Actor;
        /** Counts the workflow's status changes; absent, the status alone keys the event (one per status). */
        transition?: number;
        /** What the distributor reports cancelled on the PO, per SKU (its running total). */
        cancelled?: SkuQuantity[];
        details?: Record<string, unknown>;
      },
    ) {
      await db.transaction(async (tx) => {
        await lockOrder(tx, input.orderId);
        await updatePurchaseOrder(tx, input.dealerId, input.poNumber, {
          status: input.status,
          ...(input.failureReason ? { failureReason: input.failureReason } : {}),
        });
        if (input.cancelled) {
          const [po] = await tx.select({ id: purchaseOrders.id }).from(purchaseOrders).where(and(eq(purchaseOrders.dealerId, input.dealerId), eq(purchaseOrders.poNumber, input.poNumber)));
          if (po) await recordCancelled(tx, po.id, input.cancelled);
          await refreshOrderShippingStatus(tx, input.orderId);
        }
        await appendAuditEvent(tx, {
          dealerId: input.dealerId,
          orderId: input.orderId,
          poNumber: input.poNumber,
          actor: input.actor ?? (SYSTEM_STATUSES.has(input.status) ? SYSTEM : DISTRIBUTOR),
          type: `po.${input.status}`,
          summary: input.summary,
          details: input.details,
          dedupeKey: `po-status:${input.dealerId}:${input.poNumber}:${input.status}${input.transition === undefined ? '' : `:${input.transition}`}`,
        });
      });
    },

    /**
     * Stores one package (or completes the lines of one already stored), updates shipped quantities and
     * the order's status, and records it, all in one transaction. Keyed by tracking number and contents,
     * so a retry changes nothing.
     */
    async recordShipment(input: PoRef & { shipment: ShipmentReport }): Promise<{ outcome: ShipmentOutcome }> {
      const { po } = await loadPurchaseOrderForSubmission(db, input.dealerId, input.poNumber);
      const { shipment } = input;
      const outcome = await db.transaction(async (tx) => {
        await lockOrder(tx, po.orderId);
        const outcome = await recordShipment(tx, po.id, shipment);
        if (outcome === 'unchanged') return outcome;
        await refreshOrderShippingStatus(tx, po.orderId);
        const event = { dealerId: input.dealerId, orderId: po.orderId, poNumber: input.poNumber, actor: DISTRIBUTOR, details: { ...shipment } };
        await appendAuditEvent(
          tx,
          outcome === 'recorded'
            ? { ...event, type: 'shipment.recorded', summary: `Package shipped via ${shipment.carrier}, tracking ${shipment.trackingNumber}`, dedupeKey: `shipment:${input.dealerId}:${input.poNumber}:${shipment.trackingNumber}` }
            : {
                ...event,
                type: 'shipment.updated',
                summary: `${DISTRIBUTOR_NAMES[po.distributor as DistributorId]} now lists what package ${shipment.trackingNumber} holds: ${shipment.lines.map((l) => `${l.quantity} × ${l.distributorSku}`).join(', ')}`,
                dedupeKey: `shipment-lines:${input.dealerId}:${input.poNumber}:${shipment.trackingNumber}:${contentsKey(shipment.lines)}`,
              },
        );
        return outcome;
      });
      return { outcome };
    },
  };
}

/** Who moved the PO when the workflow does not say: Dropline for its own steps, the distributor otherwise. */
const SYSTEM_STATUSES: ReadonlySet<PoStatus> = new Set(['pending', 'submitted', 'given_up']);

/**
 * New packages are those the workflow has not heard of; updated ones are packages it has, whose lines
 * the distributor now reports differently from what Postgres holds (a report without lines never
 * counts as a change: it would only empty a package). Without `recorded`, none are updated.
 */
function describeChange(remote: DistributorPurchaseOrder, knownTracking: string[], recorded: Map<string, SkuQuantity[]> | null): PoChange {
  const known = new Set(knownTracking);
  const report = (s: DistributorPurchaseOrder['shipments'][number]): ShipmentReport => ({
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    shipMethod: s.shipMethod,
    shippedAt: s.shippedAt,
    lines: s.lines,
  });
  return {
    status: remote.status,
    newShipments: remote.shipments.filter((s) => !known.has(s.trackingNumber)).map(report),
    updatedShipments: recorded
      ? remote.shipments
          .filter((s) => known.has(s.trackingNumber) && s.lines.length > 0 && !sameContents(s.lines, recorded.get(s.trackingNumber) ?? []))
          .map(report)
      : [],
    backordered: remote.backordered,
    cancelled: remote.cancelled,
  };
}
