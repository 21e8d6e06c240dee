import { ApplicationFailure } from '@temporalio/activity';
import { and, asc, eq, notInArray } from 'drizzle-orm';
import { closeExceptionByKey, raiseException } from '../db/repositories/exceptions.js';
import { loadPurchaseOrderForSubmission } from '../db/repositories/purchase-orders.js';
import { addShipmentNote } from '../db/repositories/orders.js';
import { dealers, orderLines, orders, poLines, purchaseOrders, shipments } from '../db/schema/index.js';
import { isMarketplace, MARKETPLACE_NAMES } from '../marketplaces/profiles.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import { isCarrier, isValidTrackingNumber } from '../distributors/carriers.js';
import type { ExceptionKind } from '../domain/exceptions.js';
import { packageShares, type PoLineOrdered, type SkuQuantity } from '../domain/shipped-quantities.js';
import { shipInstant } from '../domain/calendar-date.js';
import type { TrackingPush } from '../marketplaces/types.js';
import { unitsStillDue } from '../domain/po-progress.js';
import { dealerAlertEmail, poChangeEmail, shippedEmail } from '../notifications/templates.js';
import type { EmailMessage } from '../notifications/types.js';
import { deliverOnce } from './deliver-once.js';
import type { ActivityDeps } from './deps.js';
import { adapterCall } from './failures.js';
import type { PoRef } from './purchase-order.js';

type PackageRef = PoRef & { trackingNumber: string };

/** The inbox entry of a buyer email that cannot be sent; the same key as the workflow's own alert when the email gives up. */
const buyerEmailExceptionKey = (ref: PackageRef) => `notification-failed:${ref.dealerId}:${ref.poNumber}:${ref.trackingNumber}:0`;

/** Something that needs the dealer: an inbox entry (once per key) and an email about it. */
export interface DealerAlert {
  dealerId: string;
  orderId: string;
  poNumber?: string | undefined;
  kind: ExceptionKind;
  subject: string;
  message: string;
  key: string;
  /** What brought it about, when one cause may be met again (see raiseException): no second open exception then. */
  cause?: string | undefined;
}

/** What a distributor did to part of a PO that the buyer may be told of (see emailBuyerPoNotice). */
export interface BuyerPoNotice {
  dealerId: string;
  orderId: string;
  poNumber: string;
  event: 'backordered' | 'cancelled';
  /** The PO's lines it concerns, by the distributor's SKU, with the units backordered or cancelled. */
  lines: Array<{ distributorSku: string; quantity: number }>;
  /** One notice per key, however often it is retried: name the event, e.g. `cancelled:<po>:<sku>:<running total>`. */
  key: string;
}

