import type { ScheduleHandle } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDealer } from '../../db/demo-data.js';
import { raiseException } from '../../db/repositories/exceptions.js';
import { auditEvents, purchaseOrders } from '../../db/schema/index.js';
import { localDate } from '../../domain/time-zone.js';
import { WPS_SANDBOX_TOKEN } from '../../distributors/wps/sandbox/index.js';
import type { dealerDigest } from '../../workflows/dealer-digest.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { recordHistory } from '../helpers/histories.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** The daily digest as Temporal runs it: a Schedule in the dealer's time zone starting dealerDigest. */
describe('dealerDigest workflow and its schedule', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;
  const schedules: ScheduleHandle[] = [];

  beforeAll(async () => {
    // Manual confirmation, and POs tracked long enough to count as late rather than given up.
    stack = await startStack({ autoProcessing: false, giveUpAfterMs: 3_600_000 });
    api = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => {
    await Promise.all(schedules.map((schedule) => schedule.delete()));
    await stack?.stop();
  });

  const digestEmails = (to: string) => stack.resend.state.emails.filter((e) => e.to.includes(to) && e.tags?.some((t) => t.value === 'digest'));

  /** Triggers the schedule and waits for the run it starts (the n-th since the schedule was made) to finish. */
  async function triggerAndFinish(schedule: ScheduleHandle, runs: number) {
    await schedule.trigger();
    const workflowId = await eventually(async () => {
      const actions = (await schedule.describe()).info.recentActions;
      return actions.length === runs ? actions.at(-1)!.action.workflow.workflowId : undefined;
    }, `run ${runs} of the schedule`);
    const result = await stack.client.workflow.getHandle<typeof dealerDigest>(workflowId).result();
    return { workflowId, result };
  }

  /** One of each thing a dealer must see: awaiting confirmation, needing resolution, a late PO, an open exception. */
  async function somethingForEverySection() {
    const start = async (channelOrderId: string, lines: Parameters<typeof demoOrderBody>[1], mode?: 'auto') => {
      const order = await api('POST', '/v1/orders', demoOrderBody(channelOrderId, lines));
      const dropship = await api('POST', `/v1/orders/${order.body.id}/dropships`, mode ? { mode } : {});
      expect(dropship.status).toBe(201);
      return { orderId: order.body.id as string, dropship: dropship.body };
    };
    const awaiting = await start('WEB-D1', undefined);
    expect(awaiting.dropship.phase).toBe('awaiting_confirmation');
    const unroutable = await start('WEB-D2', [{ sku: 'BRAKE-PADS-FA', quantity: 1, unitPrice: 49.95 }]);
    expect(unroutable.dropship.phase).toBe('needs_resolution');

    const late = await start('WEB-D3', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }], 'auto');
    const po = await eventually(async () => {
      const [row] = await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.orderId, late.orderId));
      return row?.submittedAt ? row : undefined;
    }, 'the late PO to be placed');
    await stack.db
      .update(purchaseOrders)
      .set({ submittedAt: sql`now() - interval '6 days'` })
      .where(eq(purchaseOrders.id, po.id));

    await raiseException(stack.db, {
      dealerId: stack.dealerId,
      orderId: late.orderId,
      poNumber: 'DL-OLD-1',
      kind: 'po_given_up',
      message: 'PO DL-OLD-1 has not fully shipped 42 days after it was placed',
      key: `test:given-up:${randomUUID()}`,
    });
    await raiseException(stack.db, { dealerId: stack.dealerId, kind: 'po_failed', message: 'Already dealt with', key: `test:resolved:${randomUUID()}` });
    const [resolved] = (await api('GET', '/v1/exceptions?kind=po_failed')).body.exceptions;
    expect((await api('POST', `/v1/exceptions/${resolved.id}/resolve`)).status).toBe(200);
    return { poNumber: po.poNumber };
  }

  it('refuses settings it cannot schedule, naming the field', async () => {
    const zone = await api('PUT', '/v1/settings/digest', { enabled: true, timeZone: 'Mars/Olympus_Mons' });
    expect(zone.status).toBe(400);
    expect(zone.body.error.details.fields).toEqual([
      { field: 'body.timeZone', message: '"Mars/Olympus_Mons" is not an IANA time zone such as America/Chicago' },
    ]);
    const hour = await api('PUT', '/v1/settings/digest', { hour: 24 });
    expect(hour.body.error.details.fields).toEqual([{ field: 'body.hour', message: 'hour must be a whole number from 0 to 23' }]);
    expect((await api('PUT', '/v1/settings/digest', {})).status).toBe(400);
    expect((await api('GET', '/v1/settings/digest')).body).toEqual({ enabled: false, hour: 7, minute: 0, timeZone: 'America/Chicago', unshippedAfterDays: 5 });
  });

  it('schedules the digest at 07:00 in the dealer’s time zone, and a triggered run emails what needs the dealer, once that day', async () => {
    const { poNumber } = await somethingForEverySection();

    const saved = await api('PUT', '/v1/settings/digest', { enabled: true, timeZone: 'US/Mountain' });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ enabled: true, hour: 7, minute: 0, timeZone: 'America/Denver', unshippedAfterDays: 5 });
    expect((await api('GET', '/v1/settings/digest')).body).toEqual(saved.body);
    const audit = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.type, 'settings.digest_saved')));
    expect(audit.map((e) => [e.actorId, e.summary])).toEqual([['alex@ridgeline.example', 'Daily digest on at 07:00 America/Denver']]);

    const schedule = stack.client.schedule.getHandle(`daily-digest:${stack.dealerId}`);
    schedules.push(schedule);
    const described = await schedule.describe();
    expect(described.spec.timezone).toBe('America/Denver');
    expect(described.spec.calendars).toEqual([expect.objectContaining({ hour: [{ start: 7, end: 7, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] })]);
    expect(described.state.paused).toBe(false);
    expect(described.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'dealerDigest',
      taskQueue: stack.worker!.taskQueue,
      args: [{ dealerId: stack.dealerId }],
    });
    const denverHour = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Denver', hour: 'numeric', hourCycle: 'h23' });
    expect(new Set(described.info.nextActionTimes.map((at) => denverHour.format(at)))).toEqual(new Set(['07']));

    const first = await triggerAndFinish(schedule, 1);
    expect(first.result).toEqual({ day: localDate(new Date(), 'America/Denver'), delivery: 'sent', count: 4 });
    const [email, ...others] = digestEmails('parts@ridgeline.example');
    expect(others).toEqual([]);
    expect(email!.idempotencyKey).toBe(`digest/${stack.dealerId}/${first.result.day}`);
    expect(email!.subject).toMatch(/^Dropline daily digest: 4 things need you \(/);
    expect(email!.text).toContain('Waiting for your confirmation (1)\n  - Order WEB-D1 (website): purchase orders proposed today');
    expect(email!.text).toContain('Drop-ships you need to resolve (1)\n  - Order WEB-D2 (website), started today:\n    BRAKE-PADS-FA: Lead time is 3 days');
    expect(email!.text).toContain(
      `Purchase orders not fully shipped after 5 days (1)\n  - PO ${poNumber} with Western Power Sports for order WEB-D3 (website)`,
    );
    expect(email!.text).toContain(
      'Purchase orders that never shipped (tracking stopped) (1)\n  - PO DL-OLD-1 has not fully shipped 42 days after it was placed (order WEB-D3 (website)), today',
    );
    expect(email!.text).not.toContain('Already dealt with');
    expect(email!.html).toContain('<h3>Waiting for your confirmation (1)</h3>');
    await recordHistory(stack.client, first.workflowId, 'dealer-digest-sent');

    const second = await triggerAndFinish(schedule, 2);
    expect(second.result).toMatchObject({ day: first.result.day, delivery: 'already_sent' });
    expect(digestEmails('parts@ridgeline.example')).toHaveLength(1);
  });

  it('sends nothing to a dealer with nothing open', async () => {
    const quiet = await seedDemoDealer(stack.db, stack.cipher, {
      dealerId: `dealer-${randomUUID().slice(0, 8)}`,
      wpsToken: WPS_SANDBOX_TOKEN,
      notificationEmail: 'quiet@example.com',
    });
    expect((await dealerApi(stack.app, quiet.apiKey)('PUT', '/v1/settings/digest', { enabled: true, hour: 6, minute: 30 })).status).toBe(200);
    const schedule = stack.client.schedule.getHandle(`daily-digest:${quiet.dealerId}`);
    schedules.push(schedule);
    expect((await schedule.describe()).spec.timezone).toBe('America/Chicago');

    const run = await triggerAndFinish(schedule, 1);
    expect(run.result).toEqual({ day: localDate(new Date(), 'America/Chicago'), delivery: 'nothing_to_report', count: 0 });
    expect(digestEmails('quiet@example.com')).toEqual([]);
    await recordHistory(stack.client, run.workflowId, 'dealer-digest-nothing-to-report');
  });

  it('updates the same schedule when the dealer changes the time, and pauses it when the digest is turned off', async () => {
    const changed = await api('PUT', '/v1/settings/digest', { hour: 6, minute: 15, enabled: false });
    expect(changed.body).toEqual({ enabled: false, hour: 6, minute: 15, timeZone: 'America/Denver', unshippedAfterDays: 5 });
    const described = await stack.client.schedule.getHandle(`daily-digest:${stack.dealerId}`).describe();
    expect(described.state).toMatchObject({ paused: true, note: 'The dealer turned the daily digest off' });
    expect(described.spec.calendars).toEqual([expect.objectContaining({ hour: [{ start: 6, end: 6, step: 1 }], minute: [{ start: 15, end: 15, step: 1 }] })]);
    expect(described.spec.timezone).toBe('America/Denver');
  });
});
