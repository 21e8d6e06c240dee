import { addressProblems } from '../../domain/address.js';
import { normaliseTrackingNumber } from '../carriers.js';
import { carrierOf, statusFromQuantities } from '../po-reading.js';
import { DistributorError, type DistributorPurchaseOrder, type DistributorShipment, type PurchaseOrderRequest } from '../types.js';
import { PO_NUMBER_MAX, PRINTABLE_ASCII, SHIP_TO_COUNTRY, SHIP_TO_LIMITS, isoDayOf, type Classification, type ShipToField } from './contract.js';
import type { AutomaticWireOrder } from './wire.js';

export interface Line {
  sku: string;
  quantity: number;
}

/**
 * The POST /order/create body. [ASSUMED, low] Three blocks, named like the fields the v2 notes name
 * (`header.ponumber`, `shipToAddress.*`); `lines` carry Automatic part numbers and quantities.
 */
export interface AutomaticOrderBody {
  header: { ponumber: string; shipMethod: string };
  shipToAddress: Partial<Record<ShipToField, string>> & { classification: Classification };
  lines: Array<{ lineNumber: number; partNumber: string; quantity: number }>;
}

const FIELD_NAMES: Record<ShipToField, string> = {
  name: 'Ship-to name',
  company: 'Ship-to company',
  address1: 'Ship-to address line 1',
  address2: 'Ship-to address line 2',
  city: 'Ship-to city',
  state: 'Ship-to state',
  zip: 'Ship-to ZIP code',
  country: 'Ship-to country',
  phone: 'Ship-to phone',
};

/** Adds up repeated SKUs, so quantities read back per part number match what was sent. */
export function mergeLines(lines: PurchaseOrderRequest['lines']): Line[] {
  const merged = new Map<string, number>();
  for (const { distributorSku, quantity } of lines) merged.set(distributorSku, (merged.get(distributorSku) ?? 0) + quantity);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * A phone only helps the carrier, so one that is not ten US digits is left out rather than holding
 * the PO back.
 */
function usPhone(phone: string | undefined): string | undefined {
  const digits = phone?.replace(/\D/g, '') ?? '';
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return national.length === 10 ? national : undefined;
}

export function poNumberProblems(poNumber: string): string[] {
  const problems: string[] = [];
  if (poNumber.trim() === '') problems.push('The PO number is missing');
  if (poNumber.length > PO_NUMBER_MAX) {
    problems.push(`PO number ${poNumber} is ${poNumber.length} characters; Automatic Distributors allows ${PO_NUMBER_MAX}`);
  }
  if (!PRINTABLE_ASCII.test(poNumber)) {
    problems.push(`PO number ${poNumber} has characters other than printable ASCII, which Automatic Distributors refuses`);
  }
  return problems;
}

/**
 * Builds the POST /order/create body, or throws one 'rejected' error listing every reason the PO
 * cannot go, before anything is sent. No buyer email is sent: no public source names a field for
 * it. A ship-to with a company is classed COMMERCIAL, any other RESIDENTIAL (our inference).
 */
export function orderFor(request: PurchaseOrderRequest): AutomaticOrderBody {
  const { shipTo, poNumber } = request;
  const problems: string[] = [...addressProblems(shipTo).map((problem) => problem.message), ...poNumberProblems(poNumber)];
  if (shipTo.country && shipTo.country !== SHIP_TO_COUNTRY) {
    problems.push(`Automatic Distributors drop-ships to US addresses only; the ship-to country is ${shipTo.country}`);
  }
  if (request.shipMethod.trim() === '') problems.push('The PO has no Automatic Distributors shipping method');
  const lines = mergeLines(request.lines);
  if (lines.length === 0) problems.push('The PO has no lines');
  for (const line of request.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      problems.push(`Part ${line.distributorSku} has quantity ${line.quantity}; Automatic Distributors needs a whole number of at least 1`);
    }
  }
  const address: Partial<Record<ShipToField, string>> = {
    name: shipTo.name?.trim(),
    company: shipTo.company?.trim() || undefined,
    address1: shipTo.line1?.trim(),
    address2: shipTo.line2?.trim() || undefined,
    city: shipTo.city?.trim(),
    state: shipTo.region?.trim(),
    zip: shipTo.postalCode?.trim(),
    country: shipTo.country?.trim(),
    phone: usPhone(shipTo.phone),
  };
  for (const [field, value] of Object.entries(address) as Array<[ShipToField, string | undefined]>) {
    const limit = SHIP_TO_LIMITS[field];
    if (value && value.length > limit) problems.push(`${FIELD_NAMES[field]} is ${value.length} characters; Automatic Distributors allows ${limit}`);
  }
  if (problems.length > 0) throw new DistributorError('rejected', problems.join('. '));
  return {
    header: { ponumber: poNumber, shipMethod: request.shipMethod.trim() },
    shipToAddress: {
      ...Object.fromEntries(Object.entries(address).filter(([, value]) => value !== undefined)),
      classification: address.company ? 'COMMERCIAL' : 'RESIDENTIAL',
    },
    lines: lines.map((line, index) => ({ lineNumber: index + 1, partNumber: line.sku, quantity: line.quantity })),
  };
}

