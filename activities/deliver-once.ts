import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/client.js';
import { appendAuditEvent, type NewAuditEvent } from '../db/repositories/audit.js';
import { findDelivery, fixDeliveryRequest, forgetUndelivered, markDelivered, type DeliveryKind } from '../db/repositories/deliveries.js';

export interface OnceDelivery<Request extends object> {
  dealerId: string;
  kind: DeliveryKind;
  /** The ledger key, also the provider's idempotency key: names the dealer and the thing delivered. */
  key: string;
  /** Builds what is sent. Runs only on the first attempt; its result is stored and every retry sends that. */
  build: () => Request | Promise<Request>;
  /** Sends the request; answers the provider's id, or null when there is nothing to record. */
  deliver: (request: Request) => Promise<string | null>;
  /** The audit line of the delivery, written in the transaction that marks it delivered. */
  audit: (externalId: string) => NewAuditEvent;
}

/**
 * Makes an outbound side effect (an email, a channel push) happen once per (kind, key). What is sent is
 * built on the first attempt and kept in the ledger before the call, so a retry under the provider's
 * idempotency key (Resend keeps them 24 hours) sends the same body even when its inputs (the dealer's
 * sender, the buyer's address) changed in between. The ledger row is marked delivered together with
 * its audit line, in one transaction: a crash keeps both or neither, and the retry, answered by the
 * provider's idempotency key, writes them then. A request the provider refused outright (invalid, or
 * not authorised, e.g. an unverified sender) was not taken under the key: it is dropped, so the attempt
 * after the dealer's fix builds it again.
 */
export function deliverOnce(db: Db) {
  return async function once<Request extends object>(delivery: OnceDelivery<Request>): Promise<{ externalId: string | null; alreadyDone: boolean }> {
    const { dealerId, kind, key } = delivery;
    const found = await findDelivery(db, kind, key);
    if (found?.externalId) return { externalId: found.externalId, alreadyDone: true };
    const fixed = found?.request
      ? found
      : await fixDeliveryRequest(db, { dealerId, kind, key, request: { ...(await delivery.build()) } as Record<string, unknown> });
    if (fixed.externalId) return { externalId: fixed.externalId, alreadyDone: true };
    let externalId: string | null;
    try {
      externalId = await delivery.deliver(fixed.request as Request);
    } catch (error) {
      if (refusedOutright(error)) await forgetUndelivered(db, kind, key);
      throw error;
    }
    if (externalId === null) return { externalId, alreadyDone: false };
    const first = await db.transaction(async (tx) => {
      const marked = await markDelivered(tx, kind, key, externalId);
      if (marked) await appendAuditEvent(tx, delivery.audit(externalId));
      return marked;
    });
    return { externalId, alreadyDone: !first };
  };
}

/** A permanent refusal, other than Resend's "this key was used with another body" (then the key is taken). */
function refusedOutright(error: unknown): boolean {
  return error instanceof ApplicationFailure && error.nonRetryable === true && error.type !== 'Email:conflict';
}
