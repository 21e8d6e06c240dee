import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callsOf, distributorFailureOf, purchaseOrder, sandboxControl } from '../../test/helpers/adapter-scaffold.js';
import { isValidUpsTrackingNumber } from '../carriers.js';
import { connectorFor } from '../registry.js';
import type { DistributorConnector, PurchaseOrderRequest } from '../types.js';
import { createAutomaticConnector } from './adapter.js';
import {
  AUTOMATIC_SANDBOX_ACCOUNT_NUMBER,
  AUTOMATIC_SANDBOX_API_TOKEN,
  createAutomaticSandbox,
  type AutomaticSandbox,
  type AutomaticSandboxOptions,
} from './sandbox/index.js';

let sandbox: AutomaticSandbox;
let baseUrl: string;
let automatic: DistributorConnector;

const connector = (overrides: { token?: string; timeoutMs?: number } = {}) =>
  createAutomaticConnector({ baseUrl, token: AUTOMATIC_SANDBOX_API_TOKEN, ...overrides });

async function start(options?: AutomaticSandboxOptions) {
  sandbox = createAutomaticSandbox(options);
  baseUrl = await sandbox.listen();
  automatic = connector();
}

beforeEach(() => start());
afterEach(() => sandbox.close());

const PO = 'DL001001-A';

const poRequest = (overrides: Partial<PurchaseOrderRequest> = {}) =>
  purchaseOrder({
    poNumber: PO,
    shipMethod: 'GROUND',
    lines: [
      { distributorSku: '171-1042', quantity: 2 },
      { distributorSku: '240-0033', quantity: 1 },
    ],
    ...overrides,
  });

const { control, readControl } = sandboxControl(() => baseUrl);

const ordersFor = (poNumber: string) => readControl<unknown[]>(`/orders?ponumber=${encodeURIComponent(poNumber)}`, 'orders');

const calls = () => callsOf(sandbox);

