import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type {} from '@fastify/cookie';
import { findLiveApiKey } from '../db/repositories/api-keys.js';
import { findLiveSession, touchSession } from '../db/repositories/users.js';
import type { Actor } from '../domain/actor.js';
import { DomainError } from '../domain/errors.js';
import { roleAllows, type Role } from '../domain/roles.js';
import type { Db } from '../db/client.js';
import { sameSecret, tokenHash } from '../security/passwords.js';
import { errorResponses } from './schemas/common.js';

declare module 'fastify' {
  interface FastifyRequest {
    dealerId: string;
    /** Who the request counts against for rate limits: the API key, or the signed-in user. */
    apiKeyId: string;
    actor: Actor;
    role: Role;
    /** The browser session the request came with; null for an API key. */
    session: SignedInSession | null;
  }
  interface FastifyContextConfig {
    /** The least role that may call the route; derived from its method and path unless set (see requiredRole). */
    minRole?: Role;
    /** Outside the dealer gate (sign-in, password reset, accepting an invitation). */
    public?: boolean;
  }
}

export type SignedInSession = NonNullable<Awaited<ReturnType<typeof findLiveSession>>>;

export const SESSION_COOKIE = 'dropline_session';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Areas only an owner may change (users, keys, accounts, settings); of those, users and API keys an
 * owner alone may even read. Everything else: reads need a viewer, writes staff. The one table of roles.
 */
const OWNER_AREAS = [
  '/v1/users',
  '/v1/api-keys',
  '/v1/distributor-accounts',
  '/v1/channel-accounts',
  '/v1/catalog-feeds',
  '/v1/settings',
  '/v1/shipping-mappings',
  '/v1/warehouses',
];
const OWNER_READS = ['/v1/users', '/v1/api-keys'];

export function requiredRole(method: string, url: string): Role {
  const under = (areas: string[]) => areas.some((area) => url === area || url.startsWith(`${area}/`));
  const read = method === 'GET' || method === 'HEAD';
  if (under(OWNER_READS) || (!read && under(OWNER_AREAS))) return 'owner';
  return read ? 'viewer' : 'staff';
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Gives every /v1 route behind the dealer gate its required role (route config `minRole`, else
 * requiredRole) and documents it: `x-required-role`, a sentence in the description, and the 403 it
 * may answer (a role too low, or a browser write without its CSRF token). Register before the routes.
 */
export function documentRoles(app: FastifyInstance) {
  app.addHook('onRoute', (route: RouteOptions) => {
    const method = Array.isArray(route.method) ? route.method[0]! : route.method;
    if (!route.url.startsWith('/v1/') || route.config?.public || !route.schema || method === 'HEAD') return;
    const role = route.config?.minRole ?? requiredRole(method, route.url);
    route.config = { ...route.config, minRole: role };
    const schema = route.schema as Record<string, unknown> & { response?: Record<number, unknown>; description?: string };
    schema['x-required-role'] = role;
    schema.description = [schema.description, `Requires the ${role} role.`].filter(Boolean).join('\n\n');
    if (role !== 'viewer' || !READS.has(method)) schema.response = { ...schema.response, ...errorResponses(403) };
  });
}

/**
 * Every /v1 request behind the gate is either an API key as a Bearer token (integrations; X-Acting-User
 * may name the person) or a browser's session cookie (the signed-in user is the actor, whatever the
 * headers claim; writes must echo the session's CSRF token). Then the route's role is checked. This
 * is the only place requests are authenticated and authorised.
 */
export function requireDealer(app: FastifyInstance, db: Db) {
  app.decorateRequest('dealerId', '');
  app.decorateRequest('apiKeyId', '');
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('role', 'viewer');
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const cookie = request.cookies[SESSION_COOKIE];
    if (header || !cookie) await authenticateKey(db, request, header);
    else await authenticateSession(db, request, cookie);
    const required = request.routeOptions.config.minRole ?? requiredRole(request.method, request.routeOptions.url ?? request.url);
    if (!roleAllows(request.role, required))
      throw new DomainError(
        'FORBIDDEN',
        `Your role (${request.role}) may not do this; it takes ${required === 'owner' ? 'an owner' : `${required} or owner`}.`,
      );
  });
}

async function authenticateKey(db: Db, request: FastifyRequest, header: string | undefined) {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new DomainError('UNAUTHORIZED', 'Sign in, or send your dealer API key as "Authorization: Bearer <key>"');
  const apiKey = await findLiveApiKey(db, match[1]!);
  if (!apiKey) throw new DomainError('UNAUTHORIZED', 'This API key is unknown or has been revoked');
  request.dealerId = apiKey.dealerId;
  request.apiKeyId = apiKey.id;
  request.role = apiKey.role;
  const actingUser = request.headers['x-acting-user'];
  request.actor = { type: 'dealer_user', id: typeof actingUser === 'string' && actingUser.length <= 100 ? actingUser : `api-key:${apiKey.dealerId}` };
}

/** How stale last_seen_at may get before a request refreshes it: one write a minute per browser, not one per request. */
const TOUCH_AFTER_MS = 60_000;

async function authenticateSession(db: Db, request: FastifyRequest, cookie: string) {
  const session = await findLiveSession(db, tokenHash(cookie));
  if (!session) throw new DomainError('UNAUTHORIZED', 'Your session has ended; sign in again');
  if (!READS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken))
      throw new DomainError('FORBIDDEN', 'This request came without the page’s security token; reload the page and try again.');
  }
  request.session = session;
  request.dealerId = session.user.dealerId;
  request.apiKeyId = `user:${session.user.id}`;
  request.role = session.user.role;
  request.actor = { type: 'dealer_user', id: session.user.email };
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) await touchSession(db, session.id);
}

/** Sets the session cookie: HttpOnly (no script reads it), Secure, SameSite=Strict (never sent by another site's page or form). */
export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/', expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
}
