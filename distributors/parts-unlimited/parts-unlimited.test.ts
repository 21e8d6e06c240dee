import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callsOf, distributorFailureOf, purchaseOrder, sandboxControl } from '../../test/helpers/adapter-scaffold.js';
import { isValidUpsTrackingNumber } from '../carriers.js';
import { connectorFor } from '../registry.js';
import type { DistributorConnector, PurchaseOrderRequest } from '../types.js';
import { createPartsUnlimitedConnector } from './adapter.js';
import {
  createPartsUnlimitedSandbox,
  PU_SANDBOX_API_KEY,
  PU_SANDBOX_DEALER_NUMBER,
  type PartsUnlimitedSandbox,
  type PartsUnlimitedSandboxOptions,
} from './sandbox/index.js';

let sandbox: PartsUnlimitedSandbox;
let baseUrl: string;
let pu: DistributorConnector;

const connector = (overrides: { apiKey?: string; dealerNumber?: string; timeoutMs?: number } = {}) =>
  createPartsUnlimitedConnector({ baseUrl, dealerNumber: PU_SANDBOX_DEALER_NUMBER, apiKey: PU_SANDBOX_API_KEY, ...overrides });

async function start(options?: PartsUnlimitedSandboxOptions) {
  sandbox = createPartsUnlimitedSandbox(options);
  baseUrl = await sandbox.listen();
  pu = connector();
}

beforeEach(() => start());
afterEach(() => sandbox.close());

const poRequest = (overrides: Partial<PurchaseOrderRequest> = {}) =>
  purchaseOrder({
    poNumber: 'DL001001-P',
    shipMethod: 'ground',
    lines: [
      { distributorSku: '0101-3337', quantity: 2 },
      { distributorSku: '2110-0001', quantity: 1 },
    ],
    ...overrides,
  });

const { control, readControl } = sandboxControl(() => baseUrl);

const ordersFor = (poNumber: string) => readControl<unknown[]>(`/orders?po_number=${encodeURIComponent(poNumber)}`, 'orders');

const calls = () => callsOf(sandbox);