describe('submitPurchaseOrder', () => {
  it('places the order in one call with the assumed v2 body, which then reads as accepted', async () => {
    const submitted = await automatic.submitPurchaseOrder(poRequest());

    expect(calls()).toEqual(['POST /v2/order/create']);
    const [order] = sandbox.state.orders;
    expect(order).toMatchObject({
      header: { ponumber: PO, orderGenerationNumber: '01', accountNumber: AUTOMATIC_SANDBOX_ACCOUNT_NUMBER, shipMethod: 'GROUND', status: 'OPEN' },
      shipToAddress: {
        name: 'Jane Rider',
        address1: '123 Main St',
        state: 'ID',
        zip: '83702',
        country: 'US',
        phone: '2085551234',
        classification: 'RESIDENTIAL',
      },
      lines: [
        { lineNumber: 1, partNumber: '171-1042', quantityOrdered: 2 },
        { lineNumber: 2, partNumber: '240-0033', quantityOrdered: 1 },
      ],
    });
    expect(order?.header.orderDate).toMatch(/^\d{2}\/\d{2}\/\d{2}$/);
    expect(submitted.distributorOrderRefs).toEqual([`${order?.header.orderNumber}-01`]);
    expect(submitted.summary).toMatchObject({ orderGenerationNumber: '01', status: 'OPEN', classification: 'RESIDENTIAL' });
    expect(JSON.stringify(submitted.summary)).not.toMatch(/Jane|Main St|jane@example\.com|555/);
    expect(await automatic.findPurchaseOrder(PO)).toEqual({
      poNumber: PO,
      distributorOrderRefs: submitted.distributorOrderRefs,
      status: 'accepted',
      shipments: [],
      cancelled: [],
      backordered: [],
    });
  });

  it('sends a part listed twice as one line, classes a ship-to with a company as commercial, and leaves out a phone that is not ten US digits', async () => {
    const request = poRequest();
    await automatic.submitPurchaseOrder({
      ...request,
      shipTo: { ...request.shipTo, company: 'Rider Racing', phone: '+44 20 7946 0958' },
      lines: [
        { distributorSku: '171-1042', quantity: 1 },
        { distributorSku: '171-1042', quantity: 2 },
      ],
    });

    const [order] = sandbox.state.orders;
    expect(order?.lines).toMatchObject([{ lineNumber: 1, partNumber: '171-1042', quantityOrdered: 3 }]);
    expect(order?.shipToAddress).toMatchObject({ company: 'Rider Racing', classification: 'COMMERCIAL' });
    expect(order?.shipToAddress).not.toHaveProperty('phone');
  });

  it('lists every problem at once before calling Automatic', async () => {
    const request = poRequest();
    const error = await distributorFailureOf(
      automatic.submitPurchaseOrder({
        ...request,
        poNumber: 'DL001001-A-EBAY-RETRY-22',
        shipTo: { ...request.shipTo, name: 'Maximilian Alexander Rider-Johnson', city: '', country: 'CA', postalCode: 'V6B 1A1' },
        lines: [{ distributorSku: '171-1042', quantity: 0 }],
      }),
    );

    expect(error.kind).toBe('rejected');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('PO number DL001001-A-EBAY-RETRY-22 is 24 characters; Automatic Distributors allows 22');
    expect(error.message).toContain('Ship-to name is 34 characters; Automatic Distributors allows 30');
    expect(error.message).toContain('Ship-to city is missing');
    expect(error.message).toContain('US addresses only');
    expect(error.message).toContain('Part 171-1042 has quantity 0');
    expect(sandbox.state.requests).toHaveLength(0);
  });

  it.each([
    ['longer than 22 characters', 'DL001001-A-RESENT-AGAIN', /23 characters; Automatic Distributors allows 22/],
    ['not printable ASCII', 'DL001001-Ä', /other than printable ASCII/],
    ['a tab', 'DL001001\tA', /other than printable ASCII/],
  ])('refuses a PO number %s without calling Automatic, and never looks it up', async (_case, poNumber, reason) => {
    const error = await distributorFailureOf(automatic.submitPurchaseOrder(poRequest({ poNumber })));

    expect(error.kind).toBe('rejected');
    expect(error.message).toMatch(reason);
    expect(await automatic.findPurchaseOrder(poNumber)).toBeNull();
    expect(sandbox.state.requests).toHaveLength(0);
  });

  it('accepts a 22-character PO number with spaces and punctuation, all printable ASCII', async () => {
    const poNumber = 'DL 001001/A.B_C-D~E!F#';
    expect(poNumber).toHaveLength(22);

    await automatic.submitPurchaseOrder(poRequest({ poNumber }));

    expect((await automatic.findPurchaseOrder(poNumber))?.status).toBe('accepted');
  });

  it('reports a part Automatic does not carry as unknown_item, and places nothing', async () => {
    const error = await distributorFailureOf(automatic.submitPurchaseOrder(poRequest({ lines: [{ distributorSku: '999-0000', quantity: 1 }] })));

    expect(error.kind).toBe('unknown_item');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Part number 999-0000 not found');
    expect(await ordersFor(PO)).toHaveLength(0);
  });

  it('reports a part that is not CARB-exempt going to California as rejected, saying why', async () => {
    const request = poRequest({ lines: [{ distributorSku: '350-7710', quantity: 1 }] });
    const toCalifornia = { ...request, shipTo: { ...request.shipTo, city: 'Fresno', region: 'CA', postalCode: '93721' } };

    const error = await distributorFailureOf(automatic.submitPurchaseOrder(toCalifornia));

    expect(error.kind).toBe('rejected');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('not CARB-exempt');
    expect(error.message).toContain('California allows only CARB-exempt parts');
    expect(await ordersFor(PO)).toHaveLength(0);
    await expect(automatic.submitPurchaseOrder(request)).resolves.toMatchObject({ poNumber: PO });
  });

  it.each([
    ['on credit hold', 'on_hold', /credit hold/],
    ['not set up for drop-ship', 'no_dropship', /enable drop-shipping/],
  ] as const)('reports an account %s as not_ready', async (_case, status, reason) => {
    await sandbox.close();
    await start({ accounts: { [AUTOMATIC_SANDBOX_API_TOKEN]: { accountNumber: AUTOMATIC_SANDBOX_ACCOUNT_NUMBER, status } } });

    const error = await distributorFailureOf(automatic.submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('not_ready');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(reason);
  });

  it('reports a bad API token as auth without repeating the token', async () => {
    const error = await distributorFailureOf(connector({ token: 'stolen-looking-secret' }).submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain('stolen-looking-secret');
    expect(sandbox.state.orders).toHaveLength(0);
  });

  it('answers a repeated submit with the order already placed, placing no second one', async () => {
    const first = await automatic.submitPurchaseOrder(poRequest());

    const again = await automatic.submitPurchaseOrder(poRequest());

    expect(again.distributorOrderRefs).toEqual(first.distributorOrderRefs);
    expect(again.summary).toEqual({ foundExisting: true, refusedAsDuplicate: true });
    expect(calls()).toEqual(['POST /v2/order/create', 'POST /v2/order/create', 'GET /v2/order/lookup']);
    expect(await ordersFor(PO)).toHaveLength(1);
  });

  it('refuses a PO number already used for other parts', async () => {
    await automatic.submitPurchaseOrder(poRequest());

    const error = await distributorFailureOf(automatic.submitPurchaseOrder(poRequest({ lines: [{ distributorSku: '240-0033', quantity: 5 }] })));

    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('already been used');
    expect(error.message).toContain('already has an order with this PO number');
    expect(await ordersFor(PO)).toHaveLength(1);
  });

  it('places exactly one order when the answer to the submit was lost, whether the caller looks up or submits again', async () => {
    await control('/faults', { loseResponseOnce: { method: 'POST', path: '/v2/order/create' } });

    const lost = await distributorFailureOf(automatic.submitPurchaseOrder(poRequest()));
    const found = await automatic.findPurchaseOrder(PO);
    const again = await automatic.submitPurchaseOrder(poRequest());

    expect(lost.kind).toBe('transient');
    expect(found?.status).toBe('accepted');
    expect(again.distributorOrderRefs).toEqual(found?.distributorOrderRefs);
    expect(await ordersFor(PO)).toHaveLength(1);
  });

  it('passes on Retry-After when Automatic rate-limits', async () => {
    await control('/faults', { rateLimitNext: 1, retryAfterSeconds: 7 });

    const error = await distributorFailureOf(automatic.submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(7000);
    expect(error.message).toContain('retry after 7 s');
    expect(await ordersFor(PO)).toHaveLength(0);
  });

  it('treats a 5xx as transient, and the retry places the one order', async () => {
    await control('/faults', { status5xxRate: 1 });

    const error = await distributorFailureOf(automatic.submitPurchaseOrder(poRequest()));
    await control('/faults', { status5xxRate: 0 });
    const placed = await automatic.submitPurchaseOrder(poRequest());

    expect(error.kind).toBe('transient');
    expect(error.retryable).toBe(true);
    expect(placed.summary).toMatchObject({ orderGenerationNumber: '01' });
    expect(await ordersFor(PO)).toHaveLength(1);
  });

  it('treats a 200 with a body that is not JSON as malformed', async () => {
    await control('/faults', { malformedNext: 1 });

    const error = await distributorFailureOf(automatic.submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('malformed');
    expect(error.retryable).toBe(true);
  });

  it('treats a slow answer as transient', async () => {
    await control('/faults', { latencyMs: 300 });

    const error = await distributorFailureOf(connector({ timeoutMs: 50 }).findPurchaseOrder(PO));

    expect(error.kind).toBe('transient');
    expect(error.message).toContain('50 ms');
  });
});

describe('the sandbox', () => {
  const post = (body: unknown) =>
    fetch(`${baseUrl}/v2/order/create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${AUTOMATIC_SANDBOX_API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('enforces the limits the connector checks, with coded errors in an HTTP 400', async () => {
    const response = await post({
      header: { ponumber: 'DL001001-Ä-RETRY-000001', shipMethod: 'GROUND' },
      shipToAddress: {
        name: 'Jane Rider',
        address1: '123 Main St',
        city: 'Boise',
        state: 'Idaho',
        country: 'US',
        phone: '555-1234',
        classification: 'RESIDENTIAL',
      },
      lines: [{ lineNumber: 1, partNumber: '171-1042', quantity: 1 }],
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        { code: 'INVALID_FIELD', field: 'header.ponumber', message: 'must be 22 characters or fewer' },
        { code: 'INVALID_FIELD', field: 'header.ponumber', message: 'must be printable ASCII' },
        { code: 'INVALID_FIELD', field: 'shipToAddress.zip', message: 'is required' },
        { code: 'INVALID_FIELD', field: 'shipToAddress.state', message: 'must be 2 characters or fewer' },
        { code: 'INVALID_FIELD', field: 'shipToAddress.phone', message: 'must be 10 digits' },
      ],
    });
    expect(sandbox.state.orders).toHaveLength(0);
  });

  it('keeps date ranges within 365 days and merges PRO numbers into trackingNumber there', async () => {
    await automatic.submitPurchaseOrder(poRequest({ shipMethod: 'FREIGHT' }));
    await control(`/orders/${PO}/ship`);
    const range = (start: string, end: string) =>
      fetch(`${baseUrl}/v2/order/lookup/range?startDate=${encodeURIComponent(start)}&endDate=${encodeURIComponent(end)}`, {
        headers: { authorization: `Bearer ${AUTOMATIC_SANDBOX_API_TOKEN}` },
      });
    const today = sandbox.state.orders[0]!.header.orderDate;

    const tooLong = await range('01/01/24', '01/02/25');
    const listed = (await (await range(today, today)).json()) as { orders: Array<{ packages: Array<Record<string, unknown>> }> };

    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toEqual({
      errors: [{ code: 'INVALID_FIELD', field: 'endDate', message: 'must be at most 365 days after startDate' }],
    });
    expect(listed.orders[0]?.packages[0]).toMatchObject({ carrier: 'Estes Express', trackingNumber: expect.stringMatching(/^\d{10}$/) });
    expect(listed.orders[0]?.packages[0]).not.toHaveProperty('proNumber');
  });
});

describe('findPurchaseOrder', () => {
  it('returns null for a PO Automatic does not have, and ignores another account’s orders', async () => {
    const otherToken = 'other-dealer-token';
    await sandbox.close();
    await start({
      accounts: {
        [AUTOMATIC_SANDBOX_API_TOKEN]: { accountNumber: AUTOMATIC_SANDBOX_ACCOUNT_NUMBER },
        [otherToken]: { accountNumber: 'AD99999' },
      },
    });
    await connector({ token: otherToken }).submitPurchaseOrder(poRequest());

    expect(await automatic.findPurchaseOrder(PO)).toBeNull();
    expect(await automatic.findPurchaseOrder('DL-404')).toBeNull();
  });

  it('finds the PO whatever the case of its letters', async () => {
    await automatic.submitPurchaseOrder(poRequest());

    expect((await automatic.findPurchaseOrder(PO.toLowerCase()))?.status).toBe('accepted');
  });

  it('does not find an order placed more than 365 days ago, the limit of Automatic lookups', async () => {
    const clock = { now: new Date('2026-03-01T12:00:00Z') };
    await sandbox.close();
    await start({ now: () => clock.now });
    await automatic.submitPurchaseOrder(poRequest());

    clock.now = new Date('2027-03-01T12:00:00Z');
    const day365 = await automatic.findPurchaseOrder(PO);
    clock.now = new Date('2027-03-02T12:00:00Z');
    const day366 = await automatic.findPurchaseOrder(PO);

    expect(day365?.status).toBe('accepted');
    expect(day366).toBeNull();
  });

  it('reports a partial shipment in several packages, then the rest, each with a valid UPS number', async () => {
    await automatic.submitPurchaseOrder(poRequest());

    await control(`/orders/${PO}/ship`, {
      packages: [{ items: [{ sku: '171-1042', quantity: 1 }] }, { items: [{ sku: '171-1042', quantity: 1 }] }],
    });
    const partly = await automatic.findPurchaseOrder(PO);

    expect(partly?.status).toBe('partially_shipped');
    expect(partly?.shipments).toHaveLength(2);
    expect(partly?.shipments[0]).toMatchObject({ carrier: 'UPS', shipMethod: 'GROUND', lines: [{ distributorSku: '171-1042', quantity: 1 }] });
    expect(partly?.shipments[0]?.trackingNumber).not.toBe(partly?.shipments[1]?.trackingNumber);

    await control(`/orders/${PO}/ship`);
    const shipped = await automatic.findPurchaseOrder(PO);

    expect(shipped?.status).toBe('shipped');
    expect(shipped?.shipments).toHaveLength(3);
    for (const shipment of shipped?.shipments ?? []) {
      expect(shipment.carrier).toBe('UPS');
      expect(isValidUpsTrackingNumber(shipment.trackingNumber)).toBe(true);
      expect(shipment.shippedAt).toMatch(/^20\d{2}-\d{2}-\d{2}$/);
    }
    expect(shipped?.shipments[2]?.lines).toEqual([{ distributorSku: '240-0033', quantity: 1 }]);
    expect(sandbox.state.orders[0]?.header.invoiceDate).toMatch(/^\d{2}\/\d{2}\/\d{2}$/);
  });

  it('names the carrier Automatic reports, and otherwise the one the tracking number belongs to', async () => {
    await automatic.submitPurchaseOrder(poRequest());

    await control(`/orders/${PO}/ship`, {
      packages: [
        { items: [{ sku: '240-0033', quantity: 1 }], carrier: 'FedEx Ground', trackingNumber: '986578788855' },
        { items: [{ sku: '171-1042', quantity: 2 }], trackingNumber: 'C11031500001879' },
      ],
    });
    const po = await automatic.findPurchaseOrder(PO);

    expect(po?.shipments.map(({ carrier, trackingNumber }) => ({ carrier, trackingNumber }))).toEqual([
      { carrier: 'FedEx', trackingNumber: '986578788855' },
      { carrier: 'OnTrac', trackingNumber: 'C11031500001879' },
    ]);
  });

  it('tracks a freight shipment by its PRO number at the truck line', async () => {
    await automatic.submitPurchaseOrder(poRequest({ shipMethod: 'FREIGHT' }));

    await control(`/orders/${PO}/ship`, {
      packages: [
        { items: [{ sku: '171-1042', quantity: 2 }], carrier: 'R+L Carriers', proNumber: 'I-123 456 789' },
        { items: [{ sku: '240-0033', quantity: 1 }] },
      ],
    });
    const po = await automatic.findPurchaseOrder(PO);

    expect(po?.status).toBe('shipped');
    expect(po?.shipments).toEqual([
      expect.objectContaining({ carrier: 'R+L Carriers', trackingNumber: 'I123456789', shipMethod: 'FREIGHT' }),
      expect.objectContaining({ carrier: 'Estes Express', trackingNumber: expect.stringMatching(/^\d{10}$/) }),
    ]);
    expect(sandbox.state.orders[0]?.packages[0]).toMatchObject({ trackingNumber: null, proNumber: 'I-123 456 789' });
  });

  it('reports backordered and cancelled parts', async () => {
    await automatic.submitPurchaseOrder(poRequest());

    await control(`/orders/${PO}/backorder`, { items: [{ sku: '240-0033', quantity: 1 }] });
    const backordered = await automatic.findPurchaseOrder(PO);
    await control(`/orders/${PO}/cancel`);
    const cancelled = await automatic.findPurchaseOrder(PO);

    expect(backordered?.status).toBe('backordered');
    expect(backordered?.backordered).toEqual([{ distributorSku: '240-0033', quantity: 1 }]);
    expect(cancelled?.status).toBe('cancelled');
    expect(cancelled?.backordered).toEqual([]);
    expect(cancelled?.cancelled).toEqual([
      { distributorSku: '171-1042', quantity: 2 },
      { distributorSku: '240-0033', quantity: 1 },
    ]);
  });

  it('counts a PO as shipped when everything not cancelled has shipped, backorders included', async () => {
    await automatic.submitPurchaseOrder(poRequest());

    await control(`/orders/${PO}/backorder`, { items: [{ sku: '171-1042', quantity: 2 }] });
    await control(`/orders/${PO}/cancel`, { items: [{ sku: '240-0033', quantity: 1 }] });
    await control(`/orders/${PO}/ship`);
    const po = await automatic.findPurchaseOrder(PO);

    expect(po?.status).toBe('shipped');
    expect(po?.backordered).toEqual([]);
    expect(po?.cancelled).toEqual([{ distributorSku: '240-0033', quantity: 1 }]);
    expect(po?.shipments).toHaveLength(1);
  });

  it('merges the generations of an account that accepts a PO number twice', async () => {
    await sandbox.close();
    await start({ duplicatePo: 'accept' });
    const first = await automatic.submitPurchaseOrder(poRequest());
    const second = await automatic.submitPurchaseOrder(poRequest({ lines: [{ distributorSku: '240-0033', quantity: 1 }] }));

    await control(`/orders/${PO}/ship`, { packages: [{ items: [{ sku: '240-0033', quantity: 2 }] }] });
    const po = await automatic.findPurchaseOrder(PO);

    expect(second.summary).toMatchObject({ orderGenerationNumber: '02' });
    expect(po?.distributorOrderRefs).toEqual([...first.distributorOrderRefs, ...second.distributorOrderRefs]);
    expect(po?.distributorOrderRefs.map((ref) => ref.slice(-3))).toEqual(['-01', '-02']);
    expect(po?.status).toBe('partially_shipped');
    expect(po?.shipments).toHaveLength(1);
    expect(po?.shipments[0]?.lines).toEqual([
      { distributorSku: '240-0033', quantity: 1 },
      { distributorSku: '240-0033', quantity: 1 },
    ]);
  });
});

describe('cancelPurchaseOrder', () => {
  it('revokes what has not shipped, and a repeated revoke is not an error', async () => {
    expect(automatic.capabilities.cancel).toBe(true);
    await automatic.submitPurchaseOrder(poRequest());
    await control(`/orders/${PO}/ship`, { packages: [{ items: [{ sku: '171-1042', quantity: 1 }] }] });

    await automatic.cancelPurchaseOrder?.(PO);
    await automatic.cancelPurchaseOrder?.(PO);
    const po = await automatic.findPurchaseOrder(PO);

    expect(calls().filter((call) => call === 'POST /v2/order/revoke')).toHaveLength(2);
    expect(po?.status).toBe('shipped');
    expect(po?.cancelled).toEqual([
      { distributorSku: '171-1042', quantity: 1 },
      { distributorSku: '240-0033', quantity: 1 },
    ]);
    expect(po?.shipments).toHaveLength(1);
  });

  it('revokes only the parts not yet picked; the picked ones still ship', async () => {
    await automatic.submitPurchaseOrder(poRequest());
    await control(`/orders/${PO}/pick`, { items: [{ sku: '171-1042', quantity: 2 }] });

    await automatic.cancelPurchaseOrder?.(PO);
    const revoked = await automatic.findPurchaseOrder(PO);
    await control(`/orders/${PO}/ship`);
    const shipped = await automatic.findPurchaseOrder(PO);

    expect(revoked?.cancelled).toEqual([{ distributorSku: '240-0033', quantity: 1 }]);
    expect(revoked?.status).not.toBe('cancelled');
    expect(shipped?.status).toBe('shipped');
    expect(shipped?.shipments.flatMap((s) => s.lines)).toEqual([{ distributorSku: '171-1042', quantity: 2 }]);
  });

  it('is refused, in words a dealer can act on, when everything left is being picked', async () => {
    await automatic.submitPurchaseOrder(poRequest());
    await control(`/orders/${PO}/ship`, { packages: [{ items: [{ sku: '240-0033', quantity: 1 }] }] });
    await control(`/orders/${PO}/pick`);

    const error = await distributorFailureOf(automatic.cancelPurchaseOrder!(PO));
    const po = await automatic.findPurchaseOrder(PO);

    expect(error.kind).toBe('rejected');
    expect(error.message).toContain(`Automatic Distributors refused to revoke PO ${PO}`);
    expect(error.message).toContain('2 × 171-1042');
    expect(error.message).toContain('arrange a return or let the buyer keep it');
    expect(po?.cancelled).toEqual([]);
  });

  it('lets the distributor itself cancel picked parts, and a revoke after that is not an error', async () => {
    await automatic.submitPurchaseOrder(poRequest());
    await control(`/orders/${PO}/pick`);
    await control(`/orders/${PO}/cancel`);

    await expect(automatic.cancelPurchaseOrder!(PO)).resolves.toBeUndefined();
    expect((await automatic.findPurchaseOrder(PO))?.status).toBe('cancelled');
  });

  it('refuses to revoke a PO Automatic does not have', async () => {
    const error = await distributorFailureOf(automatic.cancelPurchaseOrder!('DL-404'));

    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('No order has PO number DL-404');
  });
});

describe('testConnection and the registry', () => {
  it('accepts a good token and rejects a bad one', async () => {
    await expect(automatic.testConnection()).resolves.toBeUndefined();
    expect(calls()).toEqual(['GET /v2/order/lookup/range']);
    expect((await distributorFailureOf(connector({ token: 'nope' }).testConnection())).kind).toBe('auth');
  });

  it('is built by the registry from an API token, and refuses an account without one', async () => {
    const endpoints = { wps: 'http://127.0.0.1:9', parts_unlimited: 'http://127.0.0.1:9', tucker_rocky: 'http://127.0.0.1:9', automatic: baseUrl };
    const built = connectorFor('automatic', { apiToken: AUTOMATIC_SANDBOX_API_TOKEN }, endpoints);

    expect(built.distributor).toBe('automatic');
    await expect(built.testConnection()).resolves.toBeUndefined();
    expect(() => connectorFor('automatic', {}, endpoints)).toThrow(expect.objectContaining({ kind: 'auth' }));
  });
});
