import { addressProblems } from '../../domain/address.js';
import { normaliseTrackingNumber } from '../carriers.js';
import { carrierOf, isoDate, statusFromQuantities } from '../po-reading.js';
import { DistributorError, type DistributorPurchaseOrder, type DistributorShipment, type PurchaseOrderRequest } from '../types.js';
import {
  ALLOW_DUPLICATE_PO,
  LINE_SEPARATOR,
  PO_NUMBER_MAX,
  SHIP_TO_LIMITS,
  SPECIAL_INSTRUCTIONS_MAX,
  SPECIAL_INSTRUCTIONS_PARAM,
  SPLIT_LINES,
  SUBMIT,
  type ShipToParam,
} from './contract.js';
import type { TrwsParams } from './client.js';
import type { TrwsOrder, TrwsShipmentLine } from './wire.js';

export interface Line {
  sku: string;
  quantity: number;
}

const FIELD_NAMES: Record<ShipToParam, string> = {
  name: 'Ship-to name',
  address1: 'Ship-to address line 1',
  address2: 'Ship-to address line 2',
  city: 'Ship-to city',
  state: 'Ship-to state',
  zip: 'Ship-to ZIP code',
};

const clean = (value: string | undefined) => value?.trim() ?? '';

/** Adds up repeated SKUs, so quantities read back per item number match what was sent. */
export function mergeLines(lines: PurchaseOrderRequest['lines']): Line[] {
  const merged = new Map<string, number>();
  for (const { distributorSku, quantity } of lines) merged.set(distributorSku, (merged.get(distributorSku) ?? 0) + quantity);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * The ORD query parameters after the common ones, or one 'rejected' error listing every reason the PO
 * cannot go, before anything is sent. Empty optional parameters are left out rather than sent blank.
 * The company, phone and email have no TRWS parameter (contract.ts) and are not sent.
 */
export function orderParams(request: PurchaseOrderRequest): TrwsParams {
  const { shipTo, poNumber } = request;
  const problems: string[] = addressProblems(shipTo).map((problem) => problem.message);
  if (poNumber.trim() === '') problems.push('The PO number is missing');
  if (poNumber.length > PO_NUMBER_MAX) {
    problems.push(`PO number ${poNumber} is ${poNumber.length} characters; Tucker Rocky allows ${PO_NUMBER_MAX}`);
  }
  if (shipTo.country && shipTo.country !== 'US') {
    problems.push(`Tucker Rocky drop-ships to US addresses only; the ship-to country is ${shipTo.country}`);
  }
  const carrier = request.shipMethod.trim();
  if (carrier === '') problems.push('The PO has no Tucker Rocky carrier code');
  const comment = clean(request.comment);
  if (comment.length > SPECIAL_INSTRUCTIONS_MAX) {
    problems.push(`Special instructions are ${comment.length} characters; Tucker Rocky allows ${SPECIAL_INSTRUCTIONS_MAX}`);
  }
  const lines = mergeLines(request.lines);
  if (lines.length === 0) problems.push('The PO has no lines');
  for (const line of request.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      problems.push(`Item ${line.distributorSku} has quantity ${line.quantity}; Tucker Rocky needs a whole number of at least 1`);
    }
  }
  for (const { sku } of lines) {
    if (sku.includes(LINE_SEPARATOR) || sku.trim() === '') {
      problems.push(`Item number "${sku}" cannot be sent to Tucker Rocky, which takes item numbers without commas`);
    }
  }
  const address: Record<ShipToParam, string> = {
    name: clean(shipTo.name),
    address1: clean(shipTo.line1),
    address2: clean(shipTo.line2),
    city: clean(shipTo.city),
    state: clean(shipTo.region),
    zip: clean(shipTo.postalCode),
  };
  for (const [field, value] of Object.entries(address) as Array<[ShipToParam, string]>) {
    const limit = SHIP_TO_LIMITS[field];
    if (value.length > limit) problems.push(`${FIELD_NAMES[field]} is ${value.length} characters; Tucker Rocky allows ${limit}`);
  }
  if (problems.length > 0) throw new DistributorError('rejected', problems.join('. '));
  const params: TrwsParams = [
    ...(Object.entries(address) as Array<[ShipToParam, string]>).filter(([, value]) => value !== ''),
    ['po', poNumber],
    ['allowduplicatepo', ALLOW_DUPLICATE_PO],
    ['carrier', carrier],
    ['splitlines', SPLIT_LINES],
    ['submit', SUBMIT],
  ];
  if (comment !== '') params.push([SPECIAL_INSTRUCTIONS_PARAM, comment]);
  for (const line of lines) params.push(['line', `${line.sku}${LINE_SEPARATOR}${line.quantity}`]);
  return params;
}

/**
 * TRWS lists packages under each order line; we want lines under each package. One shipment per
 * tracking number, holding every line (of every order of the PO) that lists it.
 */
function shipmentsOf(orders: TrwsOrder[]): DistributorShipment[] {
  const byNumber = new Map<string, DistributorShipment>();
  for (const order of orders) {
    for (const line of order.shipmentline) {
      for (const pkg of line.trackingnumbers) {
        const trackingNumber = normaliseTrackingNumber(pkg.trackingnum);
        if (trackingNumber === '') continue;
        const shipment = byNumber.get(trackingNumber) ?? {
          carrier: carrierOf(trackingNumber, pkg.carrier),
          trackingNumber,
          shipMethod: order.carrier ?? undefined,
          shippedAt: isoDate(pkg.shipdate),
          lines: [],
        };
        byNumber.set(trackingNumber, shipment);
        if (pkg.qty > 0) shipment.lines.push({ distributorSku: line.itemnum, quantity: pkg.qty });
      }
    }
  }
  return [...byNumber.values()];
}

function quantitiesOf(lines: TrwsShipmentLine[], field: 'qtybackordered' | 'qtycancelled') {
  const merged = new Map<string, number>();
  for (const line of lines) {
    if (line[field] > 0) merged.set(line.itemnum, (merged.get(line.itemnum) ?? 0) + line[field]);
  }
  return [...merged].map(([distributorSku, quantity]) => ({ distributorSku, quantity }));
}

/** Merges every Tucker order placed under one PO number into one view. */
export function toPurchaseOrder(poNumber: string, orders: TrwsOrder[]): DistributorPurchaseOrder {
  const lines = orders.flatMap((order) => order.shipmentline);
  return {
    poNumber,
    distributorOrderRefs: [...new Set(orders.map((order) => order.ordernum))],
    status: statusFromQuantities(
      lines.map((line) => ({ ordered: line.qtyordered, cancelled: line.qtycancelled, shipped: line.qtyshipped, backordered: line.qtybackordered })),
    ),
    shipments: shipmentsOf(orders),
    cancelled: quantitiesOf(lines, 'qtycancelled'),
    backordered: quantitiesOf(lines, 'qtybackordered'),
  };
}
