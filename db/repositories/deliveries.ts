import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Transaction } from '../client.js';
import { deliveries } from '../schema/index.js';

export type DeliveryKind = 'buyer_email' | 'dealer_email' | 'channel_push';

export interface Delivery {
  /** The provider's id once delivered, else null. */
  externalId: string | null;
  /** What is sent under this key; null only on rows from before requests were kept (all delivered). */
  request: Record<string, unknown> | null;
}

/** The ledger row of a side effect under this key, if one was started. */
export async function findDelivery(db: Db | Transaction, kind: DeliveryKind, key: string): Promise<Delivery | null> {
  const [row] = await db
    .select({ externalId: deliveries.externalId, request: deliveries.request })
    .from(deliveries)
    .where(and(eq(deliveries.kind, kind), eq(deliveries.key, key)));
  return row ?? null;
}

/**
 * Fixes what will be sent under this key, unless an earlier attempt already did: answers the row that
 * stands, so two racing attempts send the same request.
 */
export async function fixDeliveryRequest(
  db: Db,
  delivery: { dealerId: string; kind: DeliveryKind; key: string; request: Record<string, unknown> },
): Promise<Delivery> {
  await db
    .insert(deliveries)
    .values({ ...delivery, externalId: null })
    .onConflictDoNothing();
  return (await findDelivery(db, delivery.kind, delivery.key))!;
}

/** Marks the side effect delivered. False when an earlier attempt already had. */
export async function markDelivered(tx: Transaction, kind: DeliveryKind, key: string, externalId: string): Promise<boolean> {
  const marked = await tx
    .update(deliveries)
    .set({ externalId })
    .where(and(eq(deliveries.kind, kind), eq(deliveries.key, key), isNull(deliveries.externalId)))
    .returning({ id: deliveries.id });
  return marked.length > 0;
}

/** Drops what was to be sent under this key while nothing was delivered, so the next attempt builds it afresh. */
export async function forgetUndelivered(db: Db, kind: DeliveryKind, key: string): Promise<void> {
  await db.delete(deliveries).where(and(eq(deliveries.kind, kind), eq(deliveries.key, key), isNull(deliveries.externalId)));
}
