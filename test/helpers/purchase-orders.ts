import type { Db } from '../../db/client.js';
import { openDropship } from '../../db/repositories/dropships.js';
import { createPurchaseOrder, type NewPurchaseOrder } from '../../db/repositories/purchase-orders.js';
import { purchaseOrderWorkflowId } from '../../domain/ids.js';

/**
 * Opens a drop-ship for a stored order and stores its WPS PO (ship method BEST, under the workflow
 * id the drop-ship would give it), as tests of what happens after a PO is stored need one.
 */
export async function storeWpsPurchaseOrder(
  db: Db,
  po: { dealerId: string; orderId: string; poNumber: string; lines: NewPurchaseOrder['lines']; mode?: 'auto' | 'manual' },
): Promise<void> {
  const { dealerId, orderId, poNumber, lines, mode = 'manual' } = po;
  const { dropship } = await openDropship(db, dealerId, orderId, mode);
  await createPurchaseOrder(db, {
    dealerId,
    orderId,
    dropshipId: dropship.id,
    distributor: 'wps',
    poNumber,
    workflowId: purchaseOrderWorkflowId(dealerId, poNumber),
    shipMethod: 'BEST',
    lines,
  });
}
