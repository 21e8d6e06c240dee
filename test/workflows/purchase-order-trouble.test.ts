import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putCatalogItems, putStock } from '../../db/repositories/catalog-upsert.js';
import { auditEvents, dropships, exceptions, purchaseOrders } from '../../db/schema/index.js';
import { PU_SANDBOX_API_KEY, PU_SANDBOX_DEALER_NUMBER } from '../../distributors/parts-unlimited/sandbox/index.js';
import { WPS_SANDBOX_TOKEN } from '../../distributors/wps/sandbox/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { addPartsUnlimitedAccount } from '../helpers/parts-unlimited.js';
import { recordHistory } from '../helpers/histories.js';
import { startStack, type Stack } from '../helpers/stack.js';

const post = (url: string, body: unknown = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => {
    expect(r.status).toBeLessThan(300);
    return r.json() as Promise<any>;
  });

/**
 * A purchase order in trouble ends in a status the dealer can read, never in a failed or terminated
 * workflow, and never takes its siblings or its drop-ship down (DESIGN §7).
 */
describe('purchase orders in trouble', () => {
  let stack: Stack;
  let call: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    // Submission gives up after 3 s (one attempt, as the first retry waits 5 s) and the final lookup after 4 s.
    stack = await startStack({ autoProcessing: false, pollIntervalMs: 300, submitGiveUpAfterMs: 3000, verifyWithinMs: 4000 });
    await addPartsUnlimitedAccount(stack);
    call = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  const poRow = async (poNumber: string) => (await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.poNumber, poNumber)))[0]!;
  const poStatus = (poNumber: string, status: string) =>
    eventually(async () => {
      const row = await poRow(poNumber);
      return row.status === status ? row : undefined;
    }, `PO ${poNumber} to be ${status}`);
  const runStatus = async (workflowId: string) => (await stack.client.workflow.getHandle(workflowId).describe()).status.name;
  const openExceptions = (poNumber: string) =>
    stack.db
      .select()
      .from(exceptions)
      .where(and(eq(exceptions.poNumber, poNumber), eq(exceptions.status, 'open')));

  async function startDropship(channelOrderId: string, lines: Parameters<typeof demoOrderBody>[1], mode: 'auto' | 'manual' = 'auto') {
    const order = await call('POST', '/v1/orders', demoOrderBody(channelOrderId, lines));
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode });
    expect(started.status).toBe(201);
    return { orderId: order.body.id as string, dropshipId: started.body.id as string, workflowId: started.body.workflowId as string };
  }

  async function purchaseOrdersOf(dropshipId: string, count: number) {
    return eventually(async () => {
      const pos = (await call('GET', `/v1/dropships/${dropshipId}`)).body.purchaseOrders as Array<{
        distributor: string;
        poNumber: string;
        workflowId: string;
      }>;
      return pos?.length === count ? Object.fromEntries(pos.map((po) => [po.distributor, po])) : undefined;
    }, 'the purchase orders');
  }

  it('keeps tracking the WPS PO while Parts Unlimited refuses a wrong key, and resumes the Parts Unlimited PO once the key is fixed', async () => {
    const { orderId, dropshipId, workflowId } = await startDropship('WEB-TROUBLE-1', [
      { sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 },
      { sku: 'GLOVES-L', quantity: 2, unitPrice: 29.95 },
    ]);
    const pos = await purchaseOrdersOf(dropshipId, 2);
    const wps = pos.wps!;
    const pu = pos.parts_unlimited!;
    await poStatus(wps.poNumber, 'accepted');
    await poStatus(pu.poNumber, 'accepted');

    const wrongKey = await call('PUT', '/v1/distributor-accounts/parts_unlimited', {
      credentials: { dealerNumber: PU_SANDBOX_DEALER_NUMBER, apiKey: 'not-the-key' },
    });
    expect(wrongKey.status).toBe(200);
    const blocked = await poStatus(pu.poNumber, 'needs_attention');
    expect(blocked.status).toBe('needs_attention');
    const [exception] = await eventually(async () => {
      const open = await openExceptions(pu.poNumber);
      return open.length ? open : undefined;
    }, 'the account exception');
    expect(exception).toMatchObject({ kind: 'distributor_account', orderId });
    expect(exception!.message).toContain('Parts Unlimited');
    expect(await runStatus(pu.workflowId)).toBe('RUNNING');
    expect(await runStatus(wps.workflowId)).toBe('RUNNING');
    expect(await runStatus(workflowId)).toBe('RUNNING');

    // The sibling keeps being tracked.
    await post(`${stack.wpsUrl}/_control/orders/${wps.poNumber}/ship`);
    await poStatus(wps.poNumber, 'shipped');

    const fixed = await call('PUT', '/v1/distributor-accounts/parts_unlimited', {
      credentials: { dealerNumber: PU_SANDBOX_DEALER_NUMBER, apiKey: PU_SANDBOX_API_KEY },
    });
    expect(fixed.status).toBe(200);
    await poStatus(pu.poNumber, 'accepted');
    await eventually(async () => ((await openExceptions(pu.poNumber)).length === 0 ? true : undefined), 'the exception to close itself');
    const [closed] = await stack.db.select().from(exceptions).where(eq(exceptions.id, exception!.id));
    expect(closed).toMatchObject({ status: 'resolved', resolvedBy: 'system' });

    await post(`${stack.puUrl}/_control/orders/${pu.poNumber}/ship`);
    await poStatus(pu.poNumber, 'shipped');
    await eventually(async () => {
      const [row] = await stack.db.select().from(dropships).where(eq(dropships.id, dropshipId));
      return row?.status === 'completed' ? row : undefined;
    }, 'the drop-ship to complete');
    for (const id of [workflowId, pu.workflowId, wps.workflowId]) {
      await eventually(async () => (await runStatus(id)) === 'COMPLETED', `${id} to complete`);
    }

    // Accepted twice: each time the PO reached the status is in its history, with its actor.
    const history = await stack.db
      .select({ type: auditEvents.type, actorType: auditEvents.actorType })
      .from(auditEvents)
      .where(and(eq(auditEvents.poNumber, pu.poNumber)))
      .orderBy(asc(auditEvents.at), asc(auditEvents.id));
    const statuses = history.filter((e) => e.type.startsWith('po.')).map((e) => `${e.type}/${e.actorType}`);
    expect(statuses).toEqual([
      'po.submitted/system',
      'po.submitted/system',
      'po.accepted/distributor',
      'po.needs_attention/system',
      'po.accepted/distributor',
      'po.shipped/distributor',
    ]);
    await recordHistory(stack.client, pu.workflowId, 'po-needs-attention-then-shipped');
  });

  it('puts a PO whose credentials were deleted in front of the dealer instead of retrying silently', async () => {
    const { dropshipId } = await startDropship('WEB-TROUBLE-2', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }]);
    const { wps } = await purchaseOrdersOf(dropshipId, 1);
    await poStatus(wps!.poNumber, 'accepted');
    expect((await call('DELETE', '/v1/distributor-accounts/wps/credentials')).status).toBe(204);
    const blocked = await poStatus(wps!.poNumber, 'needs_attention');
    expect(blocked.status).toBe('needs_attention');
    const [exception] = await eventually(async () => {
      const open = await openExceptions(wps!.poNumber);
      return open.length ? open : undefined;
    }, 'the exception');
    expect(exception!.message).toContain('No Western Power Sports credentials are saved');
    expect((await call('PUT', '/v1/distributor-accounts/wps', { credentials: { apiToken: WPS_SANDBOX_TOKEN } })).status).toBe(200);
    await poStatus(wps!.poNumber, 'accepted');
    await post(`${stack.wpsUrl}/_control/orders/${wps!.poNumber}/ship`);
    await poStatus(wps!.poNumber, 'shipped');
  });

  it('calls a PO failed only with proof, completes the drop-ship, and lets the dealer start a new one', async () => {
    const { dealerId, db } = stack;
    await putCatalogItems(db, dealerId, [{ distributor: 'wps', distributorSku: '56-4410', dealerSku: 'TIRE-REAR', costCents: 9000 }]);
    await putStock(db, [{ distributor: 'wps', distributorSku: '56-4410', warehouseCode: 'ID', quantity: 5 }]);
    const { orderId, dropshipId } = await startDropship('WEB-TROUBLE-3', [{ sku: 'TIRE-REAR', quantity: 1, unitPrice: 149.95 }]);
    const { wps } = await purchaseOrdersOf(dropshipId, 1);
    const failed = await poStatus(wps!.poNumber, 'failed');
    expect(failed.failureReason).toMatch(/no longer has the stock.*; not placed \(verified at \d{4}-\d\d-\d\dT/);
    await eventually(async () => (await runStatus(wps!.workflowId)) === 'COMPLETED', 'the PO workflow to complete');
    await recordHistory(stack.client, wps!.workflowId, 'po-failed-verified');
    await eventually(async () => {
      const [row] = await db.select().from(dropships).where(eq(dropships.id, dropshipId));
      return row?.status === 'completed' ? row : undefined;
    }, 'the drop-ship to complete');

    const again = await call('POST', `/v1/orders/${orderId}/dropships`, { mode: 'manual' });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(dropshipId);
  });

  it('ends a refused PO failed, with its exception, even when the alert email is refused (unverified sender)', async () => {
    const { dealerId, db } = stack;
    await putCatalogItems(db, dealerId, [{ distributor: 'wps', distributorSku: '56-4411', dealerSku: 'TIRE-FRONT', costCents: 8000 }]);
    await putStock(db, [{ distributor: 'wps', distributorSku: '56-4411', warehouseCode: 'ID', quantity: 5 }]);
    await post(`${stack.resendUrl}/_control/faults`, { senderUnverified: true });
    try {
      const { dropshipId } = await startDropship('WEB-TROUBLE-8', [{ sku: 'TIRE-FRONT', quantity: 1, unitPrice: 139.95 }]);
      const { wps } = await purchaseOrdersOf(dropshipId, 1);
      await poStatus(wps!.poNumber, 'failed');
      await eventually(async () => (await runStatus(wps!.workflowId)) === 'COMPLETED', 'the PO workflow to complete');
      const [exception] = await stack.db.select().from(exceptions).where(eq(exceptions.poNumber, wps!.poNumber));
      expect(exception).toMatchObject({ kind: 'po_failed', status: 'open' });
      expect(stack.resend.state.emails.filter((e) => e.subject.includes(wps!.poNumber))).toEqual([]);
      await eventually(
        async () => (await runStatus(`dropship:${dealerId}:${(await poRow(wps!.poNumber)).orderId}:1`)) === 'COMPLETED',
        'the drop-ship to complete',
      );
    } finally {
      await post(`${stack.resendUrl}/_control/faults`, { senderUnverified: false });
    }
  });

  it('marks a drop-ship whose run ended without recording it as interrupted, and starts a new one instead of answering 500', async () => {
    const { orderId, dropshipId, workflowId } = await startDropship('WEB-TROUBLE-4', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }], 'manual');
    // What a failed run of an earlier version left behind: the run is over, Postgres still says awaiting.
    await stack.client.workflow.getHandle(workflowId).terminate('simulated crash of an older version');
    const again = await call('POST', `/v1/orders/${orderId}/dropships`, { mode: 'manual' });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(dropshipId);
    const [old] = await stack.db.select().from(dropships).where(eq(dropships.id, dropshipId));
    expect(old!.status).toBe('interrupted');
    const trail = (await call('GET', `/v1/orders/${orderId}`)).body.auditTrail.map((e: { type: string }) => e.type);
    expect(trail).toContain('dropship.interrupted');
  });

  it('finds a PO whose answer was lost after submission gave up, and tracks it instead of calling it failed', async () => {
    await post(`${stack.wpsUrl}/_control/faults`, { loseResponseOnce: { method: 'POST', path: '/orders' } });
    const { dropshipId } = await startDropship('WEB-TROUBLE-5', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }]);
    const { wps } = await purchaseOrdersOf(dropshipId, 1);
    await poStatus(wps!.poNumber, 'accepted');
    expect(stack.wps.state.orders.filter((o) => o.po_number === wps!.poNumber)).toHaveLength(1);
    const submitted = await stack.db
      .select({ summary: auditEvents.summary })
      .from(auditEvents)
      .where(and(eq(auditEvents.poNumber, wps!.poNumber), eq(auditEvents.type, 'po.submitted')));
    expect(submitted.map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('after its submission reported a failure'),
        expect.stringContaining('found at Western Power Sports after all'),
      ]),
    );
    await recordHistory(stack.client, wps!.workflowId, 'po-found-after-lost-answer');
  });

  it('says unknown, with an exception, when the distributor cannot be asked whether the PO arrived', async () => {
    await post(`${stack.wpsUrl}/_control/faults`, { status5xxRate: 1 });
    try {
      const { dropshipId } = await startDropship('WEB-TROUBLE-6', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }]);
      const { wps } = await purchaseOrdersOf(dropshipId, 1);
      const unknown = await poStatus(wps!.poNumber, 'unknown');
      expect(unknown.failureReason).toContain('could not be asked whether PO');
      const [exception] = await eventually(async () => {
        const open = await openExceptions(wps!.poNumber);
        return open.length ? open : undefined;
      }, 'the exception');
      expect(exception).toMatchObject({ kind: 'po_unknown' });
      await eventually(async () => (await runStatus(wps!.workflowId)) === 'COMPLETED', 'the PO workflow to complete');
      await recordHistory(stack.client, wps!.workflowId, 'po-unknown');
    } finally {
      await post(`${stack.wpsUrl}/_control/faults`, { status5xxRate: 0 });
    }
  });

  it('calls a PO failed, nothing sent, when its credentials were gone before the first call', async () => {
    const { dropshipId } = await startDropship('WEB-TROUBLE-7', [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }], 'manual');
    expect((await call('DELETE', '/v1/distributor-accounts/wps/credentials')).status).toBe(204);
    try {
      expect((await call('POST', `/v1/dropships/${dropshipId}/confirm`, { acknowledged: true })).status).toBe(202);
      const { wps } = await purchaseOrdersOf(dropshipId, 1);
      const failed = await poStatus(wps!.poNumber, 'failed');
      expect(failed.failureReason).toContain('No Western Power Sports credentials are saved');
      expect(failed.failureReason).toContain('not placed (nothing was sent)');
      await eventually(async () => (await runStatus(wps!.workflowId)) === 'COMPLETED', 'the PO workflow to complete');
      await recordHistory(stack.client, wps!.workflowId, 'po-failed-nothing-sent');
    } finally {
      await call('PUT', '/v1/distributor-accounts/wps', { credentials: { apiToken: WPS_SANDBOX_TOKEN } });
    }
  });
});
