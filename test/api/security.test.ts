import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../db/repositories/api-keys.js';
import { dealers } from '../../db/schema/index.js';
import { oneOfEachRecord, VALID_BODIES } from '../helpers/route-fixtures.js';
import { startStack, type Stack } from '../helpers/stack.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Route {
  method: Method;
  /** OpenAPI form, e.g. /v1/orders/{orderId}. */
  path: string;
  params: string[];
}

/**
 * How each path parameter names a record. An `id` names one record of one dealer: another dealer's
 * must answer exactly like one that does not exist. A `key` names a slot in the caller's own settings
 * (a distributor, a warehouse code): `owned` is one dealer A has filled, `unowned` one it has not.
 * A route with a parameter missing here fails the test until it is described.
 */
type ParamCase = { kind: 'id'; owned: string; missing: string } | { kind: 'key'; owned: string; unowned: string };

/**
 * Security of every /v1 route, enumerated from the app's own OpenAPI document so that a route added
 * later is covered without touching this file: no key and a revoked key answer 401; another dealer's
 * ids answer 404 exactly as ids that do not exist; nothing another dealer does changes dealer A.
 */
describe('every /v1 route: authentication and tenant isolation', () => {
  let stack: Stack;
  let routes: Route[];
  let revokedKey: string;
  let otherDealerKey: string;
  let params: Record<string, ParamCase>;
  /** Strings that identify dealer A's records, which must never reach dealer B. */
  let dealerAIds: string[];

  beforeAll(async () => {
    stack = await startStack();
    const { db, dealerId } = stack;
    const { orderId, dropship, poNumber, exception, link, secondKey } = await oneOfEachRecord(stack, 'SEC');
    const revoked = await createApiKey(db, dealerId, 'revoked key');
    await revokeApiKey(db, dealerId, revoked.id);
    revokedKey = revoked.key;

    // Dealer B owns nothing at all, so whatever it reaches of A's would show.
    const otherDealer = `dealer-b-${randomUUID().slice(0, 8)}`;
    await db.insert(dealers).values({ id: otherDealer, name: 'Other Dealer' });
    otherDealerKey = (await createApiKey(db, otherDealer, 'b key')).key;

    params = {
      orderId: { kind: 'id', owned: orderId, missing: randomUUID() },
      dropshipId: { kind: 'id', owned: dropship.id, missing: randomUUID() },
      poNumber: { kind: 'id', owned: poNumber, missing: 'DL999999-W' },
      exceptionId: { kind: 'id', owned: exception.id, missing: randomUUID() },
      keyId: { kind: 'id', owned: secondKey.id, missing: randomUUID() },
      linkId: { kind: 'id', owned: link.id, missing: randomUUID() },
      userId: { kind: 'id', owned: stack.owner.id, missing: randomUUID() },
      distributor: { kind: 'key', owned: 'wps', unowned: 'automatic' },
      code: { kind: 'key', owned: 'ID', unowned: 'ZZ' },
      channel: { kind: 'key', owned: 'ebay', unowned: 'shopify' },
      rateName: { kind: 'key', owned: 'Standard Shipping', unowned: 'Pigeon Post' },
    };
    dealerAIds = [dealerId, orderId, dropship.id, poNumber, exception.id, secondKey.id, secondKey.prefix, link.id, 'SEC-SKU'];

    await stack.app.ready();
    const document = stack.app.swagger() as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; security?: unknown[] }>>;
    };
    routes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, operations]) =>
        Object.entries(operations)
          // Sign-in, password reset and invitations are for people not yet signed in (test/api/sessions.test.ts).
          .filter(([, operation]) => !(Array.isArray(operation.security) && operation.security.length === 0))
          .map(([method, operation]) => ({
            method: method.toUpperCase() as Method,
            path,
            params: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          })),
      );
  });
  afterAll(async () => stack?.stop());

  const send = async (route: Route, headers: Record<string, string>, values: Record<string, string>) => {
    const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]!));
    const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : (VALID_BODIES[`${route.method} ${route.path}`] ?? {});
    const response = await stack.app.inject({ method: route.method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  };
  const valuesOf = (which: 'owned' | 'other') =>
    Object.fromEntries(Object.entries(params).map(([name, p]) => [name, which === 'owned' ? p.owned : p.kind === 'id' ? p.missing : p.unowned]));
  const label = (route: Route) => `${route.method} ${route.path}`;

  it('finds the /v1 routes in the OpenAPI document, each parameter described', () => {
    expect(routes.length).toBeGreaterThanOrEqual(30);
    for (const route of routes)
      for (const name of route.params) expect(params[name], `describe path parameter "${name}" of ${label(route)} in params`).toBeDefined();
  });

  it('answers 401 without a key, with a malformed header, and with a revoked key', async () => {
    const anonymous: Record<string, string> = {};
    const attempts = {
      'no key': anonymous,
      'not a Bearer token': { authorization: `Basic ${stack.apiKey}` },
      'a revoked key': { authorization: `Bearer ${revokedKey}` },
      'an unknown key': { authorization: 'Bearer dl_not-a-key' },
    };
    for (const route of routes) {
      for (const [what, headers] of Object.entries(attempts)) {
        const response = await send(route, headers, valuesOf('owned'));
        expect({ route: label(route), what, status: response.status, code: response.body?.error?.code }).toEqual({
          route: label(route),
          what,
          status: 401,
          code: 'UNAUTHORIZED',
        });
        expect(response.body.error.requestId).toEqual(expect.any(String));
      }
    }
  });

  it("answers another dealer's ids exactly like ids that do not exist, and changes nothing of dealer A's", async () => {
    const asA = { authorization: `Bearer ${stack.apiKey}` };
    const asB = { authorization: `Bearer ${otherDealerKey}` };
    // GET /v1/events is a stream inject would wait on forever; test/api/live-events.test.ts shows another dealer's stream is sent nothing.
    const lists = routes.filter((r) => r.method === 'GET' && r.params.length === 0 && r.path !== '/v1/events');
    const snapshot = () => Promise.all(lists.map(async (route) => (await send(route, asA, {})).body));
    const before = await snapshot();

    // Create-or-replace routes write into B's own settings; they run last so the reads before them see B empty.
    const ordered = [...routes.filter((r) => r.method !== 'PUT'), ...routes.filter((r) => r.method === 'PUT')];
    for (const route of ordered.filter((r) => r.params.length > 0)) {
      const owned = await send(route, asB, valuesOf('owned'));
      const other = await send(route, asB, valuesOf('other'));
      expect(owned.status, `${label(route)} as another dealer`).toBeLessThan(500);
      expect({ route: label(route), status: owned.status, code: owned.body?.error?.code }).toEqual({
        route: label(route),
        status: other.status,
        code: other.body?.error?.code,
      });
      if (route.params.some((name) => params[name]!.kind === 'id')) {
        expect({ route: label(route), status: owned.status }).toEqual({ route: label(route), status: 404 });
        const normalise = (message: string, values: Record<string, string>) => Object.values(values).reduce((m, v) => m.replaceAll(v, '<id>'), message);
        expect(normalise(owned.body.error.message, valuesOf('owned'))).toBe(normalise(other.body.error.message, valuesOf('other')));
      }
      expect(JSON.stringify(owned.body ?? '')).not.toContain(stack.dealerId);
    }
    for (const route of lists) {
      const response = await send(route, asB, {});
      expect(response.status, label(route)).toBe(200);
      for (const id of dealerAIds) expect(JSON.stringify(response.body), `${label(route)} shows dealer A's ${id} to dealer B`).not.toContain(id);
    }

    expect(await snapshot()).toEqual(before);
  });
});
