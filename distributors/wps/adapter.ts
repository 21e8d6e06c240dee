import { z } from 'zod';
import {
  DistributorError,
  type CallLimits,
  type DistributorConnector,
  type DistributorPurchaseOrder,
  type LiveStock,
  type PurchaseOrderRequest,
  type SubmittedPurchaseOrder,
} from '../types.js';
import { createWpsClient, type WpsClientOptions } from './client.js';
import { cartFor, mergeLines, toPurchaseOrder, type Line } from './mapping.js';
import * as wire from './wire.js';

export type WpsConnectorOptions = WpsClientOptions;

const path = (...segments: string[]) => `/${segments.map(encodeURIComponent).join('/')}`;

const yyyymmdd = (date: Date) => date.toISOString().slice(0, 10).replace(/-/g, '');
/** "2026-12-03" → "20261203", the date format of WPS's order list. */
const wpsDate = (day: string) => day.replace(/-/g, '');

/**
 * What the cart still lacks for each wanted line, or null when it holds something that must go (a
 * SKU the PO does not have, or more of one than wanted). WPS documents no way to set or remove a
 * line, only to add to it, so a cart can be topped up but never trimmed.
 */
function shortfall(cart: wire.WpsWireCart, lines: Line[]): Line[] | null {
  const wanted = new Map(lines.map((line) => [line.sku, line.quantity]));
  const held = new Map<string, number>();
  for (const item of cart.items) held.set(item.item, (held.get(item.item) ?? 0) + item.quantity);
  for (const [sku, quantity] of held) if (quantity > (wanted.get(sku) ?? 0)) return null;
  return lines.map((line) => ({ sku: line.sku, quantity: line.quantity - (held.get(line.sku) ?? 0) })).filter((line) => line.quantity > 0);
}

/** POST /orders refusals that mean the cart is gone or empty: an earlier attempt may have submitted it. */
const CART_GONE = /cart|already submitted/i;

/**
 * The WPS Data Depot v4 connector for one dealer account: cart → items → order, status by PO number.
 * WPS has no idempotency key; the PO number is the key, so every step reads what exists first and
 * brings it to what the PO wants: building the cart twice never orders a line twice.
 */
