import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARRIERS } from '../../distributors/carriers.js';
import { listingDistributors } from '../../distributors/registry.js';
import { DistributorError, type DistributorConnector, type DistributorPurchaseOrder, type PurchaseOrderRequest } from '../../distributors/types.js';
import type { DistributorId } from '../../domain/distributors.js';

/**
 * What every distributor connector promises, checked against its sandbox over real HTTP. A new
 * distributor gets the whole suite from its plug-in (subjects.ts).
 */
export interface ConnectorSubject {
  distributor: DistributorId;
  /** A fresh sandbox speaking the distributor's contract, with the shared `/_control` API; `listPageSize` pages its order list. */
  start(options?: { listPageSize?: number }): Promise<SubjectSandbox>;
}

export interface SubjectSandbox {
  baseUrl: string;
  connector(credentials?: 'valid' | 'wrong'): DistributorConnector;
  /** A valid PO for this distributor with at least two lines of items the sandbox stocks. */
  purchaseOrder(poNumber: string): PurchaseOrderRequest;
  unknownSku: string;
  /** The HTTP call that places the order (the last one, for multi-step submissions). */
  placingCall: { method: string; path: string; query?: Record<string, string> };
  /** How many orders the distributor holds under this PO number. */
  ordersAt(poNumber: string): number;
  close(): Promise<void>;
}

