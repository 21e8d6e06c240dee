import { eq } from 'drizzle-orm';
import { demoOrder } from '../../db/demo-data.js';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { openDropship } from '../../db/repositories/dropships.js';
import { raiseException } from '../../db/repositories/exceptions.js';
import { createOrder, findOrder } from '../../db/repositories/orders.js';
import { createPurchaseOrder } from '../../db/repositories/purchase-orders.js';
import { exceptions, skuLinks } from '../../db/schema/index.js';
import type { Stack } from './stack.js';

/** Bodies valid enough to get past validation, for tests that send every /v1 route a request. */
export const VALID_BODIES: Record<string, unknown> = {
  'POST /v1/orders/{orderId}/dropships': { mode: 'manual' },
  'POST /v1/dropships/{dropshipId}/confirm': { acknowledged: true },
  'POST /v1/dropships/{dropshipId}/swap-line': { lineId: '00000000-0000-4000-8000-000000000000', distributor: 'wps' },
  'PUT /v1/warehouses/{distributor}/{code}': { name: 'Somewhere', leadTimeDays: 1 },
  'PUT /v1/shipping-mappings/{channel}/{rateName}': { methods: { wps: 'BEST' } },
  'PUT /v1/catalog/links': { dealerSku: 'OTHER-SKU', distributor: 'wps', distributorSku: '87-9934' },
};

/**
 * One record of each kind a /v1 path names (an order, its drop-ship and PO, an inbox item, a SKU link,
 * a second API key), written straight to the stack's database for tests that reach every route.
 */
export async function oneOfEachRecord(stack: Stack, tag: string) {
  const { db, dealerId } = stack;
  const { id: orderId } = await createOrder(db, { dealerId, channel: 'website', ...demoOrder(`${tag}-1`) });
  const order = (await findOrder(db, dealerId, orderId))!;
  const { dropship } = await openDropship(db, dealerId, orderId, 'manual');
  const poNumber = `${dropship.poBase}-W`;
  await createPurchaseOrder(db, {
    dealerId,
    orderId,
    dropshipId: dropship.id,
    distributor: 'wps',
    poNumber,
    workflowId: `po:${dealerId}:${poNumber}`,
    shipMethod: 'BEST',
    lines: [{ lineId: order.lines[0]!.id, dealerSku: order.lines[0]!.dealerSku, distributorSku: '87-9934', quantity: 1 }],
  });
  await raiseException(db, { dealerId, orderId, kind: 'needs_resolution', message: 'A line to resolve', key: `${tag}:${orderId}` });
  const [exception] = await db
    .select()
    .from(exceptions)
    .where(eq(exceptions.key, `${tag}:${orderId}`));
  const [link] = await db
    .insert(skuLinks)
    .values({ dealerId, dealerSku: `${tag}-SKU`, distributor: 'wps', distributorSku: '87-9934', createdBy: 'test' })
    .returning();
  const secondKey = await createApiKey(db, dealerId, 'second key');
  return { orderId, dropship, poNumber, exception: exception!, link: link!, secondKey };
}
