import { and, eq, isNotNull, notInArray, or, sql } from 'drizzle-orm';
import type { DigestDropshipStatus, DigestFacts } from '../../domain/digest.js';
import type { DistributorId } from '../../domain/distributors.js';
import { FINAL_PO_STATUSES } from '../../domain/purchase-order.js';
import { localDate } from '../../domain/time-zone.js';
import type { Db } from '../client.js';
import { dealers, dropships, exceptions, orders, purchaseOrders } from '../schema/index.js';
import { findDigestSettings } from './digest-settings.js';

const orderRef = { id: orders.id, channel: orders.channel, channelOrderId: orders.channelOrderId };

/**
 * Everything open for the dealer at `at`, for the digest of the dealer's day it falls on. Read-only;
 * null for an unknown dealer.
 */
export async function loadDigestFacts(db: Db, dealerId: string, at: Date): Promise<DigestFacts | null> {
  const [dealer] = await db.select({ name: dealers.name }).from(dealers).where(eq(dealers.id, dealerId));
  const settings = await findDigestSettings(db, dealerId);
  if (!dealer || !settings) return null;

  const [openExceptions, openDropships, trackedPos] = await Promise.all([
    db
      .select({
        id: exceptions.id,
        kind: exceptions.kind,
        message: exceptions.message,
        poNumber: exceptions.poNumber,
        raisedAt: exceptions.createdAt,
        order: orderRef,
      })
      .from(exceptions)
      .leftJoin(orders, eq(orders.id, exceptions.orderId))
      .where(and(eq(exceptions.dealerId, dealerId), eq(exceptions.status, 'open'))),
    db
      .select({ id: dropships.id, status: dropships.status, since: dropships.createdAt, order: orderRef })
      .from(dropships)
      .innerJoin(orders, eq(orders.id, dropships.orderId))
      .where(
        and(
          eq(dropships.dealerId, dealerId),
          or(
            eq(dropships.status, 'awaiting_confirmation'),
            // A drop-ship that needed resolution is settled once the dealer starts another for the order.
            and(
              eq(dropships.status, 'needs_resolution'),
              sql`not exists (select 1 from dropships later where later.order_id = ${dropships.orderId} and later.sequence > ${dropships.sequence})`,
            ),
          ),
        ),
      ),
    db
      .select({
        poNumber: purchaseOrders.poNumber,
        distributor: purchaseOrders.distributor,
        status: purchaseOrders.status,
        submittedAt: purchaseOrders.submittedAt,
        order: orderRef,
      })
      .from(purchaseOrders)
      .innerJoin(orders, eq(orders.id, purchaseOrders.orderId))
      .where(and(eq(purchaseOrders.dealerId, dealerId), notInArray(purchaseOrders.status, [...FINAL_PO_STATUSES]), isNotNull(purchaseOrders.submittedAt))),
  ]);

  return {
    dealerName: dealer.name,
    day: localDate(at, settings.timeZone),
    at: at.toISOString(),
    unshippedAfterDays: settings.unshippedAfterDays,
    exceptions: openExceptions.map((e) => ({ ...e, raisedAt: e.raisedAt.toISOString() })),
    dropships: openDropships.map((d) => ({ ...d, status: d.status as DigestDropshipStatus, since: d.since.toISOString() })),
    purchaseOrders: trackedPos.map((po) => ({ ...po, distributor: po.distributor as DistributorId, submittedAt: po.submittedAt!.toISOString() })),
  };
}
