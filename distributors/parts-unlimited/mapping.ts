import { addressProblems } from '../../domain/address.js';
import { normaliseTrackingNumber } from '../carriers.js';
import { carrierOf, isoDate, statusFromQuantities } from '../po-reading.js';
import { DistributorError, type DistributorPurchaseOrder, type DistributorShipment, type PurchaseOrderRequest } from '../types.js';
import { CANCELLATION_POLICY, DROP_SHIP_ORDER_TYPE, PO_NUMBER_MAX, SHIP_TO_LIMITS, type ShipToField } from './contract.js';
import type { PuWireOrder } from './wire.js';

interface Line {
  sku: string;
  quantity: number;
}

const FIELD_NAMES: Record<ShipToField, string> = {
  name: 'Ship-to name',
  company: 'Ship-to company',
  address_line_1: 'Ship-to address line 1',
  address_line_2: 'Ship-to address line 2',
  city: 'Ship-to city',
  state: 'Ship-to state',
  postal_code: 'Ship-to ZIP code',
  country: 'Ship-to country',
};

export interface PuOrderBody {
  dealer_number: string;
  order_type: string;
  purchase_order_number: string;
  shipping_method: string;
  validate_price: boolean;
  cancellation_policy: string;
  ship_to_address: Record<ShipToField, string>;
  line_items: Array<{ line_number: number; part_number: string; quantity: number }>;
}

/** Public samples send absent address parts as empty strings. */
const clean = (value: string | undefined) => value?.trim() ?? '';

/** Adds up repeated SKUs, so quantities read back per part number match what was sent. */
function mergeLines(lines: PurchaseOrderRequest['lines']): Line[] {
  const merged = new Map<string, number>();
  for (const { distributorSku, quantity } of lines) merged.set(distributorSku, (merged.get(distributorSku) ?? 0) + quantity);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * Builds the POST /v2/orders/dropship body, or throws one 'rejected' error listing every reason the
 * PO cannot go, before anything is sent. No public sample has a phone, email or order comment
 * field, so none is sent. Every public integration ships to US addresses, so we send only those (our
 * inference). Prices are left out with `validate_price: false`: PU prices the order at the dealer's
 * cost, which Dropline does not know.
 */
export function orderFor(request: PurchaseOrderRequest, dealerNumber: string): PuOrderBody {
  const { shipTo, poNumber } = request;
  const problems: string[] = addressProblems(shipTo).map((problem) => problem.message);
  if (poNumber.trim() === '') problems.push('The PO number is missing');
  if (poNumber.length > PO_NUMBER_MAX) {
    problems.push(`PO number ${poNumber} is ${poNumber.length} characters; Parts Unlimited allows ${PO_NUMBER_MAX}`);
  }
  if (shipTo.country && shipTo.country !== 'US') {
    problems.push(`Parts Unlimited drop-ships to US addresses only; the ship-to country is ${shipTo.country}`);
  }
  if (request.shipMethod.trim() === '') problems.push('The PO has no Parts Unlimited shipping method');
  const lines = mergeLines(request.lines);
  if (lines.length === 0) problems.push('The PO has no lines');
  for (const line of request.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      problems.push(`Part ${line.distributorSku} has quantity ${line.quantity}; Parts Unlimited needs a whole number of at least 1`);
    }
  }
  const address: Record<ShipToField, string> = {
    name: clean(shipTo.name),
    company: clean(shipTo.company),
    address_line_1: clean(shipTo.line1),
    address_line_2: clean(shipTo.line2),
    city: clean(shipTo.city),
    state: clean(shipTo.region),
    postal_code: clean(shipTo.postalCode),
    country: clean(shipTo.country),
  };
  for (const [field, value] of Object.entries(address) as Array<[ShipToField, string]>) {
    const limit = SHIP_TO_LIMITS[field];
    if (value.length > limit) problems.push(`${FIELD_NAMES[field]} is ${value.length} characters; Parts Unlimited allows ${limit}`);
  }
  if (problems.length > 0) throw new DistributorError('rejected', problems.join('. '));
  return {
    dealer_number: dealerNumber,
    order_type: DROP_SHIP_ORDER_TYPE,
    purchase_order_number: poNumber,
    shipping_method: request.shipMethod.trim(),
    validate_price: false,
    cancellation_policy: CANCELLATION_POLICY,
    ship_to_address: address,
    line_items: lines.map((line, index) => ({ line_number: index + 1, part_number: line.sku, quantity: line.quantity })),
  };
}

type WireLine = PuWireOrder['line_items'][number];

/** One shipment per tracking number; a number listed on two orders of the PO is one package holding both. */
function shipmentsOf(orders: PuWireOrder[]): DistributorShipment[] {
  const byNumber = new Map<string, DistributorShipment>();
  for (const order of orders) {
    for (const shipment of order.shipments) {
      const trackingNumber = normaliseTrackingNumber(shipment.tracking_number);
      if (trackingNumber === '') continue;
      const lines = shipment.line_items.map(({ part_number, quantity }) => ({ distributorSku: part_number, quantity }));
      const known = byNumber.get(trackingNumber);
      if (known) {
        known.lines.push(...lines);
        continue;
      }
      byNumber.set(trackingNumber, {
        carrier: carrierOf(trackingNumber, shipment.carrier),
        trackingNumber,
        shipMethod: order.shipping_method ?? undefined,
        shippedAt: isoDate(shipment.ship_date),
        lines,
      });
    }
  }
  return [...byNumber.values()];
}

function quantitiesOf(lines: WireLine[], field: 'backordered' | 'cancelled') {
  const merged = new Map<string, number>();
  for (const line of lines) {
    if (line[field] > 0) merged.set(line.part_number, (merged.get(line.part_number) ?? 0) + line[field]);
  }
  return [...merged].map(([distributorSku, quantity]) => ({ distributorSku, quantity }));
}

/** Merges every PU order placed under one PO number (PU may split or repeat them) into one view. */
export function toPurchaseOrder(poNumber: string, orders: PuWireOrder[]): DistributorPurchaseOrder {
  const lines = orders.flatMap((order) => order.line_items);
  return {
    poNumber,
    distributorOrderRefs: [...new Set(orders.map((order) => order.reference_number))],
    status: statusFromQuantities(
      lines.map((line) => ({ ordered: line.ordered, cancelled: line.cancelled, shipped: line.shipped, backordered: line.backordered })),
    ),
    shipments: shipmentsOf(orders),
    cancelled: quantitiesOf(lines, 'cancelled'),
    backordered: quantitiesOf(lines, 'backordered'),
  };
}
