import { and, count, eq, isNotNull, notInArray, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../../domain/distributors.js';
import { DomainError } from '../../domain/errors.js';
import { movableQty, poActionRefusal } from '../../domain/po-actions.js';
import type { PoStatus } from '../../domain/purchase-order.js';
import type { Db } from '../client.js';
import { dealers, dropships, orders } from '../schema/index.js';
import { appendAuditEvent } from './audit.js';
import { FINISHED_DROPSHIP_STATUSES, insertDropship, type DropshipStart } from './dropships.js';
import { lockOrder, type Transaction } from './orders.js';
import { loadPoFacts } from './po-facts.js';

export interface RerouteRequest {
  dealerId: string;
  poNumber: string;
  mode: 'auto' | 'manual';
  actor: Actor;
  /** Set by automatic failover: candidates above this share of the sale price are not used. */
  maxCostPercent?: number | undefined;
  /** What the audit trail keeps with the decision (automatic failover: the candidates it considered). */
  details?: Record<string, unknown> | undefined;
}

export interface OpenedReroute extends DropshipStart {
  created: boolean;
  /** Backordered units this re-route moves, which the old PO must now ask its distributor to cancel. */
  movedBackorders: boolean;
}

/**
 * Opens the drop-ship that moves a PO's refused, cancelled or backordered lines to another distributor:
 * it routes only those lines, without the distributor that gave them up, and its POs link back to this
 * one. While it is open a repeated request finds it again, so the lines are never routed twice.
 */
export async function openReroute(db: Db, request: RerouteRequest): Promise<OpenedReroute> {
  return db.transaction(async (tx) => {
    const { po, lines, facts } = await loadPoFacts(tx, request.dealerId, request.poNumber);
    await lockOrder(tx, po.orderId);
    const start = await startFacts(tx, request.dealerId, po.orderId);
    const [open] = await tx
      .select()
      .from(dropships)
      .where(and(eq(dropships.rerouteOf, po.poNumber), eq(dropships.dealerId, request.dealerId), notInArray(dropships.status, FINISHED_DROPSHIP_STATUSES)));
    if (open) return { ...start, dropship: open, created: false, movedBackorders: false };
    const refusal = poActionRefusal('reroute', facts);
    if (refusal) throw new DomainError('CONFLICT', refusal);

    // The units are counted off this PO when the re-route's own POs are written (createPurchaseOrder).
    const moved = lines.map((line) => ({ line, quantity: movableQty(facts.status, line) })).filter((m) => m.quantity > 0);
    const [{ sequence } = { sequence: 0 }] = await tx
      .select({ sequence: sql<number>`coalesce(max(${dropships.sequence}), 0)::int` })
      .from(dropships)
      .where(eq(dropships.orderId, po.orderId));
    const [{ reroutes } = { reroutes: 0 }] = await tx
      .select({ reroutes: count() })
      .from(dropships)
      .where(and(eq(dropships.orderId, po.orderId), isNotNull(dropships.rerouteOf)));
    const [original] = await tx.select({ poBase: dropships.poBase, shipTo: dropships.shipTo }).from(dropships).where(eq(dropships.id, po.dropshipId));
    const reason = exclusionReason(po);
    const dropship = await insertDropship(tx, request.dealerId, po.orderId, sequence + 1, request.mode, {
      rerouteOf: po.poNumber,
      // Its own PO numbers, e.g. DL000123R1-W, so the new PO never collides with the drop-ship it comes from.
      poBase: `${original!.poBase}R${reroutes + 1}`,
      excludedDistributors: [{ distributor: po.distributor as DistributorId, reason }],
      maxCostPercent: request.maxCostPercent ?? null,
      // The dealer's corrected ship-to, if they made one, goes with the lines.
      shipTo: original!.shipTo,
    });
    await appendAuditEvent(tx, {
      dealerId: request.dealerId,
      orderId: po.orderId,
      poNumber: po.poNumber,
      actor: request.actor,
      type: 'po.reroute_started',
      summary: `${request.mode === 'auto' ? 'Automatic failover' : 'Re-route'}: ${moved
        .map((m) => `${m.quantity} × ${m.line.dealerSku}`)
        .join(', ')} of PO ${po.poNumber} routed again without ${DISTRIBUTOR_NAMES[po.distributor as DistributorId]} (${reason})`,
      details: { dropshipId: dropship.id, lines: moved.map((m) => ({ dealerSku: m.line.dealerSku, quantity: m.quantity })), ...request.details },
      dedupeKey: `po-reroute:${dropship.id}`,
    });
    return { ...start, dropship, created: true, movedBackorders: moved.some((m) => m.line.backorderedQty > 0) };
  });
}

function exclusionReason(po: { distributor: string; poNumber: string; status: string; failureReason: string | null }): string {
  const name = DISTRIBUTOR_NAMES[po.distributor as DistributorId];
  // The failure reason names the distributor and the PO already.
  if ((po.status as PoStatus) === 'failed') return po.failureReason ?? `${name} refused PO ${po.poNumber}`;
  return `${name} cancelled or backordered these lines on PO ${po.poNumber}`;
}

async function startFacts(tx: Transaction, dealerId: string, orderId: string): Promise<Omit<DropshipStart, 'dropship'>> {
  const [row] = await tx
    .select({
      dealer: { id: dealers.id, confirmReminderSeconds: dealers.confirmReminderSeconds, confirmExpirySeconds: dealers.confirmExpirySeconds },
      order: { id: orders.id, channelOrderId: orders.channelOrderId, shipBy: orders.shipBy },
    })
    .from(orders)
    .innerJoin(dealers, eq(dealers.id, orders.dealerId))
    .where(and(eq(orders.id, orderId), eq(orders.dealerId, dealerId)));
  return row!;
}
