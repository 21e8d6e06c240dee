import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findLiveApiKey } from '../db/repositories/api-keys.js';
import type { Actor } from '../domain/actor.js';
import { DomainError } from '../domain/errors.js';
import type { Db } from '../db/client.js';

declare module 'fastify' {
  interface FastifyRequest {
    dealerId: string;
    /** The key the request came with, so limits apply per key. */
    apiKeyId: string;
    actor: Actor;
  }
}

/**
 * Every /v1 request carries a dealer API key as a Bearer token; everything after this hook is scoped
 * to that key's dealer. X-Acting-User names the person for the audit trail.
 */
export function requireDealer(app: FastifyInstance, db: Db) {
  app.decorateRequest('dealerId', '');
  app.decorateRequest('apiKeyId', '');
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainError('UNAUTHORIZED', 'Send your dealer API key as "Authorization: Bearer <key>"');
    const apiKey = await findLiveApiKey(db, match[1]!);
    if (!apiKey) throw new DomainError('UNAUTHORIZED', 'This API key is unknown or has been revoked');
    request.dealerId = apiKey.dealerId;
    request.apiKeyId = apiKey.id;
    const actingUser = request.headers['x-acting-user'];
    request.actor = { type: 'dealer_user', id: typeof actingUser === 'string' && actingUser.length <= 100 ? actingUser : `api-key:${apiKey.dealerId}` };
  });
}
