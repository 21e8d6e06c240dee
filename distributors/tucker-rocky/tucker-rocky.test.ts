import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUYER_SHIP_TO, distributorFailureOf, purchaseOrder, sandboxControl } from '../../test/helpers/adapter-scaffold.js';
import { isValidUpsTrackingNumber } from '../carriers.js';
import { connectorFor } from '../registry.js';
import type { DistributorConnector, PurchaseOrderRequest } from '../types.js';
import { createTuckerRockyConnector } from './adapter.js';
import {
  createTuckerRockySandbox,
  TUCKER_SANDBOX_API_KEY,
  TUCKER_SANDBOX_CUSTOMER_NUMBER,
  TUCKER_SANDBOX_NO_CARD_API_KEY,
  TUCKER_SANDBOX_NO_CARD_CUSTOMER_NUMBER,
  type TuckerRockySandbox,
  type TuckerRockySandboxOptions,
} from './sandbox/index.js';

let sandbox: TuckerRockySandbox;
let baseUrl: string;
let tucker: DistributorConnector;

const CREDENTIALS = { customerNumber: TUCKER_SANDBOX_CUSTOMER_NUMBER, apiKey: TUCKER_SANDBOX_API_KEY };

const connector = (overrides: { apiKey?: string; customerNumber?: string; timeoutMs?: number; fetch?: typeof fetch } = {}) =>
  createTuckerRockyConnector({ baseUrl, ...CREDENTIALS, ...overrides });

async function start(options?: TuckerRockySandboxOptions) {
  sandbox = createTuckerRockySandbox(options);
  baseUrl = await sandbox.listen();
  tucker = connector();
}

beforeEach(() => start());
afterEach(() => sandbox.close());

const PO = 'DL001001-T';
const WITH_UNKNOWN_ITEM = [
  { distributorSku: '581010', quantity: 1 },
  { distributorSku: '999999', quantity: 1 },
];

const poRequest = (overrides: Partial<PurchaseOrderRequest> = {}) =>
  purchaseOrder({
    poNumber: PO,
    shipTo: { ...BUYER_SHIP_TO, company: 'Rider Racing', line2: 'Unit 4' },
    shipMethod: 'UG',
    lines: [
      { distributorSku: '581010', quantity: 2 },
      { distributorSku: '160942', quantity: 1 },
    ],
    ...overrides,
  });

const { control, readControl } = sandboxControl(() => baseUrl);

const ordersFor = (po: string) => readControl<unknown[]>(`/orders?po=${encodeURIComponent(po)}`, 'orders');

