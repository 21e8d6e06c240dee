import { ControlRejection } from '../../../sandboxes/control.js';
import { carrierFromTrackingNumber, upsTrackingNumber, type Carrier } from '../../carriers.js';
import {
  CARRIER_CODES,
  FAILED,
  LINE_SEPARATOR,
  PO_NUMBER_MAX,
  REFUSAL_TEXTS,
  REQUIRED_SHIP_TO,
  SHIP_TO_LIMITS,
  SHP_BY_PO_PARAM,
  SPECIAL_INSTRUCTIONS_MAX,
  SPECIAL_INSTRUCTIONS_PARAM,
  SUCCESSFUL,
  type LineErrorBehaviour,
  type ShipToParam,
} from '../contract.js';
import { BACKORDER, CANCEL, SHIP, type Move } from '../../../sandboxes/line-moves.js';

/**
 * The Tucker Rocky sandbox's in-memory order book, with the rules contract.ts sets out, answering in
 * TRWS wire shapes so the route returns them as they are. Every refusal is an HTTP 200 whose section
 * has status ERROR and an `errormsg`, as contract.ts assumes.
 */

/** A parsed query string: repeated names arrive as arrays. */
export type TrwsQuery = Record<string, string | string[] | undefined>;

export interface TrOrderLine {
  itemnum: string;
  ordered: number;
  shipped: number;
  backordered: number;
  cancelled: number;
}

export interface TrPackage {
  carrier: Carrier;
  trackingnum: string;
  shipdate: string;
  lines: Array<{ itemnum: string; qty: number }>;
}

export interface TrOrder {
  customer: string;
  po: string;
  ordernum: string;
  carrier: string;
  splitlines: boolean;
  shipTo: Record<ShipToParam, string>;
  invoiceNote: string | null;
  lines: TrOrderLine[];
  packages: TrPackage[];
}

/** Quantities of items, as the control API names them. */
export interface TrItemQuantity {
  sku: string;
  quantity: number;
}

export interface TrPackageRequest {
  /** Omitted: everything on the PO that is still to ship. */
  items?: TrItemQuantity[] | undefined;
  tracking_number?: string | undefined;
  /** Omitted: the carrier of the order's carrier code. */
  carrier?: Carrier | undefined;
}

export interface TuckerRockySandboxOptions {
  /**
   * Accepted API keys and the customer account behind each. Default: `TUCKER_SANDBOX_API_KEY` for
   * `TUCKER_SANDBOX_CUSTOMER_NUMBER`, with a credit card on file, and `TUCKER_SANDBOX_NO_CARD_API_KEY`
   * for `TUCKER_SANDBOX_NO_CARD_CUSTOMER_NUMBER`, without one.
   */
  accounts?: Record<string, { customerNumber: string; creditCardOnFile: boolean }>;
  /** Known item numbers and their stock per distribution centre. Default: a few fixture items. */
  catalog?: Record<string, Record<string, number>>;
  /** What an order with an unknown item does (contract.ts). Default: `fail_order`. */
  lineErrors?: LineErrorBehaviour;
  now?: () => Date;
}

export const TUCKER_SANDBOX_CUSTOMER_NUMBER = '712920';
export const TUCKER_SANDBOX_API_KEY = 'tucker-sandbox-api-key';
export const TUCKER_SANDBOX_NO_CARD_CUSTOMER_NUMBER = '712921';
export const TUCKER_SANDBOX_NO_CARD_API_KEY = 'tucker-sandbox-no-card-api-key';

/** Item numbers as in public samples; the distribution-centre names are made up. */
const DEFAULT_CATALOG: Record<string, Record<string, number>> = {
  '581010': { TX: 8, PA: 3 },
  '160942': { TX: 2, CA: 5 },
  '581012': { PA: 12 },
  '581013': {},
};

const one = (query: TrwsQuery, name: string): string | undefined => [query[name]].flat()[0];
const all = (query: TrwsQuery, name: string): string[] => [query[name]].flat().filter((value) => value !== undefined);
const failed = (errormsg: string, extra: Record<string, unknown> = {}) => ({ status: FAILED, errormsg, ...extra });

const shipToOf = (query: TrwsQuery) =>
  Object.fromEntries(Object.keys(SHIP_TO_LIMITS).map((field) => [field, one(query, field) ?? ''])) as Record<ShipToParam, string>;

