import { expect } from 'vitest';
import { DistributorError, type PurchaseOrderRequest } from '../../distributors/types.js';
import { ChannelError, type TrackingPush } from '../../marketplaces/types.js';
import type { RecordedRequest } from '../../sandboxes/faults.js';

/**
 * What the adapter tests share: a sandbox's `/_control` API, the request each test varies, and the
 * failure a call must end in. Each adapter's test file keeps only what is its distributor's or
 * channel's own (PO numbers, SKUs, ship methods, query names).
 */

/**
 * The control API of the sandbox at `baseUrl()`, read at each call because a test may restart its
 * sandbox on another port.
 */
export function sandboxControl(baseUrl: () => string) {
  return {
    /** POSTs to `/_control<path>` (no body unless given) and expects the sandbox to comply. */
    async control(path: string, body?: unknown): Promise<Response> {
      const response = await fetch(`${baseUrl()}/_control${path}`, {
        method: 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(response.ok, await response.clone().text()).toBe(true);
      return response;
    },
    /** GETs `/_control<path>` and returns the field of the body the sandbox keeps its answer in. */
    async readControl<T>(path: string, field: string): Promise<T> {
      const response = await fetch(`${baseUrl()}/_control${path}`);
      expect(response.ok, await response.clone().text()).toBe(true);
      return ((await response.json()) as Record<string, T>)[field]!;
    },
  };
}

/** The API calls a sandbox recorded, as `METHOD /path`. */
export const callsOf = (sandbox: { state: { requests: RecordedRequest[] } }) => sandbox.state.requests.map(({ method, path }) => `${method} ${path}`);

async function failureOf<E extends Error>(kind: abstract new (...args: never[]) => E, promise: Promise<unknown>): Promise<E> {
  const error = await promise.then(
    () => expect.fail('expected the call to fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(kind);
  return error as E;
}

/** The DistributorError a connector call failed with; the test fails if it succeeded or threw anything else. */
export const distributorFailureOf = (promise: Promise<unknown>) => failureOf(DistributorError, promise);

/** The ChannelError a channel call failed with; the test fails if it succeeded or threw anything else. */
export const channelFailureOf = (promise: Promise<unknown>) => failureOf(ChannelError, promise);

/** A buyer whose name, street, email and phone a test can look for where PII must not appear. */
export const BUYER_SHIP_TO: PurchaseOrderRequest['shipTo'] = {
  name: 'Jane Rider',
  line1: '123 Main St',
  city: 'Boise',
  region: 'ID',
  postalCode: '83702',
  country: 'US',
  phone: '+1 (208) 555-1234',
};

/** A drop-ship PO to BUYER_SHIP_TO; the adapter's test names its PO number, ship method and lines. */
export function purchaseOrder(fields: Pick<PurchaseOrderRequest, 'poNumber' | 'shipMethod' | 'lines'> & Partial<PurchaseOrderRequest>): PurchaseOrderRequest {
  return { shipTo: BUYER_SHIP_TO, buyerEmail: 'jane@example.com', ...fields };
}

export const UPS_TRACKING = '1Z5R89390357567127';
export const SECOND_UPS_TRACKING = '1Z879E930346834440';

/** A UPS package pushed to a channel; the channel's test names its order and lines. */
export function trackingPush(fields: Pick<TrackingPush, 'channelOrderId' | 'lines'> & Partial<TrackingPush>): TrackingPush {
  return { carrierCode: 'UPS', trackingNumber: UPS_TRACKING, shippedAt: '2025-01-03T19:09:02.768Z', ...fields };
}
