import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrder } from '../../db/demo-data.js';
import { createOrder, findOrder } from '../../db/repositories/orders.js';
import { auditEvents, distributorAccounts, orders, poLines, purchaseOrders } from '../../db/schema/index.js';
import type { PoChange, PoStatus } from '../../domain/purchase-order.js';
import { upsTrackingNumber } from '../../distributors/carriers.js';
import { storeWpsPurchaseOrder } from '../helpers/purchase-orders.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * The purchase-order activities against real Postgres and the WPS sandbox over HTTP, called the way
 * the workflow calls them: what Postgres ends up holding after each poll and record.
 */
describe('purchase-order tracking activities', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ externalWorker: true });
  });
  afterAll(async () => stack?.stop());

  const run = <T>(work: () => Promise<T>): Promise<T> => new MockActivityEnvironment().run(work) as Promise<T>;

  /** An order with these lines (dealer quantity, PO quantity, WPS SKU), its WPS PO placed at the sandbox. */
  async function placedPo(lines: Array<{ ordered: number; placed: number; sku: string }>) {
    const name = `T-${randomUUID().slice(0, 8)}`;
    const { id: orderId } = await createOrder(stack.db, {
      dealerId: stack.dealerId,
      channel: 'website',
      ...demoOrder(name),
      lines: lines.map((line, index) => ({ sku: `SKU-${index}`, quantity: line.ordered, unitPriceCents: 5000 })),
    });
    const order = (await findOrder(stack.db, stack.dealerId, orderId))!;
    const poNumber = `${name}-W`;
    await storeWpsPurchaseOrder(stack.db, {
      dealerId: stack.dealerId,
      orderId,
      poNumber,
      lines: lines.map((line, index) => ({ lineId: order.lines[index]!.id, dealerSku: `SKU-${index}`, distributorSku: line.sku, quantity: line.placed })),
    });
    const ref = { dealerId: stack.dealerId, poNumber };
    await run(() => stack.activities.submitPurchaseOrder(ref));
    return { ref, orderId, orderLineIds: order.lines.map((l) => l.id) };
  }

  const control = async (poNumber: string, action: 'ship' | 'cancel', body: unknown) => {
    const response = await fetch(`${stack.wpsUrl}/_control/orders/${poNumber}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  };

  const poll = async (
    ref: { dealerId: string; poNumber: string },
    status: PoStatus,
    trackingNumbers: string[],
    reportUpdatedShipments = true,
  ): Promise<PoChange> => {
    const news = await run(() =>
      stack.activities.awaitPurchaseOrderChange({ ...ref, distributor: 'wps', known: { status, trackingNumbers }, reportUpdatedShipments }),
    );
    if ('blocked' in news) throw new Error(`WPS refused to answer: ${news.blocked}`);
    return news;
  };

  const pollFails = async (ref: { dealerId: string; poNumber: string }, status: PoStatus, trackingNumbers: string[], reportUpdatedShipments = true) => {
    const error = await poll(ref, status, trackingNumbers, reportUpdatedShipments).then(
      () => null,
      (e: unknown) => e,
    );
    return (error as { type?: string } | null)?.type;
  };

  const lineProgress = (poNumber: string) =>
    stack.db
      .select({ orderLineId: poLines.orderLineId, shipped: poLines.shippedQty, cancelled: poLines.cancelledQty })
      .from(poLines)
      .innerJoin(purchaseOrders, eq(purchaseOrders.id, poLines.poId))
      .where(eq(purchaseOrders.poNumber, poNumber));

  const orderStatus = async (orderId: string) => (await stack.db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.status;

  /** Records what a poll reported the way the workflow does: new packages, then packages whose lines changed. */
  async function recordChange(ref: { dealerId: string; poNumber: string }, change: PoChange) {
    for (const shipment of [...change.newShipments, ...(change.updatedShipments ?? [])]) {
      await run(() => stack.activities.recordShipment({ ...ref, shipment }));
    }
  }

  it('completes a package first listed without its lines once WPS says what went in it', async () => {
    const { ref, orderId } = await placedPo([
      { ordered: 2, placed: 2, sku: '87-9934' },
      { ordered: 1, placed: 1, sku: '26-1105' },
    ]);
    // WPS lists a tracking number on an order detail that has not shipped yet: nothing to attribute to it.
    const tracking = upsTrackingNumber('WPS0ID030000001');
    stack.wps.state.purchaseOrders.get(ref.poNumber)!.order_details[0]!.tracking_numbers.push(tracking);
    const first = await poll(ref, 'submitted', []);
    expect(first.newShipments).toEqual([expect.objectContaining({ trackingNumber: tracking, lines: [] })]);
    await recordChange(ref, first);
    expect((await lineProgress(ref.poNumber)).map((l) => l.shipped)).toEqual([0, 0]);

    await control(ref.poNumber, 'ship', {
      packages: [
        {
          tracking_number: tracking,
          items: [
            { sku: '87-9934', quantity: 2 },
            { sku: '26-1105', quantity: 1 },
          ],
        },
      ],
    });
    // A workflow that does not record updated packages is not told about them (it would hear it on every poll)...
    expect(await pollFails(ref, 'shipped', [tracking], false)).toBe('NoChangeYet');
    // ...one that does hears of the lines alone, even after it saw the PO shipped.
    const second = await poll(ref, 'shipped', [tracking]);
    expect(second.newShipments).toEqual([]);
    expect(second.updatedShipments).toEqual([
      expect.objectContaining({
        trackingNumber: tracking,
        lines: [
          { distributorSku: '87-9934', quantity: 2 },
          { distributorSku: '26-1105', quantity: 1 },
        ],
      }),
    ]);
    await recordChange(ref, second);
    await recordChange(ref, second); // a retry changes nothing
    expect((await lineProgress(ref.poNumber)).map((l) => l.shipped).sort()).toEqual([1, 2]);
    expect(await orderStatus(orderId)).toBe('shipped');
    expect(await pollFails(ref, 'shipped', [tracking])).toBe('NoChangeYet');

    const events = await stack.db
      .select({ type: auditEvents.type })
      .from(auditEvents)
      .where(and(eq(auditEvents.poNumber, ref.poNumber), sql`${auditEvents.type} like 'shipment.%'`))
      .orderBy(asc(auditEvents.id));
    expect(events.map((e) => e.type)).toEqual(['shipment.recorded', 'shipment.updated']);
  });

  it('matches shipped units to PO lines, so a SKU on two lines is not counted twice', async () => {
    const { ref, orderId, orderLineIds } = await placedPo([
      { ordered: 1, placed: 1, sku: '87-9934' },
      { ordered: 2, placed: 2, sku: '87-9934' },
    ]);
    await control(ref.poNumber, 'ship', { packages: [{ items: [{ sku: '87-9934', quantity: 1 }] }] });
    const first = await poll(ref, 'submitted', []);
    await recordChange(ref, first);
    const shipped = async () => new Map((await lineProgress(ref.poNumber)).map((l) => [l.orderLineId, l.shipped]));
    expect(await shipped()).toEqual(
      new Map([
        [orderLineIds[0]!, 1],
        [orderLineIds[1]!, 0],
      ]),
    );
    expect(await orderStatus(orderId)).toBe('partially_shipped');

    await control(ref.poNumber, 'ship', { packages: [{ items: [{ sku: '87-9934', quantity: 2 }] }] });
    const second = await poll(
      ref,
      first.status,
      first.newShipments.map((s) => s.trackingNumber),
    );
    await recordChange(ref, second);
    expect(await shipped()).toEqual(
      new Map([
        [orderLineIds[0]!, 1],
        [orderLineIds[1]!, 2],
      ]),
    );
    expect(await orderStatus(orderId)).toBe('shipped');
  });

  it('stores a WPS ship date as that calendar date and answers it as "YYYY-MM-DD", whatever the time zones', async () => {
    const { ref } = await placedPo([{ ordered: 1, placed: 1, sku: '87-9934' }]);
    await control(ref.poNumber, 'ship', { packages: [{ items: [{ sku: '87-9934', quantity: 1 }] }] });
    // WPS gives a day without a time; the sandbox ships today, so it is set to a day of its own.
    for (const detail of stack.wps.state.purchaseOrders.get(ref.poNumber)!.order_details) if (detail.ship_date) detail.ship_date = '20251203';
    const change = await poll(ref, 'submitted', []);
    expect(change.newShipments.map((s) => s.shippedAt)).toEqual(['2025-12-03']);
    await recordChange(ref, change);

    // A session in Los Angeles reads the column back as the same day: a date, not midnight UTC.
    const [stored] = await stack.db.transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'America/Los_Angeles'`);
      return (await tx.execute(
        sql`select s.shipped_on::text as day, pg_typeof(s.shipped_on)::text as type from shipments s join purchase_orders p on p.id = s.po_id where p.po_number = ${ref.poNumber}`,
      )) as unknown as Array<{ day: string; type: string }>;
    });
    expect(stored).toEqual({ day: '2025-12-03', type: 'date' });

    const response = await stack.app.inject({ method: 'GET', url: `/v1/purchase-orders/${ref.poNumber}`, headers: stack.auth });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ shipments: Array<{ shippedOn: string | null }> }>().shipments.map((s) => s.shippedOn)).toEqual(['2025-12-03']);
  });

  it('ships an order whose quantity was edited down at confirmation once the PO has shipped', async () => {
    const { ref, orderId } = await placedPo([{ ordered: 3, placed: 2, sku: '87-9934' }]);
    await control(ref.poNumber, 'ship', {});
    await recordChange(ref, await poll(ref, 'submitted', []));
    expect(await orderStatus(orderId)).toBe('shipped');
  });

  it('ships an order the distributor partly cancelled once the rest has shipped, and keeps the cancelled units', async () => {
    const { ref, orderId } = await placedPo([{ ordered: 3, placed: 3, sku: '87-9934' }]);
    await control(ref.poNumber, 'cancel', { items: [{ sku: '87-9934', quantity: 1 }] });
    await control(ref.poNumber, 'ship', {});
    const change = await poll(ref, 'submitted', []);
    expect(change).toMatchObject({ status: 'shipped', cancelled: [{ distributorSku: '87-9934', quantity: 1 }] });
    await recordChange(ref, change);
    await run(() => stack.activities.recordPurchaseOrderStatus({ ...ref, orderId, status: change.status, summary: 'shipped', cancelled: change.cancelled }));
    expect(await lineProgress(ref.poNumber)).toEqual([expect.objectContaining({ shipped: 2, cancelled: 1 })]);
    expect(await orderStatus(orderId)).toBe('shipped');
  });

  it('keeps asking about a placed PO while its account is refused, and finds it once the account works again', async () => {
    const { ref } = await placedPo([{ ordered: 1, placed: 1, sku: '87-9934' }]);
    const [account] = await stack.db
      .select()
      .from(distributorAccounts)
      .where(and(eq(distributorAccounts.dealerId, stack.dealerId), eq(distributorAccounts.distributor, 'wps')));
    await stack.db.update(distributorAccounts).set({ credentialsCiphertext: null }).where(eq(distributorAccounts.id, account!.id));
    try {
      const refused = await run(() => stack.activities.verifyPlacement(ref)).then(
        () => null,
        (error: unknown) => error,
      );
      // Retryable within the lookup's window: the dealer may put the credentials back in time.
      expect(refused).toMatchObject({ type: 'AccountRefused', nonRetryable: false });
    } finally {
      await stack.db.update(distributorAccounts).set({ credentialsCiphertext: account!.credentialsCiphertext }).where(eq(distributorAccounts.id, account!.id));
    }
    expect(await run(() => stack.activities.verifyPlacement(ref))).toEqual({ placed: true });
  });
});

