import { carrierFromTrackingNumber, upsTrackingNumber, type Carrier } from '../../carriers.js';
import { DROP_SHIP_ORDER_TYPE, PO_NUMBER_MAX, REQUIRED_SHIP_TO, SHIP_TO_LIMITS, type ShipToField } from '../contract.js';
import { BACKORDER, CANCEL, SHIP, type Move } from '../../../sandboxes/line-moves.js';

/**
 * The Parts Unlimited sandbox's in-memory order book, with the rules the real API applies as far as
 * public code shows them. Shapes are PU wire shapes (snake_case) so routes return them as is.
 *
 * How PU reports an order after it was placed is not public; this is our design, served by the
 * sandbox's GET /api/v2/orders/dropship and read by the connector's mapping:
 *   {orders: [{purchase_order_number, reference_number, order_date, status, shipping_method,
 *     line_items: [{line_number, part_number, ordered, shipped, backordered, cancelled}],
 *     shipments: [{carrier, tracking_number, ship_date, line_items: [{part_number, quantity}]}]}]}
 * `status` sums the lines up: OPEN (nothing shipped yet), BACKORDERED (some parts wait for stock),
 * PARTIAL (some shipped, some not), SHIPPED (everything not cancelled shipped), CANCELLED.
 */

export type PuOrderStatus = 'OPEN' | 'BACKORDERED' | 'PARTIAL' | 'SHIPPED' | 'CANCELLED';

export interface PuOrderLine {
  line_number: number;
  part_number: string;
  ordered: number;
  shipped: number;
  backordered: number;
  cancelled: number;
}

export interface PuShipment {
  carrier: string;
  tracking_number: string;
  ship_date: string;
  line_items: Array<{ part_number: string; quantity: number }>;
}

export interface PuOrder {
  dealer_number: string;
  purchase_order_number: string;
  reference_number: string;
  order_type: string;
  order_date: string;
  status: PuOrderStatus;
  shipping_method: string;
  cancellation_policy: string | null;
  ship_to_address: Record<string, string>;
  order_total: number;
  line_items: PuOrderLine[];
  shipments: PuShipment[];
}

/** Quantities of parts, as the control API names them. */
export interface PuPartQuantity {
  sku: string;
  quantity: number;
}

export interface PuPackage {
  /** Omitted: everything on the PO that is still to ship. */
  items?: PuPartQuantity[] | undefined;
  tracking_number?: string | undefined;
  carrier?: Carrier | undefined;
}

export interface PartsUnlimitedSandboxOptions {
  /** Accepted API keys and the dealer account behind each. Default: `PU_SANDBOX_API_KEY` for `PU_SANDBOX_DEALER_NUMBER`. */
  accounts?: Record<string, { dealerNumber: string; onHold?: boolean }>;
  /** Known part numbers, their dealer price and stock per warehouse. Default: a few fixture parts. */
  catalog?: Record<string, { price: number; warehouses: Record<string, number> }>;
  /**
   * What a second order under a PO number the dealer already used does; PU's behaviour is not public.
   * `reject` (default) answers with a mainframe error; `accept` places another order, as a mainframe
   * without a uniqueness check would.
   */
  duplicatePo?: 'reject' | 'accept';
  now?: () => Date;
}

export const PU_SANDBOX_DEALER_NUMBER = '100234';
export const PU_SANDBOX_API_KEY = 'pu-sandbox-api-key';

/** Warehouse codes are made up; PU's are not public. */
const DEFAULT_CATALOG: Record<string, { price: number; warehouses: Record<string, number> }> = {
  '0101-3337': { price: 89.95, warehouses: { WI: 6, NV: 4 } },
  '2110-0001': { price: 24.5, warehouses: { WI: 5 } },
  '0402-0212': { price: 12.95, warehouses: { PA: 30, NV: 2 } },
  '1010-2020': { price: 199, warehouses: {} },
};

/**
 * A request the real API would refuse. With `mainframeErrors` the body is PU's order-error shape
 * (`{status_code: 400, status_message, mainframeErrors: [{text}]}`), otherwise `{message}`.
 */
export class PuRejection extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly mainframeErrors?: string[],
  ) {
    super(message);
  }
}

/** Mainframe refusals come back as HTTP 200, as public code expects: the failure is in the body. */
const refused = (texts: string[]) => new PuRejection(200, 'Order not accepted', texts);

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isQuantity = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1;

function orderProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (body.order_type !== DROP_SHIP_ORDER_TYPE) problems.push(`order_type must be ${DROP_SHIP_ORDER_TYPE}`);
  const po = body.purchase_order_number;
  if (!isText(po)) problems.push('purchase_order_number is required');
  else if (po.length > PO_NUMBER_MAX) problems.push(`purchase_order_number must be ${PO_NUMBER_MAX} characters or fewer`);
  if (!isText(body.shipping_method)) problems.push('shipping_method is required');
  const address = body.ship_to_address;
  if (typeof address !== 'object' || address === null) {
    problems.push('ship_to_address is required');
  } else {
    const fields = address as Record<string, unknown>;
    for (const field of REQUIRED_SHIP_TO) {
      if (!isText(fields[field])) problems.push(`ship_to_address.${field} is required`);
    }
    for (const [field, max] of Object.entries(SHIP_TO_LIMITS) as Array<[ShipToField, number]>) {
      const value = fields[field];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') problems.push(`ship_to_address.${field} must be a string`);
      else if (value.length > max) problems.push(`ship_to_address.${field} must be ${max} characters or fewer`);
    }
  }
  const lines = body.line_items;
  if (!Array.isArray(lines) || lines.length === 0) problems.push('line_items must list at least one part');
  else {
    lines.forEach((line: Record<string, unknown> | null, index) => {
      if (!isText(line?.part_number)) problems.push(`line_items[${index}].part_number is required`);
      if (!isQuantity(line?.quantity)) problems.push(`line_items[${index}].quantity must be a whole number of at least 1`);
    });
  }
  return problems;
}

