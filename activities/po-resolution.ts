import { and, eq } from 'drizzle-orm';
import { appendAuditEvent } from '../db/repositories/audit.js';
import { findDealer } from '../db/repositories/dealers.js';
import { factsFor } from '../db/repositories/dropship-facts.js';
import { loadPoFacts } from '../db/repositories/po-facts.js';
import { openReroute } from '../db/repositories/reroutes.js';
import { dropships, orders, poLines, purchaseOrders } from '../db/schema/index.js';
import type { Actor } from '../domain/actor.js';
import { reconcileLine, OPEN_CANCEL_STATES, type CancellationChannel, type CancellationRequest, type LineCancelState } from '../domain/cancellation.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import type { DropshipPlan, ExcludedDistributor } from '../domain/dropship-plan.js';
import { DEFAULT_FAILOVER_POLICY, failoverRefusal, type FailoverTrigger } from '../domain/failover.js';
import { poActionRefusal } from '../domain/po-actions.js';
import { planDropship } from '../domain/routing.js';
import { totalsBySku, type SkuQuantity } from '../domain/shipped-quantities.js';
import type { DistributorConnector } from '../distributors/types.js';
import type { ActivityDeps } from './deps.js';
import { attemptLimits, DEFAULT_CALL_BUDGET } from './distributor-attempt.js';
import { adapterCall } from './failures.js';
import type { PoRef } from './purchase-order.js';

/** How a cancellation request reached the distributor: its API (with what it left open), or the dealer. */
export type CancellationCall = { via: 'api'; stillOpen: SkuQuantity[]; unread?: boolean } | { via: 'task'; instructions: string };

const FAILOVER: Actor = { type: 'system', id: 'failover' };
const NO_DROPSHIP = '00000000-0000-0000-0000-000000000000';