const yyyymmdd = (date: Date) => date.toISOString().slice(0, 10).replace(/-/g, '');

interface ParsedLine {
  itemnum: string;
  qty: number;
  errormsg: string;
}

/** `line=<item>,<qty>`; a malformed line keeps its text as the item so its error can name it. */
function parseLine(raw: string): ParsedLine {
  const cut = raw.lastIndexOf(LINE_SEPARATOR);
  const itemnum = (cut < 0 ? raw : raw.slice(0, cut)).trim();
  const qty = cut < 0 ? '' : raw.slice(cut + 1).trim();
  if (cut < 0 || itemnum === '') return { itemnum, qty: 0, errormsg: 'Line must be item,quantity' };
  if (!/^\d+$/.test(qty) || Number(qty) < 1) return { itemnum, qty: 0, errormsg: 'Invalid quantity' };
  return { itemnum, qty: Number(qty), errormsg: '' };
}

function orderProblems(query: TrwsQuery): string[] {
  const problems: string[] = [];
  for (const field of REQUIRED_SHIP_TO) {
    if (!one(query, field)?.trim()) problems.push(`${field} is required`);
  }
  for (const [field, max] of Object.entries(SHIP_TO_LIMITS) as Array<[ShipToParam, number]>) {
    if ((one(query, field) ?? '').length > max) problems.push(`${field} must be ${max} characters or fewer`);
  }
  const po = one(query, 'po')?.trim() ?? '';
  if (po === '') problems.push('po is required');
  else if (po.length > PO_NUMBER_MAX) problems.push(`po must be ${PO_NUMBER_MAX} characters or fewer`);
  const carrier = one(query, 'carrier')?.trim() ?? '';
  if (carrier === '') problems.push('carrier is required');
  else if (!CARRIER_CODES.has(carrier)) problems.push(REFUSAL_TEXTS.unknownCarrier(carrier));
  if ((one(query, SPECIAL_INSTRUCTIONS_PARAM) ?? '').length > SPECIAL_INSTRUCTIONS_MAX) {
    problems.push(`${SPECIAL_INSTRUCTIONS_PARAM} must be ${SPECIAL_INSTRUCTIONS_MAX} characters or fewer`);
  }
  for (const flag of ['allowduplicatepo', 'splitlines', 'submit']) {
    const value = one(query, flag);
    if (value !== undefined && value !== 'YES' && value !== 'NO') problems.push(`${flag} must be YES or NO`);
  }
  if (all(query, 'line').length === 0) problems.push('At least one line is required');
  return problems;
}