function statusOf(lines: PuOrderLine[]): PuOrderStatus {
  const live = lines.filter((line) => line.ordered > line.cancelled);
  if (live.length === 0) return 'CANCELLED';
  if (live.every((line) => line.shipped >= line.ordered - line.cancelled)) return 'SHIPPED';
  if (lines.some((line) => line.shipped > 0)) return 'PARTIAL';
  if (lines.some((line) => line.backordered > 0)) return 'BACKORDERED';
  return 'OPEN';
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function createPuStore(options: PartsUnlimitedSandboxOptions = {}) {
  const accounts = options.accounts ?? { [PU_SANDBOX_API_KEY]: { dealerNumber: PU_SANDBOX_DEALER_NUMBER } };
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  const now = options.now ?? (() => new Date());
  /** Every order ever placed, in order, so tests can count orders per PO across retries. */
  const orders: PuOrder[] = [];
  const counters = { reference: 5_000_001, package: 1 };

  function reset(): void {
    orders.length = 0;
  }

  function account(apiKey: string): { dealerNumber: string; onHold: boolean } | null {
    if (!Object.hasOwn(accounts, apiKey)) return null;
    const found = accounts[apiKey]!;
    return { dealerNumber: found.dealerNumber, onHold: found.onHold ?? false };
  }

  function authorise(apiKey: string, dealerNumber: unknown): { dealerNumber: string; onHold: boolean } {
    const owner = account(apiKey);
    if (!owner || owner.dealerNumber !== dealerNumber) {
      throw new PuRejection(403, `The API key is not valid for dealer number ${String(dealerNumber ?? '')}`);
    }
    return owner;
  }

  function createOrder(apiKey: string, body: Record<string, unknown>): PuOrder {
    const { dealerNumber, onHold } = authorise(apiKey, body.dealer_number);
    const problems = orderProblems(body);
    if (problems.length > 0) throw new PuRejection(400, 'Invalid order', problems);
    if (onHold) throw refused([`Dealer account ${dealerNumber} is on credit hold`]);
    const poNumber = body.purchase_order_number as string;
    const duplicate = orders.some((o) => o.dealer_number === dealerNumber && o.purchase_order_number === poNumber);
    if (duplicate && options.duplicatePo !== 'accept') throw refused(['Duplicate purchase order number']);
    const lines = body.line_items as Array<{ part_number: string; quantity: number }>;
    const unknown = lines.filter((line) => !Object.hasOwn(catalog, line.part_number));
    if (unknown.length > 0) throw refused(unknown.map((line) => `Part number ${line.part_number} not found`));
    const total = lines.reduce((sum, line) => sum + catalog[line.part_number]!.price * line.quantity, 0);
    const order: PuOrder = {
      dealer_number: dealerNumber,
      purchase_order_number: poNumber,
      reference_number: String(counters.reference++),
      order_type: DROP_SHIP_ORDER_TYPE,
      order_date: isoDay(now()),
      status: 'OPEN',
      shipping_method: body.shipping_method as string,
      cancellation_policy: typeof body.cancellation_policy === 'string' ? body.cancellation_policy : null,
      ship_to_address: body.ship_to_address as Record<string, string>,
      order_total: Math.round(total * 100) / 100,
      line_items: lines.map((line, index) => ({
        line_number: index + 1,
        part_number: line.part_number,
        ordered: line.quantity,
        shipped: 0,
        backordered: 0,
        cancelled: 0,
      })),
      shipments: [],
    };
    orders.push(order);
    return order;
  }

  /** The order list, for the key's dealer only; every filter is optional, dates are YYYY-MM-DD. */
  function listOrders(apiKey: string, query: Record<string, string | undefined>): PuOrder[] {
    authorise(apiKey, query.dealer_number);
    const { purchase_order_number: po, order_date_start: from, order_date_end: to } = query;
    for (const [field, value] of [
      ['order_date_start', from],
      ['order_date_end', to],
    ] as const) {
      if (value !== undefined && !DAY.test(value)) throw new PuRejection(400, `${field} must be a date in YYYY-MM-DD format`);
    }
    return orders.filter(
      (order) =>
        order.dealer_number === query.dealer_number &&
        (po === undefined || order.purchase_order_number === po) &&
        (from === undefined || order.order_date >= from) &&
        (to === undefined || order.order_date <= to),
    );
  }

  /** Stock per warehouse; a part PU does not carry has no availability (our assumption). */
  function stock(sku: string) {
    if (!Object.hasOwn(catalog, sku)) return { availability: [] };
    const warehouses = Object.entries(catalog[sku]!.warehouses).map(([warehouse, quantity]) => ({ warehouse, quantity }));
    return { availability: [{ part_number: sku, warehouses }] };
  }

  function ordersOf(poNumber: string): PuOrder[] {
    const found = orders.filter((order) => order.purchase_order_number === poNumber);
    if (found.length === 0) throw new PuRejection(404, `No order has purchase order number ${poNumber}`);
    return found;
  }

  /**
   * Takes quantities of parts from the PO's orders, oldest first, checking first that they are all
   * there. Without items, takes everything the change may take. Returns what each order gave up.
   */
  function move(poNumber: string, items: PuPartQuantity[] | undefined, change: Move) {
    const found = ordersOf(poNumber);
    const lines = found.flatMap((order) => order.line_items);
    const wanted = new Map<string, number>();
    for (const { sku, quantity } of items ?? lines.map((line) => ({ sku: line.part_number, quantity: change.available(line) }))) {
      wanted.set(sku, (wanted.get(sku) ?? 0) + quantity);
    }
    for (const [sku, quantity] of wanted) {
      const available = lines.filter((line) => line.part_number === sku).reduce((n, line) => n + change.available(line), 0);
      if (available < quantity) {
        throw new PuRejection(409, `PO ${poNumber} has ${available} of ${sku} left to ${change.verb}, not ${quantity}`);
      }
    }
    if ([...wanted.values()].every((quantity) => quantity === 0)) {
      throw new PuRejection(409, `Nothing on PO ${poNumber} is left to ${change.verb}`);
    }
    const moved: Array<{ order: PuOrder; parts: Array<{ part_number: string; quantity: number }> }> = [];
    for (const order of found) {
      const parts: Array<{ part_number: string; quantity: number }> = [];
      for (const line of order.line_items) {
        const quantity = Math.min(change.available(line), wanted.get(line.part_number) ?? 0);
        if (quantity === 0) continue;
        change.apply(line, quantity);
        wanted.set(line.part_number, wanted.get(line.part_number)! - quantity);
        parts.push({ part_number: line.part_number, quantity });
      }
      order.status = statusOf(order.line_items);
      if (parts.length > 0) moved.push({ order, parts });
    }
    return moved;
  }

  /** Only UPS numbers are generated: their check digit is what the channels validate. */
  function labelFor(pkg: PuPackage): { carrier: Carrier; tracking_number: string } {
    if (pkg.tracking_number) {
      const carrier = pkg.carrier ?? carrierFromTrackingNumber(pkg.tracking_number);
      if (!carrier) throw new PuRejection(400, `Name the carrier of tracking number ${pkg.tracking_number}`);
      return { carrier, tracking_number: pkg.tracking_number };
    }
    if (pkg.carrier && pkg.carrier !== 'UPS') {
      throw new PuRejection(400, `A ${pkg.carrier} package needs a tracking_number; only UPS numbers are generated`);
    }
    return { carrier: 'UPS', tracking_number: upsTrackingNumber(`PU0WI003${String(counters.package++).padStart(7, '0')}`) };
  }

  /**
   * Ships packages in order; without packages, everything still to ship goes in one. A package
   * spanning two orders of the PO is listed on both with the same tracking number.
   */
  function ship(poNumber: string, packages: PuPackage[] = [{}]): void {
    for (const pkg of packages) {
      const label = labelFor(pkg);
      const shipDate = isoDay(now());
      for (const { order, parts } of move(poNumber, pkg.items, SHIP)) {
        order.shipments.push({ ...label, ship_date: shipDate, line_items: parts });
      }
    }
  }

  function backorder(poNumber: string, items?: PuPartQuantity[]): void {
    move(poNumber, items, BACKORDER);
  }

  function cancel(poNumber: string, items?: PuPartQuantity[]): void {
    move(poNumber, items, CANCEL);
  }

  return { orders, reset, account, createOrder, listOrders, stock, ordersOf, ship, backorder, cancel };
}
