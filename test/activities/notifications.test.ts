import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrder } from '../../db/demo-data.js';
import { createOrder, findOrder } from '../../db/repositories/orders.js';
import { auditEvents, dealers, deliveries, exceptions, orders } from '../../db/schema/index.js';
import { upsTrackingNumber } from '../../distributors/carriers.js';
import { storeWpsPurchaseOrder } from '../helpers/purchase-orders.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * The buyer's shipping email against real Postgres and the Resend sandbox over HTTP: what a retry
 * sends, and what the ledger and the audit trail hold after a failed attempt.
 */
describe('buyer shipping email', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ externalWorker: true, channelAccounts: true });
  });
  afterAll(async () => stack?.stop());

  let packages = 0;
  /** A website order with one WPS PO and one package recorded. */
  async function shippedPackage() {
    const name = `E-${randomUUID().slice(0, 8)}`;
    const { id: orderId } = await createOrder(stack.db, { dealerId: stack.dealerId, channel: 'website', ...demoOrder(name) });
    const line = (await findOrder(stack.db, stack.dealerId, orderId))!.lines[0]!;
    const poNumber = `${name}-W`;
    await storeWpsPurchaseOrder(stack.db, {
      dealerId: stack.dealerId,
      orderId,
      poNumber,
      lines: [{ lineId: line.id, dealerSku: line.dealerSku, distributorSku: '87-9934', quantity: 1 }],
    });
    const trackingNumber = upsTrackingNumber(`TESTEMAIL${String(++packages).padStart(6, '0')}`);
    const ref = { dealerId: stack.dealerId, poNumber, trackingNumber };
    await stack.activities.recordShipment({ ...ref, shipment: { carrier: 'UPS', trackingNumber, lines: [{ distributorSku: '87-9934', quantity: 1 }] } });
    return { ref, orderId };
  }

  const loseNextResponse = () =>
    fetch(`${stack.resendUrl}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loseResponseOnce: true }),
    });
  const emailsFor = (trackingNumber: string) => stack.resend.state.emails.filter((e) => e.text?.includes(trackingNumber));
  const auditLines = (orderId: string) =>
    stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orderId, orderId), eq(auditEvents.type, 'email.buyer_shipped')));

  it('sends a retry the same email under the same key, though the sender and the buyer address changed in between', async () => {
    const { ref, orderId } = await shippedPackage();
    await loseNextResponse();
    await expect(stack.activities.emailBuyerShipment(ref)).rejects.toThrow();
    const [first] = emailsFor(ref.trackingNumber);
    expect(first).toBeDefined();

    await stack.db
      .update(dealers)
      .set({ emailFrom: 'Ridge Line Parts Desk <parts@ridgeline.example>', emailReplyTo: 'desk@ridgeline.example' })
      .where(eq(dealers.id, stack.dealerId));
    await stack.db.update(orders).set({ buyerEmail: 'jane.r@example.net' }).where(eq(orders.id, orderId));
    try {
      // Resend answers a repeat of the same key with a different body 409: the retry must be the same email.
      expect(await stack.activities.emailBuyerShipment(ref)).toEqual({ sent: true });
    } finally {
      await stack.db
        .update(dealers)
        .set({ emailFrom: 'Ridge Line Powersports <orders@ridgeline.example>', emailReplyTo: null })
        .where(eq(dealers.id, stack.dealerId));
    }
    expect(emailsFor(ref.trackingNumber)).toEqual([first]);
    expect(first).toMatchObject({ from: 'Ridge Line Powersports <orders@ridgeline.example>', to: ['jane.rider@example.com'] });
    // Two dealers may share a PO number and a (sandbox) tracking number; the key tells them apart.
    expect(first!.idempotencyKey).toBe(`shipped-email/${stack.dealerId}/${ref.poNumber}/${ref.trackingNumber}`);
    const [ledger] = await stack.db.select().from(deliveries).where(eq(deliveries.key, first!.idempotencyKey!));
    expect(ledger).toMatchObject({ dealerId: stack.dealerId, kind: 'buyer_email', externalId: first!.id });
    expect(await auditLines(orderId)).toHaveLength(1);
  });

  it('keeps the ledger row and its audit line together: an audit write that fails is made by the retry', async () => {
    const { ref, orderId } = await shippedPackage();
    // Stands in for a crash between the ledger write and the audit write.
    await stack.db.execute(
      sql`create or replace function fail_email_audit() returns trigger language plpgsql as $$ begin raise exception 'audit write lost'; end $$`,
    );
    await stack.db.execute(
      sql.raw(
        `create trigger fail_email_audit before insert on audit_events for each row when (new.type = 'email.buyer_shipped') execute function fail_email_audit()`,
      ),
    );
    try {
      await expect(stack.activities.emailBuyerShipment(ref)).rejects.toThrow();
    } finally {
      await stack.db.execute(sql`drop trigger fail_email_audit on audit_events`);
    }
    expect(await stack.activities.emailBuyerShipment(ref)).toEqual({ sent: true });
    expect(await stack.activities.emailBuyerShipment(ref)).toEqual({ sent: true });
    expect(emailsFor(ref.trackingNumber)).toHaveLength(1);
    expect(await auditLines(orderId)).toEqual([expect.objectContaining({ details: { emailId: emailsFor(ref.trackingNumber)[0]!.id } })]);
  });

  it("builds the email afresh after Resend refused it outright, so the dealer's fix is what goes out", async () => {
    const { ref } = await shippedPackage();
    // Resend refuses an email without a sender (422): nothing is taken under the key.
    await stack.db.update(dealers).set({ emailFrom: '' }).where(eq(dealers.id, stack.dealerId));
    try {
      await expect(stack.activities.emailBuyerShipment(ref)).rejects.toThrow(/from/);
    } finally {
      await stack.db.update(dealers).set({ emailFrom: 'Ridge Line Powersports <orders@ridgeline.example>' }).where(eq(dealers.id, stack.dealerId));
    }
    expect(await stack.activities.emailBuyerShipment(ref)).toEqual({ sent: true });
    expect(emailsFor(ref.trackingNumber)).toEqual([expect.objectContaining({ from: 'Ridge Line Powersports <orders@ridgeline.example>' })]);
  });

  it('keeps retrying a buyer email Resend refuses for an unverified sender, with the reason in the inbox until it goes out', async () => {
    const { ref } = await shippedPackage();
    const senderUnverified = (on: boolean) =>
      fetch(`${stack.resendUrl}/_control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ senderUnverified: on }),
      });
    await senderUnverified(true);
    const refused = await stack.activities.emailBuyerShipment(ref).then(
      () => null,
      (error: unknown) => error,
    );
    await senderUnverified(false);
    // Retryable: the dealer can fix the sender, and the delivery's day of retries sends it then.
    expect(refused).toMatchObject({ type: 'BuyerEmailRefused', nonRetryable: false });
    const key = `notification-failed:${ref.dealerId}:${ref.poNumber}:${ref.trackingNumber}:0`;
    const [open] = await stack.db.select().from(exceptions).where(eq(exceptions.key, key));
    expect(open).toMatchObject({ kind: 'notification_failed', status: 'open' });
    expect(open!.message).toContain('not verified');
    expect(await stack.activities.emailBuyerShipment(ref)).toEqual({ sent: true });
    expect(emailsFor(ref.trackingNumber)).toHaveLength(1);
    const [closed] = await stack.db.select().from(exceptions).where(eq(exceptions.key, key));
    expect(closed).toMatchObject({ status: 'resolved', resolvedBy: 'system' });
  });

  it('pushes each package to the channel lines it fills, splitting a SKU that two lines carry', async () => {
    const post = async (url: string, body: unknown) =>
      (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as {
        data: { orderId: string; lineItems: Array<{ lineItemId: string }> };
      };
    const ebayOrder = (
      await post(`${stack.ebayUrl}/_control/orders`, {
        lineItems: [
          { quantity: 1, sku: 'HELMET-MX-M' },
          { quantity: 2, sku: 'HELMET-MX-M-ALT' },
        ],
      })
    ).data;
    const [first, second] = ebayOrder.lineItems.map((l) => l.lineItemId);
    const { id: orderId } = await createOrder(stack.db, {
      dealerId: stack.dealerId,
      channel: 'ebay',
      ...demoOrder(ebayOrder.orderId),
      lines: [
        { sku: 'HELMET-MX-M', quantity: 1, unitPriceCents: 12995, channelLineId: first },
        { sku: 'HELMET-MX-M-ALT', quantity: 2, unitPriceCents: 12995, channelLineId: second },
      ],
    });
    const lines = (await findOrder(stack.db, stack.dealerId, orderId))!.lines;
    const poNumber = `${ebayOrder.orderId}-W`;
    await storeWpsPurchaseOrder(stack.db, {
      dealerId: stack.dealerId,
      orderId,
      poNumber,
      lines: lines.map((line) => ({ lineId: line.id, dealerSku: line.dealerSku, distributorSku: '87-9934', quantity: line.quantity })),
    });
    const shipAndPush = async (quantity: number) => {
      const trackingNumber = upsTrackingNumber(`TESTPUSH${String(++packages).padStart(7, '0')}`);
      await stack.activities.recordShipment({
        dealerId: stack.dealerId,
        poNumber,
        shipment: { carrier: 'UPS', trackingNumber, lines: [{ distributorSku: '87-9934', quantity }] },
      });
      await stack.activities.pushTrackingToChannel({ dealerId: stack.dealerId, poNumber, trackingNumber });
      return trackingNumber;
    };
    const firstPackage = await shipAndPush(2);
    const secondPackage = await shipAndPush(1);
    const fulfillments = (await (await fetch(`${stack.ebayUrl}/_control/orders/${ebayOrder.orderId}/fulfillments`)).json()) as {
      data: Array<{ shipmentTrackingNumber?: string; lineItems: Array<{ lineItemId: string; quantity: number }> }>;
    };
    const pushed = new Map(fulfillments.data.map((f) => [f.shipmentTrackingNumber, f.lineItems]));
    expect(pushed.get(firstPackage)).toEqual([
      { lineItemId: first, quantity: 1 },
      { lineItemId: second, quantity: 1 },
    ]);
    expect(pushed.get(secondPackage)).toEqual([{ lineItemId: second, quantity: 1 }]);
  });

  describe("says what shipped in the buyer's words", () => {
    /** The demo order (1 × MX helmet, 2 × oil filter) on one WPS PO, and one package with `contents`. */
    async function packageOf(contents: Array<{ distributorSku: string; quantity: number }>) {
      const name = `W-${randomUUID().slice(0, 8)}`;
      const { id: orderId } = await createOrder(stack.db, { dealerId: stack.dealerId, channel: 'website', ...demoOrder(name) });
      const [helmet, filter] = (await findOrder(stack.db, stack.dealerId, orderId))!.lines;
      const poNumber = `${name}-W`;
      await storeWpsPurchaseOrder(stack.db, {
        dealerId: stack.dealerId,
        orderId,
        poNumber,
        lines: [
          { lineId: helmet!.id, dealerSku: helmet!.dealerSku, distributorSku: '87-9934', quantity: 1 },
          { lineId: filter!.id, dealerSku: filter!.dealerSku, distributorSku: '26-1105', quantity: 2 },
        ],
      });
      const trackingNumber = upsTrackingNumber(`TESTWORDS${String(++packages).padStart(6, '0')}`);
      const ref = { dealerId: stack.dealerId, poNumber, trackingNumber };
      await stack.activities.recordShipment({ ...ref, shipment: { carrier: 'UPS', trackingNumber, lines: contents } });
      expect(await stack.activities.emailBuyerShipment(ref)).toEqual({ sent: true });
      return { name, email: emailsFor(trackingNumber)[0]! };
    }

    it('says the order has shipped when one package holds everything, naming the products', async () => {
      const { name, email } = await packageOf([
        { distributorSku: '87-9934', quantity: 1 },
        { distributorSku: '26-1105', quantity: 2 },
      ]);
      expect(email.subject).toBe(`Your order ${name} has shipped`);
      expect(email.text).toContain(`Good news: your order ${name} from Ridge Line Powersports has shipped.`);
      expect(email.text).toContain('In this package:\n  - 1 × MX helmet, medium\n  - 2 × Oil filter HF204\n');
      expect(email.text).not.toContain('87-9934');
      expect(email.text).not.toContain('HELMET-MX-M');
    });

    it('says part of the order has shipped when the package holds only some of it', async () => {
      const { name, email } = await packageOf([
        { distributorSku: '87-9934', quantity: 1 },
        { distributorSku: '26-1105', quantity: 1 },
      ]);
      expect(email.subject).toBe(`Part of your order ${name} has shipped`);
      expect(email.text).toContain(`Good news: part of your order ${name} from Ridge Line Powersports has shipped.`);
      expect(email.text).toContain('In this package:\n  - 1 × MX helmet, medium\n  - 1 × Oil filter HF204\n');
    });
  });
});
