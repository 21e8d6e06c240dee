import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callsOf, channelFailureOf, sandboxControl, SECOND_UPS_TRACKING, trackingPush, UPS_TRACKING } from '../../test/helpers/adapter-scaffold.js';
import type { ChannelConnector, TrackingPush } from '../types.js';
import { createEbayConnector, type EbayConnectorOptions } from './adapter.js';
import {
  EBAY_SANDBOX_CLIENT_ID,
  EBAY_SANDBOX_CLIENT_SECRET,
  EBAY_SANDBOX_REFRESH_TOKEN,
  createEbaySandbox,
  type EbaySandbox,
  type EbaySandboxOptions,
  type EbayShippingFulfillment,
} from './sandbox/index.js';

const ORDER_ID = '27-00000-00042';
const LINE_A = '10000000000001';
const LINE_B = '10000000000002';
const FULFILLMENTS = `/sell/fulfillment/v1/order/${ORDER_ID}/shipping_fulfillment`;
const TOKEN = '/identity/v1/oauth2/token';

let sandbox: EbaySandbox;
let baseUrl: string;
let ebay: ChannelConnector;

const credentials = () => ({
  baseUrl,
  clientId: EBAY_SANDBOX_CLIENT_ID,
  clientSecret: EBAY_SANDBOX_CLIENT_SECRET,
  refreshToken: EBAY_SANDBOX_REFRESH_TOKEN,
});

const connector = (overrides: Partial<EbayConnectorOptions> = {}) => createEbayConnector({ ...credentials(), ...overrides });

async function start(options?: EbaySandboxOptions) {
  sandbox = createEbaySandbox(options);
  baseUrl = await sandbox.listen();
  ebay = connector();
  await control('/orders', {
    orderId: ORDER_ID,
    lineItems: [
      { lineItemId: LINE_A, quantity: 2 },
      { lineItemId: LINE_B, quantity: 1 },
    ],
  });
}

beforeEach(() => start());
afterEach(() => sandbox.close());

const { control, readControl } = sandboxControl(() => baseUrl);

const fulfillments = (orderId = ORDER_ID) => readControl<EbayShippingFulfillment[]>(`/orders/${orderId}/fulfillments`, 'data');

const push = (overrides: Partial<TrackingPush> = {}) =>
  trackingPush({ channelOrderId: ORDER_ID, lines: [{ channelLineId: LINE_A, quantity: 2 }], ...overrides });

/** Another package of the same order, for the line the first push leaves alone. */
const secondPackage = () => push({ trackingNumber: SECOND_UPS_TRACKING, lines: [{ channelLineId: LINE_B, quantity: 1 }] });

const calls = () => callsOf(sandbox);
const tokenGrants = () => calls().filter((call) => call === `POST ${TOKEN}`).length;
const creates = () => calls().filter((call) => call === `POST ${FULFILLMENTS}`).length;

