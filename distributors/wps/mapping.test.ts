import { describe, expect, it } from 'vitest';
import { BUYER_SHIP_TO, purchaseOrder } from '../../test/helpers/adapter-scaffold.js';
import { cartFor, toPurchaseOrder } from './mapping.js';
import type { WpsWireOrderDetail } from './wire.js';

const request = purchaseOrder({
  poNumber: 'DL-7',
  shipTo: { ...BUYER_SHIP_TO, company: 'Rider Racing' },
  shipMethod: 'UP2D',
  lines: [{ distributorSku: '87-9934', quantity: 1 }],
});

function detail(overrides: Partial<WpsWireOrderDetail>): WpsWireOrderDetail {
  return {
    order_number: '1',
    order_status: 'OPEN',
    warehouse: 'ID',
    ship_via: 'BEST',
    ship_date: null,
    tracking_numbers: [],
    items: [],
    ...overrides,
  };
}

const UPS_A = '1Z999AA10123456784';
const UPS_B = '1Z5R89390357567127';

describe('cartFor', () => {
  it('sends the phone as digits and the company on the third address line', () => {
    expect(cartFor(request)).toMatchObject({ ship_phone: '2085551234', ship_address3: 'Rider Racing', ship_via: 'UP2D' });
  });

  it('refuses addresses outside the US', () => {
    const canadian = { ...request, shipTo: { ...request.shipTo, country: 'CA', postalCode: 'V6B 1A1' } };
    expect(() => cartFor(canadian)).toThrow(/US addresses only/);
  });
});

describe('toPurchaseOrder', () => {
  it('counts an order with tracking and a status we do not know as shipped', () => {
    const items = [{ sku: '87-9934', quantity: 1 }];
    const po = toPurchaseOrder({
      po_number: 'DL-7',
      order_details: [detail({ order_status: 'INVOICED', tracking_numbers: [UPS_A], items })],
    });

    expect(po.status).toBe('shipped');
    expect(po.shipments).toEqual([
      {
        carrier: 'UPS',
        trackingNumber: UPS_A,
        shipMethod: 'BEST',
        shippedAt: undefined,
        lines: [{ distributorSku: '87-9934', quantity: 1 }],
      },
    ]);
  });

  it('gives extra boxes of one order their own shipment without lines, and merges a number listed twice', () => {
    const po = toPurchaseOrder({
      po_number: 'DL-7',
      order_details: [
        detail({
          order_number: '1',
          order_status: 'SHIPPED',
          ship_date: '20250103',
          tracking_numbers: [UPS_A, UPS_B],
          items: [{ sku: 'A', quantity: 1 }],
        }),
        detail({ order_number: '2', order_status: 'SHIPPED', tracking_numbers: [UPS_A], items: [{ sku: 'B', quantity: 2 }] }),
      ],
    });

    expect(po.shipments.map((shipment) => [shipment.trackingNumber, shipment.lines])).toEqual([
      [
        UPS_A,
        [
          { distributorSku: 'A', quantity: 1 },
          { distributorSku: 'B', quantity: 2 },
        ],
      ],
      [UPS_B, []],
    ]);
    expect(po.shipments[0]?.shippedAt).toBe('2025-01-03');
  });

  it('reads a PO with nothing shipped yet and one backordered order as backordered', () => {
    const po = toPurchaseOrder({
      po_number: 'DL-7',
      order_details: [detail({}), detail({ order_number: '2', order_status: 'BACKORDER' })],
    });

    expect(po.status).toBe('backordered');
  });
});