/** Telling the buyer, the order and the channel about each package, exactly once each (see deliverOnce). */
export function notificationActivities({ db, email, emailDefaults, channelConnector }: ActivityDeps) {
  const once = deliverOnce(db);

  async function loadPackage(ref: PackageRef) {
    const loaded = await loadPurchaseOrderForSubmission(db, ref.dealerId, ref.poNumber);
    const [shipment] = await db
      .select()
      .from(shipments)
      .where(and(eq(shipments.poId, loaded.po.id), eq(shipments.trackingNumber, ref.trackingNumber)));
    if (!shipment) throw new Error(`No shipment ${ref.trackingNumber} recorded for PO ${ref.poNumber}`);
    const [dealer] = await db.select().from(dealers).where(eq(dealers.id, ref.dealerId));
    return { ...loaded, shipment, dealer: dealer! };
  }

  async function openException(input: DealerAlert) {
    await raiseException(db, {
      dealerId: input.dealerId,
      orderId: input.orderId,
      poNumber: input.poNumber,
      kind: input.kind,
      message: input.message,
      key: input.key,
      cause: input.cause,
    });
  }

  async function emailDealer(input: DealerAlert) {
    const [dealer] = await db.select().from(dealers).where(eq(dealers.id, input.dealerId));
    const to = dealer?.notificationEmail;
    if (!dealer || !to) return;
    // The dealer knows the order by the channel's number, not by our id.
    const [order] = await db
      .select({ channelOrderId: orders.channelOrderId })
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.dealerId, input.dealerId)));
    const key = `dealer-alert/${input.key}`;
    await once({
      dealerId: input.dealerId,
      kind: 'dealer_email',
      key,
      build: (): EmailMessage => ({
        ...dealerAlertEmail({ subject: input.subject, lines: [input.message], orderRef: order?.channelOrderId ?? input.orderId }),
        from: emailDefaults.from,
        to: [to],
      }),
      deliver: async (message) => (await adapterCall(() => email.send(message, key))).id,
      audit: (emailId) => ({
        dealerId: input.dealerId,
        orderId: input.orderId,
        poNumber: input.poNumber,
        actor: { type: 'system' },
        type: 'email.dealer_alert',
        summary: `Alert emailed to the dealer: ${input.subject}`,
        details: { emailId, kind: input.kind },
        dedupeKey: `email:${key}`,
      }),
    });
  }

  /** What the PO's packages recorded before this one hold, in the order they were recorded. */
  async function earlierPackages(poId: string, shipmentId: string) {
    const all = await db
      .select({ id: shipments.id, lines: shipments.lines })
      .from(shipments)
      .where(eq(shipments.poId, poId))
      .orderBy(asc(shipments.createdAt), asc(shipments.id));
    return all
      .slice(
        0,
        all.findIndex((s) => s.id === shipmentId),
      )
      .flatMap((s) => s.lines);
  }

  /** The order's lines still due from its POs (failed ones left out), with their titles as the buyer knows them. */
  /**
   * The package's items by product title (the dealer's SKU for a line the channel gave no title), and
   * whether it holds every unit of every line of the order: then the buyer's order has shipped, not part of it.
   */
  async function packageContents(orderId: string, poLinesOfPackage: PoLineOrdered[], earlier: SkuQuantity[], contents: SkuQuantity[]) {
    const ordered = await db
      .select({ id: orderLines.id, title: orderLines.title, dealerSku: orderLines.dealerSku, quantity: orderLines.quantity })
      .from(orderLines)
      .where(eq(orderLines.orderId, orderId))
      .orderBy(asc(orderLines.lineNumber));
    const shares = new Map(packageShares(poLinesOfPackage, earlier, contents).map((share) => [share.orderLineId, share.quantity]));
    const items = ordered.filter((line) => shares.has(line.id)).map((line) => ({ title: line.title ?? line.dealerSku, quantity: shares.get(line.id)! }));
    // A SKU the PO never ordered (one the distributor substituted) is still named, by the only name there is.
    const onPo = new Set(poLinesOfPackage.map((l) => l.distributorSku));
    const unmapped = contents.filter((l) => !onPo.has(l.distributorSku)).map((l) => ({ title: l.distributorSku, quantity: l.quantity }));
    return { items: [...items, ...unmapped], wholeOrder: ordered.length > 0 && ordered.every((line) => shares.get(line.id) === line.quantity) };
  }

  async function orderLinesDue(orderId: string) {
    const rows = await db
      .select({
        poNumber: purchaseOrders.poNumber,
        distributorSku: poLines.distributorSku,
        title: orderLines.title,
        dealerSku: orderLines.dealerSku,
        quantity: poLines.quantity,
        shippedQty: poLines.shippedQty,
        cancelledQty: poLines.cancelledQty,
      })
      .from(poLines)
      .innerJoin(purchaseOrders, eq(purchaseOrders.id, poLines.poId))
      .innerJoin(orderLines, eq(orderLines.id, poLines.orderLineId))
      .where(and(eq(purchaseOrders.orderId, orderId), notInArray(purchaseOrders.status, ['failed'])))
      .orderBy(asc(orderLines.lineNumber));
    return rows.map((row) => ({ ...row, title: row.title ?? row.dealerSku, due: unitsStillDue(row) }));
  }

  return {
    /**
     * Tells the buyer, if the dealer enabled it (notifyBuyerOfPoChanges), that a distributor backordered
     * or cancelled part of their order, naming the parts and what still ships. Call it once the
     * quantities are recorded: cancelled units no longer count as still shipping, backordered ones are
     * named as delayed rather than still shipping. Sent once per key through the delivery ledger, like
     * the shipping email; `sent: false` when the dealer has it off or the order has no buyer email.
     */
    async emailBuyerPoNotice(notice: BuyerPoNotice): Promise<{ sent: boolean }> {
      const [dealer] = await db.select().from(dealers).where(eq(dealers.id, notice.dealerId));
      if (!dealer?.notifyBuyerOfPoChanges) return { sent: false };
      const [order] = await db
        .select()
        .from(orders)
        .where(and(eq(orders.id, notice.orderId), eq(orders.dealerId, notice.dealerId)));
      const buyerEmail = order?.buyerEmail;
      if (!order || !buyerEmail) return { sent: false };
      const key = `po-notice/${notice.dealerId}/${notice.key}`;
      await once({
        dealerId: notice.dealerId,
        kind: 'buyer_email',
        key,
        build: async (): Promise<EmailMessage> => {
          const lines = await orderLinesDue(order.id);
          const named = (line: (typeof lines)[number]) =>
            line.poNumber === notice.poNumber && notice.lines.some((l) => l.distributorSku === line.distributorSku);
          const titleOf = (sku: string) => lines.find((l) => l.poNumber === notice.poNumber && l.distributorSku === sku)?.title ?? sku;
          // Backordered units are late, not still shipping; a line cancelled in part still ships the rest.
          const stillShipping = lines.filter((l) => l.due > 0 && !(notice.event === 'backordered' && named(l)));
          return {
            ...poChangeEmail({
              buyerName: order.buyerName,
              dealerName: dealer.name,
              orderRef: order.channelOrderId,
              event: notice.event,
              items: notice.lines.map((l) => ({ title: titleOf(l.distributorSku), quantity: l.quantity })),
              stillShipping: stillShipping.map((l) => ({ title: l.title, quantity: l.due })),
            }),
            from: dealer.emailFrom ?? emailDefaults.from,
            replyTo: dealer.emailReplyTo ?? undefined,
            to: [buyerEmail],
            tags: [{ name: 'kind', value: `po_${notice.event}` }],
          };
        },
        deliver: async (message) => (await adapterCall(() => email.send(message, key))).id,
        audit: (emailId) => ({
          dealerId: notice.dealerId,
          orderId: order.id,
          poNumber: notice.poNumber,
          actor: { type: 'system' },
          type: `email.buyer_po_${notice.event}`,
          summary: `Buyer emailed that PO ${notice.poNumber} has ${notice.lines.map((l) => `${l.quantity} × ${l.distributorSku}`).join(', ')} ${notice.event}`,
          details: { emailId, lines: notice.lines },
          dedupeKey: `email:${key}`,
        }),
      });
      return { sent: true };
    },

    /**
     * Emails the buyer about one package. Idempotency-Key `shipped-email/<dealer>/<po>/<tracking>`; the
     * email is built once and every retry sends that same email (see deliverOnce).
     */
    async emailBuyerShipment(ref: PackageRef): Promise<{ sent: boolean }> {
      const { order, shipment, dealer, lines, po } = await loadPackage(ref);
      const buyerEmail = order.buyerEmail;
      if (!buyerEmail) return { sent: false };
      const key = `shipped-email/${ref.dealerId}/${ref.poNumber}/${ref.trackingNumber}`;
      const refusal = {
        dealerId: ref.dealerId,
        orderId: order.id,
        poNumber: ref.poNumber,
        kind: 'notification_failed' as const,
        key: buyerEmailExceptionKey(ref),
      };
      await once({
        dealerId: ref.dealerId,
        kind: 'buyer_email',
        key,
        build: async (): Promise<EmailMessage> => ({
          ...shippedEmail({
            buyerName: order.buyerName,
            dealerName: dealer.name,
            orderRef: order.channelOrderId,
            carrier: shipment.carrier,
            trackingNumber: shipment.trackingNumber,
            ...(await packageContents(order.id, lines, await earlierPackages(po.id, shipment.id), shipment.lines)),
          }),
          from: dealer.emailFrom ?? emailDefaults.from,
          replyTo: dealer.emailReplyTo ?? undefined,
          to: [buyerEmail],
          tags: [{ name: 'kind', value: 'shipped' }],
        }),
        deliver: async (message) => (await adapterCall(() => email.send(message, key))).id,
        audit: (emailId) => ({
          dealerId: ref.dealerId,
          orderId: order.id,
          poNumber: ref.poNumber,
          actor: { type: 'system' },
          type: 'email.buyer_shipped',
          summary: `Shipping email sent to the buyer for tracking ${ref.trackingNumber}`,
          details: { emailId },
          dedupeKey: `email:${key}`,
        }),
      }).catch(async (error: unknown) => {
        if (!(error instanceof ApplicationFailure && error.type === 'Email:auth')) throw error;
        // Resend refuses the dealer's sender (unverified domain) or our key: the dealer can fix that,
        // so the buyer's email waits for the fix (the delivery retries for a day) with the reason in the inbox.
        await raiseException(db, {
          ...refusal,
          message: `Resend refused the buyer's shipping email for tracking ${ref.trackingNumber} (PO ${ref.poNumber}): ${error.message}. Check the sender address in Settings; Dropline keeps trying for 24 hours.`,
        });
        throw ApplicationFailure.create({ type: 'BuyerEmailRefused', message: error.message });
      });
      await closeExceptionByKey(db, ref.dealerId, refusal.key, 'the email went out');
      return { sent: true };
    },

    /** Adds "shipped via …" to the order's notes, with its audit line in the same transaction. Keyed by PO and tracking number. */
    async noteOrderShipment(ref: PackageRef): Promise<void> {
      const { order, shipment, po } = await loadPackage(ref);
      const { carrier, trackingNumber } = shipment;
      await addShipmentNote(db, { ...ref, orderId: order.id, distributorName: DISTRIBUTOR_NAMES[po.distributor as DistributorId], carrier, trackingNumber });
    },

    /**
     * Pushes the package's tracking to the sales channel; channels without push are skipped. A
     * number that fails its carrier's format or check digit is not pushed (the marketplace would
     * show the buyer a dead link, or count it against the seller): the failure is permanent, so the
     * workflow puts it in front of the dealer. Carriers we have no format for are pushed as they are.
     */
    async pushTrackingToChannel(ref: PackageRef): Promise<{ pushed: boolean }> {
      const { order, shipment, lines, po } = await loadPackage(ref);
      const channel = await adapterCall(() => channelConnector(ref.dealerId, order.channel));
      if (!channel) return { pushed: false };
      if (isCarrier(shipment.carrier) && !isValidTrackingNumber(shipment.carrier, shipment.trackingNumber)) {
        const channelName = isMarketplace(order.channel) ? MARKETPLACE_NAMES[order.channel] : order.channel;
        throw ApplicationFailure.create({
          type: 'InvalidTrackingNumber',
          nonRetryable: true,
          message: `${shipment.trackingNumber} is not a valid ${shipment.carrier} tracking number, so it was not sent to ${channelName}; check it with ${DISTRIBUTOR_NAMES[po.distributor as DistributorId]}, then add the right one on ${channelName} by hand`,
        });
      }
      // Units go to the order's channel lines the way shipped quantities do: a SKU on two lines is split, not pushed to one.
      const channelLines = new Map(lines.map((l) => [l.orderLineId, l.channelLineId]));
      const earlier = await earlierPackages(po.id, shipment.id);
      const key = `push/${order.channel}/${order.channelOrderId}/${ref.trackingNumber}`;
      await once({
        dealerId: ref.dealerId,
        kind: 'channel_push',
        key,
        build: (): TrackingPush => ({
          channelOrderId: order.channelOrderId,
          carrierCode: shipment.carrier,
          trackingNumber: shipment.trackingNumber,
          shippedAt: shipInstant(shipment.shippedOn, shipment.createdAt).toISOString(),
          lines: packageShares(lines, earlier, shipment.lines)
            .filter((share) => channelLines.get(share.orderLineId))
            .map((share) => ({ channelLineId: channelLines.get(share.orderLineId)!, quantity: share.quantity })),
        }),
        deliver: async (push) => (await adapterCall(() => channel.pushTracking(push))).fulfillmentId,
        audit: (fulfillmentId) => ({
          dealerId: ref.dealerId,
          orderId: order.id,
          poNumber: ref.poNumber,
          actor: { type: 'system' },
          type: 'channel.tracking_pushed',
          summary: `Tracking ${ref.trackingNumber} pushed to ${order.channel}`,
          details: { fulfillmentId },
          dedupeKey: `push:${key}`,
        }),
      });
      return { pushed: true };
    },

    /** Tells the dealer about something that needs them: an exception entry plus one email. */
    async alertDealer(input: DealerAlert) {
      await openException(input);
      await emailDealer(input);
    },

    /** Puts something in the dealer's exception inbox, once per key. */
    async openException(input: DealerAlert) {
      await openException(input);
    },

    /** Emails the dealer about an exception already in their inbox, once per key. */
    async emailDealerAlert(input: DealerAlert) {
      await emailDealer(input);
    },
  };
}
