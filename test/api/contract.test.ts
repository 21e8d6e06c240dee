import { Client, Connection } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { raiseException } from '../../db/repositories/exceptions.js';
import { putCatalogItems, putStock } from '../../db/repositories/catalog-upsert.js';
import { orders } from '../../db/schema/index.js';
import { demoOrderBody } from '../helpers/api.js';
import { documentedAnswers } from '../helpers/documented-answers.js';
import { eventually } from '../helpers/eventually.js';
import { openEventStream } from '../helpers/event-stream.js';
import { SHOP_DOMAIN, shopifyOrderFixture, sign, WEBHOOK_SECRET } from '../helpers/shopify-webhook.js';
import { sessionFrom, signInOverHttp } from '../helpers/sessions.js';
import { startStack, type Stack } from '../helpers/stack.js';

interface Document {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[]; 'x-required-role'?: string }>>;
}

const DOCUMENT = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as Document;
const wrongIn = documentedAnswers(DOCUMENT);

/** Every status the document promises, as `POST /v1/orders 201`. */
const documented = Object.entries(DOCUMENT.paths).flatMap(([path, methods]) =>
  Object.entries(methods).flatMap(([method, operation]) => Object.keys(operation.responses).map((status) => `${method.toUpperCase()} ${path} ${status}`)),
);

/** Documented, but not reachable from a test without breaking a service on purpose; each with why. */
const UNREACHED: Record<string, string> = {
  'GET /v1/settings 404': 'every API key belongs to a dealer that exists',
  'GET /v1/settings/digest 404': 'every API key belongs to a dealer that exists',
  'GET /v1/setup-checklist 404': 'every API key belongs to a dealer that exists',
  'POST /v1/dropships/{dropshipId}/cancel 422': 'the workflow refuses a cancel only as the wrong moment (409)',
  'GET /v1/events 503': 'Postgres has to refuse LISTEN',
  ...Object.fromEntries(
    documented
      .filter((answer) => answer.endsWith(' 503') && !answer.startsWith('GET /healthz') && !answer.startsWith('GET /v1/events'))
      .map((answer) => [answer, 'Temporal has to stop answering an Update or query in time']),
  ),
};

/**
 * One request per status each operation documents, from the committed openapi.json: the answer has
 * that status and its body matches the document's schema for it (no field left out, none added).
 */
