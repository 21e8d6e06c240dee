import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseException, type NewException } from '../../db/repositories/exceptions.js';
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
      title: 'Purchase orders a distributor did not accept',
      message: 'PO DL000001-W could not be placed with Western Power Sports: unknown SKU',
      status: 'open',
      order: { id: orderId, channel: 'website', channelOrderId: 'WEB-INBOX-1' },
      poNumber: 'DL000001-W',
      raisedAt: expect.any(String),
      resolvedAt: null,
      resolvedBy: null,
    });
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

  it('answers 404 for an unknown exception and for another dealer’s', async () => {
    const unknown = await api('POST', `/v1/exceptions/${randomUUID()}/resolve`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'No such exception' });
    expect((await api('POST', '/v1/exceptions/nope/resolve')).status).toBe(400);

    const other = await seedDemoDealer(stack.db, stack.cipher, { dealerId: `dealer-${randomUUID().slice(0, 8)}`, wpsToken: WPS_SANDBOX_TOKEN });
    const otherApi = dealerApi(stack.app, other.apiKey);
    expect((await otherApi('GET', '/v1/exceptions')).body.exceptions).toEqual([]);
    expect((await otherApi('POST', `/v1/exceptions/${ids.lines}/resolve`)).status).toBe(404);
    expect((await api('GET', '/v1/exceptions?kind=needs_resolution')).body.exceptions[0].status).toBe('open');
  });
});
