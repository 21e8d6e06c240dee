import { and, eq, sql } from 'drizzle-orm';
import { channelUpdate, intakeStatus, type ChannelOrder, type IntakeStatus } from '../../domain/channel-orders.js';
import { MARKETPLACE_NAMES } from '../../marketplaces/profiles.js';
import type { Db } from '../client.js';
import { auditEvents, exceptions, orders, webhookDeliveries } from '../schema/index.js';
import { autoDropshipToStart, type DropshipStart } from './dropships.js';
import { closeOrderExceptions } from './exceptions.js';
import { insertOrder, type Transaction } from './orders.js';

/** A webhook delivery the order arrived in, recorded with it so a redelivery is recognised. */
export interface WebhookDelivery {
  source: string;
  deliveryId: string;
  topic: string;
}

export type IntakeOutcome =
  | { outcome: 'repeated_delivery' }
  | { outcome: 'created'; orderId: string; status: IntakeStatus }
  | { outcome: 'updated'; orderId: string; status: IntakeStatus }
  | { outcome: 'dealer_told' | 'unchanged'; orderId: string };

/** Why an order taken in in this status is not drop-shipped. */
const NOT_DROPSHIPPED: Record<Exclude<IntakeStatus, 'open'>, string> = {
  cancelled: 'it was cancelled there, so nothing is drop-shipped',
  awaiting_payment: 'it is not paid yet, so nothing is drop-shipped until it is',
  shipped: 'the dealer has already shipped it there, so nothing is drop-shipped',
};

const REPORTED: Record<IntakeStatus, string> = {
  open: 'paid: it can be drop-shipped now',
  cancelled: 'cancelled: nothing is drop-shipped',
  awaiting_payment: 'not paid: nothing is drop-shipped until it is',
  shipped: 'shipped by the dealer: nothing is drop-shipped',
};

export interface Intake {
  outcome: IntakeOutcome;
  /** The auto-processing drop-ship the caller must start (idempotently: its workflow id is fixed), if any. */
  autoDropship: DropshipStart | null;
}

/**
 * Takes in one order as its marketplace reports it, in one transaction: stored once per (dealer,
 * channel, channel order id); a later report of the same order moves its status (payment arrived,
 * cancelled) but never adds a second order or changes its lines. With a webhook delivery, the
 * delivery id is recorded in the same transaction, and a delivery already recorded changes nothing.
 * An order that is (or becomes) open for an auto-processing dealer gets its drop-ship opened in the
 * same transaction, for the caller to start (see autoDropshipToStart).
 */
export async function takeInChannelOrder(db: Db, dealerId: string, order: ChannelOrder, delivery?: WebhookDelivery): Promise<Intake> {
  return db.transaction(async (tx) => {
    if (delivery) {
      const [fresh] = await tx
        .insert(webhookDeliveries)
        .values({ dealerId, ...delivery })
        .onConflictDoNothing()
        .returning();
      if (!fresh) {
        const [recorded] = await tx
          .select({ orderId: webhookDeliveries.orderId })
          .from(webhookDeliveries)
          .where(
            and(eq(webhookDeliveries.dealerId, dealerId), eq(webhookDeliveries.source, delivery.source), eq(webhookDeliveries.deliveryId, delivery.deliveryId)),
          );
        const autoDropship = recorded?.orderId ? await autoDropshipToStart(tx, dealerId, recorded.orderId, false) : null;
        return { outcome: { outcome: 'repeated_delivery' }, autoDropship };
      }
    }
    const status = intakeStatus(order);
    const { id: orderId, created } = await insertOrder(tx, {
      dealerId,
      channel: order.channel,
      channelOrderId: order.channelOrderId,
      status,
      buyer: order.buyer,
      shipTo: order.shipTo,
      shippingRateName: order.shippingRateName,
      placedAt: new Date(order.createdAt),
      shipBy: order.shipBy ? new Date(order.shipBy) : undefined,
      lines: order.lines,
    });
    if (delivery) {
      await tx
        .update(webhookDeliveries)
        .set({ orderId })
        .where(
          and(eq(webhookDeliveries.dealerId, dealerId), eq(webhookDeliveries.source, delivery.source), eq(webhookDeliveries.deliveryId, delivery.deliveryId)),
        );
    }
    const channel = MARKETPLACE_NAMES[order.channel];
    let outcome: IntakeOutcome;
    if (created) {
      await audit(
        tx,
        dealerId,
        orderId,
        order,
        'order.taken_in',
        `Order ${order.channelOrderId} taken in from ${channel}${status === 'open' ? '' : `: ${NOT_DROPSHIPPED[status]}`}`,
        `order-taken-in:${orderId}`,
      );
      outcome = { outcome: 'created', orderId, status };
    } else {
      outcome = await applyChannelUpdate(tx, dealerId, orderId, order);
    }
    // Only a first sighting or a move to open (payment arrived) opens one; a repeat only finds it.
    const opens = outcome.outcome === 'created' || outcome.outcome === 'updated';
    return { outcome, autoDropship: await autoDropshipToStart(tx, dealerId, orderId, opens) };
  });
}

