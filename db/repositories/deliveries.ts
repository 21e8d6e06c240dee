import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { deliveries } from '../schema/index.js';

export type DeliveryKind = 'buyer_email' | 'dealer_email' | 'channel_push';

/** The external id of a side effect already delivered under this key, if any. */
export async function findDelivery(db: Db, kind: DeliveryKind, key: string): Promise<string | null> {
  const [row] = await db
    .select({ externalId: deliveries.externalId })
    .from(deliveries)
    .where(and(eq(deliveries.kind, kind), eq(deliveries.key, key)));
  return row?.externalId ?? null;
}

export async function recordDelivery(db: Db, delivery: { dealerId: string; kind: DeliveryKind; key: string; externalId: string }) {
  await db.insert(deliveries).values(delivery).onConflictDoNothing();
}
