import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExceptionByKey, raiseException, type NewException } from '../../db/repositories/exceptions.js';
import { seedDemoDealer } from '../../db/demo-data.js';
import { auditEvents } from '../../db/schema/index.js';
import { WPS_SANDBOX_TOKEN } from '../../distributors/wps/sandbox/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** The exception inbox over HTTP: one list of what needs the dealer, filtered, paged and resolved with an audit line. */
describe('exception inbox API', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;
  let orderId: string;
  const ids: Record<string, string> = {};

  const raise = async (name: string, exception: Omit<NewException, 'key' | 'dealerId'> & { dealerId?: string }) => {
    await raiseException(stack.db, { dealerId: stack.dealerId, key: `test:${name}:${randomUUID()}`, ...exception });
    const { body } = await dealerApi(stack.app, stack.apiKey)('GET', '/v1/exceptions?limit=1');
    ids[name] = body.exceptions[0].id;
  };

  beforeAll(async () => {
    stack = await startStack();
    api = dealerApi(stack.app, stack.apiKey);
    orderId = (await api('POST', '/v1/orders', demoOrderBody('WEB-INBOX-1'))).body.id;
    // Raised one after the other, so newest first is the reverse of this.
    await raise('failed', {
      orderId,
      poNumber: 'DL000001-W',
      kind: 'po_failed',
      message: 'PO DL000001-W could not be placed with Western Power Sports: unknown SKU',
    });
    await raise('lines', { orderId, kind: 'needs_resolution', message: 'BRAKE-PADS-FA: Lead time is 3 days' });
    await raise('givenUp', { orderId, poNumber: 'DL000002-W', kind: 'po_given_up', message: 'PO DL000002-W has not fully shipped' });
    await raise('email', { kind: 'notification_failed', message: 'Buyer email failed' });
  });
  afterAll(async () => stack?.stop());

  it('lists open exceptions newest first, with the order and PO they are about', async () => {
    const { status, body } = await api('GET', '/v1/exceptions');
    expect(status).toBe(200);
    expect(body.exceptions.map((e: any) => e.id)).toEqual([ids.email, ids.givenUp, ids.lines, ids.failed]);
    expect(body.nextCursor).toBeNull();
    expect(body.exceptions[3]).toEqual({
      id: ids.failed,
      kind: 'po_failed',
      title: 'PO DL000001-W was not accepted by the distributor',
      message: 'PO DL000001-W could not be placed with Western Power Sports: unknown SKU',
      status: 'open',
      order: { id: orderId, channel: 'website', channelOrderId: 'WEB-INBOX-1' },
      poNumber: 'DL000001-W',
      raisedAt: expect.any(String),
      resolvedAt: null,
      resolvedBy: null,
      closedByItself: false,
      resolution: null,
      actions: ['reroute', 'retry'],
    });
    expect(body.exceptions.map((e: any) => e.actions)).toEqual([[], [], ['resolve_lines'], ['reroute', 'retry']]);
    // Each card says what it is about in its own words, not its kind's group heading.
    expect(body.exceptions.map((e: any) => e.title)).toEqual([
      'A buyer email or channel update failed',
      'PO DL000002-W never shipped: Dropline stopped tracking it',
      'Order WEB-INBOX-1 has lines to resolve before they can be drop-shipped',
      'PO DL000001-W was not accepted by the distributor',
    ]);
    expect(body.exceptions[0]).toMatchObject({ order: null, poNumber: null });
  });

  it('filters by kind and pages with a cursor', async () => {
    const failed = await api('GET', '/v1/exceptions?kind=po_failed');
    expect(failed.body.exceptions.map((e: any) => e.id)).toEqual([ids.failed]);

    const first = await api('GET', '/v1/exceptions?limit=3');
    expect(first.body.exceptions).toHaveLength(3);
    expect(first.body.nextCursor).toBe(ids.lines);
    const second = await api('GET', `/v1/exceptions?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.exceptions.map((e: any) => e.id)).toEqual([ids.failed]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('refuses unknown filters with the field named', async () => {
    const kind = await api('GET', '/v1/exceptions?kind=oops');
    expect(kind.status).toBe(400);
    expect(kind.body.error.details.fields[0]).toMatchObject({ field: 'querystring.kind', message: expect.stringContaining('kind must be one of po_failed') });
    expect((await api('GET', '/v1/exceptions?status=closed')).status).toBe(400);
    expect((await api('GET', '/v1/exceptions?cursor=not-a-cursor')).status).toBe(400);
  });

  it('resolves an exception: who and when, audited once, and resolving again is a harmless 200', async () => {
    const resolved = await api('POST', `/v1/exceptions/${ids.failed}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ id: ids.failed, status: 'resolved', resolvedBy: 'alex@ridgeline.example', resolvedAt: expect.any(String) });

    const again = await dealerApi(stack.app, stack.apiKey, 'sam@ridgeline.example')('POST', `/v1/exceptions/${ids.failed}/resolve`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(resolved.body);

    const audit = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.type, 'exception.resolved')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      orderId,
      poNumber: 'DL000001-W',
      actorType: 'dealer_user',
      actorId: 'alex@ridgeline.example',
      summary: 'Exception resolved: PO DL000001-W could not be placed with Western Power Sports: unknown SKU',
      details: { exceptionId: ids.failed, kind: 'po_failed' },
    });
    const order = await api('GET', `/v1/orders/${orderId}`);
    expect(order.body.auditTrail.map((e: any) => e.type)).toContain('exception.resolved');

    expect((await api('GET', '/v1/exceptions')).body.exceptions.map((e: any) => e.id)).not.toContain(ids.failed);
    expect((await api('GET', '/v1/exceptions?status=resolved')).body.exceptions.map((e: any) => e.id)).toEqual([ids.failed]);
  });

  it('lists resolved ones newest resolved first, telling the dealer’s from those that closed by themselves, and all of them', async () => {
    const key = `test:closes:${randomUUID()}`;
    await raiseException(stack.db, { dealerId: stack.dealerId, orderId, kind: 'confirmation_waiting', message: 'Confirm the drop-ship', key });
    const raised = (await api('GET', '/v1/exceptions?kind=confirmation_waiting')).body.exceptions[0];
    await closeExceptionByKey(stack.db, stack.dealerId, key, 'the drop-ship was confirmed');
    await closeExceptionByKey(stack.db, stack.dealerId, key, 'closing twice changes nothing');

    const resolved = (await api('GET', '/v1/exceptions?status=resolved')).body.exceptions;
    // Raised after the PO failure, and closed after the dealer resolved that one.
    expect(resolved.map((e: any) => e.id)).toEqual([raised.id, ids.failed]);
    expect(resolved[0]).toMatchObject({
      status: 'resolved',
      resolvedBy: 'system',
      closedByItself: true,
      resolution: 'the drop-ship was confirmed',
      actions: ['confirm_dropship'],
    });
    expect(resolved[1]).toMatchObject({ resolvedBy: 'alex@ridgeline.example', closedByItself: false, resolution: null });
    expect((await api('GET', '/v1/exceptions?status=resolved&limit=1')).body.nextCursor).toBe(raised.id);
    expect((await api('GET', `/v1/exceptions?status=resolved&limit=1&cursor=${raised.id}`)).body.exceptions.map((e: any) => e.id)).toEqual([ids.failed]);

    const all = (await api('GET', '/v1/exceptions?status=all')).body.exceptions;
    expect(all.map((e: any) => e.id)).toEqual([raised.id, ids.email, ids.givenUp, ids.lines, ids.failed]);

    const audit = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.type, 'exception.resolved'), eq(auditEvents.actorType, 'system')));
    expect(audit.map((e) => e.summary)).toEqual(['Exception closed by itself (the drop-ship was confirmed): Confirm the drop-ship']);
  });

  it('raises one open exception per cause, and a new one once the first is resolved', async () => {
    const cause = `test-cause:${randomUUID()}`;
    const raise = (attempt: number) =>
      raiseException(stack.db, {
        dealerId: stack.dealerId,
        orderId,
        kind: 'needs_resolution',
        message: `Attempt ${attempt}`,
        key: `${cause}:${attempt}`,
        cause,
      });
    await raise(1);
    await raise(2);
    const open = () => api('GET', '/v1/exceptions?kind=needs_resolution').then((r) => r.body.exceptions.filter((e: any) => e.message.startsWith('Attempt')));
    expect((await open()).map((e: any) => e.message)).toEqual(['Attempt 1']);
    await api('POST', `/v1/exceptions/${(await open())[0].id}/resolve`);
    await raise(3);
    expect((await open()).map((e: any) => e.message)).toEqual(['Attempt 3']);
  });

  it('answers 404 for an unknown exception and for another dealer’s', async () => {
    const unknown = await api('POST', `/v1/exceptions/${randomUUID()}/resolve`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'No such exception' });
    expect((await api('POST', '/v1/exceptions/nope/resolve')).status).toBe(400);

    const other = await seedDemoDealer(stack.db, stack.cipher, { dealerId: `dealer-${randomUUID().slice(0, 8)}`, wpsToken: WPS_SANDBOX_TOKEN });
    const otherApi = dealerApi(stack.app, other.apiKey);
    expect((await otherApi('GET', '/v1/exceptions')).body.exceptions).toEqual([]);
    expect((await otherApi('POST', `/v1/exceptions/${ids.lines}/resolve`)).status).toBe(404);
    expect((await api('GET', `/v1/exceptions?kind=needs_resolution`)).body.exceptions.find((e: any) => e.id === ids.lines).status).toBe('open');
  });
});