export function describeConnectorContract(subject: ConnectorSubject): void {
  describe(`${subject.distributor} connector contract`, () => {
    let sandbox: SubjectSandbox;
    let connector: DistributorConnector;
    let sequence = 0;
    const nextPo = () => `DL90${String(++sequence).padStart(4, '0')}-C`;

    beforeEach(async () => {
      sandbox = await subject.start();
      connector = sandbox.connector();
    });
    afterEach(() => sandbox.close());

    const control = async (path: string, body: unknown = {}) => {
      const response = await fetch(`${sandbox.baseUrl}/_control${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.ok, await response.clone().text()).toBe(true);
    };
    const faults = (change: Record<string, unknown>) => control('/faults', change);

    it('places a PO and finds it again by PO number', async () => {
      const request = sandbox.purchaseOrder(nextPo());
      const submitted = await connector.submitPurchaseOrder(request);
      expect(submitted.poNumber).toBe(request.poNumber);
      expect(submitted.distributorOrderRefs.length).toBeGreaterThan(0);
      const found = await connector.findPurchaseOrder(request.poNumber);
      expect(found).toMatchObject({ poNumber: request.poNumber, status: 'accepted', shipments: [] });
      expect(found!.distributorOrderRefs).toEqual(submitted.distributorOrderRefs);
      expect(await connector.findPurchaseOrder(nextPo())).toBeNull();
    });

    it('answers a PO submitted again with the order already placed, never a second order or an error', async () => {
      const request = sandbox.purchaseOrder(nextPo());
      const first = await connector.submitPurchaseOrder(request);
      // No lookup in between: the distributor's own refusal of the repeated PO number must read as placed.
      const again = await connector.submitPurchaseOrder(request);
      expect(again.poNumber).toBe(request.poNumber);
      expect(again.distributorOrderRefs).toEqual(first.distributorOrderRefs);
      expect(sandbox.ordersAt(request.poNumber)).toBe(1);
    });

    it("makes no call past the caller's deadline or after its signal aborted, then places one order", async () => {
      const request = sandbox.purchaseOrder(nextPo());
      const late = await failureOf(connector.submitPurchaseOrder(request, { deadline: Date.now() + 100 }));
      expect(late).toMatchObject({ kind: 'transient', retryable: true });
      expect(late.message).toContain('Stopped before asking');
      const aborted = new AbortController();
      aborted.abort(new Error('the activity was cancelled'));
      expect(await failureOf(connector.submitPurchaseOrder(request, { signal: aborted.signal }))).toMatchObject({ kind: 'transient' });
      expect(await failureOf(connector.findPurchaseOrder(request.poNumber, { signal: aborted.signal }))).toMatchObject({ kind: 'transient' });
      expect(sandbox.ordersAt(request.poNumber)).toBe(0);
      await connector.submitPurchaseOrder(request, { deadline: Date.now() + 60_000 });
      expect(sandbox.ordersAt(request.poNumber)).toBe(1);
    });

    it('after an accepted order whose answer was lost, finds the order instead of placing another', async () => {
      const request = sandbox.purchaseOrder(nextPo());
      await faults({ loseResponseOnce: sandbox.placingCall });
      const lost = await failureOf(connector.submitPurchaseOrder(request));
      expect(lost.retryable).toBe(true);
      expect(await connector.findPurchaseOrder(request.poNumber)).toMatchObject({ poNumber: request.poNumber });
      expect(sandbox.ordersAt(request.poNumber)).toBe(1);
    });

    it('reports 429 as rate_limited with the Retry-After, places nothing, then places one order', async () => {
      const request = sandbox.purchaseOrder(nextPo());
      await faults({ rateLimitNext: 1, retryAfterSeconds: 7 });
      const limited = await failureOf(connector.submitPurchaseOrder(request));
      expect(limited).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 7000 });
      expect(await connector.findPurchaseOrder(request.poNumber)).toBeNull();
      await connector.submitPurchaseOrder(request);
      expect(sandbox.ordersAt(request.poNumber)).toBe(1);
    });

    it('reports 5xx as transient and places nothing until the distributor recovers', async () => {
      const request = sandbox.purchaseOrder(nextPo());
      await faults({ status5xxRate: 1 });
      expect(await failureOf(connector.submitPurchaseOrder(request))).toMatchObject({ kind: 'transient', retryable: true });
      await faults({ status5xxRate: 0 });
      expect(sandbox.ordersAt(request.poNumber)).toBe(0);
      await connector.submitPurchaseOrder(request);
      expect(sandbox.ordersAt(request.poNumber)).toBe(1);
    });

    it('reports a cut-off body as malformed, retryable', async () => {
      await faults({ malformedNext: 1 });
      expect(await failureOf(connector.findPurchaseOrder(nextPo()))).toMatchObject({ kind: 'malformed', retryable: true });
    });

    it('reports wrong credentials as auth, permanent', async () => {
      const wrong = sandbox.connector('wrong');
      expect(await failureOf(wrong.testConnection())).toMatchObject({ kind: 'auth', retryable: false });
      expect(await failureOf(wrong.submitPurchaseOrder(sandbox.purchaseOrder(nextPo())))).toMatchObject({ kind: 'auth', retryable: false });
      await expect(connector.testConnection()).resolves.toBeUndefined();
    });

    it('reports an unknown item as unknown_item, permanent, and places nothing', async () => {
      const request = sandbox.purchaseOrder(nextPo());
      request.lines = [{ distributorSku: sandbox.unknownSku, quantity: 1 }];
      expect(await failureOf(connector.submitPurchaseOrder(request))).toMatchObject({ kind: 'unknown_item', retryable: false });
      expect(sandbox.ordersAt(request.poNumber)).toBe(0);
    });

    it('reads a partial shipment, then the rest in another package', async () => {
      const request = sandbox.purchaseOrder(nextPo());
      await connector.submitPurchaseOrder(request);
      const [first, ...rest] = request.lines;
      await control(`/orders/${request.poNumber}/ship`, { packages: [{ items: [{ sku: first!.distributorSku, quantity: first!.quantity }] }] });
      const partial = await connector.findPurchaseOrder(request.poNumber);
      expect(partial!.status).toBe('partially_shipped');
      expect(partial!.shipments).toHaveLength(1);
      expect(partial!.shipments[0]!.lines).toEqual([first]);

      await control(`/orders/${request.poNumber}/ship`, { packages: [{ items: rest.map((l) => ({ sku: l.distributorSku, quantity: l.quantity })) }] });
      const shipped = await connector.findPurchaseOrder(request.poNumber);
      expect(shipped!.status).toBe('shipped');
      expect(shipped!.shipments).toHaveLength(2);
      for (const shipment of shipped!.shipments) {
        expect(CARRIERS).toContain(shipment.carrier);
        expect(shipment.trackingNumber).toMatch(/\S{6,}/);
      }
      expect(new Set(shipped!.shipments.map((s) => s.trackingNumber)).size).toBe(2);
      const shippedQuantity = shipped!.shipments.flatMap((s) => s.lines).reduce((sum, l) => sum + l.quantity, 0);
      expect(shippedQuantity).toBe(request.lines.reduce((sum, l) => sum + l.quantity, 0));
    });

    it('reports backordered and cancelled quantities', async () => {
      const request = sandbox.purchaseOrder(nextPo());
      await connector.submitPurchaseOrder(request);
      const [first, second] = request.lines;
      await control(`/orders/${request.poNumber}/backorder`, { items: [{ sku: first!.distributorSku, quantity: first!.quantity }] });
      await control(`/orders/${request.poNumber}/cancel`, { items: [{ sku: second!.distributorSku, quantity: second!.quantity }] });
      const found = await connector.findPurchaseOrder(request.poNumber);
      expect(found!.backordered).toEqual([first]);
      expect(found!.cancelled).toEqual([second]);
    });

    describe('order listing (capabilities.listOrders)', () => {
      const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
      const window = { from: day(-1), to: day(1) };
      /** Every page of the window, and how many calls it took. */
      const listAll = async (lister: DistributorConnector) => {
        const orders: DistributorPurchaseOrder[] = [];
        let page: string | undefined;
        let calls = 0;
        do {
          const listed = await lister.listPurchaseOrders!({ ...window, page });
          calls += 1;
          orders.push(...listed.orders);
          page = listed.nextPage ?? undefined;
        } while (page);
        return { orders, calls };
      };
      const placeThree = async (on: DistributorConnector) => {
        const requests = [sandbox.purchaseOrder(nextPo()), sandbox.purchaseOrder(nextPo()), sandbox.purchaseOrder(nextPo())];
        for (const request of requests) await on.submitPurchaseOrder(request);
        return requests.map((r) => r.poNumber);
      };

      // Known before any test runs, so a connector that cannot list has no listing cases at all (none skipped).
      const lists = listingDistributors().includes(subject.distributor);

      it('offers listPurchaseOrders exactly when it claims the capability', () => {
        expect(typeof connector.listPurchaseOrders === 'function').toBe(connector.capabilities.listOrders);
        expect(connector.capabilities.listOrders).toBe(lists);
      });

      if (!lists) return;

      it('lists the POs ordered in the window with what findPurchaseOrder reports of each, in one page when the list does not page', async () => {
        const placed = await placeThree(connector);
        await control(`/orders/${placed[1]}/ship`);
        const listed = await connector.listPurchaseOrders!(window);
        expect(listed.nextPage).toBeNull();
        expect(listed.orders.map((o) => o.poNumber).sort()).toEqual([...placed].sort());
        for (const poNumber of placed) expect(listed.orders.find((o) => o.poNumber === poNumber)).toEqual(await connector.findPurchaseOrder(poNumber));
        expect(listed.orders.find((o) => o.poNumber === placed[1])!.status).toBe('shipped');
        expect(await connector.listPurchaseOrders!({ from: day(-30), to: day(-20) })).toEqual({ orders: [], nextPage: null });
      });

      it('pages a long window: every PO once, one call a page', async () => {
        await sandbox.close();
        sandbox = await subject.start({ listPageSize: 2 });
        connector = sandbox.connector();
        const placed = await placeThree(connector);
        const { orders, calls } = await listAll(connector);
        expect(orders.map((o) => o.poNumber).sort()).toEqual([...placed].sort());
        expect(calls).toBe(2);
      });

      it('reports 5xx as transient, 429 as rate_limited and wrong credentials as auth', async () => {
        await faults({ status5xxRate: 1 });
        expect(await failureOf(connector.listPurchaseOrders!(window))).toMatchObject({ kind: 'transient', retryable: true });
        await faults({ status5xxRate: 0, rateLimitNext: 1, retryAfterSeconds: 3 });
        expect(await failureOf(connector.listPurchaseOrders!(window))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
        expect(await failureOf(sandbox.connector('wrong').listPurchaseOrders!(window))).toMatchObject({ kind: 'auth', retryable: false });
      });
    });
  });
}

async function failureOf(promise: Promise<unknown>): Promise<DistributorError> {
  const error = await promise.then(
    () => expect.fail('expected the call to fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DistributorError);
  return error as DistributorError;
}