export function createTuckerRockyStore(options: TuckerRockySandboxOptions = {}) {
  const accounts = options.accounts ?? {
    [TUCKER_SANDBOX_API_KEY]: { customerNumber: TUCKER_SANDBOX_CUSTOMER_NUMBER, creditCardOnFile: true },
    [TUCKER_SANDBOX_NO_CARD_API_KEY]: { customerNumber: TUCKER_SANDBOX_NO_CARD_CUSTOMER_NUMBER, creditCardOnFile: false },
  };
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  const lineErrors = options.lineErrors ?? 'fail_order';
  const now = options.now ?? (() => new Date());
  /** Every order ever placed, in order, so tests can count orders per PO across retries. */
  const orders: TrOrder[] = [];
  const counters = { ordernum: 4_100_001, package: 1 };

  function reset(): void {
    orders.length = 0;
  }

  /** The account the API key opens, when the customer number is that account's. */
  function account(query: TrwsQuery) {
    const apikey = one(query, 'apikey') ?? '';
    const found = Object.hasOwn(accounts, apikey) ? accounts[apikey]! : null;
    return found && found.customerNumber === one(query, 'cust') ? found : null;
  }

  const samePo = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

  function submitOrder(customer: { customerNumber: string; creditCardOnFile: boolean }, query: TrwsQuery) {
    const lines = all(query, 'line').map(parseLine);
    const problems = orderProblems(query);
    const echo = () => ({ orderline: lines.map(({ itemnum, qty, errormsg }) => ({ itemnum, qty, errormsg })) });
    if (lines.some((line) => line.errormsg)) problems.push(REFUSAL_TEXTS.lineErrors);
    if (problems.length > 0) return failed(problems.join('; '), { orderinput: echo() });
    if (!customer.creditCardOnFile) return failed(REFUSAL_TEXTS.noCreditCard(customer.customerNumber), { orderinput: echo() });
    const po = one(query, 'po')!.trim();
    const taken = orders.some((order) => order.customer === customer.customerNumber && samePo(order.po, po));
    if (taken && one(query, 'allowduplicatepo') === 'NO') return failed(REFUSAL_TEXTS.duplicatePo(po), { orderinput: echo() });
    for (const line of lines) {
      if (!Object.hasOwn(catalog, line.itemnum)) line.errormsg = REFUSAL_TEXTS.unknownItem;
    }
    const placeable = lines.filter((line) => !line.errormsg);
    if (placeable.length < lines.length && (lineErrors === 'fail_order' || placeable.length === 0)) {
      return failed(REFUSAL_TEXTS.lineErrors, { orderinput: echo() });
    }
    if (one(query, 'submit') !== 'YES') {
      return { status: SUCCESSFUL, errormsg: '', orderinput: echo(), orderoutput: { ordernum: '', ...echo() } };
    }
    const order: TrOrder = {
      customer: customer.customerNumber,
      po,
      ordernum: String(counters.ordernum++),
      carrier: one(query, 'carrier')!.trim(),
      splitlines: one(query, 'splitlines') === 'YES',
      shipTo: shipToOf(query),
      invoiceNote: one(query, SPECIAL_INSTRUCTIONS_PARAM) ?? null,
      lines: placeable.map(({ itemnum, qty }) => ({ itemnum, ordered: qty, shipped: 0, backordered: 0, cancelled: 0 })),
      packages: [],
    };
    orders.push(order);
    return { status: SUCCESSFUL, errormsg: '', orderinput: echo(), orderoutput: { ordernum: order.ordernum, ...echo() } };
  }

  /** An order as SHP reports it (contract.ts): packages listed under each line they carried. */
  function shipmentOf(order: TrOrder) {
    return {
      ordernum: order.ordernum,
      po: order.po,
      carrier: order.carrier,
      shipmentline: order.lines.map((line) => ({
        itemnum: line.itemnum,
        qtyordered: line.ordered,
        qtyshipped: line.shipped,
        qtybackordered: line.backordered,
        qtycancelled: line.cancelled,
        trackingnumbers: order.packages.flatMap((pkg) =>
          pkg.lines
            .filter((packed) => packed.itemnum === line.itemnum)
            .map((packed) => ({ carrier: pkg.carrier, trackingnum: pkg.trackingnum, shipdate: pkg.shipdate, qty: packed.qty })),
        ),
      })),
    };
  }

  /** By Tucker order numbers (public) or by our PO number (contract.ts), this customer's orders only. */
  function shipments(customer: string, query: TrwsQuery) {
    const ordernums = all(query, 'ordernum');
    const po = one(query, SHP_BY_PO_PARAM);
    if (ordernums.length === 0 && po === undefined) return failed(`ordernum or ${SHP_BY_PO_PARAM} is required`);
    const asked = (order: TrOrder) => ordernums.includes(order.ordernum) || (po !== undefined && samePo(order.po, po));
    const found = orders.filter((order) => order.customer === customer && asked(order));
    return { status: SUCCESSFUL, errormsg: '', shipment: found.map(shipmentOf) };
  }

  function inventory(query: TrwsQuery) {
    const items = all(query, 'item');
    if (items.length === 0) return failed('item is required');
    return {
      status: SUCCESSFUL,
      errormsg: '',
      item: items.map((itemnum) => {
        if (!Object.hasOwn(catalog, itemnum)) return { itemnum, inventory: 0, errormsg: REFUSAL_TEXTS.unknownItem, dc: [] };
        const dc = Object.entries(catalog[itemnum]!).map(([dcname, dcinv]) => ({ dcname, dcinv }));
        return { itemnum, inventory: dc.reduce((sum, entry) => sum + entry.dcinv, 0), errormsg: '', dc };
      }),
    };
  }

  /** One TRWS call: `{<TYPE>: section}`, refusals included. */
  function answer(query: TrwsQuery): Record<string, unknown> {
    const type = one(query, 'type')?.toUpperCase() ?? '';
    const key = type || 'TRWS';
    const customer = account(query);
    if (!customer) return { [key]: failed(REFUSAL_TEXTS.auth) };
    switch (type) {
      case 'ORD':
        return { ORD: submitOrder(customer, query) };
      case 'SHP':
        return { SHP: shipments(customer.customerNumber, query) };
      case 'INV':
        return { INV: inventory(query) };
      default:
        return { [key]: failed(`Invalid type ${type}`) };
    }
  }

  function ordersOf(po: string): TrOrder[] {
    const found = orders.filter((order) => samePo(order.po, po));
    if (found.length === 0) throw new ControlRejection(404, `No order has PO number ${po}`);
    return found;
  }

  /**
   * Takes quantities of items from the PO's orders, oldest first, checking first that they are all
   * there. Without items, takes everything the change may take. Returns what each order gave up.
   */
  function move(po: string, items: TrItemQuantity[] | undefined, change: Move) {
    const found = ordersOf(po);
    const lines = found.flatMap((order) => order.lines);
    const wanted = new Map<string, number>();
    for (const { sku, quantity } of items ?? lines.map((line) => ({ sku: line.itemnum, quantity: change.available(line) }))) {
      wanted.set(sku, (wanted.get(sku) ?? 0) + quantity);
    }
    for (const [sku, quantity] of wanted) {
      const available = lines.filter((line) => line.itemnum === sku).reduce((n, line) => n + change.available(line), 0);
      if (available < quantity) {
        throw new ControlRejection(409, `PO ${po} has ${available} of ${sku} left to ${change.verb}, not ${quantity}`);
      }
    }
    if ([...wanted.values()].every((quantity) => quantity === 0)) {
      throw new ControlRejection(409, `Nothing on PO ${po} is left to ${change.verb}`);
    }
    const moved: Array<{ order: TrOrder; lines: Array<{ itemnum: string; qty: number }> }> = [];
    for (const order of found) {
      const taken: Array<{ itemnum: string; qty: number }> = [];
      for (const line of order.lines) {
        const quantity = Math.min(change.available(line), wanted.get(line.itemnum) ?? 0);
        if (quantity === 0) continue;
        change.apply(line, quantity);
        wanted.set(line.itemnum, wanted.get(line.itemnum)! - quantity);
        taken.push({ itemnum: line.itemnum, qty: quantity });
      }
      if (taken.length > 0) moved.push({ order, lines: taken });
    }
    return moved;
  }

  /** Only UPS numbers are generated: their check digit is what the channels validate. */
  function labelFor(order: TrOrder, pkg: TrPackageRequest): { carrier: Carrier; trackingnum: string } {
    if (pkg.tracking_number) {
      const carrier = pkg.carrier ?? carrierFromTrackingNumber(pkg.tracking_number) ?? CARRIER_CODES.get(order.carrier);
      if (!carrier) throw new ControlRejection(400, `Name the carrier of tracking number ${pkg.tracking_number}`);
      return { carrier, trackingnum: pkg.tracking_number };
    }
    const carrier = pkg.carrier ?? CARRIER_CODES.get(order.carrier) ?? 'UPS';
    if (carrier !== 'UPS') {
      throw new ControlRejection(400, `A ${carrier} package needs a tracking_number; only UPS numbers are generated`);
    }
    return { carrier, trackingnum: upsTrackingNumber(`TR0TX003${String(counters.package++).padStart(7, '0')}`) };
  }

  /**
   * Ships packages in order; without packages, everything still to ship goes in one. A package
   * spanning two orders of the PO is listed on both with the same tracking number.
   */
  function ship(po: string, packages: TrPackageRequest[] = [{}]): void {
    for (const pkg of packages) {
      const label = labelFor(ordersOf(po)[0]!, pkg);
      const shipdate = yyyymmdd(now());
      for (const { order, lines } of move(po, pkg.items, SHIP)) order.packages.push({ ...label, shipdate, lines });
    }
  }

  function backorder(po: string, items?: TrItemQuantity[]): void {
    move(po, items, BACKORDER);
  }

  function cancel(po: string, items?: TrItemQuantity[]): void {
    move(po, items, CANCEL);
  }

  return { orders, reset, answer, ordersOf, ship, backorder, cancel };
}