describe('pushTracking', () => {
  it('reads the order’s shipments, then creates one fulfilment whose id is the tracking number', async () => {
    const result = await ebay.pushTracking(push());

    expect(result).toEqual({ fulfillmentId: UPS_TRACKING, alreadyPresent: false });
    expect(calls()).toEqual([`POST ${TOKEN}`, `GET ${FULFILLMENTS}`, `POST ${FULFILLMENTS}`]);
    expect(await fulfillments()).toEqual([
      {
        fulfillmentId: UPS_TRACKING,
        lineItems: [{ lineItemId: LINE_A, quantity: 2 }],
        shippedDate: '2025-01-03T19:09:02.768Z',
        shippingCarrierCode: 'UPS',
        shipmentTrackingNumber: UPS_TRACKING,
      },
    ]);
  });

  it('pushing the same package twice leaves one fulfilment and reports the second as already present', async () => {
    await ebay.pushTracking(push());
    const again = await ebay.pushTracking(push({ trackingNumber: '1z5r8 9390-357567127' }));

    expect(again).toEqual({ fulfillmentId: UPS_TRACKING, alreadyPresent: true });
    expect(creates()).toBe(1);
    expect(await fulfillments()).toHaveLength(1);
  });

  it('a push whose answer was lost creates no second fulfilment when retried', async () => {
    await control('/faults', { loseResponseOnce: { method: 'POST', pathPrefix: FULFILLMENTS } });

    const lost = await channelFailureOf(ebay.pushTracking(push()));
    expect(lost.kind).toBe('transient');
    expect(await fulfillments()).toHaveLength(1);

    expect(await ebay.pushTracking(push())).toEqual({ fulfillmentId: UPS_TRACKING, alreadyPresent: true });
    expect(creates()).toBe(1);
    expect(await fulfillments()).toHaveLength(1);
  });

  it('a push whose first answer was lost, or that lost a race, reads the fulfilment eBay refused as existing (400, error 34500) and reports it as already present', async () => {
    const racing: typeof fetch = async (input, init) => {
      if (init?.method === 'POST' && String(input).endsWith('/shipping_fulfillment')) await fetch(input, init);
      return fetch(input, init);
    };

    const result = await connector({ fetch: racing }).pushTracking(push());

    expect(result).toEqual({ fulfillmentId: UPS_TRACKING, alreadyPresent: true });
    expect(calls().slice(-3)).toEqual([`POST ${FULFILLMENTS}`, `POST ${FULFILLMENTS}`, `GET ${FULFILLMENTS}`]);
    expect(await fulfillments()).toHaveLength(1);
  });

  it('sends the tracking number without spaces or hyphens, uppercased', async () => {
    const result = await ebay.pushTracking(push({ trackingNumber: '1z 12-34' }));

    expect(result.fulfillmentId).toBe('1Z1234');
    expect((await fulfillments())[0]?.shipmentTrackingNumber).toBe('1Z1234');
  });

  it('names carriers by eBay’s codes, whatever their case', async () => {
    const onePackage = (carrierCode: string, trackingNumber: string, channelLineId: string) =>
      ebay.pushTracking(push({ carrierCode, trackingNumber, lines: [{ channelLineId, quantity: 1 }] }));
    await onePackage('fedex', '986578788855', LINE_A);
    await onePackage('OnTrac', 'D10011354453707', LINE_A);
    await onePackage('dhl', '1234567890', LINE_B);

    expect((await fulfillments()).map((f) => f.shippingCarrierCode)).toEqual(['FedEx', 'ONTRACK', 'DHL']);
  });

  it('names the carriers dealers ship with that eBay lists by eBay’s code, which eBay takes and links', async () => {
    const carriers = ['Spee-Dee Delivery', 'LaserShip', 'DHL Express', 'Pitt Ohio', 'Old Dominion', 'Canpar'];
    await control('/orders', { orderId: '27-00000-00043', lineItems: [{ lineItemId: '10000000000003', quantity: carriers.length }] });
    for (const [index, carrierCode] of carriers.entries()) {
      const trackingNumber = `TRK${index}000111222`;
      await ebay.pushTracking(
        push({ channelOrderId: '27-00000-00043', carrierCode, trackingNumber, lines: [{ channelLineId: '10000000000003', quantity: 1 }] }),
      );
    }

    const codes = (await fulfillments('27-00000-00043')).map((f) => f.shippingCarrierCode);
    expect(codes).toEqual(['SpeeDee', 'Prestige', 'DHLEXPRESS', 'PITD', 'ODFL', 'CanPar']);
  });

  it('sends a carrier eBay does not list as Other, which eBay takes, rather than as a code it refuses', async () => {
    // Sent under its own name, eBay refuses the package (32300, as the sandbox test below shows).
    const result = await ebay.pushTracking(push({ carrierCode: 'Purolator', trackingNumber: 'PX4455667788' }));
    await ebay.pushTracking({ ...secondPackage(), carrierCode: 'Canada Post' });

    expect(result).toEqual({ fulfillmentId: 'PX4455667788', alreadyPresent: false });
    expect((await fulfillments()).map((f) => f.shippingCarrierCode)).toEqual(['Other', 'Other']);
  });

  it('refuses a tracking number eBay cannot take, as invalid, with eBay’s reason', async () => {
    const error = await channelFailureOf(ebay.pushTracking(push({ trackingNumber: 'ABC$%' })));

    expect(error.kind).toBe('invalid');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/letters and digits.*eBay error 32300/);
    expect(await fulfillments()).toEqual([]);
  });

  it('refuses a line item that is not on the eBay order, as invalid', async () => {
    const error = await channelFailureOf(ebay.pushTracking(push({ lines: [{ channelLineId: '10000000009999', quantity: 1 }] })));

    expect(error.kind).toBe('invalid');
    expect(error.message).toContain('eBay error 32200');
  });

  it('refuses shipping more than is left on a line, as invalid', async () => {
    await ebay.pushTracking(push());
    const error = await channelFailureOf(ebay.pushTracking(push({ trackingNumber: SECOND_UPS_TRACKING })));

    expect(error.kind).toBe('invalid');
    expect(error.message).toContain('eBay error 32600');
  });

  it('reports an order eBay does not have as invalid', async () => {
    const error = await channelFailureOf(ebay.pushTracking(push({ channelOrderId: '27-99999-99999' })));

    expect(error.kind).toBe('invalid');
    expect(error.message).toContain('eBay error 32100');
  });

  it('reports a rate limit with the delay eBay asked for', async () => {
    await control('/faults', { rateLimitNext: 1, retryAfterSeconds: 30 });

    const error = await channelFailureOf(ebay.pushTracking(push()));

    expect(error.kind).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(30_000);
    expect(await fulfillments()).toEqual([]);
  });

  it('reports a rate limit without Retry-After with no delay of its own', async () => {
    await control('/faults', { rateLimitNext: 1 });

    const error = await channelFailureOf(ebay.pushTracking(push()));

    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('reports eBay’s server errors and an unreachable eBay as transient', async () => {
    await control('/faults', { status5xxNext: 1 });
    expect((await channelFailureOf(ebay.pushTracking(push()))).kind).toBe('transient');

    await sandbox.close();
    expect((await channelFailureOf(ebay.pushTracking(push()))).kind).toBe('transient');
  });
});

describe('access tokens', () => {
  it('reuses one token across pushes', async () => {
    await ebay.pushTracking(push());
    await ebay.pushTracking(secondPackage());

    expect(tokenGrants()).toBe(1);
  });

  it('replaces a token eBay expired early and repeats the refused call, transparently', async () => {
    await ebay.pushTracking(push());
    await control('/faults', { expireTokensNow: true });
    sandbox.state.requests.length = 0;

    const result = await ebay.pushTracking(secondPackage());

    expect(result.alreadyPresent).toBe(false);
    expect(calls()).toEqual([`GET ${FULFILLMENTS}`, `POST ${TOKEN}`, `GET ${FULFILLMENTS}`, `POST ${FULFILLMENTS}`]);
  });

  it('replaces a token before it runs out by the connector’s clock', async () => {
    let clock = Date.parse('2025-01-03T20:00:00.000Z');
    const timed = connector({ now: () => new Date(clock) });
    await timed.pushTracking(push());
    clock += 2 * 60 * 60 * 1000;
    await timed.pushTracking(secondPackage());

    expect(calls().filter((call) => call.startsWith('POST'))).toEqual([`POST ${TOKEN}`, `POST ${FULFILLMENTS}`, `POST ${TOKEN}`, `POST ${FULFILLMENTS}`]);
  });

  it('reports a refresh token eBay refuses as an auth failure that names no secret', async () => {
    const error = await channelFailureOf(connector({ refreshToken: 'v^1.1#revoked-refresh-token' }).pushTracking(push()));

    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('invalid_grant');
    expect(error.message).not.toContain('revoked-refresh-token');
    expect(await fulfillments()).toEqual([]);
  });

  it('reports a client secret eBay refuses as an auth failure that names no secret', async () => {
    const error = await channelFailureOf(connector({ clientSecret: 'wrong-client-secret' }).pushTracking(push()));

    expect(error.kind).toBe('auth');
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain('wrong-client-secret');
  });

  it('gives up with an auth failure when eBay refuses a freshly issued token too', async () => {
    await sandbox.close();
    await start({ tokenLifetimeSeconds: 0 });

    const error = await channelFailureOf(ebay.pushTracking(push()));

    expect(error.kind).toBe('auth');
    expect(tokenGrants()).toBe(2);
    expect(await fulfillments()).toEqual([]);
  });
});

describe('eBay sandbox', () => {
  async function accessToken(): Promise<string> {
    const response = await fetch(`${baseUrl}${TOKEN}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${EBAY_SANDBOX_CLIENT_ID}:${EBAY_SANDBOX_CLIENT_SECRET}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: EBAY_SANDBOX_REFRESH_TOKEN }).toString(),
    });
    const body = (await response.json()) as { access_token: string; expires_in: number; token_type: string };
    expect(body).toMatchObject({ expires_in: 7200, token_type: 'User Access Token' });
    return body.access_token;
  }

  const api = async (method: 'GET' | 'POST', path: string, body?: unknown, token?: string) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token ?? (await accessToken())}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const valid = { lineItems: [{ lineItemId: LINE_A, quantity: 1 }], shippingCarrierCode: 'UPS', trackingNumber: UPS_TRACKING };

  it.each([
    ['no line items', { ...valid, lineItems: [] }, 32600],
    ['a repeated line item', { ...valid, lineItems: [{ lineItemId: LINE_A }, { lineItemId: LINE_A }] }, 32210],
    ['a zero quantity', { ...valid, lineItems: [{ lineItemId: LINE_A, quantity: 0 }] }, 32600],
    ['a carrier without a tracking number', { lineItems: valid.lineItems, shippingCarrierCode: 'UPS' }, 32300],
    ['a carrier eBay does not know', { ...valid, shippingCarrierCode: 'Pony Express' }, 32300],
    ['a shipped date without milliseconds', { ...valid, shippedDate: '2025-01-03T19:09:02Z' }, 32500],
  ])('refuses a fulfilment with %s (eBay error %i)', async (_case, body, errorId) => {
    const response = await api('POST', FULFILLMENTS, body);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ errorId, domain: 'API_FULFILLMENT', category: 'REQUEST' }] });
    expect(await fulfillments()).toEqual([]);
  });

  it('answers 201 with a Location naming the tracking number, and 400 with error 34500 for the same package again', async () => {
    const token = await accessToken();
    const created = await api('POST', FULFILLMENTS, valid, token);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({});
    expect(created.headers.get('location')).toBe(`${baseUrl}${FULFILLMENTS}/${UPS_TRACKING}`);

    const again = await api('POST', FULFILLMENTS, valid, token);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ errors: [{ errorId: 34500, domain: 'API_FULFILLMENT', category: 'REQUEST' }] });

    const listed = await api('GET', FULFILLMENTS, undefined, token);
    expect(await listed.json()).toMatchObject({ total: 1, fulfillments: [{ fulfillmentId: UPS_TRACKING }] });
  });

  it('derives line and order fulfilment status from what shipped', async () => {
    const token = await accessToken();
    const order = async () => {
      const response = await api('GET', `/sell/fulfillment/v1/order/${ORDER_ID}`, undefined, token);
      return (await response.json()) as { orderFulfillmentStatus: string };
    };
    expect((await order()).orderFulfillmentStatus).toBe('NOT_STARTED');

    await api('POST', FULFILLMENTS, valid, token);
    expect(await order()).toMatchObject({
      orderFulfillmentStatus: 'IN_PROGRESS',
      lineItems: [{ lineItemFulfillmentStatus: 'IN_PROGRESS' }, { lineItemFulfillmentStatus: 'NOT_STARTED' }],
    });

    const rest = { ...valid, lineItems: [{ lineItemId: LINE_A }, { lineItemId: LINE_B }], trackingNumber: SECOND_UPS_TRACKING };
    await api('POST', FULFILLMENTS, rest, token);
    expect((await order()).orderFulfillmentStatus).toBe('FULFILLED');
  });

  it('refuses a missing or expired access token with eBay’s 1001 error', async () => {
    const token = await accessToken();
    await control('/faults', { expireTokensNow: true });

    for (const refused of ['not-a-token', token]) {
      const response = await api('GET', FULFILLMENTS, undefined, refused);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ errors: [{ errorId: 1001, domain: 'OAuth' }] });
    }
  });
});