describe('purchase-order status audit', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ externalWorker: true });
  });
  afterAll(async () => stack?.stop());

  async function pendingPo() {
    const name = `A-${randomUUID().slice(0, 8)}`;
    const { id: orderId } = await createOrder(stack.db, { dealerId: stack.dealerId, channel: 'website', ...demoOrder(name) });
    const order = (await findOrder(stack.db, stack.dealerId, orderId))!;
    const poNumber = `${name}-W`;
    await storeWpsPurchaseOrder(stack.db, {
      dealerId: stack.dealerId,
      orderId,
      poNumber,
      lines: [{ lineId: order.lines[0]!.id, dealerSku: order.lines[0]!.dealerSku, distributorSku: '87-9934', quantity: 1 }],
    });
    return { dealerId: stack.dealerId, poNumber, orderId };
  }

  const statusEvents = (poNumber: string) =>
    stack.db
      .select({ type: auditEvents.type, actorType: auditEvents.actorType, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.poNumber, poNumber), sql`${auditEvents.type} like 'po.%'`))
      .orderBy(asc(auditEvents.id));

  const poStatus = async (poNumber: string) =>
    (await stack.db.select({ status: purchaseOrders.status }).from(purchaseOrders).where(eq(purchaseOrders.poNumber, poNumber)))[0]!.status;

  it('records a status the PO returns to each time, and a retried transition once', async () => {
    const po = await pendingPo();
    const record = (status: PoStatus, transition: number) => stack.activities.recordPurchaseOrderStatus({ ...po, status, summary: status, transition });
    await record('backordered', 1);
    await record('partially_shipped', 2);
    await record('backordered', 3);
    await record('backordered', 3);
    expect((await statusEvents(po.poNumber)).map((e) => e.type)).toEqual(['po.backordered', 'po.partially_shipped', 'po.backordered']);
  });

  it('records the actor it is given, and Dropline (not the distributor) for its own steps', async () => {
    const po = await pendingPo();
    await stack.activities.recordPurchaseOrderStatus({ ...po, status: 'submitted', summary: 'tracking started' });
    await stack.activities.recordPurchaseOrderStatus({ ...po, status: 'backordered', summary: 'backordered' });
    await stack.activities.recordPurchaseOrderStatus({ ...po, status: 'cancelled', summary: 'cancelled', actor: { type: 'dealer_user', id: 'user-7' } });
    expect(await statusEvents(po.poNumber)).toEqual([
      { type: 'po.submitted', actorType: 'system', actorId: null },
      { type: 'po.backordered', actorType: 'distributor', actorId: null },
      { type: 'po.cancelled', actorType: 'dealer_user', actorId: 'user-7' },
    ]);
  });

  it('writes no status without its audit event: a failed audit write leaves the PO as it was', async () => {
    const po = await pendingPo();
    // Stands in for a crash between the two writes: the audit insert fails until the trigger goes.
    await stack.db.execute(
      sql`create or replace function fail_audit() returns trigger language plpgsql as $$ begin raise exception 'audit write lost'; end $$`,
    );
    await stack.db.execute(
      sql.raw(`create trigger fail_audit before insert on audit_events for each row when (new.po_number = '${po.poNumber}') execute function fail_audit()`),
    );
    try {
      await expect(stack.activities.recordPurchaseOrderStatus({ ...po, status: 'backordered', summary: 'backordered' })).rejects.toThrow();
      expect(await poStatus(po.poNumber)).toBe('pending');
    } finally {
      await stack.db.execute(sql`drop trigger fail_audit on audit_events`);
    }
    await stack.activities.recordPurchaseOrderStatus({ ...po, status: 'backordered', summary: 'backordered' });
    expect(await poStatus(po.poNumber)).toBe('backordered');
    expect((await statusEvents(po.poNumber)).map((e) => e.type)).toEqual(['po.backordered']);
  });
});
