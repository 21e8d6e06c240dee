import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { createUser } from '../../db/repositories/users.js';
import { dealers } from '../../db/schema/index.js';
import { SYSTEM } from '../../domain/actor.js';
import { hashPassword } from '../../security/passwords.js';
import { signInOverHttp, type SignedIn } from '../helpers/sessions.js';
import { oneOfEachRecord, VALID_BODIES } from '../helpers/route-fixtures.js';
import { startStack, type Stack } from '../helpers/stack.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Role = 'viewer' | 'staff' | 'owner';
interface Route {
  method: Method;
  path: string;
  params: string[];
  role: Role;
}

/** Writes any role may make: ending one's own sessions. */
const VIEWER_WRITES = ['DELETE /v1/session', 'POST /v1/session/sign-out-everywhere'];

/**
 * Roles over HTTP on every /v1 route behind the dealer gate, enumerated from the app's own OpenAPI
 * document (so a route added later is covered): a viewer's writes and a staff member's owner-only
 * requests are refused with 403 and change nothing, by session and by API key alike; another
 * dealer's session is answered exactly like another dealer's API key.
 */
describe('every /v1 route: roles, and tenant isolation by session', () => {
  let stack: Stack;
  let routes: Route[];
  let params: Record<string, { owned: string; other: string }>;
  const as: Record<string, { session: SignedIn; key: string }> = {};
  let dealerAIds: string[];

  beforeAll(async () => {
    stack = await startStack();
    const { db, dealerId } = stack;
    const { orderId, dropship, poNumber, exception, link, secondKey } = await oneOfEachRecord(stack, 'ROLES');

    for (const role of ['viewer', 'staff'] as const) {
      const user = await stack.createUser(role);
      as[role] = { session: await signInOverHttp(stack.app, user), key: (await createApiKey(db, dealerId, `${role} key`, SYSTEM, role)).key };
    }
    as.owner = { session: await signInOverHttp(stack.app, stack.owner), key: stack.apiKey };

    // Dealer B owns nothing but its owner, so whatever it reaches of A's would show.
    const otherDealer = `dealer-b-${randomUUID().slice(0, 8)}`;
    await db.insert(dealers).values({ id: otherDealer, name: 'Other Dealer' });
    const bOwner = { email: `owner@${otherDealer}.example`, password: 'b owner password' };
    await createUser(
      db,
      { dealerId: otherDealer, email: bOwner.email, name: 'B Owner', role: 'owner', passwordHash: await hashPassword(bOwner.password) },
      SYSTEM,
    );
    as.otherDealer = { session: await signInOverHttp(stack.app, bOwner), key: (await createApiKey(db, otherDealer, 'b key')).key };

    params = {
      orderId: { owned: orderId, other: randomUUID() },
      dropshipId: { owned: dropship.id, other: randomUUID() },
      poNumber: { owned: poNumber, other: 'DL999999-W' },
      exceptionId: { owned: exception.id, other: randomUUID() },
      keyId: { owned: secondKey.id, other: randomUUID() },
      userId: { owned: stack.owner.id, other: randomUUID() },
      linkId: { owned: link.id, other: randomUUID() },
      distributor: { owned: 'wps', other: 'automatic' },
      code: { owned: 'ID', other: 'ZZ' },
      channel: { owned: 'ebay', other: 'shopify' },
      rateName: { owned: 'Standard Shipping', other: 'Pigeon Post' },
    };
    dealerAIds = [
      dealerId,
      orderId,
      dropship.id,
      poNumber,
      exception.id,
      secondKey.id,
      secondKey.prefix,
      stack.owner.id,
      stack.owner.email,
      link.id,
      'ROLES-SKU',
    ];

    await stack.app.ready();
    type Operation = { parameters?: Array<{ in: string; name: string }>; security?: unknown[]; 'x-required-role'?: Role; responses?: object };
    const document = stack.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    routes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, operations]) =>
        Object.entries(operations)
          // Outside the dealer gate (sign-in, reset, accept): nobody is signed in to have a role.
          .filter(([, operation]) => !(Array.isArray(operation.security) && operation.security.length === 0))
          // A server-sent event stream (GET /v1/events, a viewer's read) never ends, and inject waits for the end;
          // test/api/live-events.test.ts reads it over HTTP.
          .filter(([, operation]) => !JSON.stringify(operation.responses ?? {}).includes('"text/event-stream"'))
          .map(([method, operation]) => ({
            method: method.toUpperCase() as Method,
            path,
            params: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
            role: operation['x-required-role']!,
          })),
      );
  });
  afterAll(async () => stack?.stop());

  const label = (route: Route) => `${route.method} ${route.path}`;
  const send = async (route: Route, headers: Record<string, string>, which: 'owned' | 'other' = 'owned') => {
    const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]![which]));
    const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : (VALID_BODIES[label(route)] ?? {});
    const response = await stack.app.inject({ method: route.method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  };
  const bySession = (who: string) => as[who]!.session.headers(true);
  const byKey = (who: string) => ({ authorization: `Bearer ${as[who]!.key}` });
  /** What dealer A's lists show, to prove a refused request changed nothing. */
  const snapshot = () =>
    Promise.all(
      routes.filter((r) => r.method === 'GET' && r.params.length === 0 && r.path !== '/v1/session').map(async (r) => (await send(r, byKey('owner'))).body),
    );

  it('documents a role for every route: reads for viewers, writes for staff or owners, users and keys for owners only', () => {
    expect(routes.length).toBeGreaterThanOrEqual(30);
    for (const route of routes) {
      expect(['viewer', 'staff', 'owner'], label(route)).toContain(route.role);
      if (route.method !== 'GET' && !VIEWER_WRITES.includes(label(route))) expect(route.role, label(route)).not.toBe('viewer');
      if (
        /^\/v1\/(users|api-keys|settings|distributor-accounts|channel-accounts|catalog-feeds|warehouses|shipping-mappings)/.test(route.path) &&
        route.method !== 'GET'
      )
        expect(route.role, label(route)).toBe('owner');
    }
    for (const path of ['/v1/users', '/v1/api-keys']) expect(routes.find((r) => r.path === path && r.method === 'GET')?.role).toBe('owner');
  });

  it('refuses every write a viewer makes, and every owner-only request staff make, with 403, by session and by key, changing nothing', async () => {
    const before = await snapshot();
    const refusedFor = (role: Role) => routes.filter((r) => (role === 'viewer' ? r.role !== 'viewer' : r.role === 'owner'));
    expect(refusedFor('viewer').length).toBeGreaterThan(20);
    for (const role of ['viewer', 'staff'] as const) {
      for (const route of refusedFor(role)) {
        for (const [how, headers] of [
          ['session', bySession(role)],
          ['key', byKey(role)],
        ] as const) {
          const response = await send(route, headers);
          expect({ route: label(route), role, how, status: response.status, code: response.body?.error?.code }).toEqual({
            route: label(route),
            role,
            how,
            status: 403,
            code: 'FORBIDDEN',
          });
          expect(response.body.error.message).toMatch(new RegExp(`^Your role \\(${role}\\) may not do this; it takes (staff or owner|an owner)\\.$`));
        }
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets a viewer read what a viewer may read', async () => {
    for (const route of routes.filter((r) => r.role === 'viewer' && r.method === 'GET')) {
      const response = await send(route, bySession('viewer'));
      expect({ route: label(route), status: response.status }).toEqual({ route: label(route), status: response.status === 404 ? 404 : 200 });
    }
  });

  it("answers another dealer's session exactly like another dealer's API key, and shows it nothing of dealer A's", async () => {
    // Create-or-replace routes write into B's own settings; they run last so the reads before them see B empty.
    const withParams = routes.filter((r) => r.params.length > 0);
    const ordered = [...withParams.filter((r) => r.method !== 'PUT'), ...withParams.filter((r) => r.method === 'PUT')];
    for (const route of ordered) {
      const session = await send(route, bySession('otherDealer'));
      const key = await send(route, byKey('otherDealer'));
      expect({ route: label(route), status: session.status, code: session.body?.error?.code, message: session.body?.error?.message }).toEqual({
        route: label(route),
        status: key.status,
        code: key.body?.error?.code,
        message: key.body?.error?.message,
      });
      expect(session.status, label(route)).toBeLessThan(500);
      expect(JSON.stringify(session.body ?? '')).not.toContain(stack.dealerId);
    }
    for (const route of routes.filter((r) => r.method === 'GET' && r.params.length === 0)) {
      const response = await send(route, bySession('otherDealer'));
      expect(response.status, label(route)).toBe(200);
      for (const id of dealerAIds) expect(JSON.stringify(response.body), `${label(route)} shows dealer A's ${id} to dealer B`).not.toContain(id);
    }
  });
});