describe('submitPurchaseOrder', () => {
  it('places the order in one call, as a drop-ship that backorders what is short, which then reads as accepted', async () => {
    const submitted = await pu.submitPurchaseOrder(poRequest());

    expect(calls()).toEqual(['POST /api/v2/orders/dropship']);
    const [order] = sandbox.state.orders;
    expect(order).toMatchObject({
      dealer_number: PU_SANDBOX_DEALER_NUMBER,
      order_type: 'DS',
      shipping_method: 'ground',
      cancellation_policy: 'back_order',
      ship_to_address: { name: 'Jane Rider', address_line_1: '123 Main St', state: 'ID', postal_code: '83702', country: 'US' },
      order_total: 204.4,
    });
    expect(submitted.distributorOrderRefs).toEqual([order?.reference_number]);
    expect(submitted.summary).toMatchObject({ statusCode: 200, orderTotal: 204.4 });
    expect(JSON.stringify(submitted.summary)).not.toMatch(/Jane|Main St|jane@example\.com|555/);
    expect(await pu.findPurchaseOrder('DL001001-P')).toEqual({
      poNumber: 'DL001001-P',
      distributorOrderRefs: submitted.distributorOrderRefs,
      status: 'accepted',
      shipments: [],
      cancelled: [],
      backordered: [],
    });
  });

  it('sends a part listed twice as one line', async () => {
    await pu.submitPurchaseOrder(
      poRequest({
        lines: [
          { distributorSku: '0101-3337', quantity: 1 },
          { distributorSku: '0101-3337', quantity: 2 },
        ],
      }),
    );

    expect(sandbox.state.orders[0]?.line_items).toMatchObject([{ line_number: 1, part_number: '0101-3337', ordered: 3 }]);
  });

  it('lists every problem at once before calling Parts Unlimited', async () => {
    const request = poRequest();
    const error = await distributorFailureOf(
      pu.submitPurchaseOrder({
        ...request,
        poNumber: 'DL001001-P-EBAY-RETRY-2',
        shipTo: { ...request.shipTo, name: 'Maximilian Alexander Rider-Johnson', city: '', country: 'CA', postalCode: 'V6B 1A1' },
        lines: [{ distributorSku: '0101-3337', quantity: 0 }],
      }),
    );

    expect(error.kind).toBe('rejected');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('PO number DL001001-P-EBAY-RETRY-2 is 23 characters; Parts Unlimited allows 20');
    expect(error.message).toContain('Ship-to name is 34 characters; Parts Unlimited allows 30');
    expect(error.message).toContain('Ship-to city is missing');
    expect(error.message).toContain('US addresses only');
    expect(error.message).toContain('Part 0101-3337 has quantity 0');
    expect(sandbox.state.requests).toHaveLength(0);
  });

  it('reads a refusal inside an HTTP 200 for a part PU does not carry as unknown_item', async () => {
    const error = await distributorFailureOf(pu.submitPurchaseOrder(poRequest({ lines: [{ distributorSku: '9999-0000', quantity: 1 }] })));

    expect(error.kind).toBe('unknown_item');
    expect(error.message).toContain('Part number 9999-0000 not found');
    expect(await ordersFor('DL001001-P')).toHaveLength(0);
  });

  it('answers a PO it refuses as a duplicate with the order it already has', async () => {
    const first = await pu.submitPurchaseOrder(poRequest());

    const again = await pu.submitPurchaseOrder(poRequest());

    expect(again.distributorOrderRefs).toEqual(first.distributorOrderRefs);
    expect(again.summary).toMatchObject({ alreadyPlaced: true, puSaid: 'Duplicate purchase order number', status: 'accepted' });
    expect(await ordersFor('DL001001-P')).toHaveLength(1);
  });

  it('refuses a duplicate it cannot see in the order list as rejected, so the dealer decides', async () => {
    await pu.submitPurchaseOrder(poRequest());
    // An order list that does not show the PO, as when the number was used outside Dropline.
    const listsNothing: typeof fetch = (input, init) => (init?.method === 'GET' ? Promise.resolve(Response.json({ orders: [] })) : fetch(input, init));
    const blind = createPartsUnlimitedConnector({ baseUrl, dealerNumber: PU_SANDBOX_DEALER_NUMBER, apiKey: PU_SANDBOX_API_KEY, fetch: listsNothing });

    const error = await distributorFailureOf(blind.submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('refused PO DL001001-P as a duplicate (Duplicate purchase order number)');
    expect(await ordersFor('DL001001-P')).toHaveLength(1);
  });

  it('reports an account on hold as not_ready', async () => {
    await sandbox.close();
    await start({ accounts: { [PU_SANDBOX_API_KEY]: { dealerNumber: PU_SANDBOX_DEALER_NUMBER, onHold: true } } });

    const error = await distributorFailureOf(pu.submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('not_ready');
    expect(error.message).toMatch(/credit hold/);
  });

  it('reports a bad API key as auth without repeating the key', async () => {
    const error = await distributorFailureOf(connector({ apiKey: 'stolen-looking-secret' }).submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain('stolen-looking-secret');
  });

  it('reports a dealer number the key does not belong to as auth', async () => {
    const error = await distributorFailureOf(connector({ dealerNumber: '999999' }).submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('auth');
    expect(error.message).toContain('(403)');
    expect(await ordersFor('DL001001-P')).toHaveLength(0);
  });

  it('treats a 200 with a body that is not JSON as malformed', async () => {
    await control('/faults', { malformedNext: 1 });

    const error = await distributorFailureOf(pu.submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('malformed');
    expect(error.retryable).toBe(true);
  });

  it('treats a slow answer as transient', async () => {
    await control('/faults', { latencyMs: 300 });

    const error = await distributorFailureOf(connector({ timeoutMs: 50 }).findPurchaseOrder('DL001001-P'));

    expect(error.kind).toBe('transient');
    expect(error.message).toContain('50 ms');
  });

  it('finds the order after the answer to the submit was lost, with exactly one order placed', async () => {
    await control('/faults', { loseResponseOnce: { method: 'POST', path: '/api/v2/orders/dropship' } });

    const error = await distributorFailureOf(pu.submitPurchaseOrder(poRequest()));
    const po = await pu.findPurchaseOrder('DL001001-P');

    expect(error.kind).toBe('transient');
    expect(po?.status).toBe('accepted');
    expect(po?.distributorOrderRefs).toHaveLength(1);
    expect(await ordersFor('DL001001-P')).toHaveLength(1);
  });
});

describe('the sandbox', () => {
  it('enforces the limits the connector checks, with mainframe errors in an HTTP 400', async () => {
    const response = await fetch(`${baseUrl}/api/v2/orders/dropship`, {
      method: 'POST',
      headers: { 'api-key': PU_SANDBOX_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({
        dealer_number: PU_SANDBOX_DEALER_NUMBER,
        order_type: 'DS',
        purchase_order_number: 'X'.repeat(21),
        shipping_method: 'ground',
        ship_to_address: { name: 'Jane Rider', address_line_1: '123 Main St', city: 'Boise', state: 'Idaho', country: 'US' },
        line_items: [{ line_number: 1, part_number: '0101-3337', quantity: 1 }],
      }),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      status_code: 400,
      status_message: 'Invalid order',
      mainframeErrors: [
        { text: 'purchase_order_number must be 20 characters or fewer' },
        { text: 'ship_to_address.postal_code is required' },
        { text: 'ship_to_address.state must be 2 characters or fewer' },
      ],
    });
    expect(sandbox.state.orders).toHaveLength(0);
  });
});

describe('findPurchaseOrder', () => {
  it('returns null for a PO Parts Unlimited does not have, and ignores another dealer’s orders', async () => {
    const otherKey = 'other-dealer-key';
    await sandbox.close();
    await start({
      accounts: { [PU_SANDBOX_API_KEY]: { dealerNumber: PU_SANDBOX_DEALER_NUMBER }, [otherKey]: { dealerNumber: '200300' } },
    });
    await connector({ apiKey: otherKey, dealerNumber: '200300' }).submitPurchaseOrder(poRequest());

    expect(await pu.findPurchaseOrder('DL001001-P')).toBeNull();
    expect(await pu.findPurchaseOrder('DL-404')).toBeNull();
  });

  it('reports a partial shipment, then the rest, each package with a valid UPS number', async () => {
    await pu.submitPurchaseOrder(poRequest());

    await control('/orders/DL001001-P/ship', { packages: [{ items: [{ sku: '0101-3337', quantity: 1 }] }] });
    const partly = await pu.findPurchaseOrder('DL001001-P');

    expect(partly?.status).toBe('partially_shipped');
    expect(partly?.shipments).toHaveLength(1);
    expect(partly?.shipments[0]).toMatchObject({ carrier: 'UPS', shipMethod: 'ground', lines: [{ distributorSku: '0101-3337', quantity: 1 }] });

    await control('/orders/DL001001-P/ship');
    const shipped = await pu.findPurchaseOrder('DL001001-P');

    expect(shipped?.status).toBe('shipped');
    expect(shipped?.shipments).toHaveLength(2);
    for (const shipment of shipped?.shipments ?? []) {
      expect(shipment.carrier).toBe('UPS');
      expect(isValidUpsTrackingNumber(shipment.trackingNumber)).toBe(true);
      expect(shipment.shippedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(shipped?.shipments[1]?.lines).toEqual([
      { distributorSku: '0101-3337', quantity: 1 },
      { distributorSku: '2110-0001', quantity: 1 },
    ]);
  });

  it('names the carrier PU reports, and otherwise the one the tracking number belongs to', async () => {
    await pu.submitPurchaseOrder(poRequest());

    await control('/orders/DL001001-P/ship', {
      packages: [
        { items: [{ sku: '2110-0001', quantity: 1 }], carrier: 'FedEx', tracking_number: '986578788855' },
        { items: [{ sku: '0101-3337', quantity: 2 }], tracking_number: 'C11031500001879' },
      ],
    });
    const po = await pu.findPurchaseOrder('DL001001-P');

    expect(po?.shipments.map(({ carrier, trackingNumber }) => ({ carrier, trackingNumber }))).toEqual([
      { carrier: 'FedEx', trackingNumber: '986578788855' },
      { carrier: 'OnTrac', trackingNumber: 'C11031500001879' },
    ]);
  });

  it('reports backordered and cancelled parts', async () => {
    await pu.submitPurchaseOrder(poRequest());

    await control('/orders/DL001001-P/backorder', { items: [{ sku: '2110-0001', quantity: 1 }] });
    const backordered = await pu.findPurchaseOrder('DL001001-P');
    await control('/orders/DL001001-P/cancel');
    const cancelled = await pu.findPurchaseOrder('DL001001-P');

    expect(backordered?.status).toBe('backordered');
    expect(backordered?.backordered).toEqual([{ distributorSku: '2110-0001', quantity: 1 }]);
    expect(cancelled?.status).toBe('cancelled');
    expect(cancelled?.backordered).toEqual([]);
    expect(cancelled?.cancelled).toEqual([
      { distributorSku: '0101-3337', quantity: 2 },
      { distributorSku: '2110-0001', quantity: 1 },
    ]);
  });

  it('counts a PO as shipped when everything not cancelled has shipped, backorders included', async () => {
    await pu.submitPurchaseOrder(poRequest());

    await control('/orders/DL001001-P/backorder', { items: [{ sku: '0101-3337', quantity: 2 }] });
    await control('/orders/DL001001-P/cancel', { items: [{ sku: '2110-0001', quantity: 1 }] });
    await control('/orders/DL001001-P/ship');
    const po = await pu.findPurchaseOrder('DL001001-P');

    expect(po?.status).toBe('shipped');
    expect(po?.backordered).toEqual([]);
    expect(po?.cancelled).toEqual([{ distributorSku: '2110-0001', quantity: 1 }]);
    expect(po?.shipments).toHaveLength(1);
  });

  it('merges two orders PU accepted under one PO number', async () => {
    await sandbox.close();
    await start({ duplicatePo: 'accept' });
    const first = await pu.submitPurchaseOrder(poRequest());
    const second = await pu.submitPurchaseOrder(poRequest({ lines: [{ distributorSku: '2110-0001', quantity: 1 }] }));

    await control('/orders/DL001001-P/ship', { packages: [{ items: [{ sku: '2110-0001', quantity: 2 }] }] });
    const po = await pu.findPurchaseOrder('DL001001-P');

    expect(po?.distributorOrderRefs).toEqual([...first.distributorOrderRefs, ...second.distributorOrderRefs]);
    expect(po?.status).toBe('partially_shipped');
    expect(po?.shipments).toHaveLength(1);
    expect(po?.shipments[0]?.lines).toEqual([
      { distributorSku: '2110-0001', quantity: 1 },
      { distributorSku: '2110-0001', quantity: 1 },
    ]);
  });
});

describe('checkStock and testConnection', () => {
  it('returns live stock per warehouse, one call per part, and none for parts PU does not carry', async () => {
    expect(await pu.checkStock?.(['0101-3337', '9999-0000'])).toEqual([
      {
        distributorSku: '0101-3337',
        warehouses: [
          { warehouse: 'WI', quantity: 6 },
          { warehouse: 'NV', quantity: 4 },
        ],
      },
      { distributorSku: '9999-0000', warehouses: [] },
    ]);
    expect(calls()).toEqual(['GET /api/v1/parts/inventory/0101-3337', 'GET /api/v1/parts/inventory/9999-0000']);
  });

  it('accepts good credentials and rejects a bad key or a dealer number that is not the key’s', async () => {
    await expect(pu.testConnection()).resolves.toBeUndefined();
    expect((await distributorFailureOf(connector({ apiKey: 'nope' }).testConnection())).kind).toBe('auth');
    expect((await distributorFailureOf(connector({ dealerNumber: '999999' }).testConnection())).kind).toBe('auth');
  });

  it('is built by the registry from a dealer number and API key, and refuses incomplete credentials', async () => {
    const endpoints = { wps: 'http://127.0.0.1:9', parts_unlimited: baseUrl, tucker_rocky: 'http://127.0.0.1:9', automatic: 'http://127.0.0.1:9' };
    const built = connectorFor('parts_unlimited', { dealerNumber: PU_SANDBOX_DEALER_NUMBER, apiKey: PU_SANDBOX_API_KEY }, endpoints);

    expect(built.distributor).toBe('parts_unlimited');
    await expect(built.testConnection()).resolves.toBeUndefined();
    expect(() => connectorFor('parts_unlimited', { apiKey: PU_SANDBOX_API_KEY }, endpoints)).toThrow(expect.objectContaining({ kind: 'auth' }));
  });
});
