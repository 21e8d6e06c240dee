import { Context, log } from '@temporalio/activity';
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { appendAuditEvent } from '../db/repositories/audit.js';
import { listedSince } from '../db/repositories/tracking.js';
import { closeExceptionByKey } from '../db/repositories/exceptions.js';
import { findDealer } from '../db/repositories/dealers.js';
import { replaceStock, warehouseLeadTimes } from '../db/repositories/inventory.js';
import { addShipmentNote, lockOrder, refreshOrderShippingStatus, reopenOrderIfNothingPlaced } from '../db/repositories/orders.js';
import {
  loadPurchaseOrderForSubmission,
  recordBackordered,
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
import {
  reportsKey,
  type DistributorReport,
  type PlacementCheck,
  type PoChange,
  type PoStatus,
  type ShipmentReport,
  type SubmissionFacts,
  type TrackingBlocked,
} from '../domain/purchase-order.js';
import { contentsKey, sameContents, totalsBySku, type SkuQuantity } from '../domain/shipped-quantities.js';
import type { CallLimits, DistributorConnector, DistributorPurchaseOrder } from '../distributors/types.js';
import type { ActivityDeps } from './deps.js';
import { attemptLimits, DEFAULT_CALL_BUDGET, distributorAttempt } from './distributor-attempt.js';
import { adapterCall, withSubmissionFacts } from './failures.js';

export interface PoRef {
  dealerId: string;
  poNumber: string;
}

/**
 * A PO to submit. `submitted`, from workflows that record "submitted" no other way: the status change's
 * trail entry (as recordPurchaseOrderStatus writes it), in the submission's own transaction.
 */
export type SubmissionRef = PoRef & { submitted?: { summary: string; transition: number } };

const DISTRIBUTOR: Actor = { type: 'distributor' };
const SYSTEM: Actor = { type: 'system' };

/** A PO status change's trail entry is keyed by status and the workflow's transition number (absent: one per status). */
const poStatusKey = (ref: PoRef, status: PoStatus, transition: number | undefined) =>
  `po-status:${ref.dealerId}:${ref.poNumber}:${status}${transition === undefined ? '' : `:${transition}`}`;

/** Activities of the purchase-order workflow. */
export function purchaseOrderActivities({ db, distributorConnector, ensureTrackingPoller, distributorCalls = DEFAULT_CALL_BUDGET }: ActivityDeps) {
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
    // Two lines may carry one SKU: ask for it once, and compare stock with what the PO needs of it in all.
    const needed = [...totalsBySku(lines)].map(([distributorSku, quantity]) => ({ distributorSku, quantity }));
    const live = await adapterCall(() =>
      check(
        needed.map((l) => l.distributorSku),
        limits,
      ),
    );
    await replaceStock(db, po.distributor, live);
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
          .map(
            (c) => `${DISTRIBUTOR_NAMES[c.distributor]} ${c.distributorSku} for ${line.dealerSku} (${c.availableQty} in stock, ${formatCents(c.costCents)})`,
          ),
      );
    throw ApplicationFailure.create({
      type: 'OutOfStock',
      nonRetryable: true,
      message: `${name} no longer has the stock for PO ${po.poNumber} (checked just before sending: ${missing}); the PO was not sent. ${
        alternatives.length ? `Alternatives: ${alternatives.join('; ')}.` : 'No other distributor in your catalog can ship it.'
      }`,
    });
  }

  /** Looks the PO up and sends it only when the distributor does not have it; `facts` keeps what is certain so far. */
  async function lookUpOrSend(loaded: Awaited<ReturnType<typeof loadPurchaseOrderForSubmission>>, facts: SubmissionFacts, limits: CallLimits) {
    const { po, order, shipTo, lines } = loaded;
    const connector = await adapterCall(() => distributorConnector(po.dealerId, po.distributor as DistributorId));
    const existing = await adapterCall(() => connector.findPurchaseOrder(po.poNumber, limits));
    if (existing) return { existing, stockCheck: null, placed: { distributorOrderRefs: existing.distributorOrderRefs, summary: { foundExisting: true } } };
    facts.verifiedAbsentAt = new Date().toISOString();
    // The buyer cancelled on the channel while this PO waited to be sent: it is not sent at all.
    if (order.status === 'cancelled') {
      throw ApplicationFailure.create({ type: 'OrderCancelled', nonRetryable: true, message: 'The buyer cancelled the order before this PO was sent' });
    }
    const stockCheck = await ensureStillInStock(po, lines, connector, limits);
    // From here on the distributor may receive the order, so neither fact holds any longer.
    Object.assign(facts, { verifiedAbsentAt: null, nothingSent: false });
    const placed = await adapterCall(() =>
      connector.submitPurchaseOrder(
        {
          poNumber: po.poNumber,
          shipTo,
          shipMethod: po.shipMethod,
          buyerEmail: order.buyerEmail ?? undefined,
          lines: lines.map((l) => ({ distributorSku: l.distributorSku, quantity: l.quantity })),
        },
        limits,
      ),
    );
    return { existing: null, stockCheck, placed };
  }

  async function lookUp(ref: PoRef, distributor: DistributorId) {
    const connector = await adapterCall(() => distributorConnector(ref.dealerId, distributor));
    return adapterCall(() => connector.findPurchaseOrder(ref.poNumber, attemptLimits(distributorCalls)));
  }

  async function submit(ref: SubmissionRef, limits: CallLimits): Promise<{ distributorOrderRefs: string[]; alreadyPlaced: boolean }> {
    const loaded = await loadPurchaseOrderForSubmission(db, ref.dealerId, ref.poNumber);
    const { po, lines } = loaded;
    const distributor = po.distributor as DistributorId;
    // Only the first attempt can be sure that no earlier one reached the distributor.
    const facts: SubmissionFacts = { verifiedAbsentAt: null, nothingSent: Context.current().info.attempt === 1 };
    const { existing, stockCheck, placed } = await lookUpOrSend(loaded, facts, limits).catch((error: unknown) => {
      throw withSubmissionFacts(error, facts);
    });
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
      if (ref.submitted) {
        await appendAuditEvent(tx, {
          dealerId: ref.dealerId,
          orderId: po.orderId,
          poNumber: ref.poNumber,
          actor: SYSTEM,
          type: 'po.submitted',
          summary: ref.submitted.summary,
          dedupeKey: poStatusKey(ref, 'submitted', ref.submitted.transition),
        });
      }
    });
    // The account's first PO starts its tracking poller; without one the PO still has its safety check.
    await ensureTrackingPoller(ref.dealerId, distributor).catch((error: unknown) =>
      log.warn('Tracking poller not set up', { dealerId: ref.dealerId, distributor, error: error instanceof Error ? error.message : String(error) }),
    );
    return { distributorOrderRefs: placed.distributorOrderRefs, alreadyPlaced: existing !== null };
  }

  type KnownState = {
    distributor: DistributorId;
    /** `reports`: the cancelled and backordered quantities last seen (reportsKey); absent, they are no change of their own. */
    known: { status: PoStatus; trackingNumbers: string[]; reports?: string };
    /**
     * Set by workflows that record `updatedShipments`. Without it they are neither reported nor a
     * change: a workflow that does not record them would be told the same news on every poll.
     */
    reportUpdatedShipments?: boolean;
  };

  /** What the distributor's report changes for a workflow that knows `known`; null when nothing. */
  async function changeSince(input: PoRef & KnownState, remote: DistributorReport): Promise<PoChange | null> {
    const recorded = input.reportUpdatedShipments ? await shipmentContents(db, input.dealerId, input.poNumber) : null;
    const change = describeChange(remote, input.known.trackingNumbers, recorded);
    const reportsUnchanged = input.known.reports === undefined || input.known.reports === reportsKey(change);
    const unchanged = change.status === input.known.status && change.newShipments.length === 0 && change.updatedShipments?.length === 0 && reportsUnchanged;
    return unchanged ? null : change;
  }

  /**
   * One look at the distributor: the change since `known`, null when there is none (or the PO is not
   * visible yet), `blocked` once when the distributor refuses to answer about it.
   */
  async function lookAtDistributor(input: PoRef & KnownState): Promise<PoChange | TrackingBlocked | null> {
    let remote: DistributorPurchaseOrder | null;
    try {
      const connector = await adapterCall(() => distributorConnector(input.dealerId, input.distributor));
      remote = await adapterCall(() => connector.findPurchaseOrder(input.poNumber, attemptLimits(distributorCalls)));
    } catch (error) {
      if (!(error instanceof ApplicationFailure && error.nonRetryable)) throw error;
      if (input.known.status !== 'needs_attention') return { blocked: error.message };
      throw ApplicationFailure.create({ type: 'StillBlocked', message: error.message, category: ApplicationFailureCategory.BENIGN });
    }
    if (!remote) throw ApplicationFailure.retryable(`PO ${input.poNumber} is not visible at the distributor yet`, 'PoNotVisible');
    return changeSince(input, remote);
  }

  return {
    /**
     * Places the PO exactly once: it first asks the distributor whether a PO with this number already
     * exists (an earlier attempt whose response was lost, or a crash after the call), and only submits
     * when it does not. The PO number was stored before the first attempt and is the idempotency key.
     * An attempt ends before its start-to-close, so it never overlaps the next one (distributor-attempt.ts).
     */
    async submitPurchaseOrder(ref: SubmissionRef): Promise<{ distributorOrderRefs: string[]; alreadyPlaced: boolean }> {
      return distributorAttempt(distributorCalls, (limits) => submit(ref, limits));
    },

    /**
     * Asks the distributor about a PO whose submission failed, one last time: a PO that is there after
     * all is recorded as submitted, so "not placed" is only ever said after this lookup found nothing.
     * Throws when the distributor cannot be asked.
     */
    async verifyPlacement(ref: PoRef): Promise<PlacementCheck> {
      const { po } = await loadPurchaseOrderForSubmission(db, ref.dealerId, ref.poNumber);
      // An account the distributor refuses may be fixed by the dealer within the lookup's window, so
      // that refusal is retried like any other; only the window running out makes the PO unknown.
      const found = await lookUp(ref, po.distributor as DistributorId).catch((error: unknown) => {
        if (error instanceof ApplicationFailure && (error.type === 'Distributor:auth' || error.type === 'Distributor:not_ready')) {
          throw ApplicationFailure.create({ type: 'AccountRefused', message: error.message });
        }
        throw error;
      });
      const checkedAt = new Date().toISOString();
      if (!found) return { placed: false, checkedAt };
      await updatePurchaseOrder(db, ref.dealerId, ref.poNumber, {
        status: 'submitted',
        distributorOrderRefs: found.distributorOrderRefs,
        submittedAt: new Date(),
      });
      await appendAuditEvent(db, {
        dealerId: ref.dealerId,
        orderId: po.orderId,
        poNumber: ref.poNumber,
        actor: { type: 'system' },
        type: 'po.submitted',
        summary: `PO ${ref.poNumber} was found at ${DISTRIBUTOR_NAMES[po.distributor as DistributorId]} (order ${found.distributorOrderRefs.join(', ')}) after its submission reported a failure; it is placed and tracked`,
        details: { response: { foundExisting: true }, checkedAt },
        dedupeKey: `po-submitted:${ref.dealerId}:${ref.poNumber}`,
      });
      return { placed: true };
    },

    /**
     * One look at the distributor. Returns what changed since `known` and since what Postgres holds of
     * the PO's packages; when nothing did, fails with a benign retryable error so Temporal retries it
     * after the poll interval. Retries are not recorded in history, so six weeks of polling stay a
     * handful of events. A permanent refusal (credentials removed or wrong, account closed) is returned
     * once as `blocked`; while the PO is known to be blocked it is retried quietly, and the first answer
     * that gets through is returned as a change.
     */
    async awaitPurchaseOrderChange(input: PoRef & KnownState): Promise<PoChange | TrackingBlocked> {
      const change = await lookAtDistributor(input);
      if (change) return change;
      throw ApplicationFailure.create({
        type: 'NoChangeYet',
        message: `PO ${input.poNumber} is still ${input.known.status}`,
        category: ApplicationFailureCategory.BENIGN,
      });
    },

    /**
     * The safety check of a PO tracked by listing: one look at the distributor, as a poll makes it.
     * Null when nothing changed, the PO is not visible, or the account is still refused (the PO knows).
     */
    async checkPurchaseOrder(input: PoRef & KnownState): Promise<PoChange | TrackingBlocked | null> {
      try {
        return await lookAtDistributor(input);
      } catch (error) {
        if (error instanceof ApplicationFailure && (error.type === 'StillBlocked' || error.type === 'PoNotVisible')) return null;
        throw error;
      }
    },

    /**
     * What a report from the account's order list changes for a PO tracked by listing: the same
     * comparison a poll makes (null when nothing changed, e.g. a repeated or stale signal).
     */
    async readListedReport(input: PoRef & KnownState & { report: DistributorReport }): Promise<PoChange | null> {
      return changeSince(input, input.report);
    },

    /** Whether the account's tracking poller saw the PO in the distributor's list since `since` (ISO 8601). */
    async wasListedSince(input: PoRef & { since: string }): Promise<boolean> {
      return listedSince(db, input.dealerId, input.poNumber, new Date(input.since));
    },

    /** Closes the dealer's exception about something that has fixed itself. */
    async closeException(input: { dealerId: string; key: string; why: string }) {
      await closeExceptionByKey(db, input.dealerId, input.key, input.why);
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
        /** What the distributor reports backordered, per SKU (its latest report). */
        backordered?: SkuQuantity[];
        details?: Record<string, unknown>;
      },
    ) {
      await db.transaction(async (tx) => {
        await lockOrder(tx, input.orderId);
        await updatePurchaseOrder(tx, input.dealerId, input.poNumber, {
          status: input.status,
          ...(input.failureReason ? { failureReason: input.failureReason } : {}),
        });
        if (input.status === 'failed' || input.status === 'cancelled') await reopenOrderIfNothingPlaced(tx, input.orderId);
        if (input.cancelled || input.backordered) {
          const [po] = await tx
            .select({ id: purchaseOrders.id })
            .from(purchaseOrders)
            .where(and(eq(purchaseOrders.dealerId, input.dealerId), eq(purchaseOrders.poNumber, input.poNumber)));
          if (po && input.cancelled) await recordCancelled(tx, po.id, input.cancelled);
          if (po && input.backordered) await recordBackordered(tx, po.id, input.backordered);
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
          dedupeKey: poStatusKey(input, input.status, input.transition),
        });
      });
    },

    /**
     * Stores one package (or completes the lines of one already stored), updates shipped quantities and
     * the order's status, and records it, all in one transaction with the order's note about a new
     * package. Keyed by tracking number and contents, so a retry changes nothing.
     */
    async recordShipment(input: PoRef & { shipment: ShipmentReport }): Promise<{ outcome: ShipmentOutcome }> {
      const { po } = await loadPurchaseOrderForSubmission(db, input.dealerId, input.poNumber);
      const { shipment } = input;
      const outcome = await db.transaction(async (tx) => {
        await lockOrder(tx, po.orderId);
        const outcome = await recordShipment(tx, po.id, shipment);
        if (outcome === 'unchanged') return outcome;
        await refreshOrderShippingStatus(tx, po.orderId);
        if (outcome === 'recorded') {
          const { carrier, trackingNumber } = shipment;
          await addShipmentNote(tx, {
            ...input,
            orderId: po.orderId,
            distributorName: DISTRIBUTOR_NAMES[po.distributor as DistributorId],
            carrier,
            trackingNumber,
          });
        }
        const event = { dealerId: input.dealerId, orderId: po.orderId, poNumber: input.poNumber, actor: DISTRIBUTOR, details: { ...shipment } };
        await appendAuditEvent(
          tx,
          outcome === 'recorded'
            ? {
                ...event,
                type: 'shipment.recorded',
                summary: `Package shipped via ${shipment.carrier}, tracking ${shipment.trackingNumber}`,
                dedupeKey: `shipment:${input.dealerId}:${input.poNumber}:${shipment.trackingNumber}`,
              }
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
function describeChange(remote: DistributorReport, knownTracking: string[], recorded: Map<string, SkuQuantity[]> | null): PoChange {
  const known = new Set(knownTracking);
  const report = (s: ShipmentReport): ShipmentReport => ({
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
