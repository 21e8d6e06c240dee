import { addressProblems } from '../../domain/address.js';
import { carrierFromTrackingNumber, normaliseTrackingNumber } from '../carriers.js';
import { DistributorError, type DistributorPoStatus, type DistributorPurchaseOrder, type DistributorShipment, type PurchaseOrderRequest } from '../types.js';
import { isoDate } from '../po-reading.js';
import { CART_FIELD_LIMITS, SHIP_VIA_CODES, carrierForShipVia, isShipViaCode, type LimitedCartField } from './contract.js';
import type { WpsWireOrderDetail, WpsWirePurchaseOrder } from './wire.js';

export interface Line {
  sku: string;
  quantity: number;
}

type SentField = Exclude<LimitedCartField, 'comment2' | 'description'>;

const FIELD_NAMES: Record<SentField, string> = {
  ship_name: 'Ship-to name',
  ship_address1: 'Ship-to address line 1',
  ship_address2: 'Ship-to address line 2',
  ship_address3: 'Ship-to company',
  ship_city: 'Ship-to city',
  ship_state: 'Ship-to state',
  ship_zip: 'Ship-to ZIP code',
  ship_phone: 'Ship-to phone',
  email: 'Buyer email',
  comment1: 'Order comment',
};

/** US numbers are sent as their ten digits, so "+1 (208) 555-1234" fits WPS's 15 characters. */
function phoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

/** Adds up repeated SKUs: a cart holds each SKU once. */
export function mergeLines(lines: PurchaseOrderRequest['lines']): Line[] {
  const merged = new Map<string, number>();
  for (const { distributorSku, quantity } of lines) merged.set(distributorSku, (merged.get(distributorSku) ?? 0) + quantity);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * Builds the POST /carts body, or throws one 'rejected' error listing every reason WPS would refuse
 * the PO, before anything is sent. WPS has no company field, so the company goes on the third
 * address line; it has no country field either, so we only send US addresses (our inference).
 */
export function cartFor(request: PurchaseOrderRequest): Record<string, unknown> {
  const { shipTo } = request;
  const problems: string[] = addressProblems(shipTo).map((problem) => problem.message);
  if (request.poNumber.trim() === '') problems.push('The PO number is missing');
  if (shipTo.country && shipTo.country !== 'US') {
    problems.push(`WPS drop-ships to US addresses only; the ship-to country is ${shipTo.country}`);
  }
  if (!isShipViaCode(request.shipMethod)) {
    problems.push(`Shipping method "${request.shipMethod}" is not a WPS ship_via code (${SHIP_VIA_CODES.join(', ')})`);
  }
  if (request.lines.length === 0) problems.push('The PO has no lines');
  for (const line of request.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      problems.push(`Item ${line.distributorSku} has quantity ${line.quantity}; WPS needs a whole number of at least 1`);
    }
  }
  const fields: Record<SentField, string | undefined> = {
    ship_name: shipTo.name,
    ship_address1: shipTo.line1,
    ship_address2: shipTo.line2,
    ship_address3: shipTo.company,
    ship_city: shipTo.city,
    ship_state: shipTo.region,
    ship_zip: shipTo.postalCode,
    ship_phone: shipTo.phone === undefined ? undefined : phoneDigits(shipTo.phone),
    email: request.buyerEmail,
    comment1: request.comment,
  };
  const cart: Record<string, unknown> = { po_number: request.poNumber, ship_via: request.shipMethod };
  for (const [field, raw] of Object.entries(fields) as Array<[SentField, string | undefined]>) {
    const value = raw?.trim();
    if (!value) continue;
    const limit = CART_FIELD_LIMITS[field];
    if (value.length > limit) problems.push(`${FIELD_NAMES[field]} is ${value.length} characters; WPS allows ${limit}`);
    cart[field] = value;
  }
  if (problems.length > 0) throw new DistributorError('rejected', problems.join('. '));
  return cart;
}

type DetailState = 'open' | 'partial' | 'backordered' | 'shipped' | 'cancelled';

