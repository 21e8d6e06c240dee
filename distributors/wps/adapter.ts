import { z } from 'zod';
import type {
  DistributorConnector,
  DistributorPurchaseOrder,
  LiveStock,
  PurchaseOrderRequest,
  SubmittedPurchaseOrder,
} from '../types.js';
import { createWpsClient, type WpsClientOptions } from './client.js';
import { cartFor, mergeLines, toPurchaseOrder, type Line } from './mapping.js';
import * as wire from './wire.js';

export type WpsConnectorOptions = WpsClientOptions;

const path = (...segments: string[]) => `/${segments.map(encodeURIComponent).join('/')}`;

const yyyymmdd = (date: Date) => date.toISOString().slice(0, 10).replace(/-/g, '');

/** True when the cart holds nothing but wanted lines, each in the wanted quantity. */
function cartFits(cart: wire.WpsWireCart, lines: Line[]): boolean {
  return cart.items.every((item) => lines.some((line) => line.sku === item.item && line.quantity === item.quantity));
}

/**
 * The WPS Data Depot v4 connector for one dealer account: cart → items → order, status by PO number.
 * WPS has no idempotency key; the PO number is the key, so every step reads what exists first.
 */
export function createWpsConnector(options: WpsConnectorOptions): DistributorConnector {
  const wps = createWpsClient(options);

  async function findPurchaseOrder(poNumber: string): Promise<DistributorPurchaseOrder | null> {
    const found = await wps.find({
      method: 'GET',
      path: path('orders', poNumber),
      action: `look up PO ${poNumber}`,
      schema: wire.purchaseOrder,
    });
    return found && toPurchaseOrder(found.data);
  }

  /**
   * A cart left by an interrupted attempt is reused when it holds a subset of the wanted lines; one
   * holding anything else (another quantity, a removed line) is replaced, so the order matches the PO.
   */
  async function readyCart(poNumber: string, cartBody: Record<string, unknown>, lines: Line[]) {
    const leftover = await wps.find({
      method: 'GET',
      path: path('carts', poNumber),
      action: `look up the cart for PO ${poNumber}`,
      schema: wire.cart,
    });
    if (leftover && cartFits(leftover.data, lines)) {
      const inCart = leftover.data.items.map((item) => item.item);
      return { cartNumber: leftover.data.cart_number ?? undefined, leftover: 'reused', inCart } as const;
    }
    if (leftover) {
      await wps.request({
        method: 'DELETE',
        path: path('carts', poNumber),
        action: `delete the outdated cart for PO ${poNumber}`,
        schema: z.unknown(),
      });
    }
    const created = await wps.request({
      method: 'POST',
      path: '/carts',
      body: cartBody,
      action: `create the cart for PO ${poNumber}`,
      schema: wire.createdCart,
    });
    const inCart: string[] = [];
    return { cartNumber: created.data.cart_number, leftover: leftover ? 'replaced' : 'none', inCart } as const;
  }

  async function submitPurchaseOrder(request: PurchaseOrderRequest): Promise<SubmittedPurchaseOrder> {
    const cartBody = cartFor(request);
    const lines = mergeLines(request.lines);
    const { poNumber } = request;
    const cart = await readyCart(poNumber, cartBody, lines);
    const missing = lines.filter((line) => !cart.inCart.includes(line.sku));
    for (const line of missing) {
      await wps.request({
        method: 'POST',
        path: `${path('carts', poNumber)}/items`,
        body: { item_sku: line.sku, quantity: line.quantity },
        action: `add item ${line.sku} to the cart for PO ${poNumber}`,
        schema: wire.addedItem,
      });
    }
    const order = await wps.request({
      method: 'POST',
      path: '/orders',
      body: { po_number: poNumber },
      action: `submit PO ${poNumber}`,
      schema: wire.submittedOrder,
    });
    return {
      poNumber,
      distributorOrderRefs: [order.data.order_number],
      summary: {
        shipVia: request.shipMethod,
        lines,
        cartNumber: cart.cartNumber,
        leftoverCart: cart.leftover,
        itemsAdded: missing.length,
        orderNumber: order.data.order_number,
        orderStatus: order.data.status ?? undefined,
      },
    };
  }

  async function checkStock(skus: string[]): Promise<LiveStock[]> {
    if (skus.length === 0) return [];
    const query = new URLSearchParams({ 'filter[sku]': skus.join(',') });
    const stock = await wps.request({
      method: 'GET',
      path: `/inventory?${query}`,
      action: `check stock of ${skus.join(', ')}`,
      schema: wire.inventory,
    });
    return skus.map((sku) => ({
      distributorSku: sku,
      warehouses: stock.data.find((entry) => entry.sku === sku)?.warehouses ?? [],
    }));
  }

  /** Lists today's POs: cheap, and it proves the token may read orders. */
  async function testConnection(): Promise<void> {
    const today = yyyymmdd(new Date());
    await wps.request({
      method: 'GET',
      path: `/orders?${new URLSearchParams({ from_date: today, to_date: today })}`,
      action: 'list orders',
      schema: wire.purchaseOrders,
    });
  }

  return {
    distributor: 'wps',
    capabilities: { liveStock: true, cancel: false },
    findPurchaseOrder,
    submitPurchaseOrder,
    checkStock,
    testConnection,
  };
}
