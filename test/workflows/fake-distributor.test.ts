import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putCatalogItems, putStock } from '../../db/repositories/catalog-upsert.js';
import { distributorAccounts, purchaseOrders, shippingMappings, warehouses } from '../../db/schema/index.js';
import { distributorPlugin, registerDistributor } from '../../distributors/registry.js';
import type { DistributorId } from '../../domain/distributors.js';
import { MOTO_DEPOT_WORKFLOWS_PATH, motoDepot } from '../fixtures/fake-distributor/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * A sixth distributor registered by the test alone (no production file names it) is routed to like
 * any other: the stack starts its sandbox, the worker set gives it a rate-limited task queue, the
 * workflow bundle knows its profile, and an auto-processed order's PO is placed at its sandbox.
 */
registerDistributor(motoDepot);
const id = motoDepot.profile.id as DistributorId;

describe('a drop-ship routed to a distributor registered at run time', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ autoProcessing: true, workflowsPath: MOTO_DEPOT_WORKFLOWS_PATH });
    const { dealerId, db, cipher } = stack;
    const secret = cipher.encrypt(motoDepot.sandbox.credentials);
    await db
      .insert(distributorAccounts)
      .values({ dealerId, distributor: id, credentialsCiphertext: secret.ciphertext, credentialsKeyId: secret.keyId, credentialsSavedAt: new Date() });
    await db.insert(warehouses).values({ dealerId, distributor: id, code: 'ID', name: 'Boise, ID', leadTimeDays: 1 });
    // Only Moto Depot carries this part, so routing has no one else to choose.
    await putCatalogItems(db, dealerId, [{ distributor: id, distributorSku: '87-9934', dealerSku: 'MOTO-HELMET', costCents: 6000 }]);
    await putStock(db, [{ distributor: id, distributorSku: '87-9934', warehouseCode: 'ID', quantity: 5 }]);
    await db.insert(shippingMappings).values({ dealerId, channel: 'website', rateName: 'Standard Shipping', distributor: id, methodCode: 'BEST' });
  });
  afterAll(async () => stack?.stop());

  it('places the PO at its sandbox, numbered with its suffix', async () => {
    const order = await dealerApi(stack.app, stack.apiKey)(
      'POST',
      '/v1/orders',
      demoOrderBody('WEB-MOTO-1', [{ sku: 'MOTO-HELMET', quantity: 1, unitPrice: 129.95 }]),
    );
    expect(order.status).toBe(201);

    const po = await eventually(async () => {
      const [row] = await stack.db.select().from(purchaseOrders).where(eq(purchaseOrders.orderId, order.body.id));
      return row && row.status !== 'pending' ? row : undefined;
    }, 'the PO to be placed');
    expect(po).toMatchObject({ distributor: 'moto_depot', poNumber: expect.stringMatching(/-M$/) });

    const placed = distributorPlugin(id).sandbox.orders(stack.sandboxes[id]!);
    expect(placed).toEqual([{ poNumber: po.poNumber, lines: [{ sku: '87-9934', quantity: 1 }] }]);
    // The built-in WPS sandbox speaks the same wire format and got nothing.
    expect(stack.wps.state.orders).toEqual([]);
  });
});
