import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { appendAuditEvent } from '../db/repositories/audit.js';
import { findDealer } from '../db/repositories/dealers.js';
import { replaceStock, warehouseLeadTimes } from '../db/repositories/inventory.js';
import { refreshOrderShippingStatus } from '../db/repositories/orders.js';
import {
  loadPurchaseOrderForSubmission,
  recordShipment,
  updatePurchaseOrder,
} from '../db/repositories/purchase-orders.js';
import { dropships } from '../db/schema/index.js';
import type { Actor } from '../domain/actor.js';
import { stockShortfalls } from '../domain/live-stock.js';
import { formatCents } from '../domain/money.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import type { PoChange, PoStatus, ShipmentReport } from '../domain/purchase-order.js';
import type { CallLimits, DistributorConnector, DistributorPurchaseOrder } from '../distributors/types.js';
import type { ActivityDeps } from './deps.js';
import { attemptLimits, DEFAULT_CALL_BUDGET, distributorAttempt } from './distributor-attempt.js';
import { adapterCall } from './failures.js';

export interface PoRef {
  dealerId: string;
  poNumber: string;
}

const DISTRIBUTOR: Actor = { type: 'distributor' };

/** Activities of the purchase-order workflow. */
export function purchaseOrderActivities({ db, distributorConnector, distributorCalls = DEFAULT_CALL_BUDGET }: ActivityDeps) {
  /**
   * Stock in a daily feed goes stale; where the distributor offers a live check, the PO is only sent
   * if the 1-day warehouses can still fill it. Otherwise it fails permanently, naming the alternatives.
   */
  async function ensureStillInStock(
    po: { dealerId: string; distributor: string; poNumber: string; dropshipId: string },
    lines: Array<{ distributorSku: string; dealerSku: string; quantity: number }>,
    connector: DistributorConnector,
    limits: CallLimits,
  ) {
    if (!connector.capabilities.liveStock || !connector.checkStock) return null;
    const check = connector.checkStock.bind(connector);
    const live = await adapterCall(() => check(lines.map((l) => l.distributorSku), limits));
    await replaceStock(db, po.dealerId, po.distributor, live);
    const dealer = await findDealer(db, po.dealerId);
    const short = stockShortfalls(lines, live, await warehouseLeadTimes(db, po.dealerId, po.distributor), dealer?.stockBuffer);
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

  async function submit(ref: PoRef, limits: CallLimits): Promise<{ distributorOrderRefs: string[]; alreadyPlaced: boolean }> {
    const { po, order, shipTo, lines } = await loadPurchaseOrderForSubmission(db, ref.dealerId, ref.poNumber);
    const distributor = po.distributor as DistributorId;
    const connector = await distributorConnector(ref.dealerId, distributor);
    const existing = await adapterCall(() => connector.findPurchaseOrder(ref.poNumber, limits));
    const stockCheck = existing ? null : await ensureStillInStock(po, lines, connector, limits);
    const placed = existing
      ? { distributorOrderRefs: existing.distributorOrderRefs, summary: { foundExisting: true } }
      : await adapterCall(() =>
          connector.submitPurchaseOrder(
            {
              poNumber: ref.poNumber,
              shipTo,
              shipMethod: po.shipMethod,
              buyerEmail: order.buyerEmail ?? undefined,
              lines: lines.map((l) => ({ distributorSku: l.distributorSku, quantity: l.quantity })),
            },
            limits,
          ),
        );
    await updatePurchaseOrder(db, ref.dealerId, ref.poNumber, {
      status: 'submitted',
      distributorOrderRefs: placed.distributorOrderRefs,
      submittedAt: new Date(),
    });
    await appendAuditEvent(db, {
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
    return { distributorOrderRefs: placed.distributorOrderRefs, alreadyPlaced: existing !== null };
  }

  return {
    /**
     * Places the PO exactly once: it first asks the distributor whether a PO with this number already
     * exists (an earlier attempt whose response was lost, or a crash after the call), and only submits
     * when it does not. The PO number was stored before the first attempt and is the idempotency key.
     * An attempt ends before its start-to-close, so it never overlaps the next one (distributor-attempt.ts).
     */
    async submitPurchaseOrder(ref: PoRef): Promise<{ distributorOrderRefs: string[]; alreadyPlaced: boolean }> {
      return distributorAttempt(distributorCalls, (limits) => submit(ref, limits));
    },

    /**
     * One look at the distributor. Returns what changed since `known`; when nothing did, fails with a
     * benign retryable error so Temporal retries it after the poll interval. Retries are not recorded
     * in history, so six weeks of polling stay a handful of events.
     */
    async awaitPurchaseOrderChange(input: PoRef & { distributor: DistributorId; known: { status: PoStatus; trackingNumbers: string[] } }): Promise<PoChange> {
      const connector = await distributorConnector(input.dealerId, input.distributor);
      const remote = await adapterCall(() => connector.findPurchaseOrder(input.poNumber, attemptLimits(distributorCalls)));
      if (!remote) throw ApplicationFailure.retryable(`PO ${input.poNumber} is not visible at the distributor yet`, 'PoNotVisible');
      const change = describeChange(remote, input.known.trackingNumbers);
      if (change.status === input.known.status && change.newShipments.length === 0) {
        throw ApplicationFailure.create({
          type: 'NoChangeYet',
          message: `PO ${input.poNumber} is still ${change.status}`,
          category: ApplicationFailureCategory.BENIGN,
        });
      }
      return change;
    },

    /** Records a status change of the PO. Keyed by status, so a retry writes one event. */
    async recordPurchaseOrderStatus(input: PoRef & { orderId: string; status: PoStatus; summary: string; failureReason?: string; actor?: Actor; details?: Record<string, unknown> }) {
      await updatePurchaseOrder(db, input.dealerId, input.poNumber, {
        status: input.status,
        ...(input.failureReason ? { failureReason: input.failureReason } : {}),
      });
      await appendAuditEvent(db, {
        dealerId: input.dealerId,
        orderId: input.orderId,
        poNumber: input.poNumber,
        actor: input.actor ?? DISTRIBUTOR,
        type: `po.${input.status}`,
        summary: input.summary,
        details: input.details,
        dedupeKey: `po-status:${input.dealerId}:${input.poNumber}:${input.status}`,
      });
    },

    /** Stores one package and updates shipped quantities and the order's status. Keyed by tracking number. */
    async recordShipment(input: PoRef & { shipment: ShipmentReport }) {
      const { po } = await loadPurchaseOrderForSubmission(db, input.dealerId, input.poNumber);
      await recordShipment(db, po.id, input.shipment);
      await refreshOrderShippingStatus(db, po.orderId);
      await appendAuditEvent(db, {
        dealerId: input.dealerId,
        orderId: po.orderId,
        poNumber: input.poNumber,
        actor: DISTRIBUTOR,
        type: 'shipment.recorded',
        summary: `Package shipped via ${input.shipment.carrier}, tracking ${input.shipment.trackingNumber}`,
        details: { ...input.shipment },
        dedupeKey: `shipment:${input.dealerId}:${input.poNumber}:${input.shipment.trackingNumber}`,
      });
    },
  };
}

function describeChange(remote: DistributorPurchaseOrder, knownTracking: string[]): PoChange {
  const known = new Set(knownTracking);
  return {
    status: remote.status,
    newShipments: remote.shipments
      .filter((s) => !known.has(s.trackingNumber))
      .map((s) => ({ carrier: s.carrier, trackingNumber: s.trackingNumber, shipMethod: s.shipMethod, shippedAt: s.shippedAt, lines: s.lines })),
    backordered: remote.backordered,
    cancelled: remote.cancelled,
  };
}
