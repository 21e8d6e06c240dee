import { carrierFromTrackingNumber, upsTrackingNumber } from '../../carriers.js';
import {
  CARB_STATE,
  CLASSIFICATIONS,
  LOOKUP_WINDOW_DAYS,
  PO_NUMBER_MAX,
  PRINTABLE_ASCII,
  REQUIRED_SHIP_TO,
  SHIP_METHODS,
  SHIP_TO_COUNTRY,
  SHIP_TO_LIMITS,
  formatDate,
  generationNumber,
  isoDayOf,
  samePoNumber,
  type ErrorCode,
  type OrderStatus,
  type ShipToField,
} from '../contract.js';

/**
 * The Automatic Distributors sandbox's in-memory order book, with the rules contract.ts assumes.
 * Orders have the lookup's wire shape (contract.ts, PATHS.lookup) so routes return them as is. Two
 * more guesses of ours: the header echoes the account number (the connector ignores it), and an order
 * is invoiced on the day its first package leaves (the connector dates a package without a ship date
 * by it).
 */

export interface AutomaticOrderLine {
  lineNumber: number;
  partNumber: string;
  quantityOrdered: number;
  quantityShipped: number;
  quantityBackordered: number;
  quantityCancelled: number;
}

export interface AutomaticPackage {
  carrier: string;
  trackingNumber: string | null;
  proNumber: string | null;
  shipDate: string;
  lines: Array<{ partNumber: string; quantity: number }>;
}

export interface AutomaticOrder {
  header: {
    ponumber: string;
    orderNumber: string;
    orderGenerationNumber: string;
    accountNumber: string;
    orderDate: string;
    invoiceDate: string | null;
    status: OrderStatus;
    shipMethod: string;
  };
  shipToAddress: Record<string, string>;
  lines: AutomaticOrderLine[];
  packages: AutomaticPackage[];
}

/** Quantities of parts, as the control API names them. */
export interface PartQuantity {
  sku: string;
  quantity: number;
}

export interface AutomaticPackageLabel {
  /** Omitted: everything on the PO that is still to ship. */
  items?: PartQuantity[] | undefined;
  trackingNumber?: string | undefined;
  /** A freight package's PRO number; with no tracking number, `carrier` names the truck line. */
  proNumber?: string | undefined;
  carrier?: string | undefined;
}

export type AccountStatus = 'active' | 'on_hold' | 'no_dropship';

export interface AutomaticSandboxOptions {
  /** Accepted API tokens and the account behind each. Default: `AUTOMATIC_SANDBOX_API_TOKEN`, active. */
  accounts?: Record<string, { accountNumber: string; status?: AccountStatus }>;
  /** Known part numbers; `carbRestricted` ones cannot ship to California. Default: a few made-up parts. */
  catalog?: Record<string, { carbRestricted?: boolean }>;
  /**
   * What an order under a PO number the account already used does. `reject` (default) answers 409
   * DUPLICATE_PO; `accept` places the next generation, as an account without the PO flag might.
   */
  duplicatePo?: 'reject' | 'accept';
  now?: () => Date;
}

export const AUTOMATIC_SANDBOX_API_TOKEN = 'automatic-sandbox-token';
export const AUTOMATIC_SANDBOX_ACCOUNT_NUMBER = 'AD20417';

/** Part numbers are made up; Automatic's numbering is not public. */
const DEFAULT_CATALOG: Record<string, { carbRestricted?: boolean }> = {
  '171-1042': {},
  '240-0033': {},
  '350-7710': { carbRestricted: true },
};

export interface AutomaticError {
  code: ErrorCode;
  message: string;
  field?: string;
}

/** A request the real API would refuse; the error handler answers `{errors}` with the status. */
export class AutomaticRejection extends Error {
  constructor(
    readonly statusCode: number,
    readonly errors: AutomaticError[],
  ) {
    super(errors.map((error) => error.message).join('; '));
  }
}

const rejection = (statusCode: number, code: ErrorCode, message: string) => new AutomaticRejection(statusCode, [{ code, message }]);

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isQuantity = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1;
const objectAt = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

