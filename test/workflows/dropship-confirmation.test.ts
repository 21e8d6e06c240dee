import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, dealers, exceptions, purchaseOrders } from '../../db/schema/index.js';
import { demoOrderBody, dealerApi } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { recordHistory } from '../helpers/histories.js';
import { sendAccepted } from '../../temporal/update-acceptance.js';
import { confirmUpdate } from '../../workflows/contracts/dropship.js';

/** The dealer's side of a drop-ship in manual mode, on a real Temporal server and Postgres. */
describe('dropship workflow: confirmation, edits and cancel', () => {
  let stack: Stack;
  let call: ReturnType<typeof dealerApi>;
  let orderSeq = 0;

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false });
    call = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  async function proposeDropship(lines?: Parameters<typeof demoOrderBody>[1]) {
    const order = await call('POST', '/v1/orders', demoOrderBody(`WEB-C${++orderSeq}`, lines));
    expect(order.status).toBe(201);
    const dropship = await call('POST', `/v1/orders/${order.body.id}/dropships`, {});
    expect(dropship.status).toBe(201);
    expect(dropship.body.phase).toBe('awaiting_confirmation');
    return { orderId: order.body.id as string, dropship: dropship.body };
  }

  const auditCount = async (orderId: string) => (await stack.db.select().from(auditEvents).where(eq(auditEvents.orderId, orderId))).length;

  const historyEvents = async (workflowId: string) => (await stack.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];

  /** The workflow is parked on the dealer's decision: no workflow task or activity pending. */
  const settled = (workflowId: string) =>
    eventually(async () => {
      const description = await stack.client.workflow.getHandle(workflowId).describe();
      const idle = !description.raw.pendingActivities?.length && !description.raw.pendingWorkflowTask;
      return idle ? (await historyEvents(workflowId)).length : undefined;
    }, 'the workflow to wait for the dealer');

  it('waits for the dealer, then places the PO with the edited PO number, address and quantity', async () => {
    const { orderId, dropship } = await proposeDropship();
    expect(stack.wps.state.orders).toHaveLength(0);
    const lineId = dropship.plan.lines[0].lineId;

    const confirmed = await call('POST', `/v1/dropships/${dropship.id}/confirm`, {
      acknowledged: true,
      poNumbers: { wps: 'RIDGE-7001' },
      shipTo: { name: 'Jane Rider', line1: '500 Canyon Rd', city: 'Eagle', region: 'ID', postalCode: '83616', country: 'US' },
      quantities: { [lineId]: 1 },
    });
    expect(confirmed.status).toBe(202);
    expect(confirmed.location).toBe(`/v1/dropships/${dropship.id}`);
    expect(confirmed.body).toEqual({ status: 'accepted', location: `/v1/dropships/${dropship.id}`, events: '/v1/events' });

    await eventually(async () => stack.wps.state.orders.find((o) => o.po_number === 'RIDGE-7001'), 'the WPS order');
    const placed = stack.wps.state.purchaseOrders.get('RIDGE-7001')!;
    expect(placed).toMatchObject({ ship_address: '500 Canyon Rd', ship_city: 'Eagle', ship_zip: '83616' });
    expect(placed.order_details[0]!.items).toEqual([{ sku: '87-9934', quantity: 1 }]);

    const trail = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orderId, orderId), eq(auditEvents.type, 'dropship.submitting')));
    expect(trail[0]).toMatchObject({ actorType: 'dealer_user', actorId: 'alex@ridgeline.example' });
    expect(trail[0]!.summary).toContain('edited: PO numbers, ship-to address, quantities');
    expect(trail[0]!.summary).not.toContain('Canyon');
    await recordHistory(stack.client, dropship.workflowId, 'dropship-manual-confirmed-with-edits');
  });

  it('answers a confirmation once accepted: the task that accepts it writes nothing, the POs are placed in the next', async () => {
    const { dropship } = await proposeDropship();
    const confirmed = await call('POST', `/v1/dropships/${dropship.id}/confirm`, { acknowledged: true });
    expect(confirmed.status).toBe(202);

    // The acceptance is in history when the API answers; what the same workflow-task completion
    // recorded beside it (up to the next task) holds no local activity, which would have held the answer back.
    const events = await historyEvents(dropship.workflowId);
    const accepted = events.findLastIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'confirm');
    expect(accepted).toBeGreaterThan(0);
    const nextTask = events.findIndex((e, i) => i > accepted && e.workflowTaskScheduledEventAttributes);
    const sameTask = events.slice(accepted, nextTask < 0 ? undefined : nextTask);
    expect(sameTask.some((e) => e.timerStartedEventAttributes)).toBe(true);
    expect(sameTask.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toEqual([]);

    await eventually(async () => ((await call('GET', confirmed.location)).body.phase === 'in_progress' ? true : undefined), 'the POs to be placed');

    // The dealer's drop-ship runs ahead of any backlog of PO work; its POs do not inherit that.
    expect((await stack.client.workflow.getHandle(dropship.workflowId).describe()).priority?.priorityKey).toBe(1);
    const [po] = (await call('GET', confirmed.location)).body.purchaseOrders;
    expect((await stack.client.workflow.getHandle(po.workflowId).describe()).priority?.priorityKey).toBe(3);
  });

  it('gives an accepted confirmation whose PO number was taken meanwhile back to the dealer, saying why in its status and trail', async () => {
    const first = await proposeDropship();
    expect((await call('POST', `/v1/dropships/${first.dropship.id}/confirm`, { acknowledged: true, poNumbers: { wps: 'RIDGE-RACE-1' } })).status).toBe(202);
    await eventually(async () => stack.wps.state.orders.find((o) => o.po_number === 'RIDGE-RACE-1'), 'the first PO');

    // The API checks a PO number before it sends the Update; sent past that check (as when two
    // confirmations with the same number cross), the workflow accepts it and finds the number taken after.
    const { orderId, dropship } = await proposeDropship();
    const handle = stack.client.workflow.getHandle(dropship.workflowId);
    const actor = { type: 'dealer_user' as const, id: 'alex@ridgeline.example' };
    await sendAccepted(stack.client, handle, confirmUpdate, { acknowledged: true, poNumbers: { wps: 'RIDGE-RACE-1' }, actor });

    const state = await eventually(async () => {
      const body = (await call('GET', `/v1/dropships/${dropship.id}`)).body;
      return body.phase === 'awaiting_confirmation' && body.problem ? body : undefined;
    }, 'the drop-ship back with the dealer');
    expect(state.problem).toBe('PO number RIDGE-RACE-1 is already used by another purchase order');
    await eventually(async () => {
      const trail = await stack.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.orderId, orderId), eq(auditEvents.type, 'dropship.awaiting_confirmation')));
      return trail.some((e) => e.summary === 'PO number RIDGE-RACE-1 is already used by another purchase order; confirm again') || undefined;
    }, 'the reason in the trail');
    expect(await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.orderId, orderId))).toEqual([]);

    // Confirmed again with a free number, it is placed.
    expect((await call('POST', `/v1/dropships/${dropship.id}/confirm`, { acknowledged: true, poNumbers: { wps: 'RIDGE-RACE-2' } })).status).toBe(202);
    await eventually(async () => stack.wps.state.orders.find((o) => o.po_number === 'RIDGE-RACE-2'), 'the second PO');
  });

  it('rejects a confirmation without the acknowledgement, with a message, and records nothing', async () => {
    const { orderId, dropship } = await proposeDropship();
    const eventsBefore = await settled(dropship.workflowId);
    const auditBefore = await auditCount(orderId);

    const rejected = await call('POST', `/v1/dropships/${dropship.id}/confirm`, { acknowledged: false });
    expect(rejected.status).toBe(422);
    expect(rejected.body.error.message).toContain('I am placing a real order with the distributor');

    expect((await historyEvents(dropship.workflowId)).length).toBe(eventsBefore);
    expect(await auditCount(orderId)).toBe(auditBefore);
    const state = await call('GET', `/v1/dropships/${dropship.id}`);
    expect(state.body.phase).toBe('awaiting_confirmation');
    expect(stack.wps.state.orders.map((o) => o.po_number)).not.toContain(`${dropship.workflowId}`);
  });

  it('rejects a PO number another purchase order already uses', async () => {
    const first = await proposeDropship();
    await call('POST', `/v1/dropships/${first.dropship.id}/confirm`, { acknowledged: true, poNumbers: { wps: 'RIDGE-DUP-1' } });
    await eventually(async () => stack.wps.state.orders.find((o) => o.po_number === 'RIDGE-DUP-1'), 'the first PO');

    const second = await proposeDropship();
    const rejected = await call('POST', `/v1/dropships/${second.dropship.id}/confirm`, { acknowledged: true, poNumbers: { wps: 'RIDGE-DUP-1' } });
    expect(rejected.status).toBe(409);
    expect(rejected.body.error.message).toBe('PO number RIDGE-DUP-1 is already used by another purchase order');
    const tooLong = await call('POST', `/v1/dropships/${second.dropship.id}/confirm`, { acknowledged: true, poNumbers: { wps: 'X'.repeat(25) } });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.message).toContain('Western Power Sports accepts at most 20');
    const pos = await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.poNumber, 'RIDGE-DUP-1'));
    expect(pos).toHaveLength(1);
  });

  it('rejects quantities above what was ordered and an incomplete edited address, naming each problem', async () => {
    const { dropship } = await proposeDropship();
    const lineId = dropship.plan.lines[0].lineId;
    const rejected = await call('POST', `/v1/dropships/${dropship.id}/confirm`, {
      acknowledged: true,
      quantities: { [lineId]: 5 },
      shipTo: { name: 'Jane Rider', line1: '1 Main', city: 'Boise', region: 'ID', postalCode: 'ABC', country: 'US' },
    });
    expect(rejected.status).toBe(422);
    expect(rejected.body.error.details.problems).toEqual([
      'Ship-to ZIP code must look like 83702 or 83702-1234',
      'Quantity for HELMET-MX-M must be a whole number from 1 to 2',
    ]);
  });

  it('cancels before anything is submitted; later decisions are refused', async () => {
    const { orderId, dropship } = await proposeDropship();
    const cancelled = await call('POST', `/v1/dropships/${dropship.id}/cancel`, { reason: 'buyer changed their mind' });
    expect(cancelled.status).toBe(202);
    expect(cancelled.location).toBe(`/v1/dropships/${dropship.id}`);
    // Accepted means decided: the drop-ship reads as cancelled at once, and the trail follows.
    const state = (await call('GET', cancelled.location)).body;
    expect(state).toMatchObject({ phase: 'cancelled', purchaseOrders: [] });
    const late = await call('POST', `/v1/dropships/${dropship.id}/confirm`, { acknowledged: true });
    expect(late.status).toBe(409);
    const [{ count }] = (await stack.db.execute(sql`select count(*)::int as count from purchase_orders where order_id = ${orderId}`)) as unknown as [
      { count: number },
    ];
    expect(count).toBe(0);
    const event = await eventually(async () => {
      const [found] = await stack.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.orderId, orderId), eq(auditEvents.type, 'dropship.cancelled')));
      return found;
    }, 'the cancellation in the trail');
    expect(event.summary).toContain('buyer changed their mind');
    await recordHistory(stack.client, dropship.workflowId, 'dropship-cancelled');
  });

  it('reminds the dealer once and then expires an unconfirmed drop-ship, recording both', async () => {
    await stack.db.update(dealers).set({ confirmReminderSeconds: 1, confirmExpirySeconds: 2 }).where(eq(dealers.id, stack.dealerId));
    try {
      const { orderId, dropship } = await proposeDropship();
      await eventually(
        async () => ((await call('GET', `/v1/dropships/${dropship.id}`)).body.phase === 'expired' ? true : undefined),
        'the drop-ship to expire',
        20_000,
      );
      const trail = await stack.db.select().from(auditEvents).where(eq(auditEvents.orderId, orderId));
      expect(trail.map((e) => e.type)).toEqual(expect.arrayContaining(['dropship.reminded', 'dropship.expired']));
      const reminder = stack.resend.state.emails.filter((e) => e.subject === 'A drop-ship is waiting for your confirmation');
      expect(reminder).toHaveLength(1);
      // Nothing is left to confirm: the reminder's inbox entry closed with the drop-ship.
      const [entry] = await stack.db
        .select()
        .from(exceptions)
        .where(and(eq(exceptions.orderId, orderId), eq(exceptions.kind, 'confirmation_waiting')));
      expect(entry).toMatchObject({ status: 'resolved', resolvedBy: 'system', resolution: 'the drop-ship expired unconfirmed' });
      const [{ count }] = (await stack.db.execute(sql`select count(*)::int as count from purchase_orders where order_id = ${orderId}`)) as unknown as [
        { count: number },
      ];
      expect(count).toBe(0);
    } finally {
      await stack.db.update(dealers).set({ confirmReminderSeconds: 86_400, confirmExpirySeconds: 604_800 }).where(eq(dealers.id, stack.dealerId));
    }
  });

  it('refuses the later of a confirm and a cancel sent together (409), and carries out the one it accepted', async () => {
    for (let trial = 0; trial < 4; trial += 1) {
      const { orderId, dropship } = await proposeDropship();
      const [confirm, cancel] = await Promise.all([
        call('POST', `/v1/dropships/${dropship.id}/confirm`, { acknowledged: true }),
        call('POST', `/v1/dropships/${dropship.id}/cancel`, {}),
      ]);
      expect([confirm.status, cancel.status].sort()).toEqual([202, 409]);
      const refused = confirm.status === 409 ? confirm : cancel;
      expect(refused.body.error.message).toMatch(/^This drop-ship (is placing its purchase orders|was cancelled); it can no longer be changed$/);
      const phase = await eventually(async () => {
        const body = (await call('GET', `/v1/dropships/${dropship.id}`)).body;
        return ['cancelled', 'in_progress'].includes(body.phase) ? (body.phase as string) : undefined;
      }, 'the accepted decision to be carried out');
      const pos = await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.orderId, orderId));
      if (confirm.status === 202) {
        expect(phase).toBe('in_progress');
        expect(pos).toHaveLength(1);
      } else {
        expect(phase).toBe('cancelled');
        expect(pos).toHaveLength(0);
      }
    }
  });

  it('expires on time while the reminder email cannot be sent, with the reminder in the exception inbox', async () => {
    await stack.db.update(dealers).set({ confirmReminderSeconds: 1, confirmExpirySeconds: 2 }).where(eq(dealers.id, stack.dealerId));
    await fetch(`${stack.resendUrl}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status5xxNext: 10_000 }),
    });
    try {
      const { orderId, dropship } = await proposeDropship();
      const started = Date.now();
      await eventually(
        async () => ((await call('GET', `/v1/dropships/${dropship.id}`)).body.phase === 'expired' ? true : undefined),
        'the drop-ship to expire',
        15_000,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      const [reminder] = await stack.db
        .select()
        .from(exceptions)
        .where(and(eq(exceptions.orderId, orderId), eq(exceptions.kind, 'confirmation_waiting')));
      expect(reminder).toBeDefined();
      await recordHistory(stack.client, dropship.workflowId, 'dropship-expired-while-reminder-undelivered');
    } finally {
      await fetch(`${stack.resendUrl}/_control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status5xxNext: 0 }),
      });
      await stack.db.update(dealers).set({ confirmReminderSeconds: 86_400, confirmExpirySeconds: 604_800 }).where(eq(dealers.id, stack.dealerId));
    }
  });

  it('routes lines that cannot be drop-shipped to the dealer with a reason, and places the rest in auto mode', async () => {
    const order = await call(
      'POST',
      '/v1/orders',
      demoOrderBody('WEB-AUTO-1', [
        { sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 },
        { sku: 'BRAKE-PADS-FA', quantity: 1, unitPrice: 49.95 },
      ]),
    );
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    expect(started.status).toBe(201);
    const [helmet, pads] = started.body.plan.lines;
    expect(helmet.status).toBe('routed');
    expect(pads.status).toBe('needs_resolution');
    expect(pads.reasons.map((r: { code: string }) => r.code)).toEqual(['lead_time_too_long']);
    const poNumber = await eventually(
      async () => (await call('GET', `/v1/dropships/${started.body.id}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
      'the PO number',
    );
    await eventually(async () => stack.wps.state.orders.find((o) => o.po_number === poNumber), 'the auto-placed PO');
    expect(stack.wps.state.purchaseOrders.get(poNumber)!.order_details[0]!.items).toEqual([{ sku: '87-9934', quantity: 1 }]);
    const exceptionsRows = (await stack.db.execute(sql`select kind, message from exceptions where order_id = ${order.body.id}`)) as unknown as Array<{
      kind: string;
      message: string;
    }>;
    expect(exceptionsRows).toEqual([{ kind: 'needs_resolution', message: expect.stringContaining('BRAKE-PADS-FA: Lead time is 3 days') }]);
  });
});
