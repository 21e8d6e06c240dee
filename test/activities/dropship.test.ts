import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrder } from '../../db/demo-data.js';
import { openDropship } from '../../db/repositories/dropships.js';
import { createOrder } from '../../db/repositories/orders.js';
import { auditEvents, dropships, orders } from '../../db/schema/index.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** The drop-ship activities' writes against real Postgres. */
describe('drop-ship activities', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ externalWorker: true });
  });
  afterAll(async () => stack?.stop());

  async function openOrder() {
    const name = `D-${randomUUID().slice(0, 8)}`;
    const { id: orderId } = await createOrder(stack.db, { dealerId: stack.dealerId, channel: 'website', ...demoOrder(name) });
    const { dropship } = await openDropship(stack.db, stack.dealerId, orderId, 'manual');
    return { dealerId: stack.dealerId, orderId, dropshipId: dropship.id, shipTo: demoOrder(name).shipTo };
  }

  it('answers whether the confirmed ship-to differs from the order, whitespace aside', async () => {
    const { shipTo, ...ref } = await openOrder();
    expect(await stack.activities.saveConfirmedShipTo({ ...ref, shipTo: { ...shipTo, city: ' Boise ' } })).toEqual({ edited: false });
    expect(await stack.activities.saveConfirmedShipTo({ ...ref, shipTo: { ...shipTo, line2: 'Apt 4' } })).toEqual({ edited: true });
  });

  it('writes no drop-ship status without its audit event: a failed audit write leaves the drop-ship and order as they were', async () => {
    const { shipTo: _shipTo, ...ref } = await openOrder();
    const state = async () => ({
      dropship: (await stack.db.select({ status: dropships.status }).from(dropships).where(eq(dropships.id, ref.dropshipId)))[0]!.status,
      order: (await stack.db.select({ status: orders.status }).from(orders).where(eq(orders.id, ref.orderId)))[0]!.status,
    });
    const before = await state();
    const submitting = { ...ref, status: 'submitting', summary: 'Confirmed', actor: { type: 'dealer_user' as const, id: 'u1' } };
    // Stands in for a crash between the two writes.
    await stack.db.execute(
      sql`create or replace function fail_dropship_audit() returns trigger language plpgsql as $$ begin raise exception 'audit write lost'; end $$`,
    );
    await stack.db.execute(
      sql.raw(
        `create trigger fail_dropship_audit before insert on audit_events for each row when (new.order_id = '${ref.orderId}') execute function fail_dropship_audit()`,
      ),
    );
    try {
      await expect(stack.activities.recordDropshipStatus(submitting)).rejects.toThrow();
      expect(await state()).toEqual(before);
    } finally {
      await stack.db.execute(sql`drop trigger fail_dropship_audit on audit_events`);
    }
    await stack.activities.recordDropshipStatus(submitting);
    expect(await state()).toEqual({ dropship: 'submitting', order: 'dropshipping' });
    const events = await stack.db
      .select({ type: auditEvents.type, actorType: auditEvents.actorType })
      .from(auditEvents)
      .where(eq(auditEvents.orderId, ref.orderId));
    expect(events).toEqual([{ type: 'dropship.submitting', actorType: 'dealer_user' }]);
  });
});