export function createWpsConnector(options: WpsConnectorOptions): DistributorConnector {
  const wps = createWpsClient(options);

  async function findPurchaseOrder(poNumber: string, limits?: CallLimits): Promise<DistributorPurchaseOrder | null> {
    const found = await wps.find({ method: 'GET', path: path('orders', poNumber), action: `look up PO ${poNumber}`, schema: wire.purchaseOrder }, limits);
    return found && toPurchaseOrder(found.data);
  }

  const readCart = (poNumber: string, limits?: CallLimits) =>
    wps.find({ method: 'GET', path: path('carts', poNumber), action: `look up the cart for PO ${poNumber}`, schema: wire.cart }, limits);

  /**
   * The cart to fill and what it still lacks. A cart left by an interrupted attempt is kept when it
   * holds no more than the PO wants; one holding anything else is replaced, so the order matches the PO.
   */
  async function readyCart(poNumber: string, cartBody: Record<string, unknown>, lines: Line[], limits?: CallLimits) {
    const leftover = await readCart(poNumber, limits);
    const lacking = leftover && shortfall(leftover.data, lines);
    if (leftover && lacking) {
      return { cartNumber: leftover.data.cart_number ?? undefined, leftover: 'reused', lacking } as const;
    }
    if (leftover) {
      await wps.request(
        { method: 'DELETE', path: path('carts', poNumber), action: `delete the outdated cart for PO ${poNumber}`, schema: z.unknown() },
        limits,
      );
    }
    const created = await wps.request(
      { method: 'POST', path: '/carts', body: cartBody, action: `create the cart for PO ${poNumber}`, schema: wire.createdCart },
      limits,
    );
    return { cartNumber: created.data.cart_number, leftover: leftover ? 'replaced' : 'none', lacking: lines } as const;
  }

  /**
   * Reads the filled cart back before ordering it: a request of an earlier attempt that WPS carried
   * out late would otherwise double a line. A cart that is not exactly the PO is left for the next
   * attempt, which replaces it.
   */
  async function confirmCart(poNumber: string, lines: Line[], limits?: CallLimits): Promise<void> {
    const filled = await readCart(poNumber, limits);
    const lacking = filled && shortfall(filled.data, lines);
    if (!lacking || lacking.length > 0) {
      throw new DistributorError(
        'transient',
        `The WPS cart for PO ${poNumber} did not hold exactly the PO's items after they were added; it was not ordered, and the next attempt rebuilds it`,
      );
    }
  }

  /**
   * WPS refused to order the cart because it is gone: an earlier attempt (or a lost answer) already
   * submitted it. That order is the answer; without one, the next attempt builds the cart again.
   */
  async function placedEarlier(poNumber: string, refusal: DistributorError, sent: Record<string, unknown>, limits?: CallLimits) {
    const existing = await findPurchaseOrder(poNumber, limits);
    if (!existing) {
      throw new DistributorError('transient', `${refusal.message}; WPS has no order under PO ${poNumber} yet, so the next attempt builds the cart again`);
    }
    return {
      poNumber,
      distributorOrderRefs: existing.distributorOrderRefs,
      summary: { ...sent, alreadyPlaced: true, wpsSaid: refusal.message, orderNumbers: existing.distributorOrderRefs, status: existing.status },
    };
  }

  async function submitPurchaseOrder(request: PurchaseOrderRequest, limits?: CallLimits): Promise<SubmittedPurchaseOrder> {
    const cartBody = cartFor(request);
    const lines = mergeLines(request.lines);
    const { poNumber } = request;
    const sent = { shipVia: request.shipMethod, lines };
    const cart = await readyCart(poNumber, cartBody, lines, limits);
    for (const line of cart.lacking) {
      await wps.request(
        {
          method: 'POST',
          path: `${path('carts', poNumber)}/items`,
          body: { item_sku: line.sku, quantity: line.quantity },
          action: `add item ${line.sku} to the cart for PO ${poNumber}`,
          schema: wire.addedItem,
        },
        limits,
      );
    }
    if (cart.lacking.length > 0) await confirmCart(poNumber, lines, limits);
    let order: wire.WpsSubmittedOrder;
    try {
      order = await wps.request(
        { method: 'POST', path: '/orders', body: { po_number: poNumber }, action: `submit PO ${poNumber}`, schema: wire.submittedOrder },
        limits,
      );
    } catch (error) {
      if (error instanceof DistributorError && error.kind === 'rejected' && CART_GONE.test(error.message)) {
        return placedEarlier(poNumber, error, sent, limits);
      }
      throw error;
    }
    return {
      poNumber,
      distributorOrderRefs: [order.data.order_number],
      summary: {
        ...sent,
        cartNumber: cart.cartNumber,
        leftoverCart: cart.leftover,
        itemsAdded: cart.lacking.length,
        orderNumber: order.data.order_number,
        orderStatus: order.data.status ?? undefined,
      },
    };
  }

  async function checkStock(skus: string[], limits?: CallLimits): Promise<LiveStock[]> {
    if (skus.length === 0) return [];
    const query = new URLSearchParams({ 'filter[sku]': skus.join(',') });
    const stock = await wps.request(
      { method: 'GET', path: `/inventory?${query}`, action: `check stock of ${skus.join(', ')}`, schema: wire.inventory },
      limits,
    );
    return skus.map((sku) => ({
      distributorSku: sku,
      warehouses: stock.data.find((entry) => entry.sku === sku)?.warehouses ?? [],
    }));
  }

  /** POs by WPS order date; a page cursor in WPS's collection style is followed when the answer carries one. */
  async function listPurchaseOrders(query: { from: string; to: string; page?: string | undefined }, limits?: CallLimits) {
    const params = new URLSearchParams({ from_date: wpsDate(query.from), to_date: wpsDate(query.to) });
    if (query.page) params.set('page[cursor]', query.page);
    const listed = await wps.request(
      { method: 'GET', path: `/orders?${params}`, action: `list the orders of ${query.from} to ${query.to}`, schema: wire.purchaseOrders },
      limits,
    );
    return { orders: listed.data.map(toPurchaseOrder), nextPage: listed.meta?.cursor?.next ?? null };
  }

  /** Lists today's POs: cheap, and it proves the token may read orders. */
  async function testConnection(limits?: CallLimits): Promise<void> {
    const today = yyyymmdd(new Date());
    await wps.request(
      {
        method: 'GET',
        path: `/orders?${new URLSearchParams({ from_date: today, to_date: today })}`,
        action: 'list orders',
        schema: wire.purchaseOrders,
      },
      limits,
    );
  }

  return {
    distributor: 'wps',
    capabilities: { liveStock: true, cancel: false, listOrders: true },
    findPurchaseOrder,
    listPurchaseOrders,
    submitPurchaseOrder,
    checkStock,
    testConnection,
  };
}
