import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../domain/errors.js';
import type { PoFacts } from '../../domain/po-actions.js';
import type { PoStatus } from '../../domain/purchase-order.js';
import type { Db } from '../client.js';
import { poLines, purchaseOrders } from '../schema/index.js';
import type { Transaction } from './orders.js';

/** A PO with its lines and what the dealer's actions decide on; NOT_FOUND when the dealer has no such PO. */
export async function loadPoFacts(db: Db | Transaction, dealerId: string, poNumber: string) {
  const [po] = await db
    .select()
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.dealerId, dealerId), eq(purchaseOrders.poNumber, poNumber)));
  if (!po) throw new DomainError('NOT_FOUND', `No purchase order ${poNumber}`);
  const lines = await db.select().from(poLines).where(eq(poLines.poId, po.id));
  const facts: PoFacts = { status: po.status as PoStatus, lines, cancellationRequested: po.cancellation !== null };
  return { po, lines, facts };
}
