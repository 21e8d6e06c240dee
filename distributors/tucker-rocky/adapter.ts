import type { CallLimits, DistributorConnector, DistributorPurchaseOrder, LiveStock, PurchaseOrderRequest, SubmittedPurchaseOrder } from '../types.js';
import { DistributorError } from '../types.js';
import { createTuckerRockyClient, type TuckerRockyClientOptions } from './client.js';
import { CONNECTION_TEST_ITEM, INV_ITEM_PARAM, SHP_BY_PO_PARAM } from './contract.js';
import { mergeLines, orderParams, toPurchaseOrder } from './mapping.js';
import * as wire from './wire.js';

export type TuckerRockyConnectorOptions = TuckerRockyClientOptions;

/**
 * The Tucker Rocky (Tucker Powersports) TRWS connector for one dealer account: one ORD call places the
 * order, SHP finds it again by PO number, INV checks stock. Tucker has no idempotency key, but it is the
 * one distributor with a duplicate-PO guard: every order goes with `allowduplicatepo=NO`, so a resubmit
 * that slipped past the caller's lookup is refused by Tucker and answered with the order it already has.
 */
export function createTuckerRockyConnector(options: TuckerRockyConnectorOptions): DistributorConnector {
  const trws = createTuckerRockyClient(options);

  /** SHP's PO filter may match loosely (contract.ts), so only the PO number itself counts, in any case. */
  async function findPurchaseOrder(poNumber: string, limits?: CallLimits): Promise<DistributorPurchaseOrder | null> {
    const found = await trws.request({ type: 'SHP', params: [[SHP_BY_PO_PARAM, poNumber]], action: `look up PO ${poNumber}`, schema: wire.shipments }, limits);
    const orders = found.shipment.filter((order) => order.po.trim().toUpperCase() === poNumber.toUpperCase());
    return orders.length > 0 ? toPurchaseOrder(poNumber, orders) : null;
  }

  /**
   * Tucker refused the PO as a duplicate: an earlier attempt placed it. Its order is the answer, unless
   * SHP cannot show it, which points at a PO number used outside Dropline: the dealer has to choose.
   */
  async function alreadyPlaced(poNumber: string, tuckerSaid: string, sent: Record<string, unknown>, limits?: CallLimits): Promise<SubmittedPurchaseOrder> {
    const existing = await findPurchaseOrder(poNumber, limits);
    if (!existing) {
      throw new DistributorError(
        'rejected',
        `Tucker Rocky refused PO ${poNumber} as a duplicate (${tuckerSaid}), yet has no order under it that Dropline can see. ` +
          'If the PO number was used for another order, give this PO a new number; otherwise ask Tucker Rocky about it.',
      );
    }
    return {
      poNumber,
      distributorOrderRefs: existing.distributorOrderRefs,
      summary: { ...sent, alreadyPlaced: true, tuckerSaid, orderNumbers: existing.distributorOrderRefs, status: existing.status },
    };
  }

  async function submitPurchaseOrder(request: PurchaseOrderRequest, limits?: CallLimits): Promise<SubmittedPurchaseOrder> {
    const params = orderParams(request);
    const { poNumber } = request;
    const sent = { carrier: request.shipMethod.trim(), lines: mergeLines(request.lines) };
    const action = `submit PO ${poNumber}`;
    const answer = await trws.ask({ type: 'ORD', params, action, schema: wire.placedOrder }, limits);
    if (!answer.ok) {
      if (answer.refusal.kind === 'duplicate_po') return alreadyPlaced(poNumber, answer.refusal.reason, sent, limits);
      throw trws.refused(action, answer.refusal);
    }
    const { ordernum, orderline } = answer.data.orderoutput;
    // The order exists, so failing here would abandon it; the lines Tucker left out go to the audit trail.
    const linesNotPlaced = orderline
      .filter((line) => line.errormsg?.trim())
      .map((line) => ({ sku: line.itemnum ?? undefined, tuckerSaid: line.errormsg?.trim() }));
    return {
      poNumber,
      distributorOrderRefs: [ordernum],
      summary: { ...sent, orderNumber: ordernum, ...(linesNotPlaced.length > 0 ? { linesNotPlaced } : {}) },
    };
  }

  /** One INV call for all items; an item Tucker does not carry has no stock anywhere. */
  async function checkStock(skus: string[], limits?: CallLimits): Promise<LiveStock[]> {
    if (skus.length === 0) return [];
    const found = await trws.request(
      {
        type: 'INV',
        params: skus.map((sku) => [INV_ITEM_PARAM, sku]),
        action: `check stock of ${skus.join(', ')}`,
        schema: wire.inventory,
      },
      limits,
    );
    return skus.map((sku) => {
      const item = found.item.find((entry) => entry.itemnum === sku && !entry.errormsg?.trim());
      return { distributorSku: sku, warehouses: (item?.dc ?? []).map((dc) => ({ warehouse: dc.dcname, quantity: dc.dcinv })) };
    });
  }

  /** Stock of one item: the cheapest call that proves the customer number and API key. */
  async function testConnection(limits?: CallLimits): Promise<void> {
    await trws.request({ type: 'INV', params: [[INV_ITEM_PARAM, CONNECTION_TEST_ITEM]], action: 'check stock', schema: wire.inventory }, limits);
  }

  return {
    distributor: 'tucker_rocky',
    capabilities: { liveStock: true, cancel: false, listOrders: false },
    findPurchaseOrder,
    submitPurchaseOrder,
    checkStock,
    testConnection,
  };
}
