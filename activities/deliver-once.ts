import type { Db } from '../db/client.js';
import { findDelivery, recordDelivery, type DeliveryKind } from '../db/repositories/deliveries.js';

/**
 * Makes an outbound side effect (an email, a channel push) happen once per (kind, key). A ledger row
 * is written after a successful delivery; the provider's idempotency key, which the caller derives
 * from the same key, covers the gap between the call and that write.
 */
export function deliverOnce(db: Db) {
  return async function once(
    dealerId: string,
    kind: DeliveryKind,
    key: string,
    deliver: () => Promise<string | null>,
  ): Promise<{ externalId: string | null; alreadyDone: boolean }> {
    const done = await findDelivery(db, kind, key);
    if (done !== null) return { externalId: done, alreadyDone: true };
    const externalId = await deliver();
    if (externalId !== null) await recordDelivery(db, { dealerId, kind, key, externalId });
    return { externalId, alreadyDone: false };
  };
}