function orderProblems(body: Record<string, unknown>): AutomaticError[] {
  const problems: AutomaticError[] = [];
  const invalid = (field: string, message: string) => problems.push({ code: 'INVALID_FIELD', field, message });
  const header = objectAt(body.header);
  const po = header?.ponumber;
  if (!isText(po)) invalid('header.ponumber', 'is required');
  else {
    if (po.length > PO_NUMBER_MAX) invalid('header.ponumber', `must be ${PO_NUMBER_MAX} characters or fewer`);
    if (!PRINTABLE_ASCII.test(po)) invalid('header.ponumber', 'must be printable ASCII');
  }
  if (!(SHIP_METHODS as readonly unknown[]).includes(header?.shipMethod)) {
    invalid('header.shipMethod', `must be one of ${SHIP_METHODS.join(', ')}`);
  }
  const address = objectAt(body.shipToAddress);
  if (!address) invalid('shipToAddress', 'is required');
  else {
    for (const field of REQUIRED_SHIP_TO) {
      if (!isText(address[field])) invalid(`shipToAddress.${field}`, 'is required');
    }
    for (const [field, max] of Object.entries(SHIP_TO_LIMITS) as Array<[ShipToField, number]>) {
      const value = address[field];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') invalid(`shipToAddress.${field}`, 'must be a string');
      else if (value.length > max) invalid(`shipToAddress.${field}`, `must be ${max} characters or fewer`);
    }
    if (isText(address.country) && address.country !== SHIP_TO_COUNTRY) invalid('shipToAddress.country', `must be ${SHIP_TO_COUNTRY}`);
    if (typeof address.phone === 'string' && !/^\d{10}$/.test(address.phone)) invalid('shipToAddress.phone', 'must be 10 digits');
    if (!(CLASSIFICATIONS as readonly unknown[]).includes(address.classification)) {
      invalid('shipToAddress.classification', `must be one of ${CLASSIFICATIONS.join(', ')}`);
    }
  }
  const lines = body.lines;
  if (!Array.isArray(lines) || lines.length === 0) invalid('lines', 'must list at least one part');
  else {
    lines.forEach((line: unknown, index) => {
      const fields = objectAt(line);
      if (!isText(fields?.partNumber)) invalid(`lines[${index}].partNumber`, 'is required');
      if (!isQuantity(fields?.quantity)) invalid(`lines[${index}].quantity`, 'must be a whole number of at least 1');
    });
  }
  return problems;
}

function statusOf(lines: AutomaticOrderLine[]): OrderStatus {
  const live = lines.filter((line) => line.quantityOrdered > line.quantityCancelled);
  if (live.length === 0) return 'CANCELLED';
  if (live.every((line) => line.quantityShipped >= line.quantityOrdered - line.quantityCancelled)) return 'SHIPPED';
  if (lines.some((line) => line.quantityShipped > 0)) return 'PARTIAL';
  if (lines.some((line) => line.quantityBackordered > 0)) return 'BACKORDERED';
  return 'OPEN';
}

/** How much of a line a change may take, and how taking it changes the line. */
interface Move {
  verb: 'ship' | 'backorder' | 'cancel' | 'pick';
  available: (line: AutomaticOrderLine) => number;
  apply: (line: AutomaticOrderLine, quantity: number) => void;
}

const unshipped = (line: AutomaticOrderLine) => line.quantityOrdered - line.quantityShipped - line.quantityCancelled;
const open = (line: AutomaticOrderLine) => unshipped(line) - line.quantityBackordered;

/** Shipping fills open quantities first, then backorders. */
const SHIP: Move = {
  verb: 'ship',
  available: unshipped,
  apply: (line, quantity) => {
    line.quantityBackordered -= Math.max(0, quantity - open(line));
    line.quantityShipped += quantity;
  },
};

const BACKORDER: Move = {
  verb: 'backorder',
  available: open,
  apply: (line, quantity) => {
    line.quantityBackordered += quantity;
  },
};

