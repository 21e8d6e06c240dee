import { upsTrackingNumber, type Carrier } from '../../carriers.js';
import { CART_FIELD_LIMITS, WAREHOUSES, carrierForShipVia, isShipViaCode, type LimitedCartField } from '../contract.js';

/**
 * The WPS sandbox's in-memory account: carts, purchase orders and the stock it reports, with the
 * rules the real API applies. Shapes are WPS wire shapes (snake_case) so routes return them as is.
 *
 * `order_status` values are our assumption; WPS's enumeration is not public. OPEN: placed, nothing
 * shipped. PARTIAL: some of this order's items went out on another order_details entry, these remain.
 * BACKORDER: waiting for stock. SHIPPED: out, with tracking. CANCELLED: will not ship.
 * Money fields (freight, order_total, …) are left out: the sandbox has no prices.
 */

export type WpsOrderStatus = 'OPEN' | 'PARTIAL' | 'BACKORDER' | 'SHIPPED' | 'CANCELLED';

export interface WpsLine {
  sku: string;
  quantity: number;
}

export interface WpsCart {
  cart_number: string;
  po_number: string;
  /** Everything POST /carts was given besides po_number (ship-to, ship_via, comments, flags). */
  fields: Record<string, unknown>;
  items: Array<{ item: string; quantity: number }>;
}

export interface WpsOrderDetail {
  order_number: string;
  order_status: WpsOrderStatus;
  invoice_number: number | null;
  warehouse: string;
  order_date: string;
  ship_date: string | null;
  invoice_date: string | null;
  ship_via: string;
  tracking_numbers: string[];
  items: WpsLine[];
}

export interface WpsPurchaseOrder {
  po_number: string;
  ship_name: string;
  ship_address: string;
  ship_city: string;
  ship_state: string;
  ship_zip: string;
  order_details: WpsOrderDetail[];
}

export interface WpsAccount {
  taxIdOnFile: boolean;
}

export interface WpsSandboxOptions {
  /** Accepted bearer tokens and the account behind each. Default: `WPS_SANDBOX_TOKEN` with a Tax ID. */
  tokens?: Record<string, { taxIdOnFile?: boolean }>;
  /** Known SKUs and their stock per warehouse. Default: a few fixture items. */
  catalog?: Record<string, { warehouses: Record<string, number> }>;
  /**
   * WPS allows reusing a PO number ("allowed but not ideal"); the sandbox refuses by default so that a
   * double submission shows up as an error instead of a silent second order.
   */
  allowPoReuse?: boolean;
  /** What POST /carts does for a PO that already has a cart; WPS's behaviour is not documented. */
  duplicateCart?: 'reject' | 'return_existing';
  /** Ship every order in one package the moment it is placed (benchmarks measure Dropline, not waiting). */
  shipOnSubmit?: boolean | ((poNumber: string) => boolean);
  /**
   * Pages `GET /orders?from_date&to_date` this many POs at a time, with a `meta.cursor` in the style of
   * WPS's collection endpoints. Unset: one page without `meta` (whether WPS pages this list is not documented).
   */
  listPageSize?: number;
  /** POs the order list leaves out (while `GET /orders/{po}` still finds them): a listing that misses an order. */
  hiddenFromListing?: (poNumber: string) => boolean;
  now?: () => Date;
}

export const WPS_SANDBOX_TOKEN = 'wps-sandbox-token';

const DEFAULT_CATALOG: Record<string, { warehouses: Record<string, number> }> = {
  '87-9934': { warehouses: { ID: 12, CA: 3 } },
  '26-1105': { warehouses: { PA: 25, TX: 4 } },
  '12-0127': { warehouses: { IN: 7 } },
  '56-4410': { warehouses: {} },
};

/** A request the real API would refuse; routes turn it into the status and Laravel-style body. */
export class WpsRejection extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly errors?: Record<string, string[]>,
  ) {
    super(message);
  }
}

function unprocessable(errors: Record<string, string[]>): WpsRejection {
  const messages = Object.values(errors).flat();
  const more = messages.length - 1;
  const suffix = more > 0 ? ` (and ${more} more error${more > 1 ? 's' : ''})` : '';
  return new WpsRejection(422, `${messages[0] ?? 'The given data was invalid.'}${suffix}`, errors);
}

const label = (field: string) => field.replace(/_/g, ' ');

/** Inline ship-to fields WPS needs to drop-ship when no 7-character WPS ship-to number is given. */
const REQUIRED_SHIP_TO = ['ship_name', 'ship_address1', 'ship_city', 'ship_state', 'ship_zip'] as const;

