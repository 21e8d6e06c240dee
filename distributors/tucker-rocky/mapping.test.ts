import { describe, expect, it } from 'vitest';
import type { PurchaseOrderRequest } from '../types.js';
import { orderParams, toPurchaseOrder } from './mapping.js';
import * as wire from './wire.js';

const request: PurchaseOrderRequest = {
  poNumber: 'DL-7',
  shipTo: {
    name: 'Jane Rider',
    company: 'Rider Racing',
    line1: '123 Main St',
    city: 'Boise',
    region: 'ID',
    postalCode: '83702',
    country: 'US',
  },
  shipMethod: ' UG ',
  lines: [{ distributorSku: '581010', quantity: 1 }],
};

const UPS = '1Z999AA10123456784';

describe('orderParams', () => {
  it('leaves out empty optional parameters and the company, which TRWS has no parameter for', () => {
    const params = orderParams(request);

    expect(params.map(([name]) => name).join(' ')).toBe('name address1 city state zip po allowduplicatepo carrier splitlines submit line');
    expect(params).toContainEqual(['carrier', 'UG']);
    expect(JSON.stringify(params)).not.toContain('Rider Racing');
  });

  it('takes special instructions of exactly 55 characters', () => {
    expect(orderParams({ ...request, comment: 'x'.repeat(55) })).toContainEqual(['invoiceNote', 'x'.repeat(55)]);
  });
});

describe('wire and toPurchaseOrder', () => {
  it('reads lists given as a lone object and numbers given as strings, as XML-made JSON has them', () => {
    const { shipment } = wire.shipments.parse({
      shipment: {
        ordernum: 4100001,
        po: 'DL-7',
        carrier: 'UG',
        shipmentline: {
          itemnum: '581010',
          qtyordered: '2',
          qtyshipped: '1',
          qtybackordered: '1',
          qtycancelled: '0',
          trackingnumbers: { carrier: 'UPS', trackingnum: UPS, shipdate: '20250103', qty: '1' },
        },
      },
    });

    expect(toPurchaseOrder('DL-7', shipment)).toEqual({
      poNumber: 'DL-7',
      distributorOrderRefs: ['4100001'],
      status: 'partially_shipped',
      shipments: [
        {
          carrier: 'UPS',
          trackingNumber: UPS,
          shipMethod: 'UG',
          shippedAt: '2025-01-03',
          lines: [{ distributorSku: '581010', quantity: 1 }],
        },
      ],
      cancelled: [],
      backordered: [{ distributorSku: '581010', quantity: 1 }],
    });
  });

  it('merges a tracking number listed on two orders of the PO into one package', () => {
    const line = (itemnum: string) => ({
      itemnum,
      qtyordered: 1,
      qtyshipped: 1,
      qtybackordered: 0,
      qtycancelled: 0,
      trackingnumbers: [{ carrier: 'UPS', trackingnum: `${UPS.slice(0, 9)} ${UPS.slice(9)}`, shipdate: '20250103', qty: 1 }],
    });
    const { shipment } = wire.shipments.parse({
      shipment: [
        { ordernum: '1', po: 'DL-7', shipmentline: [line('A')] },
        { ordernum: '2', po: 'DL-7', shipmentline: [line('B')] },
      ],
    });

    const po = toPurchaseOrder('DL-7', shipment);

    expect(po.status).toBe('shipped');
    expect(po.shipments).toEqual([
      {
        carrier: 'UPS',
        trackingNumber: UPS,
        shipMethod: undefined,
        shippedAt: '2025-01-03',
        lines: [
          { distributorSku: 'A', quantity: 1 },
          { distributorSku: 'B', quantity: 1 },
        ],
      },
    ]);
  });
});