/** A cancellation takes backordered quantities first: those are what a distributor gives up on. */
const CANCEL: Move = {
  verb: 'cancel',
  available: unshipped,
  apply: (line, quantity) => {
    line.quantityBackordered -= Math.min(line.quantityBackordered, quantity);
    line.quantityCancelled += quantity;
  },
};

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function createAutomaticStore(options: AutomaticSandboxOptions = {}) {
  const accounts = options.accounts ?? { [AUTOMATIC_SANDBOX_API_TOKEN]: { accountNumber: AUTOMATIC_SANDBOX_ACCOUNT_NUMBER } };
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  const now = options.now ?? (() => new Date());
  /** Every order ever placed, in order, so tests can count orders per PO across retries. */
  const orders: AutomaticOrder[] = [];
  const counters = { order: 310_001, package: 1, pro: 1 };

  function reset(): void {
    orders.length = 0;
  }

  /**
   * Units of each line the warehouse has picked: they ship, they are not revoked. Kept beside the
   * orders, not on them, as the lookup's wire shape has no such field.
   */
  const picked = new WeakMap<AutomaticOrderLine, number>();
  const pickedOf = (line: AutomaticOrderLine) => Math.min(picked.get(line) ?? 0, unshipped(line));
  const PICK: Move = {
    verb: 'pick',
    available: (line) => unshipped(line) - pickedOf(line),
    apply: (line, quantity) => picked.set(line, pickedOf(line) + quantity),
  };
  /** Picked parts are the first to ship. */
  const shipPicked: Move = {
    ...SHIP,
    apply: (line, quantity) => {
      const before = pickedOf(line);
      SHIP.apply(line, quantity);
      picked.set(line, Math.max(0, before - quantity));
    },
  };
  /** The distributor itself may cancel anything not shipped, picked or not. */
  const cancelAny: Move = {
    ...CANCEL,
    apply: (line, quantity) => {
      CANCEL.apply(line, quantity);
      picked.set(line, pickedOf(line));
    },
  };
  const REVOKE: Move = { ...CANCEL, available: (line) => unshipped(line) - pickedOf(line) };

  function account(token: string): { accountNumber: string; status: AccountStatus } | null {
    if (!Object.hasOwn(accounts, token)) return null;
    const found = accounts[token]!;
    return { accountNumber: found.accountNumber, status: found.status ?? 'active' };
  }

  function accountOf(token: string) {
    const found = account(token);
    if (!found) throw rejection(401, 'INVALID_TOKEN', 'The API token is not valid');
    return found;
  }

  const underPo = (accountNumber: string, poNumber: string) =>
    orders.filter((order) => order.header.accountNumber === accountNumber && samePoNumber(order.header.ponumber, poNumber));

  const withinWindow = (order: AutomaticOrder) => (isoDayOf(order.header.orderDate) ?? '') >= isoDay(new Date(now().getTime() - LOOKUP_WINDOW_DAYS * DAY_MS));

  function createOrder(token: string, body: Record<string, unknown>): AutomaticOrder {
    const { accountNumber, status } = accountOf(token);
    const problems = orderProblems(body);
    if (problems.length > 0) throw new AutomaticRejection(400, problems);
    if (status === 'on_hold') throw rejection(403, 'ACCOUNT_ON_HOLD', `Account ${accountNumber} is on credit hold`);
    if (status === 'no_dropship') throw rejection(403, 'DROPSHIP_NOT_ENABLED', `Account ${accountNumber} is not set up for drop-ship orders`);
    const header = body.header as { ponumber: string; shipMethod: string };
    const address = body.shipToAddress as Record<string, string>;
    const earlier = underPo(accountNumber, header.ponumber);
    if (earlier.length > 0 && options.duplicatePo !== 'accept') {
      throw rejection(409, 'DUPLICATE_PO', `PO number ${header.ponumber} has already been used`);
    }
    const lines = body.lines as Array<{ partNumber: string; quantity: number }>;
    const refusals: AutomaticError[] = [];
    lines.forEach(({ partNumber }, index) => {
      const part = Object.hasOwn(catalog, partNumber) ? catalog[partNumber]! : null;
      const field = `lines[${index}].partNumber`;
      if (!part) refusals.push({ code: 'UNKNOWN_PART', field, message: `Part number ${partNumber} not found` });
      else if (part.carbRestricted && address.state === CARB_STATE) {
        refusals.push({ code: 'CARB_RESTRICTED', field, message: `Part number ${partNumber} is not CARB-exempt and cannot ship to California` });
      }
    });
    if (refusals.length > 0) throw new AutomaticRejection(422, refusals);
    const order: AutomaticOrder = {
      header: {
        ponumber: header.ponumber,
        orderNumber: String(counters.order++),
        orderGenerationNumber: generationNumber(earlier.length + 1),
        accountNumber,
        orderDate: formatDate(now()),
        invoiceDate: null,
        status: 'OPEN',
        shipMethod: header.shipMethod,
      },
      shipToAddress: address,
      lines: lines.map((line, index) => ({
        lineNumber: index + 1,
        partNumber: line.partNumber,
        quantityOrdered: line.quantity,
        quantityShipped: 0,
        quantityBackordered: 0,
        quantityCancelled: 0,
      })),
      packages: [],
    };
    orders.push(order);
    return order;
  }

  /** The account's orders under a PO number, within the lookup window; none is an empty list. */
  function lookup(token: string, poNumber: string | undefined): AutomaticOrder[] {
    const { accountNumber } = accountOf(token);
    if (!isText(poNumber)) throw new AutomaticRejection(400, [{ code: 'INVALID_FIELD', field: 'ponumber', message: 'is required' }]);
    return underPo(accountNumber, poNumber).filter(withinWindow);
  }

  /** Orders placed between two MM/DD/YY days, at most the lookup window apart; packages carry one number. */
  function range(token: string, startDate: string | undefined, endDate: string | undefined) {
    const { accountNumber } = accountOf(token);
    const [from, to] = [isoDayOf(startDate ?? ''), isoDayOf(endDate ?? '')];
    const invalid = (field: string, message: string) => new AutomaticRejection(400, [{ code: 'INVALID_FIELD', field, message }]);
    if (!from) throw invalid('startDate', 'must be a date in MM/DD/YY format');
    if (!to) throw invalid('endDate', 'must be a date in MM/DD/YY format');
    if (from > to) throw invalid('endDate', 'must not be before startDate');
    if (Date.parse(to) - Date.parse(from) > LOOKUP_WINDOW_DAYS * DAY_MS) {
      throw invalid('endDate', `must be at most ${LOOKUP_WINDOW_DAYS} days after startDate`);
    }
    return orders
      .filter((order) => order.header.accountNumber === accountNumber)
      .filter((order) => {
        const day = isoDayOf(order.header.orderDate) ?? '';
        return day >= from && day <= to;
      })
      .map((order) => ({
        ...order,
        packages: order.packages.map(({ proNumber, trackingNumber, ...pkg }) => ({ ...pkg, trackingNumber: trackingNumber ?? proNumber })),
      }));
  }

  function ordersOf(poNumber: string): AutomaticOrder[] {
    const found = orders.filter((order) => samePoNumber(order.header.ponumber, poNumber));
    if (found.length === 0) throw rejection(404, 'ORDER_NOT_FOUND', `No order has PO number ${poNumber}`);
    return found;
  }

  /**
   * Takes quantities of parts from the given orders, oldest first, checking first that they are all
   * there. Without items, takes everything the change may take. Returns what each order gave up.
   */
  function move(poNumber: string, found: AutomaticOrder[], items: PartQuantity[] | undefined, change: Move) {
    const lines = found.flatMap((order) => order.lines);
    const wanted = new Map<string, number>();
    for (const { sku, quantity } of items ?? lines.map((line) => ({ sku: line.partNumber, quantity: change.available(line) }))) {
      wanted.set(sku, (wanted.get(sku) ?? 0) + quantity);
    }
    for (const [sku, quantity] of wanted) {
      const available = lines.filter((line) => line.partNumber === sku).reduce((n, line) => n + change.available(line), 0);
      if (available < quantity) {
        throw new AutomaticRejection(409, [
          { code: 'INVALID_FIELD', message: `PO ${poNumber} has ${available} of ${sku} left to ${change.verb}, not ${quantity}` },
        ]);
      }
    }
    if ([...wanted.values()].every((quantity) => quantity === 0)) {
      throw rejection(409, change.verb === 'cancel' ? 'NOTHING_TO_REVOKE' : 'INVALID_FIELD', `Nothing on PO ${poNumber} is left to ${change.verb}`);
    }
    const moved: Array<{ order: AutomaticOrder; parts: Array<{ partNumber: string; quantity: number }> }> = [];
    for (const order of found) {
      const parts: Array<{ partNumber: string; quantity: number }> = [];
      for (const line of order.lines) {
        const quantity = Math.min(change.available(line), wanted.get(line.partNumber) ?? 0);
        if (quantity === 0) continue;
        change.apply(line, quantity);
        wanted.set(line.partNumber, wanted.get(line.partNumber)! - quantity);
        parts.push({ partNumber: line.partNumber, quantity });
      }
      order.header.status = statusOf(order.lines);
      if (parts.length > 0) moved.push({ order, parts });
    }
    return moved;
  }

  /**
   * Only UPS numbers and PRO numbers are generated: a UPS check digit is what the channels validate,
   * and a FREIGHT order goes by truck line.
   */
  function labelFor(pkg: AutomaticPackageLabel, shipMethod: string | undefined) {
    if (pkg.trackingNumber) {
      const carrier = pkg.carrier ?? carrierFromTrackingNumber(pkg.trackingNumber);
      if (!carrier) throw rejection(400, 'INVALID_FIELD', `Name the carrier of tracking number ${pkg.trackingNumber}`);
      return { carrier, trackingNumber: pkg.trackingNumber, proNumber: pkg.proNumber ?? null };
    }
    if (pkg.proNumber) {
      if (!pkg.carrier) throw rejection(400, 'INVALID_FIELD', `Name the truck line of PRO number ${pkg.proNumber}`);
      return { carrier: pkg.carrier, trackingNumber: null, proNumber: pkg.proNumber };
    }
    if (shipMethod === 'FREIGHT') {
      return { carrier: pkg.carrier ?? 'Estes Express', trackingNumber: null, proNumber: String(7_140_000_000 + counters.pro++) };
    }
    if (pkg.carrier && pkg.carrier !== 'UPS') {
      throw rejection(400, 'INVALID_FIELD', `A ${pkg.carrier} package needs a trackingNumber; only UPS numbers are generated`);
    }
    const trackingNumber = upsTrackingNumber(`AD0PA003${String(counters.package++).padStart(7, '0')}`);
    return { carrier: 'UPS', trackingNumber, proNumber: null };
  }

  /**
   * Ships packages in order; without packages, everything still to ship goes in one. A package
   * spanning two orders of the PO is listed on both with the same numbers.
   */
  function ship(poNumber: string, packages: AutomaticPackageLabel[] = [{}]): void {
    const found = ordersOf(poNumber);
    for (const pkg of packages) {
      const label = labelFor(pkg, found[0]?.header.shipMethod);
      const shipDate = formatDate(now());
      for (const { order, parts } of move(poNumber, found, pkg.items, shipPicked)) {
        order.packages.push({ ...label, shipDate, lines: parts });
        order.header.invoiceDate ??= shipDate;
      }
    }
  }

  function backorder(poNumber: string, items?: PartQuantity[]): void {
    move(poNumber, ordersOf(poNumber), items, BACKORDER);
  }

  function cancel(poNumber: string, items?: PartQuantity[]): void {
    move(poNumber, ordersOf(poNumber), items, cancelAny);
  }

  /** The warehouse starts on parts (without items, everything not yet picked): a revoke leaves them be. */
  function pick(poNumber: string, items?: PartQuantity[]): void {
    move(poNumber, ordersOf(poNumber), items, PICK);
  }

  /**
   * Cancels everything not yet shipped or picked on every order the account has under the PO number.
   * With nothing left at all it answers NOTHING_TO_REVOKE; with only picked parts left, ORDER_IN_PROCESS.
   */
  function revoke(token: string, poNumber: unknown) {
    const { accountNumber } = accountOf(token);
    if (!isText(poNumber)) throw new AutomaticRejection(400, [{ code: 'INVALID_FIELD', field: 'ponumber', message: 'is required' }]);
    const found = underPo(accountNumber, poNumber).filter(withinWindow);
    if (found.length === 0) throw rejection(404, 'ORDER_NOT_FOUND', `No order has PO number ${poNumber}`);
    const lines = found.flatMap((order) => order.lines);
    if (lines.every((line) => unshipped(line) === 0)) throw rejection(409, 'NOTHING_TO_REVOKE', `Nothing on PO ${poNumber} is left to cancel`);
    if (lines.every((line) => REVOKE.available(line) === 0)) {
      const inBoxes = lines.filter((line) => unshipped(line) > 0).map((line) => `${unshipped(line)} × ${line.partNumber}`);
      throw rejection(409, 'ORDER_IN_PROCESS', `PO ${poNumber} is being picked for shipment (${inBoxes.join(', ')}) and can no longer be revoked`);
    }
    return move(poNumber, found, undefined, REVOKE).map(({ order }) => ({
      orderNumber: order.header.orderNumber,
      orderGenerationNumber: order.header.orderGenerationNumber,
    }));
  }

  return { orders, reset, account, createOrder, lookup, range, ordersOf, ship, backorder, cancel, pick, revoke };
}
