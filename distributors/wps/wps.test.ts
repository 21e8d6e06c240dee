import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callsOf, distributorFailureOf, purchaseOrder, sandboxControl } from '../../test/helpers/adapter-scaffold.js';
import { isValidUpsTrackingNumber } from '../carriers.js';
import type { DistributorConnector, PurchaseOrderRequest } from '../types.js';
import { createWpsConnector } from './adapter.js';
import { createWpsSandbox, WPS_SANDBOX_TOKEN, type WpsSandbox, type WpsSandboxOptions } from './sandbox/index.js';

let sandbox: WpsSandbox;
let baseUrl: string;
let wps: DistributorConnector;

async function start(options?: WpsSandboxOptions) {
  sandbox = createWpsSandbox(options);
  baseUrl = await sandbox.listen();
  wps = createWpsConnector({ baseUrl, token: WPS_SANDBOX_TOKEN });
}

beforeEach(() => start());
afterEach(() => sandbox.close());

const poRequest = (overrides: Partial<PurchaseOrderRequest> = {}) =>
  purchaseOrder({
    poNumber: 'DL-1001',
    shipMethod: 'BEST',
    lines: [
      { distributorSku: '87-9934', quantity: 2 },
      { distributorSku: '26-1105', quantity: 1 },
    ],
    ...overrides,
  });

const { control, readControl } = sandboxControl(() => baseUrl);

const ordersFor = (poNumber: string) => readControl<unknown[]>(`/orders?po_number=${encodeURIComponent(poNumber)}`, 'data');

const calls = () => callsOf(sandbox);