/** How Automatic refers to one order: its number and, since a PO may carry several, its generation. */
export const orderRef = (header: { orderNumber: string; orderGenerationNumber: string }) => `${header.orderNumber}-${header.orderGenerationNumber}`;

/** True when the orders under a PO ask for exactly these parts in these quantities. */
export function ordersHold(orders: AutomaticWireOrder[], lines: Line[]): boolean {
  const ordered = new Map<string, number>();
  for (const line of orders.flatMap((order) => order.lines)) {
    ordered.set(line.partNumber, (ordered.get(line.partNumber) ?? 0) + line.quantityOrdered);
  }
  return ordered.size === lines.length && lines.every((line) => ordered.get(line.sku) === line.quantity);
}

type WireLine = AutomaticWireOrder['lines'][number];

/**
 * One shipment per tracking number. A freight package has a PRO number instead, which is what the
 * buyer tracks it by at the truck line, so it stands in for the tracking number. A number listed on
 * two orders of the PO is one package holding both.
 */
function shipmentsOf(orders: AutomaticWireOrder[]): DistributorShipment[] {
  const byNumber = new Map<string, DistributorShipment>();
  for (const { header, packages } of orders) {
    for (const pkg of packages) {
      const trackingNumber = normaliseTrackingNumber(pkg.trackingNumber || pkg.proNumber || '');
      if (trackingNumber === '') continue;
      const lines = pkg.lines.map(({ partNumber, quantity }) => ({ distributorSku: partNumber, quantity }));
      const known = byNumber.get(trackingNumber);
      if (known) {
        known.lines.push(...lines);
        continue;
      }
      byNumber.set(trackingNumber, {
        carrier: carrierOf(trackingNumber, pkg.carrier),
        trackingNumber,
        shipMethod: header.shipMethod ?? undefined,
        shippedAt: isoDayOf(pkg.shipDate ?? header.invoiceDate ?? ''),
        lines,
      });
    }
  }
  return [...byNumber.values()];
}

function quantitiesOf(lines: WireLine[], field: 'quantityBackordered' | 'quantityCancelled') {
  const merged = new Map<string, number>();
  for (const line of lines) {
    if (line[field] > 0) merged.set(line.partNumber, (merged.get(line.partNumber) ?? 0) + line[field]);
  }
  return [...merged].map(([distributorSku, quantity]) => ({ distributorSku, quantity }));
}

/** Merges every order Automatic holds under one PO number (one per generation) into one view. */
export function toPurchaseOrder(poNumber: string, orders: AutomaticWireOrder[]): DistributorPurchaseOrder {
  const lines = orders.flatMap((order) => order.lines);
  return {
    poNumber,
    distributorOrderRefs: [...new Set(orders.map((order) => orderRef(order.header)))],
    status: statusFromQuantities(
      lines.map((line) => ({
        ordered: line.quantityOrdered,
        cancelled: line.quantityCancelled,
        shipped: line.quantityShipped,
        backordered: line.quantityBackordered,
      })),
    ),
    shipments: shipmentsOf(orders),
    cancelled: quantitiesOf(lines, 'quantityCancelled'),
    backordered: quantitiesOf(lines, 'quantityBackordered'),
  };
}
