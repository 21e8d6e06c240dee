import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDealer } from '../../db/demo-data.js';
import { dropships } from '../../db/schema/index.js';
import { dropshipWorkflowId } from '../../domain/ids.js';
import { WPS_SANDBOX_TOKEN } from '../../distributors/wps/sandbox/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * Website orders (`POST /v1/orders`) honour auto-processing exactly as Shopify webhooks and marketplace
 * polls do: with a real Temporal server and worker, an auto-processing dealer's order is drop-shipped
 * as it is taken in and its PO reaches the WPS sandbox once, however often the order is posted; a
 * dealer in manual mode gets the order stored and nothing started.
 */
describe('website orders and auto-processing', () => {
  let stack: Stack;
  let autoApi: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: true, pollIntervalMs: 500 });
    autoApi = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  const dropshipsOf = (orderId: string) => stack.db.select().from(dropships).where(eq(dropships.orderId, orderId));
  const wpsOrdersFor = (poNumber: string) => stack.wps.state.orders.filter((order) => order.po_number === poNumber);

  it('starts the drop-ship of an auto-processing dealer’s order, and places its PO once even when the order is posted again', async () => {
    const body = demoOrderBody('WEB-AUTO-1');
    // Twice at the same moment, as a retrying website might.
    const [first, second] = await Promise.all([autoApi('POST', '/v1/orders', body), autoApi('POST', '/v1/orders', body)]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body.id).toBe(second.body.id);
    const orderId = first.body.id as string;

    const [dropship] = await dropshipsOf(orderId);
    expect(await dropshipsOf(orderId)).toHaveLength(1);
    expect(dropship).toMatchObject({ mode: 'auto', sequence: 1, workflowId: dropshipWorkflowId(stack.dealerId, orderId, 1) });

    const poNumber = await eventually(async () => {
      const state = await autoApi('GET', `/v1/dropships/${dropship!.id}`);
      const number = state.body.purchaseOrders?.[0]?.poNumber as string | undefined;
      return number && wpsOrdersFor(number).length > 0 ? number : undefined;
    }, 'the PO placed with WPS');

    // Posted again while the drop-ship is under way, and once it is over: the same order, the same drop-ship, no second PO.
    expect(await autoApi('POST', '/v1/orders', body)).toMatchObject({ status: 200, body: { id: orderId } });
    await fetch(`${stack.wpsUrl}/_control/orders/${poNumber}/ship`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await eventually(
      async () => ((await autoApi('GET', `/v1/dropships/${dropship!.id}`)).body.phase === 'completed' ? true : undefined),
      'the drop-ship to complete',
    );
    expect(await autoApi('POST', '/v1/orders', body)).toMatchObject({ status: 200, body: { id: orderId } });
    expect((await dropshipsOf(orderId)).map((d) => d.id)).toEqual([dropship!.id]);
    expect(wpsOrdersFor(poNumber)).toHaveLength(1);
    const { body: detail } = await autoApi('GET', `/v1/orders/${orderId}`);
    expect(detail.purchaseOrders.map((po: { poNumber: string }) => po.poNumber)).toEqual([poNumber]);
  });

  it('starts nothing for a dealer in manual mode', async () => {
    const manual = await seedDemoDealer(stack.db, stack.cipher, {
      dealerId: `manual-${randomUUID().slice(0, 8)}`,
      wpsToken: WPS_SANDBOX_TOKEN,
      autoProcessing: false,
    });
    const manualApi = dealerApi(stack.app, manual.apiKey);
    const created = await manualApi('POST', '/v1/orders', demoOrderBody('WEB-MANUAL-1'));
    expect(created.status).toBe(201);
    const orderId = created.body.id as string;
    // The start happens before the answer, so there is nothing to wait for.
    expect(await dropshipsOf(orderId)).toEqual([]);
    await expect(stack.client.workflow.getHandle(dropshipWorkflowId(manual.dealerId, orderId, 1)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect((await manualApi('GET', `/v1/orders/${orderId}`)).body).toMatchObject({ status: 'open', dropships: [] });
  });
});