function cartFieldErrors(body: Record<string, unknown>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (typeof body.po_number !== 'string' || body.po_number.trim() === '') add('po_number', 'The po number field is required.');
  for (const [field, max] of Object.entries(CART_FIELD_LIMITS) as Array<[LimitedCartField, number]>) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') add(field, `The ${label(field)} must be a string.`);
    else if (value.length > max) add(field, `The ${label(field)} must not be greater than ${max} characters.`);
  }
  if (typeof body.ship_to !== 'string') {
    for (const field of REQUIRED_SHIP_TO) {
      if (typeof body[field] !== 'string' || body[field] === '') add(field, `The ${label(field)} field is required.`);
    }
  }
  for (const [field, valid] of [
    ['ship_via', isShipViaCode],
    ['cross_ship_via', isShipViaCode],
    ['default_warehouse', (code: string) => WAREHOUSES.includes(code)],
  ] as const) {
    const value = body[field];
    if (value !== undefined && (typeof value !== 'string' || !valid(value))) {
      add(field, `The selected ${label(field)} is invalid.`);
    }
  }
  return errors;
}

const yyyymmdd = (date: Date) => date.toISOString().slice(0, 10).replace(/-/g, '');

/** Which carrier's code to record when a control call names a carrier instead of a ship_via code. */
const SHIP_VIA_FOR_CARRIER: Record<Carrier, string> = { UPS: 'UP2D', FedEx: 'FE2D', USPS: 'US1C', OnTrac: 'CO5' };

export interface Package {
  items?: WpsLine[] | undefined;
  tracking_number?: string | undefined;
  ship_via?: string | undefined;
  carrier?: Carrier | undefined;
}

const SHIPPABLE: ReadonlySet<WpsOrderStatus> = new Set(['OPEN', 'PARTIAL', 'BACKORDER']);
const BACKORDERABLE: ReadonlySet<WpsOrderStatus> = new Set(['OPEN', 'PARTIAL']);

export type WpsStore = ReturnType<typeof createWpsStore>;