/**
 * Reads a WPS order_status. The vocabulary is not public; a status we do not know counts as shipped
 * when the order carries tracking numbers and as open otherwise.
 */
function detailState(detail: WpsWireOrderDetail): DetailState {
  const status = (detail.order_status ?? '').trim().toUpperCase();
  if (status === 'SHIPPED') return 'shipped';
  if (status === 'CANCELLED' || status === 'CANCELED') return 'cancelled';
  if (status === 'BACKORDER' || status === 'BACKORDERED') return 'backordered';
  if (status === 'PARTIAL') return 'partial';
  if (status === 'OPEN') return 'open';
  return detail.tracking_numbers.length > 0 ? 'shipped' : 'open';
}

/** Cancelled orders drop out: a PO whose other orders all shipped is shipped. */
function mergedStatus(states: DetailState[]): DistributorPoStatus {
  const live = states.filter((state) => state !== 'cancelled');
  if (states.length > 0 && live.length === 0) return 'cancelled';
  if (live.length > 0 && live.every((state) => state === 'shipped')) return 'shipped';
  if (live.some((state) => state === 'shipped' || state === 'partial')) return 'partially_shipped';
  if (live.some((state) => state === 'backordered')) return 'backordered';
  return 'accepted';
}

/** The 1Z and OnTrac shapes are unambiguous; otherwise ship_via names the carrier, then the number's format. */
function carrierOf(trackingNumber: string, shipVia: string | null | undefined): string {
  const byFormat = carrierFromTrackingNumber(trackingNumber);
  if (byFormat === 'UPS' || byFormat === 'OnTrac') return byFormat;
  return (shipVia ? carrierForShipVia(shipVia) : null) ?? byFormat ?? 'Other';
}

const toLines = (items: Line[]) => items.map(({ sku, quantity }) => ({ distributorSku: sku, quantity }));

/**
 * One shipment per tracking number. An order's items go with its first tracking number; further
 * numbers on the same order are extra boxes of that shipment. An order that is not (fully) shipped
 * yet has tracking numbers we cannot attribute items to, so those shipments carry no lines. A
 * number listed on two orders is one package holding both orders' items.
 */
function shipmentsOf(details: WpsWireOrderDetail[]): DistributorShipment[] {
  const byNumber = new Map<string, DistributorShipment>();
  for (const detail of details) {
    const attributable = detailState(detail) === 'shipped';
    detail.tracking_numbers.forEach((raw, index) => {
      const trackingNumber = normaliseTrackingNumber(raw);
      if (trackingNumber === '') return;
      const lines = attributable && index === 0 ? toLines(detail.items) : [];
      const known = byNumber.get(trackingNumber);
      if (known) {
        known.lines.push(...lines);
        return;
      }
      byNumber.set(trackingNumber, {
        carrier: carrierOf(trackingNumber, detail.ship_via),
        trackingNumber,
        shipMethod: detail.ship_via ?? undefined,
        shippedAt: isoDate(detail.ship_date),
        lines,
      });
    });
  }
  return [...byNumber.values()];
}

function itemsIn(details: WpsWireOrderDetail[], state: DetailState) {
  const merged = new Map<string, number>();
  for (const detail of details.filter((d) => detailState(d) === state)) {
    for (const { sku, quantity } of detail.items) merged.set(sku, (merged.get(sku) ?? 0) + quantity);
  }
  return [...merged].map(([distributorSku, quantity]) => ({ distributorSku, quantity }));
}

export function toPurchaseOrder(po: WpsWirePurchaseOrder): DistributorPurchaseOrder {
  const details = po.order_details;
  return {
    poNumber: po.po_number,
    distributorOrderRefs: [...new Set(details.map((detail) => detail.order_number))],
    status: mergedStatus(details.map(detailState)),
    shipments: shipmentsOf(details),
    cancelled: itemsIn(details, 'cancelled'),
    backordered: itemsIn(details, 'backordered'),
  };
}