describe('the API answers as openapi.json says', () => {
  let stack: Stack;
  const reached = new Set<string>();
  const ids = { orderId: '', dropshipId: '', lineId: '', poNumber: '', exceptionId: '', cancelledDropshipId: '', keyId: '' };
  let exhaustedKey = '';

  beforeAll(async () => {
    stack = await startStack({
      autoProcessing: false,
      rateLimit: { max: 1000, timeWindowMs: 60_000 },
      accounts: { publicRateLimit: { max: PUBLIC_LIMIT, timeWindowMs: 60_000 } },
      sandboxes: { wps: { shipOnSubmit: (poNumber) => !poNumber.startsWith('HOLD') } },
    });
  });
  afterAll(async () => stack?.stop());

  /** Sends a request and checks the answer against the document; returns the parsed body. */
  async function expectAnswer(
    operation: string,
    status: number,
    request: { url: string; body?: unknown; headers?: Record<string, string>; key?: string | null; payload?: string },
  ) {
    const method = operation.split(' ')[0]!;
    const key = request.key === undefined ? stack.apiKey : request.key;
    const response = await stack.app.inject({
      method: method as 'GET',
      url: request.url,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...request.headers },
      ...(request.payload !== undefined ? { payload: request.payload } : request.body === undefined ? {} : { payload: request.body as object }),
    });
    expect(response.statusCode, `${operation}: ${response.body.slice(0, 400)}`).toBe(status);
    expect(wrongIn({ operation, method, url: request.url }, status, response.body), operation).toBeNull();
    reached.add(`${operation} ${status}`);
    return response.body ? (response.json() as any) : null;
  }

  it('answers each success and refusal of each operation as documented', { timeout: 240_000 }, async () => {
    const order = await expectAnswer('POST /v1/orders', 201, { url: '/v1/orders', body: demoOrderBody('CONTRACT-1') });
    await expectAnswer('POST /v1/orders', 200, { url: '/v1/orders', body: demoOrderBody('CONTRACT-1') });
    ids.orderId = order.id;
    ids.lineId = order.lines[0].id;
    await expectAnswer('GET /v1/orders', 200, { url: '/v1/orders?limit=1' });
    await expectAnswer('GET /v1/orders/{orderId}', 404, { url: `/v1/orders/${randomUUID()}` });
    await expectAnswer('POST /v1/orders/{orderId}/routing-preview', 200, { url: `/v1/orders/${ids.orderId}/routing-preview` });
    await expectAnswer('POST /v1/orders/{orderId}/routing-preview', 404, { url: `/v1/orders/${randomUUID()}/routing-preview` });
    await expectAnswer('POST /v1/orders/dropships', 200, { url: '/v1/orders/dropships', body: { orderIds: [randomUUID()] } });

    const started = await expectAnswer('POST /v1/orders/{orderId}/dropships', 201, { url: `/v1/orders/${ids.orderId}/dropships`, body: { mode: 'manual' } });
    ids.dropshipId = started.id;
    await expectAnswer('POST /v1/orders/{orderId}/dropships', 200, { url: `/v1/orders/${ids.orderId}/dropships`, body: { mode: 'manual' } });
    await expectAnswer('POST /v1/orders/{orderId}/dropships', 404, { url: `/v1/orders/${randomUUID()}/dropships`, body: {} });
    const cancelledOrder = await expectAnswer('POST /v1/orders', 201, { url: '/v1/orders', body: demoOrderBody('CONTRACT-CANCELLED') });
    await stack.db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, cancelledOrder.id));
    await expectAnswer('POST /v1/orders/{orderId}/dropships', 409, { url: `/v1/orders/${cancelledOrder.id}/dropships`, body: {} });

    await expectAnswer('GET /v1/dropships/{dropshipId}', 200, { url: `/v1/dropships/${ids.dropshipId}` });
    await expectAnswer('GET /v1/dropships/{dropshipId}', 404, { url: `/v1/dropships/${randomUUID()}` });
    await expectAnswer('POST /v1/dropships/{dropshipId}/confirm', 422, { url: `/v1/dropships/${ids.dropshipId}/confirm`, body: { acknowledged: false } });
    await expectAnswer('POST /v1/dropships/{dropshipId}/swap-line', 422, {
      url: `/v1/dropships/${ids.dropshipId}/swap-line`,
      body: { lineId: ids.lineId, distributor: 'parts_unlimited' },
    });
    for (const decision of ['confirm', 'swap-line', 'cancel']) {
      await expectAnswer(`POST /v1/dropships/{dropshipId}/${decision}`, 404, {
        url: `/v1/dropships/${randomUUID()}/${decision}`,
        body: { acknowledged: true, lineId: ids.lineId, distributor: 'wps' },
      });
    }
    // A second order's drop-ship is confirmed; the first is cancelled, after which every decision is too late.
    const placed = await expectAnswer('POST /v1/orders', 201, { url: '/v1/orders', body: demoOrderBody('CONTRACT-PLACED') });
    const toConfirm = await expectAnswer('POST /v1/orders/{orderId}/dropships', 201, { url: `/v1/orders/${placed.id}/dropships`, body: { mode: 'manual' } });
    await expectAnswer('POST /v1/dropships/{dropshipId}/swap-line', 202, {
      url: `/v1/dropships/${toConfirm.id}/swap-line`,
      body: { lineId: placed.lines[0].id, distributor: 'wps' },
    });
    await expectAnswer('POST /v1/dropships/{dropshipId}/route-again', 200, { url: `/v1/dropships/${toConfirm.id}/route-again` });
    const accepted = await expectAnswer('POST /v1/dropships/{dropshipId}/confirm', 202, {
      url: `/v1/dropships/${toConfirm.id}/confirm`,
      body: { acknowledged: true },
    });
    expect(accepted).toEqual({ status: 'accepted', location: `/v1/dropships/${toConfirm.id}`, events: '/v1/events' });
    await expectAnswer('POST /v1/dropships/{dropshipId}/cancel', 202, { url: `/v1/dropships/${ids.dropshipId}/cancel`, body: { reason: 'contract test' } });
    await expectAnswer('POST /v1/dropships/{dropshipId}/confirm', 409, { url: `/v1/dropships/${ids.dropshipId}/confirm`, body: { acknowledged: true } });
    await expectAnswer('POST /v1/dropships/{dropshipId}/swap-line', 409, {
      url: `/v1/dropships/${ids.dropshipId}/swap-line`,
      body: { lineId: ids.lineId, distributor: 'wps' },
    });
    await expectAnswer('POST /v1/dropships/{dropshipId}/cancel', 409, { url: `/v1/dropships/${ids.dropshipId}/cancel`, body: {} });
    await expectAnswer('POST /v1/dropships/{dropshipId}/route-again', 409, { url: `/v1/dropships/${ids.dropshipId}/route-again` });
    await expectAnswer('POST /v1/dropships/{dropshipId}/route-again', 404, { url: `/v1/dropships/${randomUUID()}/route-again` });
    await catalogAndRoutingAgain();

    ids.poNumber = await eventually(
      async () =>
        (await stack.app.inject({ url: `/v1/dropships/${toConfirm.id}`, headers: stack.auth })).json().purchaseOrders?.[0]?.poNumber as string | undefined,
      'the PO',
    );
    // Shipped, so the PO carries a package with its tracking link.
    await eventually(
      async () => (await stack.app.inject({ url: `/v1/purchase-orders/${ids.poNumber}`, headers: stack.auth })).json().shipments?.length > 0 || undefined,
      'the package',
    );
    await expectAnswer('GET /v1/orders/{orderId}', 200, { url: `/v1/orders/${placed.id}` });
    await expectAnswer('GET /v1/purchase-orders', 200, { url: '/v1/purchase-orders' });
    await expectAnswer('GET /v1/purchase-orders/{poNumber}', 200, { url: `/v1/purchase-orders/${ids.poNumber}` });
    await expectAnswer('GET /v1/purchase-orders/{poNumber}', 404, { url: '/v1/purchase-orders/NO-SUCH-PO' });
    await purchaseOrderActions(ids.poNumber);

    await raiseException(stack.db, {
      dealerId: stack.dealerId,
      orderId: placed.id,
      key: `contract:${randomUUID()}`,
      kind: 'needs_resolution',
      message: 'BRAKE-PADS-FA: Lead time is 3 days',
    });
    const inbox = await expectAnswer('GET /v1/exceptions', 200, { url: '/v1/exceptions' });
    ids.exceptionId = inbox.exceptions[0].id;
    await expectAnswer('POST /v1/exceptions/{exceptionId}/resolve', 200, { url: `/v1/exceptions/${ids.exceptionId}/resolve` });
    await expectAnswer('POST /v1/exceptions/{exceptionId}/resolve', 404, { url: `/v1/exceptions/${randomUUID()}/resolve` });

    await expectAnswer('GET /v1/settings', 200, { url: '/v1/settings' });
    await expectAnswer('PATCH /v1/settings', 200, { url: '/v1/settings', body: { stockBuffer: 1, timeZone: 'America/Boise' } });
    await expectAnswer('GET /v1/settings/digest', 200, { url: '/v1/settings/digest' });
    await expectAnswer('PUT /v1/settings/digest', 200, { url: '/v1/settings/digest', body: { hour: 7 } });

    await expectAnswer('GET /v1/warehouses', 200, { url: '/v1/warehouses' });
    await expectAnswer('PUT /v1/warehouses/{distributor}/{code}', 200, {
      url: '/v1/warehouses/parts_unlimited/NV',
      body: { name: 'Reno, NV', leadTimeDays: 1 },
    });
    await expectAnswer('DELETE /v1/warehouses/{distributor}/{code}', 204, { url: '/v1/warehouses/parts_unlimited/NV' });
    await expectAnswer('DELETE /v1/warehouses/{distributor}/{code}', 404, { url: '/v1/warehouses/parts_unlimited/NV' });

    await expectAnswer('GET /v1/shipping-mappings', 200, { url: '/v1/shipping-mappings' });
    await expectAnswer('PUT /v1/shipping-mappings/{channel}/{rateName}', 200, {
      url: '/v1/shipping-mappings/website/Overnight',
      body: { methods: { wps: 'BEST' } },
    });

    await expectAnswer('GET /v1/setup-checklist', 200, { url: '/v1/setup-checklist' });
    await expectAnswer('GET /v1/distributors', 200, { url: '/v1/distributors' });
    await expectAnswer('GET /v1/distributor-accounts', 200, { url: '/v1/distributor-accounts' });
    await expectAnswer('POST /v1/distributor-accounts/{distributor}/test-connection', 200, { url: '/v1/distributor-accounts/wps/test-connection' });
    await expectAnswer('POST /v1/distributor-accounts/{distributor}/test-connection', 422, { url: '/v1/distributor-accounts/tucker_rocky/test-connection' });
    await expectAnswer('PUT /v1/distributor-accounts/{distributor}', 200, {
      url: '/v1/distributor-accounts/tucker_rocky',
      body: { credentials: { customerNumber: 'C-1', apiKey: 'k' }, creditCardOnFile: true },
    });
    await expectAnswer('DELETE /v1/distributor-accounts/{distributor}/credentials', 204, { url: '/v1/distributor-accounts/tucker_rocky/credentials' });
    await expectAnswer('DELETE /v1/distributor-accounts/{distributor}/credentials', 404, { url: '/v1/distributor-accounts/automatic/credentials' });

    await expectAnswer('PUT /v1/catalog-feeds/{distributor}', 200, {
      url: '/v1/catalog-feeds/wps',
      body: { transport: 'ftp', host: '127.0.0.1', port: 1, path: '/feeds/wps.csv', timeZone: 'America/Boise', enabled: false },
    });
    await expectAnswer('PUT /v1/catalog-feeds/{distributor}', 422, {
      url: '/v1/catalog-feeds/automatic',
      body: { transport: 'ftp', host: '127.0.0.1', path: '/feeds/a.csv', timeZone: 'America/Boise' },
    });
    await expectAnswer('GET /v1/catalog-feeds', 200, { url: '/v1/catalog-feeds' });
    await expectAnswer('POST /v1/catalog-feeds/{distributor}/import-now', 202, { url: '/v1/catalog-feeds/wps/import-now' });
    await expectAnswer('POST /v1/catalog-feeds/{distributor}/import-now', 404, { url: '/v1/catalog-feeds/tucker_rocky/import-now' });

    await expectAnswer('PUT /v1/channel-accounts/{channel}', 200, {
      url: '/v1/channel-accounts/shopify',
      body: { shopDomain: SHOP_DOMAIN, credentials: { accessToken: 'shpat_test_0123456789', webhookSecret: WEBHOOK_SECRET } },
    });
    await expectAnswer('GET /v1/channel-accounts', 200, { url: '/v1/channel-accounts' });
    await expectAnswer('DELETE /v1/channel-accounts/{channel}/credentials', 404, { url: '/v1/channel-accounts/ebay/credentials' });

    const body = JSON.stringify(shopifyOrderFixture('paid'));
    const delivery = (signature: string) => ({
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-shop-domain': SHOP_DOMAIN,
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-hmac-sha256': signature,
    });
    const webhook = 'POST /webhooks/shopify/{dealerId}';
    await expectAnswer(webhook, 200, { url: `/webhooks/shopify/${stack.dealerId}`, key: null, payload: body, headers: delivery(sign(body)) });
    await expectAnswer(webhook, 401, { url: `/webhooks/shopify/${stack.dealerId}`, key: null, payload: body, headers: delivery(sign(body, 'not-the-secret')) });
    await expectAnswer(webhook, 400, { url: `/webhooks/shopify/${stack.dealerId}`, key: null, payload: '{"id": 1', headers: delivery(sign('{"id": 1')) });
    // The sandbox shop does not know this token: the test answers 200 with the refusal.
    await expectAnswer('POST /v1/channel-accounts/{channel}/test-connection', 200, { url: '/v1/channel-accounts/shopify/test-connection' });
    await expectAnswer('POST /v1/channel-accounts/{channel}/test-connection', 422, { url: '/v1/channel-accounts/ebay/test-connection' });
    await expectAnswer('DELETE /v1/channel-accounts/{channel}/credentials', 204, { url: '/v1/channel-accounts/shopify/credentials' });
    await expectAnswer('DELETE /v1/channel-accounts/{channel}', 204, { url: '/v1/channel-accounts/shopify' });
    await expectAnswer('DELETE /v1/channel-accounts/{channel}', 404, { url: '/v1/channel-accounts/shopify' });

    const created = await expectAnswer('POST /v1/api-keys', 201, { url: '/v1/api-keys', body: { name: 'contract' } });
    await expectAnswer('GET /v1/api-keys', 200, { url: '/v1/api-keys' });
    await expectAnswer('DELETE /v1/api-keys/{keyId}', 204, { url: `/v1/api-keys/${created.id}` });
    await expectAnswer('DELETE /v1/api-keys/{keyId}', 404, { url: `/v1/api-keys/${randomUUID()}` });

    // A stream never ends, so it is read over HTTP (inject waits for the end): its status and media type.
    const events = await openEventStream(await stack.app.listen({ host: '127.0.0.1', port: 0 }), stack.apiKey);
    await events.close();
    expect(events.status).toBe(200);
    expect(events.contentType?.split(';')[0]).toBe(Object.keys((DOCUMENT.paths['/v1/events']!.get!.responses['200'] as { content: object }).content)[0]);
    reached.add('GET /v1/events 200');
    await accountAnswers();

    await expectAnswer('GET /healthz', 200, { url: '/healthz', key: null });
    await expectAnswer('GET /healthz', 400, { url: '/healthz?note=%00', key: null });
  });

  it('answers what every /v1 operation can refuse before its handler runs: 400, 401 and 429', { timeout: 120_000 }, async () => {
    const throwaway = (await stack.app.inject({ method: 'POST', url: '/v1/api-keys', headers: stack.auth, payload: { name: 'exhausted' } })).json()
      .key as string;
    for (let sent = 0; sent < 1000; sent++) await stack.app.inject({ url: '/v1/distributors', headers: { authorization: `Bearer ${throwaway}` } });
    exhaustedKey = throwaway;
    const viewerKey = (await stack.app.inject({ method: 'POST', url: '/v1/api-keys', headers: stack.auth, payload: { name: 'viewer', role: 'viewer' } })).json()
      .key as string;
    const browser = await signInOverHttp(stack.app, stack.owner);
    for (const [path, methods] of Object.entries(DOCUMENT.paths)) {
      if (!path.startsWith('/v1/')) continue;
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PARAMS[name] ?? randomUUID());
      for (const [method, documented] of Object.entries(methods)) {
        const operation = `${method.toUpperCase()} ${path}`;
        await expectAnswer(operation, 400, { url: `${url}?note=%00` });
        // Outside the dealer gate (sign-in, reset, accept): no key to refuse; their 429 is reached in accountAnswers.
        if (documented.security?.length === 0) continue;
        await expectAnswer(operation, 401, { url, key: null });
        await expectAnswer(operation, 401, { url, key: 'dl_not_a_key' });
        await expectAnswer(operation, 429, { url, key: exhaustedKey });
        if (!documented.responses['403']) continue;
        // A role too low; or, for what any role may do, a browser write without its CSRF token.
        if (documented['x-required-role'] !== 'viewer') await expectAnswer(operation, 403, { url, key: viewerKey });
        else await expectAnswer(operation, 403, { url, key: null, headers: { cookie: browser.cookie } });
      }
    }
  });

  it('answers 503 from /healthz while Temporal does not answer', async () => {
    const unreachable = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500 }) });
    const app = await buildApp({
      db: stack.db,
      credentialsCipher: stack.cipher,
      temporal: unreachable,
      taskQueue: 'contract',
      tracking: stack.tracking,
      workflowAnswerTimeoutMs: 1000,
      codecServer: null,
    });
    const response = await app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(wrongIn({ operation: 'GET /healthz', method: 'GET', url: '/healthz' }, 503, response.body)).toBeNull();
    reached.add('GET /healthz 503');
    await app.close();
  });

  /** The catalog and its links, and routing a drop-ship again: after a link (201), and when nothing can be ordered now (422). */
  async function catalogAndRoutingAgain() {
    await expectAnswer('GET /v1/catalog/items', 200, { url: '/v1/catalog/items?q=helmet&limit=1' });
    const unroutable = await expectAnswer('POST /v1/orders', 201, {
      url: '/v1/orders',
      body: demoOrderBody('CONTRACT-LINK', [{ sku: 'CONTRACT-HELMET', quantity: 1, unitPrice: 129.95 }]),
    });
    const stuck = await expectAnswer('POST /v1/orders/{orderId}/dropships', 201, { url: `/v1/orders/${unroutable.id}/dropships`, body: { mode: 'manual' } });
    const linkBody = { dealerSku: 'CONTRACT-HELMET', distributor: 'wps', distributorSku: '87-9934' };
    const link = await expectAnswer('PUT /v1/catalog/links', 201, { url: '/v1/catalog/links', body: linkBody });
    await expectAnswer('PUT /v1/catalog/links', 200, { url: '/v1/catalog/links', body: linkBody });
    await expectAnswer('PUT /v1/catalog/links', 422, { url: '/v1/catalog/links', body: { ...linkBody, distributorSku: 'NO-SUCH-PART' } });
    await expectAnswer('GET /v1/catalog/links', 200, { url: '/v1/catalog/links?dealerSku=CONTRACT-HELMET' });
    const next = await expectAnswer('POST /v1/dropships/{dropshipId}/route-again', 201, { url: `/v1/dropships/${stuck.id}/route-again` });
    await stack.app.inject({ method: 'POST', url: `/v1/dropships/${next.id}/cancel`, headers: stack.auth, payload: {} });
    await expectAnswer('DELETE /v1/catalog/links/{linkId}', 204, { url: `/v1/catalog/links/${link.id}` });
    await expectAnswer('DELETE /v1/catalog/links/{linkId}', 404, { url: `/v1/catalog/links/${link.id}` });

    // A part that sells out while its drop-ship waits: routing again finds nothing to order.
    const { dealerId, db } = stack;
    await putCatalogItems(db, dealerId, [{ distributor: 'wps', distributorSku: '56-8888', dealerSku: 'CONTRACT-SELLING-OUT', costCents: 1000 }]);
    await putStock(db, [{ distributor: 'wps', distributorSku: '56-8888', warehouseCode: 'ID', quantity: 3 }]);
    const sellingOut = await expectAnswer('POST /v1/orders', 201, {
      url: '/v1/orders',
      body: demoOrderBody('CONTRACT-SELLING-OUT', [{ sku: 'CONTRACT-SELLING-OUT', quantity: 1, unitPrice: 49.95 }]),
    });
    const waiting = await expectAnswer('POST /v1/orders/{orderId}/dropships', 201, { url: `/v1/orders/${sellingOut.id}/dropships`, body: { mode: 'manual' } });
    await putStock(db, [{ distributor: 'wps', distributorSku: '56-8888', warehouseCode: 'ID', quantity: 0 }]);
    await expectAnswer('POST /v1/dropships/{dropshipId}/route-again', 422, { url: `/v1/dropships/${waiting.id}/route-again` });
    await stack.app.inject({ method: 'POST', url: `/v1/dropships/${waiting.id}/cancel`, headers: stack.auth, payload: {} });
  }

  /** Sign-in, sessions, password reset, invitations and users: each documented answer once. */
  async function accountAnswers() {
    const owner = { email: stack.owner.email, password: stack.owner.password };
    const signedIn = await expectAnswer('POST /v1/session', 200, { url: '/v1/session', key: null, body: owner });
    expect(signedIn.csrfToken).toEqual(expect.any(String));
    await expectAnswer('POST /v1/session', 401, { url: '/v1/session', key: null, body: { ...owner, password: 'not the password' } });
    const browser = await signInOverHttp(stack.app, owner);
    await expectAnswer('GET /v1/session', 200, { url: '/v1/session', key: null, headers: browser.headers() });

    const invited = await expectAnswer('POST /v1/users/invitations', 201, {
      url: '/v1/users/invitations',
      body: { email: 'kim@contract.example', role: 'staff' },
    });
    await expectAnswer('POST /v1/users/invitations', 409, { url: '/v1/users/invitations', body: { email: owner.email, role: 'staff' } });
    const emails = async () => ((await (await fetch(`${stack.resendUrl}/_control/emails`)).json()) as { data: Array<{ to: string[]; text: string }> }).data;
    const tokenFor = async (to: string, page: string) =>
      new RegExp(`/${page}#token=([\\w-]+)`).exec((await emails()).filter((e) => e.to.includes(to)).at(-1)!.text)![1]!;
    const invitation = await tokenFor(invited.email, 'accept-invitation');
    const kim = await expectAnswer('POST /v1/invitations/accept', 200, {
      url: '/v1/invitations/accept',
      key: null,
      body: { token: invitation, name: 'Kim', password: 'kim chose this one' },
    });
    await expectAnswer('POST /v1/invitations/accept', 422, {
      url: '/v1/invitations/accept',
      key: null,
      body: { token: invitation, name: 'Kim', password: 'kim chose this one' },
    });
    // Invited twice before accepting: the second link finds the email taken.
    await expectAnswer('POST /v1/users/invitations', 201, { url: '/v1/users/invitations', body: { email: 'lee@contract.example', role: 'viewer' } });
    const first = await tokenFor('lee@contract.example', 'accept-invitation');
    await expectAnswer('POST /v1/users/invitations', 201, { url: '/v1/users/invitations', body: { email: 'lee@contract.example', role: 'viewer' } });
    const second = await tokenFor('lee@contract.example', 'accept-invitation');
    const lee = { name: 'Lee', password: 'lee chose this one' };
    await expectAnswer('POST /v1/invitations/accept', 200, { url: '/v1/invitations/accept', key: null, body: { token: first, ...lee } });
    await expectAnswer('POST /v1/invitations/accept', 409, { url: '/v1/invitations/accept', key: null, body: { token: second, ...lee } });

    await expectAnswer('GET /v1/users', 200, { url: '/v1/users' });
    await expectAnswer('PATCH /v1/users/{userId}', 200, { url: `/v1/users/${kim.user.id}`, body: { role: 'viewer' } });
    await expectAnswer('PATCH /v1/users/{userId}', 404, { url: `/v1/users/${randomUUID()}`, body: { role: 'viewer' } });
    await expectAnswer('PATCH /v1/users/{userId}', 409, { url: `/v1/users/${stack.owner.id}`, body: { disabled: true } });

    await expectAnswer('POST /v1/password-reset', 202, { url: '/v1/password-reset', key: null, body: { email: 'kim@contract.example' } });
    const reset = await tokenFor('kim@contract.example', 'reset-password');
    const newPassword = { token: reset, password: 'kim resets it here' };
    await expectAnswer('POST /v1/password-reset/complete', 204, { url: '/v1/password-reset/complete', key: null, body: newPassword });
    await expectAnswer('POST /v1/password-reset/complete', 422, { url: '/v1/password-reset/complete', key: null, body: newPassword });

    const kimSignedIn = sessionFrom(
      await stack.app.inject({ method: 'POST', url: '/v1/session', payload: { email: 'kim@contract.example', password: 'kim resets it here' } }),
    );
    await expectAnswer('POST /v1/session/sign-out-everywhere', 204, { url: '/v1/session/sign-out-everywhere', key: null, headers: kimSignedIn.headers(true) });
    await expectAnswer('DELETE /v1/session', 204, { url: '/v1/session', key: null, headers: browser.headers(true) });

    // Too many attempts from one client at one email or link: the limit, and for sign-in, the lockout too.
    for (const [operation, body] of [
      ['POST /v1/session', { email: 'nobody@contract.example', password: 'guess' }],
      ['POST /v1/password-reset', { email: 'nobody@contract.example' }],
      ['POST /v1/password-reset/complete', { token: 'not-a-token', password: 'a long enough password' }],
      ['POST /v1/invitations/accept', { token: 'not-a-token', name: 'Nobody', password: 'a long enough password' }],
    ] as const) {
      const url = operation.split(' ')[1]!;
      for (let sent = 0; sent < PUBLIC_LIMIT; sent++) await stack.app.inject({ method: 'POST', url, payload: body });
      await expectAnswer(operation, 429, { url, key: null, body });
    }
  }

  /** The dealer's actions on a PO: refused on a shipped one, carried out on a refused and on a held one. */
  async function purchaseOrderActions(shippedPo: string) {
    for (const action of ['retry', 'reroute', 'cancellation']) {
      await expectAnswer(`POST /v1/purchase-orders/{poNumber}/${action}`, 404, { url: `/v1/purchase-orders/NO-SUCH-PO/${action}`, body: {} });
      await expectAnswer(`POST /v1/purchase-orders/{poNumber}/${action}`, 409, { url: `/v1/purchase-orders/${shippedPo}/${action}`, body: {} });
    }
    // WPS's live check has none of this part, so its PO is refused; nobody else carries it.
    const { dealerId, db } = stack;
    await putCatalogItems(db, dealerId, [{ distributor: 'wps', distributorSku: '56-7777', dealerSku: 'CONTRACT-NOSTOCK', costCents: 1000 }]);
    await putStock(db, [{ distributor: 'wps', distributorSku: '56-7777', warehouseCode: 'ID', quantity: 5 }]);
    const refusedOrder = await expectAnswer('POST /v1/orders', 201, {
      url: '/v1/orders',
      body: demoOrderBody('CONTRACT-REFUSED', [{ sku: 'CONTRACT-NOSTOCK', quantity: 1, unitPrice: 49.95 }]),
    });
    const refusedDropship = await expectAnswer('POST /v1/orders/{orderId}/dropships', 201, {
      url: `/v1/orders/${refusedOrder.id}/dropships`,
      body: { mode: 'auto' },
    });
    const refused = await eventually(async () => {
      const po = (await stack.app.inject({ url: `/v1/dropships/${refusedDropship.id}`, headers: stack.auth })).json().purchaseOrders?.[0];
      if (!po) return undefined;
      const row = (await stack.app.inject({ url: `/v1/purchase-orders/${po.poNumber}`, headers: stack.auth })).json();
      return row.status === 'failed' ? (po.poNumber as string) : undefined;
    }, 'the refused PO');
    await expectAnswer('POST /v1/purchase-orders/{poNumber}/reroute', 200, { url: `/v1/purchase-orders/${refused}/reroute`, body: { mode: 'manual' } });
    await expectAnswer('POST /v1/purchase-orders/{poNumber}/retry', 200, { url: `/v1/purchase-orders/${refused}/retry` });

    const held = await expectAnswer('POST /v1/orders', 201, { url: '/v1/orders', body: demoOrderBody('CONTRACT-HELD') });
    const heldDropship = await expectAnswer('POST /v1/orders/{orderId}/dropships', 201, { url: `/v1/orders/${held.id}/dropships`, body: { mode: 'manual' } });
    await expectAnswer('POST /v1/dropships/{dropshipId}/confirm', 202, {
      url: `/v1/dropships/${heldDropship.id}/confirm`,
      body: { acknowledged: true, poNumbers: { wps: 'HOLD-CONTRACT-1' } },
    });
    await eventually(
      async () => (await stack.app.inject({ url: '/v1/purchase-orders/HOLD-CONTRACT-1', headers: stack.auth })).json().status === 'accepted' || undefined,
      'the held PO to be accepted',
    );
    await expectAnswer('POST /v1/purchase-orders/{poNumber}/cancellation', 202, {
      url: '/v1/purchase-orders/HOLD-CONTRACT-1/cancellation',
      body: { reason: 'contract test' },
    });
  }

  it('reaches every documented status but the few listed as unreachable', () => {
    const missing = documented.filter((answer) => !reached.has(answer) && !UNREACHED[answer]);
    expect(missing, 'documented statuses no test request reached').toEqual([]);
    expect(
      Object.keys(UNREACHED).filter((answer) => !documented.includes(answer)),
      'listed as unreachable but not documented',
    ).toEqual([]);
    console.log(
      `API contract: ${documented.length} documented statuses over ${Object.values(DOCUMENT.paths).reduce((n, m) => n + Object.keys(m).length, 0)} operations, ${reached.size} reached, ${Object.keys(UNREACHED).length} unreachable`,
    );
  });
});

/** Requests a client may make to each public route (sign-in, reset, accept) a minute, in this test. */
const PUBLIC_LIMIT = 20;

/** Path parameters that pass validation, so a 400 comes from the bad text and nothing else. */
const SAMPLE_PARAMS: Record<string, string> = { distributor: 'wps', channel: 'shopify', code: 'ID', rateName: 'Standard', poNumber: 'DL000001-W' };
