import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, dealers } from '../../db/schema/index.js';
import { DEFAULT_FAILOVER_POLICY } from '../../domain/failover.js';
import { dealerDigestScheduleId } from '../../domain/ids.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Order-automation settings and warehouse lead times over HTTP, and what they change in routing. */
describe('settings and warehouses API', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: true });
    api = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  const settingsAudit = () =>
    stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.type, 'settings.saved')))
      .orderBy(auditEvents.id);

  /** Starts a manual drop-ship of a one-line website order and answers with that line's plan. */
  const routeOneLine = async (orderNumber: string, sku: string, quantity: number) => {
    const order = await api('POST', '/v1/orders', demoOrderBody(orderNumber, [{ sku, quantity, unitPrice: 129.95 }]));
    const dropship = await api('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'manual' });
    expect(dropship.status).toBe(201);
    return dropship.body.plan.lines[0];
  };

  describe('/v1/settings', () => {
    it('answers with every setting, the cutoff in dollars', async () => {
      const { status, body } = await api('GET', '/v1/settings');
      expect(status).toBe(200);
      expect(body).toEqual({
        autoProcessing: true,
        distributorPreference: ['wps'],
        dropshipCutoff: 10,
        stockBuffer: 0,
        notificationEmail: 'parts@ridgeline.example',
        emailFrom: 'Ridge Line Powersports <orders@ridgeline.example>',
        emailReplyTo: null,
        notifyBuyerOfPoChanges: false,
        poPrefix: 'DL',
        timeZone: 'America/Chicago',
        confirmReminderHours: 24,
        confirmExpiryHours: 168,
        failoverPolicy: DEFAULT_FAILOVER_POLICY,
        handlingDays: { website: 2, shopify: 2 },
      });
      expect(DEFAULT_FAILOVER_POLICY).toEqual({ enabled: false, onRefusal: true, onDistributorCancel: true, backorderDays: 5, maxCostPercent: 85 });
    });

    it('changes only the fields sent, audits each change with the actor, and re-times the digest on a new time zone', async () => {
      const { status, body } = await api('PATCH', '/v1/settings', {
        autoProcessing: false,
        distributorPreference: ['tucker_rocky', 'wps'],
        dropshipCutoff: 24.99,
        emailReplyTo: 'help@ridgeline.example',
        timeZone: 'us/mountain',
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({
        autoProcessing: false,
        distributorPreference: ['tucker_rocky', 'wps'],
        dropshipCutoff: 24.99,
        stockBuffer: 0,
        emailReplyTo: 'help@ridgeline.example',
        poPrefix: 'DL',
        timeZone: 'America/Denver',
      });
      expect((await api('GET', '/v1/settings')).body).toEqual(body);
      const [dealer] = await stack.db.select().from(dealers).where(eq(dealers.id, stack.dealerId));
      expect(dealer!.dropshipCutoffCents).toBe(2499);
      expect((await stack.client.schedule.getHandle(dealerDigestScheduleId(stack.dealerId)).describe()).spec.timezone).toBe('America/Denver');

      const [audit] = await settingsAudit();
      expect(audit).toMatchObject({
        actorType: 'dealer_user',
        actorId: 'alex@ridgeline.example',
        summary: 'Settings changed: autoProcessing, distributorPreference, emailReplyTo, timeZone, dropshipCutoffCents',
        details: {
          autoProcessing: { from: true, to: false },
          dropshipCutoffCents: { from: 1000, to: 2499 },
          timeZone: { from: 'America/Chicago', to: 'America/Denver' },
        },
      });

      // The same values again change nothing and add no audit event; null clears an optional one.
      await api('PATCH', '/v1/settings', { autoProcessing: false, dropshipCutoff: 24.99 });
      expect(await settingsAudit()).toHaveLength(1);
      expect((await api('PATCH', '/v1/settings', { emailReplyTo: null, emailFrom: 'orders@ridgeline.example' })).body).toMatchObject({
        emailReplyTo: null,
        emailFrom: 'orders@ridgeline.example',
      });
    });

    it('refuses invalid settings field by field, in words a dealer understands, and saves none of them', async () => {
      const before = (await api('GET', '/v1/settings')).body;
      const { status, body } = await api('PATCH', '/v1/settings', {
        autoProcessing: 'yes',
        distributorPreference: ['wps', 'acme', 'wps'],
        dropshipCutoff: -1,
        stockBuffer: 1.5,
        notificationEmail: 'parts at ridgeline',
        emailFrom: 'Ridge Line <not an address>',
        poPrefix: 'dl-',
        timeZone: 'Mars/Olympus_Mons',
        handlingDays: { website: -1, shopify: 1.5 },
      });
      expect(status).toBe(400);
      expect(body.error.code).toBe('BAD_REQUEST');
      expect(body.error.details.fields).toEqual(
        expect.arrayContaining([
          { field: 'body.autoProcessing', message: 'Auto-processing must be true or false' },
          { field: 'body.distributorPreference.1', message: 'Distributor must be one of wps, parts_unlimited, tucker_rocky, automatic' },
          { field: 'body.dropshipCutoff', message: 'Drop-ship cutoff cannot be negative' },
          { field: 'body.stockBuffer', message: 'Stock buffer must be a whole number of units' },
          { field: 'body.notificationEmail', message: 'Notification email must be an email address such as parts@yourstore.com' },
          { field: 'body.emailFrom', message: expect.stringContaining('Email sender must be an address') },
          { field: 'body.poPrefix', message: 'PO prefix must be 1 to 8 capital letters or digits, e.g. DL' },
          { field: 'body.timeZone', message: '"Mars/Olympus_Mons" is not an IANA time zone such as America/Chicago' },
          { field: 'body.handlingDays.website', message: 'Handling time for website orders cannot be negative' },
          { field: 'body.handlingDays.shopify', message: 'Handling time for Shopify orders must be a whole number of business days' },
        ]),
      );
      const oneChannel = await api('PATCH', '/v1/settings', { handlingDays: { website: 3 } });
      expect(oneChannel.status).toBe(400);
      expect(oneChannel.body.error.details.fields).toEqual([{ field: 'body.handlingDays.shopify', message: expect.stringContaining('Shopify orders') }]);
      expect((await api('PATCH', '/v1/settings', { handlingDays: { website: 31, shopify: 2 } })).body.error.details.fields).toEqual([
        { field: 'body.handlingDays.website', message: 'Handling time for website orders must be at most 30 business days' },
      ]);

      const duplicates = await api('PATCH', '/v1/settings', { distributorPreference: ['wps', 'wps'] });
      expect(duplicates.body.error.details.fields).toEqual([
        { field: 'body.distributorPreference', message: 'Each distributor can appear only once in the preference order' },
      ]);
      const empty = await api('PATCH', '/v1/settings', {});
      expect(empty.status).toBe(400);
      expect(empty.body.error.details.fields[0].message).toBe('Send at least one setting to change');
      expect((await api('PATCH', '/v1/settings', { dropshipCutoff: 1.234 })).body.error.details.fields[0].message).toBe(
        'Drop-ship cutoff can have at most two decimals',
      );
      expect((await api('PATCH', '/v1/settings', { dealerId: 'someone-else' })).status).toBe(400);

      expect((await api('GET', '/v1/settings')).body).toEqual(before);
    });

    it('changes only the failover fields sent, keeps the rest of the policy and every other setting, and audits the policy before and after', async () => {
      const before = (await api('GET', '/v1/settings')).body;
      const auditsBefore = (await settingsAudit()).length;

      const turnedOn = await api('PATCH', '/v1/settings', { failoverPolicy: { enabled: true, maxCostPercent: 80 } });
      expect(turnedOn.status).toBe(200);
      const on = { ...DEFAULT_FAILOVER_POLICY, enabled: true, maxCostPercent: 80 };
      expect(turnedOn.body).toEqual({ ...before, failoverPolicy: on });
      expect((await api('GET', '/v1/settings')).body).toEqual(turnedOn.body);
      const [dealer] = await stack.db.select().from(dealers).where(eq(dealers.id, stack.dealerId));
      expect(dealer!.failoverPolicy).toEqual(on);

      const audits = await settingsAudit();
      expect(audits).toHaveLength(auditsBefore + 1);
      expect(audits.at(-1)).toMatchObject({
        actorType: 'dealer_user',
        actorId: 'alex@ridgeline.example',
        summary: 'Settings changed: failoverPolicy',
        details: { failoverPolicy: { from: DEFAULT_FAILOVER_POLICY, to: on } },
      });

      // Null stops re-routing backorders, fractions of a day are allowed; the switch and ceiling stay.
      const never = await api('PATCH', '/v1/settings', { failoverPolicy: { backorderDays: null, onRefusal: false } });
      expect(never.body.failoverPolicy).toEqual({ ...on, backorderDays: null, onRefusal: false });
      const halfDays = await api('PATCH', '/v1/settings', { failoverPolicy: { backorderDays: 2.5 } });
      expect(halfDays.body.failoverPolicy).toEqual({ ...on, backorderDays: 2.5, onRefusal: false });
      expect((await settingsAudit()).at(-1)!.details).toEqual({
        failoverPolicy: { from: { ...on, backorderDays: null, onRefusal: false }, to: { ...on, backorderDays: 2.5, onRefusal: false } },
      });

      // The same values again change nothing and add no audit event.
      await api('PATCH', '/v1/settings', { failoverPolicy: { backorderDays: 2.5, enabled: true } });
      expect(await settingsAudit()).toHaveLength(auditsBefore + 3);

      await api('PATCH', '/v1/settings', { failoverPolicy: DEFAULT_FAILOVER_POLICY });
      expect((await api('GET', '/v1/settings')).body).toEqual(before);
    });

    it.each([
      ['negative backorder days', { backorderDays: -1 }, 'backorderDays', 'Backorder days must be more than 0'],
      ['zero backorder days', { backorderDays: 0 }, 'backorderDays', 'Backorder days must be more than 0'],
      ['backorder days over 90', { backorderDays: 90.5 }, 'backorderDays', 'Backorder days must be at most 90'],
      ['backorder days as text', { backorderDays: '5' }, 'backorderDays', 'Backorder days must be a number of days, or null to never re-route backorders'],
      ['a fractional cost ceiling', { maxCostPercent: 85.5 }, 'maxCostPercent', 'Cost ceiling must be a whole percentage'],
      ['a cost ceiling of 0 %', { maxCostPercent: 0 }, 'maxCostPercent', 'Cost ceiling must be at least 1 %'],
      ['a cost ceiling over 200 %', { maxCostPercent: 201 }, 'maxCostPercent', 'Cost ceiling must be at most 200 %'],
      ['a cost ceiling as text', { maxCostPercent: '85' }, 'maxCostPercent', 'Cost ceiling must be a percentage of the sale price, e.g. 85'],
      ['no cost ceiling', { maxCostPercent: null }, 'maxCostPercent', 'Cost ceiling must be a percentage of the sale price, e.g. 85'],
      ['the switch as text', { enabled: 'yes' }, 'enabled', 'Failover on/off must be true or false'],
      ['the refusal trigger as a number', { onRefusal: 1 }, 'onRefusal', 'Re-route on refusal must be true or false'],
      ['the cancellation trigger as null', { onDistributorCancel: null }, 'onDistributorCancel', 'Re-route on distributor cancellation must be true or false'],
    ])('refuses %s with a message naming the field, saving nothing sent with it', async (_, value, field, message) => {
      const before = (await api('GET', '/v1/settings')).body;
      const { status, body } = await api('PATCH', '/v1/settings', { failoverPolicy: { enabled: true, ...value }, stockBuffer: 3 });
      expect(status).toBe(400);
      expect(body.error.code).toBe('BAD_REQUEST');
      expect(body.error.details.fields).toEqual([{ field: `body.failoverPolicy.${field}`, message }]);
      expect((await api('GET', '/v1/settings')).body).toEqual(before);
    });

    it('refuses an unknown failover field, or a policy that is not an object, naming it', async () => {
      const before = (await api('GET', '/v1/settings')).body;
      const unknown = await api('PATCH', '/v1/settings', { failoverPolicy: { enabled: true, maxCost: 80 } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details.fields).toEqual([
        {
          field: 'body.failoverPolicy',
          message: 'Failover policy has no setting "maxCost"; it takes enabled, onRefusal, onDistributorCancel, backorderDays and maxCostPercent',
        },
      ]);
      for (const policy of [true, null, 'on', [DEFAULT_FAILOVER_POLICY]]) {
        const wrong = await api('PATCH', '/v1/settings', { failoverPolicy: policy });
        expect(wrong.status).toBe(400);
        expect(wrong.body.error.details.fields).toEqual([
          { field: 'body.failoverPolicy', message: expect.stringMatching(/^Failover policy must be an object with any of enabled, /) },
        ]);
      }
      expect((await api('GET', '/v1/settings')).body).toEqual(before);
    });

    it('sets the confirmation reminder and expiry in hours (saved in seconds, as drop-ships read them), and refuses a reminder not before the expiry', async () => {
      const changed = await api('PATCH', '/v1/settings', { confirmReminderHours: 4, confirmExpiryHours: 48 });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ confirmReminderHours: 4, confirmExpiryHours: 48 });
      const [dealer] = await stack.db.select().from(dealers).where(eq(dealers.id, stack.dealerId));
      expect([dealer!.confirmReminderSeconds, dealer!.confirmExpirySeconds]).toEqual([4 * 3600, 48 * 3600]);

      const late = await api('PATCH', '/v1/settings', { confirmReminderHours: 48 });
      expect(late.status).toBe(400);
      expect(late.body.error.details.fields).toEqual([
        { field: 'body.confirmReminderHours', message: 'The confirmation reminder (48 h) must come before the expiry (48 h)' },
      ]);
      const early = await api('PATCH', '/v1/settings', { confirmExpiryHours: 2 });
      expect(early.body.error.details.fields[0].field).toBe('body.confirmExpiryHours');
      const fraction = await api('PATCH', '/v1/settings', { confirmReminderHours: 1.5, confirmExpiryHours: 0 });
      expect(fraction.body.error.details.fields).toEqual([
        { field: 'body.confirmReminderHours', message: 'Confirmation reminder must be a whole number of hours' },
        { field: 'body.confirmExpiryHours', message: 'Confirmation expiry must be at least 1 hour' },
      ]);
      expect((await api('GET', '/v1/settings')).body).toMatchObject({ confirmReminderHours: 4, confirmExpiryHours: 48 });
      await api('PATCH', '/v1/settings', { confirmReminderHours: 24, confirmExpiryHours: 168 });
    });

    it('holds back the stock buffer when judging a line', async () => {
      // HELMET-MX-M: 12 at Boise and 3 at Fresno, both 1-day warehouses.
      await api('PATCH', '/v1/settings', { stockBuffer: 14, dropshipCutoff: 10 });
      const held = await routeOneLine('WEB-BUFFER-1', 'HELMET-MX-M', 2);
      expect(held).toMatchObject({
        status: 'needs_resolution',
        reasons: [
          {
            code: 'insufficient_stock',
            message: 'Only 1 of 2 units of Western Power Sports 87-9934 in stock at 1-day warehouses once your stock buffer of 14 units is held back',
          },
        ],
      });

      await api('PATCH', '/v1/settings', { stockBuffer: 13 });
      expect(await routeOneLine('WEB-BUFFER-2', 'HELMET-MX-M', 2)).toMatchObject({ status: 'routed', chosen: { distributor: 'wps', availableQty: 2 } });
      await api('PATCH', '/v1/settings', { stockBuffer: 0 });
    });
  });

  describe('/v1/warehouses', () => {
    it('lists the warehouses with their lead times', async () => {
      const { status, body } = await api('GET', '/v1/warehouses');
      expect(status).toBe(200);
      expect(body.warehouses).toHaveLength(5);
      expect(body.warehouses).toContainEqual({ distributor: 'wps', code: 'IN', name: 'Ashley, IN', leadTimeDays: 3 });
    });

    it('adds and changes a warehouse, which routing then uses, and removes it again', async () => {
      // BRAKE-PADS-FA is stocked only at Ashley, IN, a 3-day warehouse.
      expect(await routeOneLine('WEB-WH-1', 'BRAKE-PADS-FA', 1)).toMatchObject({ status: 'needs_resolution', reasons: [{ code: 'lead_time_too_long' }] });

      const saved = await api('PUT', '/v1/warehouses/wps/IN', { name: 'Ashley, Indiana', leadTimeDays: 1 });
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual({ distributor: 'wps', code: 'IN', name: 'Ashley, Indiana', leadTimeDays: 1 });
      expect(await routeOneLine('WEB-WH-2', 'BRAKE-PADS-FA', 1)).toMatchObject({ status: 'routed', chosen: { distributor: 'wps', leadTimeDays: 1 } });

      const added = await api('PUT', '/v1/warehouses/tucker_rocky/TX-1', { name: 'Dallas, TX', leadTimeDays: 2 });
      expect(added.body).toEqual({ distributor: 'tucker_rocky', code: 'TX-1', name: 'Dallas, TX', leadTimeDays: 2 });
      expect((await api('GET', '/v1/warehouses')).body.warehouses).toHaveLength(6);

      expect((await api('DELETE', '/v1/warehouses/wps/IN')).status).toBe(204);
      expect((await api('DELETE', '/v1/warehouses/wps/IN')).status).toBe(404);
      // A warehouse missing from the rules counts as too slow.
      expect(await routeOneLine('WEB-WH-3', 'BRAKE-PADS-FA', 1)).toMatchObject({ status: 'needs_resolution', reasons: [{ code: 'lead_time_too_long' }] });

      const audit = await stack.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.actorId, 'alex@ridgeline.example')));
      expect(audit.filter((a) => a.type.startsWith('warehouse.')).map((a) => a.summary)).toEqual([
        'Warehouse wps IN (Ashley, Indiana) lead time 1 day',
        'Warehouse tucker_rocky TX-1 (Dallas, TX) lead time 2 days',
        'Warehouse wps IN (Ashley, Indiana) removed',
      ]);
    });

    it('refuses a bad distributor, code, name or lead time, changing nothing', async () => {
      const before = (await api('GET', '/v1/warehouses')).body;
      const bad = await api('PUT', '/v1/warehouses/acme/has%20space', { name: '', leadTimeDays: -2 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.fields).toEqual([
        { field: 'params.distributor', message: 'Distributor must be one of wps, parts_unlimited, tucker_rocky, automatic' },
        { field: 'params.code', message: "Warehouse code must be 1 to 20 letters, digits, - or _ as in the distributor's inventory file" },
      ]);
      const badBody = await api('PUT', '/v1/warehouses/wps/ID', { name: ' ', leadTimeDays: 1.5 });
      expect(badBody.body.error.details.fields).toEqual([
        { field: 'body.name', message: 'Warehouse name is required' },
        { field: 'body.leadTimeDays', message: 'Lead time must be a whole number of days' },
      ]);
      expect((await api('PUT', '/v1/warehouses/wps/ID', { name: 'Boise' })).body.error.details.fields).toEqual([
        { field: 'body.leadTimeDays', message: 'Lead time must be a number of days' },
      ]);
      expect((await api('GET', '/v1/warehouses')).body).toEqual(before);
    });
  });
});