async function applyChannelUpdate(tx: Transaction, dealerId: string, orderId: string, order: ChannelOrder): Promise<IntakeOutcome> {
  const [current] = await tx
    .select({
      status: orders.status,
      // Aliased: in a one-table query drizzle leaves columns unqualified, so "id" would be the drop-ship's.
      hasDropship: sql<boolean>`exists (select 1 from dropships d where d.order_id = orders.id)`,
    })
    .from(orders)
    .where(eq(orders.id, orderId))
    .for('update');
  // Webhooks come in no set order (Shopify says so): a report older than one already taken in is stale.
  const [latest] = await tx
    .select({ at: sql<Date | string | null>`max((${auditEvents.details}->>'channelUpdatedAt')::timestamptz)` })
    .from(auditEvents)
    .where(and(eq(auditEvents.orderId, orderId), eq(auditEvents.actorType, 'channel')));
  if (latest?.at && new Date(order.updatedAt) < new Date(latest.at)) return { outcome: 'unchanged', orderId };
  const change = channelUpdate(current!, order);
  const channel = MARKETPLACE_NAMES[order.channel];
  if (!change) return { outcome: 'unchanged', orderId };
  // Lines of an order the buyer cancelled or the dealer shipped need no resolving, nor its drop-ship confirming.
  const endings: Partial<Record<IntakeStatus, string>> = {
    cancelled: `the buyer cancelled the order on ${channel}`,
    shipped: `the order was shipped on ${channel}`,
  };
  const over = endings[intakeStatus(order)];
  if (over) await closeOrderExceptions(tx, { dealerId, orderId }, ['needs_resolution', 'confirmation_waiting'], over);
  if ('tellDealer' in change) {
    const message = `${channel} reports order ${order.channelOrderId} cancelled after its drop-ship started: nothing more is ordered for it, and Dropline asks the distributors to cancel its open purchase orders`;
    // Cancelled from now on: no confirmation or automatic start places anything for it.
    await tx.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, orderId));
    await tx
      .insert(exceptions)
      .values({ dealerId, orderId, kind: 'order_cancelled_on_channel', message, key: `channel-cancelled:${orderId}` })
      .onConflictDoNothing({ target: exceptions.key });
    await audit(tx, dealerId, orderId, order, 'order.cancelled_on_channel', message, `channel-cancelled:${orderId}`);
    return { outcome: 'dealer_told', orderId };
  }
  // Until a drop-ship exists the channel's copy is the one to follow, buyer and address included
  // (Amazon, for one, gives an order's address only once it is paid).
  await tx
    .update(orders)
    .set({
      status: change.status,
      buyerName: order.buyer.name,
      buyerEmail: order.buyer.email ?? null,
      buyerPhone: order.buyer.phone ?? null,
      shipTo: order.shipTo,
      shippingRateName: order.shippingRateName,
      // The channel's latest word on the deadline; a report without one leaves the stored deadline as it is.
      ...(order.shipBy ? { shipBy: new Date(order.shipBy) } : {}),
      updatedAt: new Date(),
    })
    .where(eq(orders.id, orderId));
  const summary = `${channel} reports order ${order.channelOrderId} ${REPORTED[change.status]}`;
  await audit(tx, dealerId, orderId, order, 'order.channel_status', summary, `order-channel-status:${orderId}:${change.status}:${order.updatedAt}`);
  return { outcome: 'updated', orderId, status: change.status };
}

function audit(tx: Transaction, dealerId: string, orderId: string, order: ChannelOrder, type: string, summary: string, dedupeKey: string) {
  return tx
    .insert(auditEvents)
    .values({
      dealerId,
      orderId,
      actorType: 'channel',
      actorId: order.channel,
      type,
      summary,
      details: { channelOrderId: order.channelOrderId, channelUpdatedAt: order.updatedAt },
      dedupeKey,
    })
    .onConflictDoNothing({ target: auditEvents.dedupeKey });
}