export function createWpsStore(options: WpsSandboxOptions = {}) {
  const tokens = options.tokens ?? { [WPS_SANDBOX_TOKEN]: {} };
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  const now = options.now ?? (() => new Date());
  const carts = new Map<string, WpsCart>();
  const purchaseOrders = new Map<string, WpsPurchaseOrder>();
  /** Every order ever created, so tests can count orders per PO across reuse and retries. */
  const orders: Array<{ order_number: string; po_number: string; created_at: string }> = [];
  const counters = { cart: 1_234_567, order: 7_654_321, invoice: 99_887_766, package: 1 };

  function reset(): void {
    carts.clear();
    purchaseOrders.clear();
    orders.length = 0;
  }

  function account(token: string): WpsAccount | null {
    if (!Object.hasOwn(tokens, token)) return null;
    return { taxIdOnFile: tokens[token]?.taxIdOnFile ?? true };
  }

  function createCart(body: Record<string, unknown>): WpsCart {
    const errors = cartFieldErrors(body);
    if (Object.keys(errors).length > 0) throw unprocessable(errors);
    const { po_number: poNumber, ...fields } = body as { po_number: string } & Record<string, unknown>;
    const existing = carts.get(poNumber);
    if (existing) {
      if (options.duplicateCart === 'return_existing') return existing;
      throw unprocessable({ po_number: ['A cart with this po number already exists.'] });
    }
    const cart: WpsCart = { cart_number: String(counters.cart++), po_number: poNumber, fields, items: [] };
    carts.set(poNumber, cart);
    return cart;
  }

  function cart(poNumber: string): WpsCart {
    const found = carts.get(poNumber);
    if (!found) throw new WpsRejection(404, 'Not found');
    return found;
  }

  /** Adding a SKU the cart already holds adds to its quantity (our assumption). */
  function addItem(poNumber: string, body: Record<string, unknown>): void {
    const target = cart(poNumber);
    const { item_sku: sku, quantity } = body;
    const errors: Record<string, string[]> = {};
    if (typeof sku !== 'string' || sku === '') errors.item_sku = ['The item sku field is required.'];
    else if (!Object.hasOwn(catalog, sku)) errors.item_sku = ['The selected item sku is invalid.'];
    if (!Number.isInteger(quantity) || (quantity as number) < 1) errors.quantity = ['The quantity must be at least 1.'];
    if (Object.keys(errors).length > 0) throw unprocessable(errors);
    const line = target.items.find((item) => item.item === sku);
    if (line) line.quantity += quantity as number;
    else target.items.push({ item: sku as string, quantity: quantity as number });
  }

  function deleteCart(poNumber: string): void {
    cart(poNumber);
    carts.delete(poNumber);
  }

  function warehouseFor(cartToOrder: WpsCart): string {
    const preferred = cartToOrder.fields.default_warehouse;
    if (typeof preferred === 'string') return preferred;
    const firstSku = cartToOrder.items[0]?.item ?? '';
    const stocked = Object.entries(catalog[firstSku]?.warehouses ?? {}).find(([, quantity]) => quantity > 0);
    return stocked?.[0] ?? 'ID';
  }

  function submitOrder(token: string, poNumber: unknown): WpsOrderDetail {
    if (!account(token)?.taxIdOnFile) {
      throw new WpsRejection(403, 'This account does not have a Tax ID on file and is not permitted to drop-ship (scope: orders).');
    }
    if (typeof poNumber !== 'string' || poNumber === '') {
      throw unprocessable({ po_number: ['The po number field is required.'] });
    }
    const existing = purchaseOrders.get(poNumber);
    if (existing && !options.allowPoReuse) throw unprocessable({ po_number: ['PO already submitted'] });
    const submitted = carts.get(poNumber);
    if (!submitted) throw unprocessable({ po_number: ['No cart exists for this po number.'] });
    if (submitted.items.length === 0) throw unprocessable({ po_number: ['The cart has no items.'] });
    const text = (field: string) => (typeof submitted.fields[field] === 'string' ? (submitted.fields[field] as string) : '');
    const detail: WpsOrderDetail = {
      order_number: String(counters.order++),
      order_status: 'OPEN',
      invoice_number: null,
      warehouse: warehouseFor(submitted),
      order_date: yyyymmdd(now()),
      ship_date: null,
      invoice_date: null,
      ship_via: text('ship_via') || 'BEST',
      tracking_numbers: [],
      items: submitted.items.map(({ item, quantity }) => ({ sku: item, quantity })),
    };
    const purchaseOrder = existing ?? {
      po_number: poNumber,
      ship_name: text('ship_name'),
      ship_address: text('ship_address1'),
      ship_city: text('ship_city'),
      ship_state: text('ship_state'),
      ship_zip: text('ship_zip'),
      order_details: [],
    };
    purchaseOrder.order_details.push(detail);
    purchaseOrders.set(poNumber, purchaseOrder);
    carts.delete(poNumber);
    orders.push({ order_number: detail.order_number, po_number: poNumber, created_at: now().toISOString() });
    return detail;
  }

  function purchaseOrder(poNumber: string): WpsPurchaseOrder {
    const found = purchaseOrders.get(poNumber);
    if (!found) throw new WpsRejection(404, 'Not found');
    return found;
  }

  function purchaseOrdersBetween(fromDate: string, toDate: string): WpsPurchaseOrder[] {
    const hidden = options.hiddenFromListing ?? (() => false);
    return [...purchaseOrders.values()].filter(
      (po) => !hidden(po.po_number) && po.order_details.some((detail) => detail.order_date >= fromDate && detail.order_date <= toDate),
    );
  }

  /** Stock as WPS reports it: capped at 25 per warehouse so as not to disclose real levels. */
  function stock(skus: string[] | null): Array<{ sku: string; warehouses: Array<{ warehouse: string; quantity: number }> }> {
    const wanted = skus ?? Object.keys(catalog);
    return wanted
      .filter((sku) => Object.hasOwn(catalog, sku))
      .map((sku) => ({
        sku,
        warehouses: Object.entries(catalog[sku]!.warehouses).map(([warehouse, quantity]) => ({
          warehouse,
          quantity: Math.min(quantity, 25),
        })),
      }));
  }

  /**
   * Moves quantities of the PO's items out of details in `from` into details with the target status.
   * A detail that gives up all its items changes in place; otherwise the moved items become a new
   * order_details entry, the way a distributor splits an order into what went and what remains.
   */
  function moveItems(
    po: WpsPurchaseOrder,
    lines: WpsLine[] | undefined,
    from: ReadonlySet<WpsOrderStatus>,
    change: Partial<WpsOrderDetail> & { order_status: WpsOrderStatus },
  ): WpsOrderDetail[] {
    const sources = po.order_details.filter((detail) => from.has(detail.order_status));
    const wanted = new Map<string, number>();
    for (const line of lines ?? sources.flatMap((detail) => detail.items)) {
      wanted.set(line.sku, (wanted.get(line.sku) ?? 0) + line.quantity);
    }
    if (wanted.size === 0) throw unprocessable({ items: ['Nothing on this PO is left to change.'] });
    for (const [sku, quantity] of wanted) {
      const available = sources
        .flatMap((d) => d.items)
        .filter((i) => i.sku === sku)
        .reduce((n, i) => n + i.quantity, 0);
      if (available < quantity) {
        const message = `PO ${po.po_number} has ${available} of ${sku} that can become ${change.order_status}.`;
        throw unprocessable({ items: [message] });
      }
    }
    const changed: WpsOrderDetail[] = [];
    for (const source of sources) {
      const taken: WpsLine[] = [];
      for (const item of source.items) {
        const quantity = Math.min(item.quantity, wanted.get(item.sku) ?? 0);
        if (quantity === 0) continue;
        taken.push({ sku: item.sku, quantity });
        wanted.set(item.sku, (wanted.get(item.sku) ?? 0) - quantity);
      }
      if (taken.length === 0) continue;
      const takesAll = taken.reduce((n, t) => n + t.quantity, 0) === source.items.reduce((n, i) => n + i.quantity, 0);
      if (takesAll) {
        Object.assign(source, change, { tracking_numbers: [...(change.tracking_numbers ?? source.tracking_numbers)] });
        changed.push(source);
        continue;
      }
      for (const { sku, quantity } of taken) source.items.find((item) => item.sku === sku)!.quantity -= quantity;
      source.items = source.items.filter((item) => item.quantity > 0);
      if (change.order_status === 'SHIPPED' && source.order_status === 'OPEN') source.order_status = 'PARTIAL';
      const split: WpsOrderDetail = {
        ...source,
        ...change,
        order_number: String(counters.order++),
        tracking_numbers: [...(change.tracking_numbers ?? [])],
        items: taken,
      };
      po.order_details.push(split);
      changed.push(split);
    }
    return changed;
  }

  function trackingNumberFor(pkg: Package, shipVia: string): string {
    if (pkg.tracking_number) return pkg.tracking_number;
    const carrier = carrierForShipVia(shipVia);
    if (carrier !== null && carrier !== 'UPS') {
      const message = `A ${carrier} package needs a tracking_number; only UPS numbers are generated.`;
      throw unprocessable({ tracking_number: [message] });
    }
    return upsTrackingNumber(`WPS0ID03${String(counters.package++).padStart(7, '0')}`);
  }

  function shipPackage(po: WpsPurchaseOrder, pkg: Package, items: WpsLine[] | undefined): WpsOrderDetail[] {
    const firstOpen = po.order_details.find((detail) => SHIPPABLE.has(detail.order_status));
    const shipVia = pkg.ship_via ?? (pkg.carrier ? SHIP_VIA_FOR_CARRIER[pkg.carrier] : (firstOpen?.ship_via ?? 'BEST'));
    const today = yyyymmdd(now());
    return moveItems(po, items, SHIPPABLE, {
      order_status: 'SHIPPED',
      ship_via: shipVia,
      ship_date: today,
      invoice_date: today,
      invoice_number: counters.invoice++,
      tracking_numbers: [trackingNumberFor(pkg, shipVia)],
    });
  }

  function addBox(po: WpsPurchaseOrder, pkg: Package): WpsOrderDetail {
    // Invoice numbers rise with every shipment, so the highest is the latest.
    const latest = po.order_details.filter((detail) => detail.order_status === 'SHIPPED').sort((a, b) => (b.invoice_number ?? 0) - (a.invoice_number ?? 0))[0];
    if (!latest) throw unprocessable({ items: ['A package without items needs an earlier shipment to join.'] });
    latest.tracking_numbers.push(trackingNumberFor(pkg, pkg.ship_via ?? latest.ship_via));
    return latest;
  }

  /**
   * Ships packages in order; without packages, everything still open goes in one. A package without
   * items is another box of the PO's latest shipment: its tracking number joins that order_details
   * entry.
   */
  function ship(poNumber: string, packages?: Package[]): WpsOrderDetail[] {
    const po = purchaseOrder(poNumber);
    if (!packages) return shipPackage(po, {}, undefined);
    return packages.flatMap((pkg) => (pkg.items?.length ? shipPackage(po, pkg, pkg.items) : [addBox(po, pkg)]));
  }

  function backorder(poNumber: string, items?: WpsLine[]): WpsOrderDetail[] {
    return moveItems(purchaseOrder(poNumber), items, BACKORDERABLE, { order_status: 'BACKORDER' });
  }

  function cancel(poNumber: string, items?: WpsLine[]): WpsOrderDetail[] {
    return moveItems(purchaseOrder(poNumber), items, SHIPPABLE, { order_status: 'CANCELLED' });
  }

  return {
    carts,
    purchaseOrders,
    orders,
    reset,
    account,
    createCart,
    cart,
    addItem,
    deleteCart,
    submitOrder,
    purchaseOrder,
    purchaseOrdersBetween,
    stock,
    ship,
    backorder,
    cancel,
  };
}
