import { and, count, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { DistributorId } from '../../domain/distributors.js';
import { DomainError } from '../../domain/errors.js';
import { poActionRefusal } from '../../domain/po-actions.js';
import { poStatusPhrase } from '../../domain/status-words.js';
import type { Db } from '../client.js';
import { auditEvents, orders, purchaseOrders } from '../schema/index.js';
import { appendAuditEvent } from './audit.js';
import { loadPoFacts } from './po-facts.js';

/**
 * Puts a failed or unverified PO back to pending for its retry, with the dealer's audit line, and
 * answers what starting it needs. Two retries at once cannot both pass: the status moves only from
 * failed or unknown. `undo` puts the status back when the workflow could not be started.
 */
export async function markForRetry(db: Db, dealerId: string, poNumber: string, actor: Actor) {
  return db.transaction(async (tx) => {
    const { po, facts } = await loadPoFacts(tx, dealerId, poNumber);
    const refusal = poActionRefusal('retry', facts);
    if (refusal) throw new DomainError('CONFLICT', refusal);
    const [moved] = await tx
      .update(purchaseOrders)
      .set({ status: 'pending', failureReason: null })
      .where(and(eq(purchaseOrders.id, po.id), inArray(purchaseOrders.status, ['failed', 'unknown'])))
      .returning({ id: purchaseOrders.id });
    if (!moved) throw new DomainError('CONFLICT', `PO ${poNumber} is already being retried`);
    const [{ retries } = { retries: 0 }] = await tx
      .select({ retries: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, dealerId), eq(auditEvents.poNumber, poNumber), eq(auditEvents.type, 'po.retry_requested')));
    const attempt = retries + 2;
    await appendAuditEvent(tx, {
      dealerId,
      orderId: po.orderId,
      poNumber,
      actor,
      type: 'po.retry_requested',
      summary: `Retry of PO ${poNumber} requested (it ${poStatusPhrase(po.status)}); Dropline looks it up at the distributor before sending anything`,
      details: { previousStatus: po.status, failureReason: po.failureReason, attempt },
      dedupeKey: `po-retry:${dealerId}:${poNumber}:${attempt}`,
    });
    const [order] = await tx
      .select({ channelOrderId: orders.channelOrderId, channel: orders.channel, shipBy: orders.shipBy })
      .from(orders)
      .where(eq(orders.id, po.orderId));
    const undo = async () => {
      await db
        .update(purchaseOrders)
        .set({ status: po.status, failureReason: po.failureReason })
        .where(and(eq(purchaseOrders.id, po.id), eq(purchaseOrders.status, 'pending')));
    };
    return {
      po: {
        dealerId,
        orderId: po.orderId,
        poNumber,
        distributor: po.distributor as DistributorId,
        channelOrderId: order!.channelOrderId,
        channel: order!.channel,
        shipBy: order!.shipBy,
      },
      attempt,
      undo,
    };
  });
}