describe('submitPurchaseOrder', () => {
  it('creates a cart, adds the items and places the order, which then reads as accepted', async () => {
    const submitted = await wps.submitPurchaseOrder(poRequest());

    expect(calls()).toEqual([
      'GET /carts/DL-1001',
      'POST /carts',
      'POST /carts/DL-1001/items',
      'POST /carts/DL-1001/items',
      'GET /carts/DL-1001',
      'POST /orders',
    ]);
    expect(submitted.distributorOrderRefs).toHaveLength(1);
    expect(JSON.stringify(submitted.summary)).not.toMatch(/Jane|Main St|jane@example\.com|2085551234/);
    const po = await wps.findPurchaseOrder('DL-1001');
    expect(po).toEqual({
      poNumber: 'DL-1001',
      distributorOrderRefs: submitted.distributorOrderRefs,
      status: 'accepted',
      shipments: [],
      cancelled: [],
      backordered: [],
    });
    expect(sandbox.state.purchaseOrders.get('DL-1001')?.order_details[0]?.items).toEqual([
      { sku: '87-9934', quantity: 2 },
      { sku: '26-1105', quantity: 1 },
    ]);
  });

  it('refuses a ship-to name over 30 characters before calling WPS', async () => {
    const request = poRequest();
    const error = await distributorFailureOf(
      wps.submitPurchaseOrder({ ...request, shipTo: { ...request.shipTo, name: 'Maximilian Alexander Rider-Johnson' } }),
    );

    expect(error.kind).toBe('rejected');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Ship-to name is 34 characters; WPS allows 30');
    expect(sandbox.state.requests).toHaveLength(0);
  });

  it('lists every problem at once, including an unknown ship method', async () => {
    const request = poRequest();
    const error = await distributorFailureOf(
      wps.submitPurchaseOrder({ ...request, shipMethod: 'FDXG', shipTo: { ...request.shipTo, city: 'Coeur d Alene Idaho' } }),
    );

    expect(error.message).toContain('Ship-to city is 19 characters; WPS allows 17');
    expect(error.message).toContain('Shipping method "FDXG" is not a WPS ship_via code');
    expect(sandbox.state.requests).toHaveLength(0);
  });

  it('reports an item WPS does not carry as unknown_item', async () => {
    const error = await distributorFailureOf(wps.submitPurchaseOrder(poRequest({ lines: [{ distributorSku: '99-0000', quantity: 1 }] })));

    expect(error.kind).toBe('unknown_item');
    expect(error.message).toContain('99-0000');
    expect(await ordersFor('DL-1001')).toHaveLength(0);
  });

  it('reports a bad token as auth without repeating the token', async () => {
    const connector = createWpsConnector({ baseUrl, token: 'stolen-looking-secret' });
    const error = await distributorFailureOf(connector.submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain('stolen-looking-secret');
  });

  it('reports an account without a Tax ID as not_ready', async () => {
    await sandbox.close();
    await start({ tokens: { [WPS_SANDBOX_TOKEN]: { taxIdOnFile: false } } });

    const error = await distributorFailureOf(wps.submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('not_ready');
    expect(error.message).toMatch(/Tax ID/);
  });

  it('treats a 200 with a body that is not JSON as malformed', async () => {
    await control('/faults', { malformedNext: 1 });

    const error = await distributorFailureOf(wps.submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('malformed');
    expect(error.retryable).toBe(true);
  });

  it('treats a slow answer as transient', async () => {
    await control('/faults', { latencyMs: 300 });
    const impatient = createWpsConnector({ baseUrl, token: WPS_SANDBOX_TOKEN, timeoutMs: 50 });

    const error = await distributorFailureOf(impatient.findPurchaseOrder('DL-1001'));

    expect(error.kind).toBe('transient');
    expect(error.message).toContain('50 ms');
  });

  it('finds the order after the answer to POST /orders was lost, with exactly one order placed', async () => {
    await control('/faults', { loseResponseOnce: { method: 'POST', path: '/orders' } });

    const error = await distributorFailureOf(wps.submitPurchaseOrder(poRequest()));
    const po = await wps.findPurchaseOrder('DL-1001');

    expect(error.kind).toBe('transient');
    expect(po?.status).toBe('accepted');
    expect(po?.distributorOrderRefs).toHaveLength(1);
    expect(await ordersFor('DL-1001')).toHaveLength(1);
    expect(sandbox.state.carts.size).toBe(0);
  });

  it('answers a PO WPS refuses as already submitted with the order it has', async () => {
    const first = await wps.submitPurchaseOrder(poRequest());

    const again = await wps.submitPurchaseOrder(poRequest());

    expect(again.distributorOrderRefs).toEqual(first.distributorOrderRefs);
    expect(again.summary).toMatchObject({ alreadyPlaced: true, status: 'accepted' });
    expect(String(again.summary.wpsSaid)).toContain('PO already submitted');
    expect(await ordersFor('DL-1001')).toHaveLength(1);
  });

  it('answers "no cart" after an earlier attempt ordered the cart with the order that attempt placed', async () => {
    await sandbox.close();
    await start({ allowPoReuse: true });
    const headers = { authorization: `Bearer ${WPS_SANDBOX_TOKEN}`, 'content-type': 'application/json' };
    const post = (path: string, body: unknown) => fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    // An earlier attempt filled the cart; it orders the cart while this attempt's read of it is on its way back.
    const cart = { po_number: 'DL-1001', ship_name: 'J', ship_address1: '1 A St', ship_city: 'Boise', ship_state: 'ID', ship_zip: '83702' };
    await post('/carts', cart);
    await post('/carts/DL-1001/items', { item_sku: '87-9934', quantity: 2 });
    await post('/carts/DL-1001/items', { item_sku: '26-1105', quantity: 1 });
    await control('/faults', { holdResponseOnce: { method: 'GET', path: '/carts/DL-1001', ms: 300 } });

    const submitting = wps.submitPurchaseOrder(poRequest());
    await new Promise((resolve) => setTimeout(resolve, 100));
    const earlier = (await (await post('/orders', { po_number: 'DL-1001' })).json()) as { data: { order_number: string } };
    const submitted = await submitting;

    expect(submitted.distributorOrderRefs).toEqual([earlier.data.order_number]);
    expect(submitted.summary).toMatchObject({ alreadyPlaced: true });
    expect(String(submitted.summary.wpsSaid)).toContain('No cart exists');
    expect(await ordersFor('DL-1001')).toHaveLength(1);
  });

  it('reuses a cart left by an interrupted attempt and adds only the missing items', async () => {
    const headers = { authorization: `Bearer ${WPS_SANDBOX_TOKEN}`, 'content-type': 'application/json' };
    await fetch(`${baseUrl}/carts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        po_number: 'DL-1001',
        ship_via: 'BEST',
        ship_name: 'Jane Rider',
        ship_address1: '123 Main St',
        ship_city: 'Boise',
        ship_state: 'ID',
        ship_zip: '83702',
      }),
    });
    const item = JSON.stringify({ item_sku: '87-9934', quantity: 2 });
    await fetch(`${baseUrl}/carts/DL-1001/items`, { method: 'POST', headers, body: item });
    sandbox.state.requests.length = 0;

    const submitted = await wps.submitPurchaseOrder(poRequest());

    expect(calls()).toEqual(['GET /carts/DL-1001', 'POST /carts/DL-1001/items', 'GET /carts/DL-1001', 'POST /orders']);
    expect(submitted.summary).toMatchObject({ leftoverCart: 'reused', itemsAdded: 1 });
    expect(sandbox.state.purchaseOrders.get('DL-1001')?.order_details[0]?.items).toEqual([
      { sku: '87-9934', quantity: 2 },
      { sku: '26-1105', quantity: 1 },
    ]);
    expect(await ordersFor('DL-1001')).toHaveLength(1);
  });

  it('tops a leftover line up to the PO quantity instead of adding the whole quantity again', async () => {
    const headers = { authorization: `Bearer ${WPS_SANDBOX_TOKEN}`, 'content-type': 'application/json' };
    const cart = { po_number: 'DL-1001', ship_name: 'J', ship_address1: '1 A St', ship_city: 'Boise', ship_state: 'ID', ship_zip: '83702' };
    await fetch(`${baseUrl}/carts`, { method: 'POST', headers, body: JSON.stringify(cart) });
    await fetch(`${baseUrl}/carts/DL-1001/items`, { method: 'POST', headers, body: JSON.stringify({ item_sku: '87-9934', quantity: 1 }) });

    const submitted = await wps.submitPurchaseOrder(poRequest());

    expect(submitted.summary).toMatchObject({ leftoverCart: 'reused', itemsAdded: 2 });
    expect(sandbox.state.purchaseOrders.get('DL-1001')?.order_details[0]?.items).toEqual([
      { sku: '87-9934', quantity: 2 },
      { sku: '26-1105', quantity: 1 },
    ]);
  });

  it('does not order a cart a late request of an earlier attempt added to, and the next attempt rebuilds it', async () => {
    // An add an earlier attempt sent before it stopped, carried out by WPS only now.
    let late = true;
    const withLateAdd: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (late && init?.method === 'POST' && String(input).endsWith('/carts/DL-1001/items')) {
        late = false;
        await fetch(input, init);
      }
      return response;
    };
    const racing = createWpsConnector({ baseUrl, token: WPS_SANDBOX_TOKEN, fetch: withLateAdd });

    const error = await distributorFailureOf(racing.submitPurchaseOrder(poRequest()));
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('did not hold exactly');
    expect(await ordersFor('DL-1001')).toHaveLength(0);

    const submitted = await wps.submitPurchaseOrder(poRequest());
    expect(submitted.summary).toMatchObject({ leftoverCart: 'replaced' });
    expect(sandbox.state.purchaseOrders.get('DL-1001')?.order_details[0]?.items).toEqual([
      { sku: '87-9934', quantity: 2 },
      { sku: '26-1105', quantity: 1 },
    ]);
  });

  it('replaces a leftover cart whose quantities differ from the PO', async () => {
    const headers = { authorization: `Bearer ${WPS_SANDBOX_TOKEN}`, 'content-type': 'application/json' };
    const cart = {
      po_number: 'DL-1001',
      ship_name: 'J',
      ship_address1: '1 A St',
      ship_city: 'Boise',
      ship_state: 'ID',
      ship_zip: '83702',
    };
    await fetch(`${baseUrl}/carts`, { method: 'POST', headers, body: JSON.stringify(cart) });
    const item = JSON.stringify({ item_sku: '87-9934', quantity: 5 });
    await fetch(`${baseUrl}/carts/DL-1001/items`, { method: 'POST', headers, body: item });
    sandbox.state.requests.length = 0;

    const submitted = await wps.submitPurchaseOrder(poRequest());

    expect(calls().slice(0, 3)).toEqual(['GET /carts/DL-1001', 'DELETE /carts/DL-1001', 'POST /carts']);
    expect(submitted.summary).toMatchObject({ leftoverCart: 'replaced', itemsAdded: 2 });
    expect(sandbox.state.purchaseOrders.get('DL-1001')?.order_details[0]?.items).toEqual([
      { sku: '87-9934', quantity: 2 },
      { sku: '26-1105', quantity: 1 },
    ]);
  });
});

describe('findPurchaseOrder', () => {
  it('returns null for a PO WPS does not have', async () => {
    expect(await wps.findPurchaseOrder('DL-404')).toBeNull();
  });

  it('reports a partial shipment, then the rest, each package with a valid UPS number', async () => {
    await wps.submitPurchaseOrder(poRequest());

    await control('/orders/DL-1001/ship', { packages: [{ items: [{ sku: '87-9934', quantity: 1 }] }] });
    const partly = await wps.findPurchaseOrder('DL-1001');

    expect(partly?.status).toBe('partially_shipped');
    expect(partly?.shipments).toHaveLength(1);
    expect(partly?.shipments[0]).toMatchObject({ carrier: 'UPS', lines: [{ distributorSku: '87-9934', quantity: 1 }] });

    await control('/orders/DL-1001/ship', {
      packages: [
        {
          items: [
            { sku: '87-9934', quantity: 1 },
            { sku: '26-1105', quantity: 1 },
          ],
        },
      ],
    });
    const shipped = await wps.findPurchaseOrder('DL-1001');

    expect(shipped?.status).toBe('shipped');
    expect(shipped?.shipments).toHaveLength(2);
    for (const shipment of shipped?.shipments ?? []) {
      expect(shipment.carrier).toBe('UPS');
      expect(isValidUpsTrackingNumber(shipment.trackingNumber)).toBe(true);
      expect(shipment.shippedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(shipped?.shipments.flatMap((shipment) => shipment.lines)).toEqual(
      expect.arrayContaining([
        { distributorSku: '87-9934', quantity: 1 },
        { distributorSku: '87-9934', quantity: 1 },
        { distributorSku: '26-1105', quantity: 1 },
      ]),
    );
  });

  it('names the carrier from ship_via when the tracking number does not say', async () => {
    await wps.submitPurchaseOrder(poRequest());

    await control('/orders/DL-1001/ship', {
      packages: [
        { items: [{ sku: '26-1105', quantity: 1 }], ship_via: 'FE2D', tracking_number: '986578788855' },
        { items: [{ sku: '87-9934', quantity: 2 }], carrier: 'OnTrac', tracking_number: 'C11031500001879' },
      ],
    });
    const po = await wps.findPurchaseOrder('DL-1001');

    expect(po?.shipments.map(({ carrier, trackingNumber, shipMethod }) => ({ carrier, trackingNumber, shipMethod }))).toEqual(
      expect.arrayContaining([
        { carrier: 'FedEx', trackingNumber: '986578788855', shipMethod: 'FE2D' },
        { carrier: 'OnTrac', trackingNumber: 'C11031500001879', shipMethod: 'CO5' },
      ]),
    );
  });

  it('reports backordered and cancelled items', async () => {
    await wps.submitPurchaseOrder(poRequest());

    await control('/orders/DL-1001/backorder', { items: [{ sku: '26-1105', quantity: 1 }] });
    const backordered = await wps.findPurchaseOrder('DL-1001');
    await control('/orders/DL-1001/cancel');
    const cancelled = await wps.findPurchaseOrder('DL-1001');

    expect(backordered?.status).toBe('backordered');
    expect(backordered?.backordered).toEqual([{ distributorSku: '26-1105', quantity: 1 }]);
    expect(cancelled?.status).toBe('cancelled');
    expect(cancelled?.cancelled).toEqual([
      { distributorSku: '87-9934', quantity: 2 },
      { distributorSku: '26-1105', quantity: 1 },
    ]);
  });

  it('counts a PO as shipped when everything not cancelled has shipped', async () => {
    await wps.submitPurchaseOrder(poRequest());

    await control('/orders/DL-1001/cancel', { items: [{ sku: '26-1105', quantity: 1 }] });
    await control('/orders/DL-1001/ship');
    const po = await wps.findPurchaseOrder('DL-1001');

    expect(po?.status).toBe('shipped');
    expect(po?.cancelled).toEqual([{ distributorSku: '26-1105', quantity: 1 }]);
    expect(po?.shipments).toHaveLength(1);
  });
});

describe('checkStock and testConnection', () => {
  it('returns live stock per warehouse, and none for SKUs WPS does not list', async () => {
    expect(await wps.checkStock?.(['87-9934', '99-0000'])).toEqual([
      {
        distributorSku: '87-9934',
        warehouses: [
          { warehouse: 'ID', quantity: 12 },
          { warehouse: 'CA', quantity: 3 },
        ],
      },
      { distributorSku: '99-0000', warehouses: [] },
    ]);
  });

  it('accepts a good token and rejects a bad one', async () => {
    await expect(wps.testConnection()).resolves.toBeUndefined();
    const error = await distributorFailureOf(createWpsConnector({ baseUrl, token: 'nope' }).testConnection());
    expect(error.kind).toBe('auth');
  });
});

describe('listPurchaseOrders', () => {
  const today = new Date().toISOString().slice(0, 10);

  it('asks GET /orders with both dates in YYYYMMDD, and follows a page cursor only when WPS sends one', async () => {
    await sandbox.close();
    await start({ listPageSize: 1 });
    const urls: string[] = [];
    wps = createWpsConnector({ baseUrl, token: WPS_SANDBOX_TOKEN, fetch: (url, init) => (urls.push(String(url).slice(baseUrl.length)), fetch(url, init)) });
    await wps.submitPurchaseOrder(poRequest());
    await wps.submitPurchaseOrder(poRequest({ poNumber: 'DL-1002' }));
    urls.length = 0;
    const first = await wps.listPurchaseOrders!({ from: today, to: today });
    expect(first.orders.map((o) => o.poNumber)).toEqual(['DL-1001']);
    expect(first.nextPage).not.toBeNull();
    const second = await wps.listPurchaseOrders!({ from: today, to: today, page: first.nextPage! });
    expect(second).toMatchObject({ orders: [{ poNumber: 'DL-1002' }], nextPage: null });
    const compact = today.replace(/-/g, '');
    expect(urls).toEqual([
      `/orders?from_date=${compact}&to_date=${compact}`,
      `/orders?from_date=${compact}&to_date=${compact}&page%5Bcursor%5D=${encodeURIComponent(first.nextPage!)}`,
    ]);
  });

  it('refuses a list without valid dates with 422 (the sandbox, as WPS documents both as required)', async () => {
    const response = await fetch(`${baseUrl}/orders?from_date=2026-12-01`, { headers: { authorization: `Bearer ${WPS_SANDBOX_TOKEN}` } });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ errors: { from_date: [expect.any(String)], to_date: [expect.any(String)] } });
  });

  it('leaves out the POs the sandbox is told to hide, which findPurchaseOrder still finds', async () => {
    await sandbox.close();
    await start({ hiddenFromListing: (po) => po === 'DL-1001' });
    await wps.submitPurchaseOrder(poRequest());
    expect(await wps.listPurchaseOrders!({ from: today, to: today })).toEqual({ orders: [], nextPage: null });
    expect(await wps.findPurchaseOrder('DL-1001')).not.toBeNull();
  });

  it('reports a lost answer as transient', async () => {
    await control('/faults', { loseResponseOnce: { method: 'GET', path: '/orders' } });
    expect(await distributorFailureOf(wps.listPurchaseOrders!({ from: today, to: today }))).toMatchObject({ kind: 'transient', retryable: true });
  });
});
