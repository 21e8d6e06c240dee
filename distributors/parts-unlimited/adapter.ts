import {
  DistributorError,
  type CallLimits,
  type DistributorConnector,
  type DistributorPurchaseOrder,
  type LiveStock,
  type PurchaseOrderRequest,
  type SubmittedPurchaseOrder,
} from '../types.js';
import { createPartsUnlimitedClient, DuplicatePoRefusal, type PartsUnlimitedClientOptions } from './client.js';
import { orderFor, toPurchaseOrder } from './mapping.js';
import * as wire from './wire.js';

export interface PartsUnlimitedConnectorOptions extends PartsUnlimitedClientOptions {
  dealerNumber: string;
}

const ORDERS = '/v2/orders/dropship';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The Parts Unlimited (LeMans) drop-ship connector for one dealer account: one POST places the
 * order, the order list finds it again by PO number. PU has no idempotency key; the PO number is the
 * key, and callers look it up before submitting.
 *
 * Sending `dealer_number` on GETs too is our assumption: public code sends it in order bodies only,
 * but the key alone would not prove the saved dealer number is the key's.
 */
export function createPartsUnlimitedConnector(options: PartsUnlimitedConnectorOptions): DistributorConnector {
  const pu = createPartsUnlimitedClient(options);
  const { dealerNumber } = options;

  const listOrders = (filter: Record<string, string>, action: string, limits?: CallLimits) =>
    pu.request(
      {
        method: 'GET',
        path: `${ORDERS}?${new URLSearchParams({ dealer_number: dealerNumber, ...filter })}`,
        action,
        schema: wire.orders,
      },
      limits,
    );

  /** The list filter may match loosely (PU's matching rules are not public), so only exact PO numbers count. */
  async function findPurchaseOrder(poNumber: string, limits?: CallLimits): Promise<DistributorPurchaseOrder | null> {
    const found = await listOrders({ purchase_order_number: poNumber }, `look up PO ${poNumber}`, limits);
    const orders = found.orders.filter((order) => order.purchase_order_number === poNumber);
    return orders.length > 0 ? toPurchaseOrder(poNumber, orders) : null;
  }

  /**
   * PU refused the PO as a duplicate: an earlier attempt placed it, and its order is the answer. When
   * the order list cannot show it, the PO number was used outside Dropline: the dealer has to choose.
   */
  async function placedEarlier(
    poNumber: string,
    refusal: DuplicatePoRefusal,
    sent: Record<string, unknown>,
    limits?: CallLimits,
  ): Promise<SubmittedPurchaseOrder> {
    const existing = await findPurchaseOrder(poNumber, limits);
    if (!existing) {
      throw new DistributorError(
        'rejected',
        `Parts Unlimited refused PO ${poNumber} as a duplicate (${refusal.puSaid}), yet has no order under it that Dropline can see. ` +
          'If the PO number was used for another order, give this PO a new number; otherwise ask Parts Unlimited about it.',
      );
    }
    return {
      poNumber,
      distributorOrderRefs: existing.distributorOrderRefs,
      summary: { ...sent, alreadyPlaced: true, puSaid: refusal.puSaid, referenceNumbers: existing.distributorOrderRefs, status: existing.status },
    };
  }

  async function submitPurchaseOrder(request: PurchaseOrderRequest, limits?: CallLimits): Promise<SubmittedPurchaseOrder> {
    const body = orderFor(request, dealerNumber);
    const { poNumber } = request;
    const sent = {
      shippingMethod: body.shipping_method,
      lines: body.line_items.map((line) => ({ sku: line.part_number, quantity: line.quantity })),
    };
    let created: wire.PuCreatedOrder;
    try {
      created = await pu.request({ method: 'POST', path: ORDERS, body, action: `submit PO ${poNumber}`, schema: wire.createdOrder }, limits);
    } catch (error) {
      if (error instanceof DuplicatePoRefusal) return placedEarlier(poNumber, error, sent, limits);
      throw error;
    }
    return {
      poNumber,
      distributorOrderRefs: [created.reference_number],
      summary: {
        ...sent,
        referenceNumber: created.reference_number,
        statusCode: created.status_code,
        statusMessage: created.status_message ?? undefined,
        orderTotal: created.order_total ?? undefined,
        confirmedLines: created.line_items.map((line) => ({ sku: line.part_number, quantity: line.ordered?.quantity })),
      },
    };
  }

  /** One call per part: the inventory endpoint takes a single part number. */
  async function checkStock(skus: string[], limits?: CallLimits): Promise<LiveStock[]> {
    const stock: LiveStock[] = [];
    for (const sku of skus) {
      const found = await pu.request(
        {
          method: 'GET',
          path: `/v1/parts/inventory/${encodeURIComponent(sku)}`,
          action: `check stock of ${sku}`,
          schema: wire.inventory,
        },
        limits,
      );
      const warehouses = found.availability
        .flatMap((entry) => entry.warehouses)
        .map((entry, index) => ({ warehouse: entry.warehouse ?? `#${index + 1}`, quantity: entry.quantity }));
      stock.push({ distributorSku: sku, warehouses });
    }
    return stock;
  }

  /** Lists today's orders: cheap, and it proves the key belongs to the dealer number. */
  async function testConnection(limits?: CallLimits): Promise<void> {
    const today = isoDay(new Date());
    await listOrders({ order_date_start: today, order_date_end: today }, 'list orders', limits);
  }

  return {
    distributor: 'parts_unlimited',
    capabilities: { liveStock: true, cancel: false, listOrders: false },
    findPurchaseOrder,
    submitPurchaseOrder,
    checkStock,
    testConnection,
  };
}