/** A TRWS call made by hand, for what the connector never sends. */
async function trws(params: Array<[string, string]>): Promise<Record<string, Record<string, unknown>>> {
  const query = new URLSearchParams([['apikey', TUCKER_SANDBOX_API_KEY], ['cust', TUCKER_SANDBOX_CUSTOMER_NUMBER], ['output', 'JSON'], ...params]);
  const response = await fetch(`${baseUrl}/bin/trws?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, Record<string, unknown>>;
}

const types = () => sandbox.state.calls.map((call) => call.type);
const loseOrdAnswer = () => control('/faults', { loseResponseOnce: { method: 'GET', path: '/bin/trws', query: { type: 'ORD' } } });

describe('submitPurchaseOrder', () => {
  it('places the order in one ORD call with Tucker’s duplicate guard on, which then reads as accepted', async () => {
    const submitted = await tucker.submitPurchaseOrder(poRequest());

    expect(types()).toEqual(['ORD']);
    expect(sandbox.state.calls[0]?.params).toEqual([
      ['cust', TUCKER_SANDBOX_CUSTOMER_NUMBER],
      ['output', 'JSON'],
      ['type', 'ORD'],
      ['name', 'Jane Rider'],
      ['address1', '123 Main St'],
      ['address2', 'Unit 4'],
      ['city', 'Boise'],
      ['state', 'ID'],
      ['zip', '83702'],
      ['po', PO],
      ['allowduplicatepo', 'NO'],
      ['carrier', 'UG'],
      ['splitlines', 'YES'],
      ['submit', 'YES'],
      ['line', '581010,2'],
      ['line', '160942,1'],
    ]);
    const [order] = sandbox.state.orders;
    expect(order).toMatchObject({
      customer: TUCKER_SANDBOX_CUSTOMER_NUMBER,
      po: PO,
      carrier: 'UG',
      splitlines: true,
      invoiceNote: null,
    });
    expect(submitted.distributorOrderRefs).toEqual([order?.ordernum]);
    expect(submitted.summary).toEqual({
      carrier: 'UG',
      lines: [
        { sku: '581010', quantity: 2 },
        { sku: '160942', quantity: 1 },
      ],
      orderNumber: order?.ordernum,
    });
    expect(await tucker.findPurchaseOrder(PO)).toEqual({
      poNumber: PO,
      distributorOrderRefs: submitted.distributorOrderRefs,
      status: 'accepted',
      shipments: [],
      cancelled: [],
      backordered: [],
    });
  });

  it('sends an item listed twice as one line, and special instructions as the invoice note', async () => {
    await tucker.submitPurchaseOrder(
      poRequest({
        comment: 'Leave at side door, not the front',
        lines: [
          { distributorSku: '581010', quantity: 1 },
          { distributorSku: '581010', quantity: 2 },
        ],
      }),
    );

    expect(sandbox.state.orders[0]).toMatchObject({
      invoiceNote: 'Leave at side door, not the front',
      lines: [{ itemnum: '581010', ordered: 3 }],
    });
  });

  it('lists every problem at once before calling Tucker Rocky', async () => {
    const request = poRequest();
    const error = await distributorFailureOf(
      tucker.submitPurchaseOrder({
        ...request,
        poNumber: 'DL001001-T-EBAY-RETRY-2',
        shipTo: { ...request.shipTo, name: 'Maximilian Alexander Rider-Johnson', city: '', country: 'CA', postalCode: 'V6B 1A1' },
        comment: 'Please call the buyer before delivery; the gate code is 4411',
        lines: [
          { distributorSku: '581010', quantity: 0 },
          { distributorSku: '58,1012', quantity: 1 },
        ],
      }),
    );

    expect(error.kind).toBe('rejected');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('PO number DL001001-T-EBAY-RETRY-2 is 23 characters; Tucker Rocky allows 20');
    expect(error.message).toContain('Ship-to name is 34 characters; Tucker Rocky allows 30');
    expect(error.message).toContain('Ship-to city is missing');
    expect(error.message).toContain('US addresses only');
    expect(error.message).toContain('Special instructions are 60 characters; Tucker Rocky allows 55');
    expect(error.message).toContain('Item 581010 has quantity 0');
    expect(error.message).toContain('Item number "58,1012" cannot be sent');
    expect(sandbox.state.requests).toHaveLength(0);
  });

  it('answers a resubmit of a placed PO with the order Tucker already has, placing no second one', async () => {
    const first = await tucker.submitPurchaseOrder(poRequest());

    const again = await tucker.submitPurchaseOrder(poRequest());

    expect(types()).toEqual(['ORD', 'ORD', 'SHP']);
    expect(again.distributorOrderRefs).toEqual(first.distributorOrderRefs);
    expect(again.summary).toMatchObject({ alreadyPlaced: true, tuckerSaid: `Duplicate PO number ${PO}`, status: 'accepted' });
    expect(await ordersFor(PO)).toHaveLength(1);
  });

  it('after the answer to the ORD was lost, finds the order, and a resubmit places no second one', async () => {
    await loseOrdAnswer();

    const error = await distributorFailureOf(tucker.submitPurchaseOrder(poRequest()));
    const found = await tucker.findPurchaseOrder(PO);
    const again = await tucker.submitPurchaseOrder(poRequest());

    expect(error.kind).toBe('transient');
    expect(found?.status).toBe('accepted');
    expect(found?.distributorOrderRefs).toHaveLength(1);
    expect(again.distributorOrderRefs).toEqual(found?.distributorOrderRefs);
    expect(again.summary).toMatchObject({ alreadyPlaced: true });
    expect(await ordersFor(PO)).toHaveLength(1);
  });

  it('refuses a duplicate it cannot see in SHP as rejected, so the dealer decides', async () => {
    await tucker.submitPurchaseOrder(poRequest());
    const blindToShipments: typeof fetch = async (input, init) =>
      String(input).includes('type=SHP') ? new Response(JSON.stringify({ SHP: { status: 'SUCCESSFUL', errormsg: '', shipment: [] } })) : fetch(input, init);

    const error = await distributorFailureOf(connector({ fetch: blindToShipments }).submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('rejected');
    expect(error.message).toContain(`refused PO ${PO} as a duplicate (Duplicate PO number ${PO})`);
    expect(error.message).toContain('give this PO a new number');
    expect(await ordersFor(PO)).toHaveLength(1);
  });

  it('reads a line Tucker does not know as unknown_item, with no order placed', async () => {
    const error = await distributorFailureOf(tucker.submitPurchaseOrder(poRequest({ lines: WITH_UNKNOWN_ITEM })));

    expect(error.kind).toBe('unknown_item');
    expect(error.message).toContain('item 999999: Invalid item number');
    expect(error.message).toContain('Check the item numbers mapped to Tucker Rocky');
    expect(await ordersFor(PO)).toHaveLength(0);
  });

  it('reports an order Tucker placed without an unknown line as placed, naming the line left out', async () => {
    await sandbox.close();
    await start({ lineErrors: 'drop_line' });

    const submitted = await tucker.submitPurchaseOrder(poRequest({ lines: WITH_UNKNOWN_ITEM }));

    expect(submitted.distributorOrderRefs).toHaveLength(1);
    expect(submitted.summary).toMatchObject({ linesNotPlaced: [{ sku: '999999', tuckerSaid: 'Invalid item number' }] });
    expect(sandbox.state.orders[0]?.lines).toEqual([{ itemnum: '581010', ordered: 1, shipped: 0, backordered: 0, cancelled: 0 }]);
  });

  it('reports an account without a credit card on file as not_ready', async () => {
    const noCard = connector({ apiKey: TUCKER_SANDBOX_NO_CARD_API_KEY, customerNumber: TUCKER_SANDBOX_NO_CARD_CUSTOMER_NUMBER });

    const error = await distributorFailureOf(noCard.submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('not_ready');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`No credit card on file for customer ${TUCKER_SANDBOX_NO_CARD_CUSTOMER_NUMBER}`);
    expect(error.message).toContain('the dealer needs to add one with Tucker');
    expect(sandbox.state.orders).toHaveLength(0);
  });

  it('reports a bad API key, or a customer number that is not the key’s, as auth without repeating the key', async () => {
    const badKey = await distributorFailureOf(connector({ apiKey: 'stolen-looking-secret' }).submitPurchaseOrder(poRequest()));
    const otherCustomer = await distributorFailureOf(connector({ customerNumber: '999999' }).submitPurchaseOrder(poRequest()));

    for (const error of [badKey, otherCustomer]) {
      expect(error.kind).toBe('auth');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain('Invalid API key or customer number');
    }
    expect(badKey.message).not.toContain('stolen-looking-secret');
    expect(sandbox.state.orders).toHaveLength(0);
  });

  it('reports a carrier code Tucker does not take as rejected, pointing at the shipping mapping', async () => {
    const error = await distributorFailureOf(tucker.submitPurchaseOrder(poRequest({ shipMethod: 'ground' })));

    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('Invalid carrier code ground');
    expect(error.message).toContain('shipping mappings');
  });

  it('treats a 5xx as transient; the retry places the one order', async () => {
    await control('/faults', { status5xxRate: 1 });

    const error = await distributorFailureOf(tucker.submitPurchaseOrder(poRequest()));
    await control('/faults', { status5xxRate: 0 });
    await tucker.submitPurchaseOrder(poRequest());

    expect(error.kind).toBe('transient');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('HTTP 500');
    expect(await ordersFor(PO)).toHaveLength(1);
  });

  it('treats a 200 with a body that is not JSON as malformed', async () => {
    await control('/faults', { malformedNext: 1 });

    const error = await distributorFailureOf(tucker.submitPurchaseOrder(poRequest()));

    expect(error.kind).toBe('malformed');
    expect(error.retryable).toBe(true);
  });

  it('treats an unreachable host as transient, and a gateway’s 401 or 403 as auth', async () => {
    const unreachable = createTuckerRockyConnector({ baseUrl: 'http://127.0.0.1:9', ...CREDENTIALS });
    const gateway: typeof fetch = async () => new Response('<html>Forbidden</html>', { status: 403 });

    const down = await distributorFailureOf(unreachable.findPurchaseOrder(PO));
    const forbidden = await distributorFailureOf(connector({ fetch: gateway }).findPurchaseOrder(PO));

    expect(down.kind).toBe('transient');
    expect(down.message).toContain('Could not reach Tucker Rocky to look up PO');
    expect(forbidden.kind).toBe('auth');
    expect(forbidden.message).toContain('(HTTP 403)');
  });

  it('treats a slow answer as transient', async () => {
    await control('/faults', { latencyMs: 300 });

    const error = await distributorFailureOf(connector({ timeoutMs: 50 }).findPurchaseOrder(PO));

    expect(error.kind).toBe('transient');
    expect(error.message).toContain('50 ms');
  });
});

describe('the sandbox', () => {
  it('enforces the limits the connector checks, refusing inside an HTTP 200', async () => {
    const answer = await trws([
      ['type', 'ORD'],
      ['name', 'Jane Rider'],
      ['address1', '123 Main St'],
      ['city', 'Boise'],
      ['state', 'Idaho'],
      ['po', 'X'.repeat(21)],
      ['carrier', 'UG'],
      ['submit', 'YES'],
      ['line', '581010,1'],
      ['line', '160942,none'],
    ]);

    expect(answer.ORD).toEqual({
      status: 'ERROR',
      errormsg:
        'zip is required; state must be 2 characters or fewer; po must be 20 characters or fewer; ' + 'Order not submitted: one or more lines have errors',
      orderinput: {
        orderline: [
          { itemnum: '581010', qty: 1, errormsg: '' },
          { itemnum: '160942', qty: 0, errormsg: 'Invalid quantity' },
        ],
      },
    });
    expect(sandbox.state.orders).toHaveLength(0);
  });

  it('places another order under a used PO number with allowduplicatepo=YES, and finds orders by ordernum', async () => {
    const order = [
      ['type', 'ORD'],
      ['name', 'Jane Rider'],
      ['address1', '123 Main St'],
      ['city', 'Boise'],
      ['state', 'ID'],
      ['zip', '83702'],
      ['po', PO],
      ['allowduplicatepo', 'YES'],
      ['carrier', 'UG'],
      ['submit', 'YES'],
      ['line', '581010,1'],
    ] satisfies Array<[string, string]>;

    const first = await trws(order);
    const second = await trws(order);
    const ordernum = (second.ORD?.orderoutput as { ordernum: string }).ordernum;
    const byOrdernum = await trws([
      ['type', 'SHP'],
      ['ordernum', ordernum],
    ]);

    expect(first.ORD?.status).toBe('SUCCESSFUL');
    expect(second.ORD?.status).toBe('SUCCESSFUL');
    expect(await ordersFor(PO)).toHaveLength(2);
    expect(byOrdernum.SHP?.shipment).toEqual([
      {
        ordernum,
        po: PO,
        carrier: 'UG',
        shipmentline: [{ itemnum: '581010', qtyordered: 1, qtyshipped: 0, qtybackordered: 0, qtycancelled: 0, trackingnumbers: [] }],
      },
    ]);
  });

  it('validates without placing when submit is not YES', async () => {
    const answer = await trws([
      ['type', 'ORD'],
      ['name', 'Jane Rider'],
      ['address1', '123 Main St'],
      ['city', 'Boise'],
      ['state', 'ID'],
      ['zip', '83702'],
      ['po', PO],
      ['carrier', 'UG'],
      ['submit', 'NO'],
      ['line', '581010,1'],
    ]);

    expect(answer.ORD).toMatchObject({ status: 'SUCCESSFUL', orderoutput: { ordernum: '' } });
    expect(sandbox.state.orders).toHaveLength(0);
  });
});

describe('findPurchaseOrder', () => {
  it('returns null for a PO Tucker does not have, and ignores another customer’s orders', async () => {
    const otherKey = 'other-customer-key';
    await sandbox.close();
    await start({
      accounts: {
        [TUCKER_SANDBOX_API_KEY]: { customerNumber: TUCKER_SANDBOX_CUSTOMER_NUMBER, creditCardOnFile: true },
        [otherKey]: { customerNumber: '800100', creditCardOnFile: true },
      },
    });
    await connector({ apiKey: otherKey, customerNumber: '800100' }).submitPurchaseOrder(poRequest());

    expect(await tucker.findPurchaseOrder(PO)).toBeNull();
    expect(await tucker.findPurchaseOrder('DL-404')).toBeNull();
    expect(sandbox.state.calls.at(-1)?.params).toContainEqual(['po', 'DL-404']);
  });

  it('matches the PO number whatever its case, as Tucker may store it upper-cased', async () => {
    await tucker.submitPurchaseOrder(poRequest({ poNumber: 'dl001001-t' }));

    expect((await tucker.findPurchaseOrder('DL001001-T'))?.distributorOrderRefs).toHaveLength(1);
  });

  it('reports partial shipments in several packages, a line split across two, each with a valid UPS number', async () => {
    await tucker.submitPurchaseOrder(poRequest());

    await control(`/orders/${PO}/ship`, {
      packages: [{ items: [{ sku: '581010', quantity: 1 }] }, { items: [{ sku: '160942', quantity: 1 }] }],
    });
    const partly = await tucker.findPurchaseOrder(PO);

    expect(partly?.status).toBe('partially_shipped');
    expect(partly?.shipments.map((shipment) => shipment.lines)).toEqual([
      [{ distributorSku: '581010', quantity: 1 }],
      [{ distributorSku: '160942', quantity: 1 }],
    ]);

    await control(`/orders/${PO}/ship`);
    const shipped = await tucker.findPurchaseOrder(PO);

    expect(shipped?.status).toBe('shipped');
    expect(shipped?.shipments).toHaveLength(3);
    for (const shipment of shipped?.shipments ?? []) {
      expect(shipment).toMatchObject({ carrier: 'UPS', shipMethod: 'UG' });
      expect(isValidUpsTrackingNumber(shipment.trackingNumber)).toBe(true);
      expect(shipment.shippedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(new Set(shipped?.shipments.map((shipment) => shipment.trackingNumber)).size).toBe(3);
    // Packages are listed line by line, so the second 581010 package comes before the 160942 one.
    expect(shipped?.shipments.flatMap((shipment) => shipment.lines)).toEqual([
      { distributorSku: '581010', quantity: 1 },
      { distributorSku: '581010', quantity: 1 },
      { distributorSku: '160942', quantity: 1 },
    ]);
  });

  it('gives a package holding two lines both lines', async () => {
    await tucker.submitPurchaseOrder(poRequest());

    await control(`/orders/${PO}/ship`, {
      packages: [
        {
          items: [
            { sku: '581010', quantity: 2 },
            { sku: '160942', quantity: 1 },
          ],
        },
      ],
    });
    const po = await tucker.findPurchaseOrder(PO);

    expect(po?.status).toBe('shipped');
    expect(po?.shipments).toHaveLength(1);
    expect(po?.shipments[0]?.lines).toEqual([
      { distributorSku: '581010', quantity: 2 },
      { distributorSku: '160942', quantity: 1 },
    ]);
  });

  it('names the carrier Tucker reports, and otherwise the one the tracking number belongs to', async () => {
    await tucker.submitPurchaseOrder(poRequest());

    await control(`/orders/${PO}/ship`, {
      packages: [
        { items: [{ sku: '160942', quantity: 1 }], carrier: 'FedEx', tracking_number: '986578788855' },
        { items: [{ sku: '581010', quantity: 2 }], tracking_number: 'C11031500001879' },
      ],
    });
    const po = await tucker.findPurchaseOrder(PO);

    expect(po?.shipments.map(({ carrier, trackingNumber }) => ({ carrier, trackingNumber }))).toEqual([
      { carrier: 'OnTrac', trackingNumber: 'C11031500001879' },
      { carrier: 'FedEx', trackingNumber: '986578788855' },
    ]);
  });

  it('reports backordered and cancelled items', async () => {
    await tucker.submitPurchaseOrder(poRequest());

    await control(`/orders/${PO}/backorder`, { items: [{ sku: '160942', quantity: 1 }] });
    const backordered = await tucker.findPurchaseOrder(PO);
    await control(`/orders/${PO}/cancel`);
    const cancelled = await tucker.findPurchaseOrder(PO);

    expect(backordered?.status).toBe('backordered');
    expect(backordered?.backordered).toEqual([{ distributorSku: '160942', quantity: 1 }]);
    expect(cancelled?.status).toBe('cancelled');
    expect(cancelled?.backordered).toEqual([]);
    expect(cancelled?.cancelled).toEqual([
      { distributorSku: '581010', quantity: 2 },
      { distributorSku: '160942', quantity: 1 },
    ]);
  });

  it('counts a PO as shipped when everything not cancelled has shipped, backorders included', async () => {
    await tucker.submitPurchaseOrder(poRequest());

    await control(`/orders/${PO}/backorder`, { items: [{ sku: '581010', quantity: 2 }] });
    await control(`/orders/${PO}/cancel`, { items: [{ sku: '160942', quantity: 1 }] });
    await control(`/orders/${PO}/ship`);
    const po = await tucker.findPurchaseOrder(PO);

    expect(po?.status).toBe('shipped');
    expect(po?.backordered).toEqual([]);
    expect(po?.cancelled).toEqual([{ distributorSku: '160942', quantity: 1 }]);
    expect(po?.shipments).toHaveLength(1);
  });
});

describe('checkStock and testConnection', () => {
  it('returns live stock per distribution centre in one INV call, and none for items Tucker does not carry', async () => {
    expect(await tucker.checkStock?.(['581010', '999999'])).toEqual([
      {
        distributorSku: '581010',
        warehouses: [
          { warehouse: 'TX', quantity: 8 },
          { warehouse: 'PA', quantity: 3 },
        ],
      },
      { distributorSku: '999999', warehouses: [] },
    ]);
    expect(sandbox.state.calls.map((call) => call.params.filter(([name]) => name === 'type' || name === 'item'))).toEqual([
      [
        ['type', 'INV'],
        ['item', '581010'],
        ['item', '999999'],
      ],
    ]);
  });

  it('accepts good credentials and rejects a bad key or a customer number that is not the key’s', async () => {
    await expect(tucker.testConnection()).resolves.toBeUndefined();
    expect((await distributorFailureOf(connector({ apiKey: 'nope' }).testConnection())).kind).toBe('auth');
    expect((await distributorFailureOf(connector({ customerNumber: '999999' }).testConnection())).kind).toBe('auth');
  });

  it('is built by the registry from a customer number and API key, and refuses incomplete credentials', async () => {
    const endpoints = { wps: 'http://127.0.0.1:9', parts_unlimited: 'http://127.0.0.1:9', tucker_rocky: baseUrl, automatic: 'http://127.0.0.1:9' };
    const built = connectorFor('tucker_rocky', CREDENTIALS, endpoints);

    expect(built.distributor).toBe('tucker_rocky');
    expect(built.capabilities).toEqual({ liveStock: true, cancel: false, listOrders: false });
    await expect(built.testConnection()).resolves.toBeUndefined();
    expect(() => connectorFor('tucker_rocky', { apiKey: TUCKER_SANDBOX_API_KEY }, endpoints)).toThrow(expect.objectContaining({ kind: 'auth' }));
  });
});