/** Activities behind the dealer's actions on a placed PO: cancellation requests and automatic failover. */
export function poResolutionActivities({ db, distributorConnector, distributorCalls = DEFAULT_CALL_BUDGET, startDropship }: ActivityDeps) {
  async function cancellationOf(ref: PoRef) {
    const { po, lines } = await loadPoFacts(db, ref.dealerId, ref.poNumber);
    return { po, lines, request: po.cancellation };
  }

  async function setLineStates(poId: string, states: Map<string, LineCancelState>) {
    for (const [orderLineId, cancelState] of states) {
      await db
        .update(poLines)
        .set({ cancelState })
        .where(and(eq(poLines.poId, poId), eq(poLines.orderLineId, orderLineId)));
    }
  }

  return {
    /**
     * Writes the request (who, why, and each line's shipped and cancelled units at that moment) and marks
     * the lines with something left to cancel as requested. A repeated call keeps the first request.
     */
    async recordCancellationRequest(input: PoRef & { actor: Actor; reason?: string | undefined }): Promise<void> {
      const { po, lines, request } = await cancellationOf(input);
      if (request) return;
      const cancellation: CancellationRequest = {
        requestedAt: new Date().toISOString(),
        requestedBy: input.actor.id ?? input.actor.type,
        reason: input.reason ?? null,
        via: null,
        note: null,
        atRequest: Object.fromEntries(lines.map((l) => [l.orderLineId, { shippedQty: l.shippedQty, cancelledQty: l.cancelledQty }])),
      };
      const open = lines.filter((l) => l.quantity - l.shippedQty - l.cancelledQty > 0);
      await db.transaction(async (tx) => {
        await tx.update(purchaseOrders).set({ cancellation }).where(eq(purchaseOrders.id, po.id));
        for (const line of open) {
          await tx
            .update(poLines)
            .set({ cancelState: 'requested' })
            .where(and(eq(poLines.poId, po.id), eq(poLines.orderLineId, line.orderLineId)));
        }
        await appendAuditEvent(tx, {
          dealerId: input.dealerId,
          orderId: po.orderId,
          poNumber: po.poNumber,
          actor: input.actor,
          type: 'po.cancel_requested',
          summary: `Cancellation of PO ${po.poNumber} requested (${open.map((l) => `${l.quantity - l.shippedQty - l.cancelledQty} × ${l.dealerSku}`).join(', ')})${
            input.reason ? `: ${input.reason}` : ''
          }`,
          dedupeKey: `po-cancel-requested:${input.dealerId}:${po.poNumber}`,
        });
      });
    },

    /**
     * Asks the distributor to cancel through its API where it has one, then looks the PO up to read what
     * it left open (lines already being picked). Where it has none, answers with what the dealer must ask
     * for. A repeated call is harmless: cancelling what is already cancelled is not an error.
     */
    async cancelAtDistributor(input: PoRef & { distributor: DistributorId }): Promise<CancellationCall> {
      const connector = await adapterCall(() => distributorConnector(input.dealerId, input.distributor));
      const name = DISTRIBUTOR_NAMES[input.distributor];
      const { po, lines } = await cancellationOf(input);
      const requested = lines.filter((l) => l.cancelState !== null && OPEN_CANCEL_STATES.has(l.cancelState));
      if (!connector.capabilities.cancel || !connector.cancelPurchaseOrder) {
        const what = requested.map((l) => `${l.quantity - l.shippedQty - l.cancelledQty} × ${l.distributorSku}`).join(', ');
        return {
          via: 'task',
          instructions: `${name} has no cancellation API: call or email your ${name} account representative and ask them to cancel PO ${input.poNumber}${
            po.distributorOrderRefs.length ? ` (their order ${po.distributorOrderRefs.join(', ')})` : ''
          }: ${what}. Dropline sees the cancellation on its next status check and closes this task; if the lines ship anyway, it tells you.`,
        };
      }
      const limits = attemptLimits(distributorCalls);
      const cancel = connector.cancelPurchaseOrder.bind(connector);
      await adapterCall(() => cancel(input.poNumber, limits));
      // Once the request is taken it is never sent again: a failed read-back leaves the answer to the next reports.
      const after = await connector.findPurchaseOrder(input.poNumber, limits).catch(() => undefined);
      if (after === undefined) return { via: 'api', stillOpen: [], unread: true };
      const shipped = totalsBySku(after?.shipments.flatMap((s) => s.lines) ?? []);
      const cancelled = totalsBySku(after?.cancelled ?? []);
      const stillOpen = [...totalsBySku(requested.map((l) => ({ distributorSku: l.distributorSku, quantity: l.quantity })))]
        .map(([distributorSku, ordered]) => ({ distributorSku, quantity: ordered - (shipped.get(distributorSku) ?? 0) - (cancelled.get(distributorSku) ?? 0) }))
        .filter((l) => l.quantity > 0);
      return { via: 'api', stillOpen };
    },

    /** Records how the request went: the lines the distributor would not cancel are refused; an unanswered request leaves them unknown. */
    async recordCancellationOutcome(
      input: PoRef & { via: CancellationChannel; note: string; refused?: SkuQuantity[] | 'all' | undefined; unknown?: boolean | undefined },
    ): Promise<void> {
      const { po, lines, request } = await cancellationOf(input);
      if (!request) return;
      const refusedSkus = new Set(input.refused === 'all' ? lines.map((l) => l.distributorSku) : (input.refused ?? []).map((l) => l.distributorSku));
      const states = new Map<string, LineCancelState>();
      for (const line of lines) {
        if (line.cancelState !== 'requested') continue;
        if (refusedSkus.has(line.distributorSku)) states.set(line.orderLineId, 'refused');
        else if (input.unknown) states.set(line.orderLineId, 'unknown');
      }
      await db.transaction(async (tx) => {
        await tx
          .update(purchaseOrders)
          .set({ cancellation: { ...request, via: input.via, note: input.note } })
          .where(eq(purchaseOrders.id, po.id));
        await appendAuditEvent(tx, {
          dealerId: input.dealerId,
          orderId: po.orderId,
          poNumber: po.poNumber,
          actor: input.via === 'api' ? { type: 'distributor' } : { type: 'system' },
          type: 'po.cancel_outcome',
          summary: input.note,
          details: { via: input.via, refused: input.refused ?? [], unknown: input.unknown ?? false },
          dedupeKey: `po-cancel-outcome:${input.dealerId}:${po.poNumber}`,
        });
      });
      await setLineStates(po.id, states);
    },

    /**
     * Brings each requested line up to date with what Postgres now holds from the distributor: cancelled,
     * shipped after the request, or still open (unknown once the PO is no longer tracked). Answers the
     * lines that have just turned out shipped after the request (each once, however often the PO is
     * polled or more of it ships) and how many are still open.
     */
    async reconcileCancellation(input: PoRef & { final: boolean }): Promise<{ shippedAfter: Array<{ dealerSku: string; quantity: number }>; open: number }> {
      const { po, lines, request } = await cancellationOf(input);
      if (!request) return { shippedAfter: [], open: 0 };
      const states = new Map<string, LineCancelState>();
      const now = lines.map((line) => {
        const atRequest = request.atRequest[line.orderLineId] ?? { shippedQty: 0, cancelledQty: 0 };
        let state = reconcileLine({ ...line, state: line.cancelState, atRequest });
        if (input.final && state !== null && OPEN_CANCEL_STATES.has(state)) state = 'unknown';
        if (state !== line.cancelState && state !== null) states.set(line.orderLineId, state);
        return { line, state, atRequest };
      });
      await setLineStates(po.id, states);
      for (const [orderLineId, state] of states) {
        const line = lines.find((l) => l.orderLineId === orderLineId)!;
        await appendAuditEvent(db, {
          dealerId: input.dealerId,
          orderId: po.orderId,
          poNumber: po.poNumber,
          actor: { type: 'system' },
          type: `po.line_${state}`,
          summary: `${line.dealerSku} on PO ${po.poNumber}: ${LINE_STATE_WORDS[state]}`,
          dedupeKey: `po-line-cancel:${input.dealerId}:${po.poNumber}:${orderLineId}:${state}`,
        });
      }
      return {
        shippedAfter: now
          .filter((n) => n.state === 'shipped_after_cancel' && states.has(n.line.orderLineId))
          .map((n) => ({ dealerSku: n.line.dealerSku, quantity: n.line.shippedQty - n.atRequest.shippedQty })),
        open: now.filter((n) => n.state !== null && OPEN_CANCEL_STATES.has(n.state)).length,
      };
    },

    /** How long a line may stay backordered before the dealer's policy re-routes it; null when it never does. */
    async backorderFailoverAfterMs(input: { dealerId: string }): Promise<number | null> {
      const policy = (await findDealer(db, input.dealerId))?.failoverPolicy ?? DEFAULT_FAILOVER_POLICY;
      return failoverRefusal(policy, 'backordered') === null && policy.backorderDays !== null ? policy.backorderDays * 86_400_000 : null;
    },

    /**
     * Automatic failover (DESIGN.md §7): under the dealer's policy, re-routes the lines this PO's distributor
     * refused, cancelled or kept backordered, once, to the next candidate that passes eligibility, the live
     * stock check and the cost ceiling. Routing is tried first without writing anything, so a failover that
     * finds no candidate leaves the lines to the dealer; the audit trail keeps the candidates either way.
     */
    async failOverPurchaseOrder(input: PoRef & { trigger: FailoverTrigger }): Promise<{ rerouted: boolean; movedBackorders: boolean; why: string }> {
      const dealer = await findDealer(db, input.dealerId);
      const policy = dealer?.failoverPolicy ?? DEFAULT_FAILOVER_POLICY;
      const { po, lines, facts } = await loadPoFacts(db, input.dealerId, input.poNumber);
      const skip = async (why: string, details: Record<string, unknown> = {}) => {
        await appendAuditEvent(db, {
          dealerId: input.dealerId,
          orderId: po.orderId,
          poNumber: po.poNumber,
          actor: FAILOVER,
          type: 'po.failover_skipped',
          summary: `No automatic failover for PO ${po.poNumber}: ${why}`,
          details: { trigger: input.trigger, ...details },
          dedupeKey: `po-failover:${input.dealerId}:${po.poNumber}:${input.trigger}`,
        });
        return { rerouted: false, movedBackorders: false, why };
      };
      const refusal = failoverRefusal(policy, input.trigger);
      if (refusal) return skip(refusal);
      const [order] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, po.orderId));
      if (order?.status === 'cancelled') return skip('the buyer cancelled the order');
      if (po.reroutedFrom || lines.some((l) => l.reroutedQty > 0)) return skip('its lines were re-routed once already');
      const notMovable = poActionRefusal('reroute', facts);
      if (notMovable) return skip(notMovable);

      const distributor = po.distributor as DistributorId;
      const [original] = await db.select({ shipTo: dropships.shipTo }).from(dropships).where(eq(dropships.id, po.dropshipId));
      const excluded: ExcludedDistributor[] = [{ distributor, reason: `${DISTRIBUTOR_NAMES[distributor]} gave these lines up on PO ${po.poNumber}` }];
      let plan: DropshipPlan | null = null;
      // Each distributor whose live stock cannot fill its share is left out in turn, as the submission would refuse it.
      for (let round = 0; round < 4; round += 1) {
        plan = planDropship(
          await factsFor(db, input.dealerId, po.orderId, {
            id: NO_DROPSHIP,
            shipTo: original?.shipTo ?? null,
            rerouteOf: po.poNumber,
            excludedDistributors: excluded,
            maxCostPercent: policy.maxCostPercent,
          }),
        );
        const short = await liveStockShortfall(plan, input.dealerId);
        if (!short) break;
        excluded.push(short);
        plan = null;
      }
      const considered = (plan?.lines ?? []).map((line) => ({
        dealerSku: line.dealerSku,
        quantity: line.quantity,
        chosen: line.chosen?.distributor ?? null,
        candidates: line.candidates.map((c) => ({
          distributor: c.distributor,
          eligible: c.eligible,
          costCents: c.costCents,
          availableQty: c.availableQty,
          reasons: c.reasons.map((r) => r.message),
        })),
      }));
      if (!plan || plan.purchaseOrders.length === 0) {
        return skip('no other distributor passes eligibility, the live stock check and your cost ceiling', { excluded, considered });
      }
      const opened = await openReroute(db, {
        dealerId: input.dealerId,
        poNumber: po.poNumber,
        mode: 'auto',
        actor: FAILOVER,
        maxCostPercent: policy.maxCostPercent,
        details: { trigger: input.trigger, considered },
      });
      await startDropship(opened, FAILOVER);
      return {
        rerouted: true,
        movedBackorders: opened.movedBackorders,
        why: `re-routed to ${plan.purchaseOrders.map((p) => DISTRIBUTOR_NAMES[p.distributor]).join(', ')}`,
      };
    },
  };

  /** The first proposed PO whose distributor's live stock cannot fill it, as an exclusion; null when all can (or none can be asked). */
  async function liveStockShortfall(plan: DropshipPlan, dealerId: string): Promise<ExcludedDistributor | null> {
    for (const proposed of plan.purchaseOrders) {
      const name = DISTRIBUTOR_NAMES[proposed.distributor];
      const needed = totalsBySku(proposed.lines);
      let live: Awaited<ReturnType<NonNullable<DistributorConnector['checkStock']>>>;
      try {
        const connector = await distributorConnector(dealerId, proposed.distributor);
        if (!connector.capabilities.liveStock || !connector.checkStock) continue;
        live = await connector.checkStock([...needed.keys()], attemptLimits(distributorCalls));
      } catch (error) {
        // A distributor whose stock cannot be checked now is not one to send the lines to unseen.
        return {
          distributor: proposed.distributor,
          reason: `${name} live stock could not be checked (${error instanceof Error ? error.message : String(error)})`,
        };
      }
      for (const [sku, quantity] of needed) {
        const inStock = live.find((l) => l.distributorSku === sku)?.warehouses.reduce((sum, w) => sum + Math.max(0, w.quantity), 0) ?? 0;
        if (inStock < quantity) {
          return { distributor: proposed.distributor, reason: `${name} live stock of ${sku} is ${inStock}, ${quantity} needed` };
        }
      }
    }
    return null;
  }
}

const LINE_STATE_WORDS: Record<LineCancelState, string> = {
  requested: 'cancellation requested',
  cancelled: 'cancelled as requested',
  refused: 'the distributor would not cancel it',
  unknown: 'whether it was cancelled is unknown; check with the distributor',
  shipped_after_cancel: 'shipped after cancel requested',
};
