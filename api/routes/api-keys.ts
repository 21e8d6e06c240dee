import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../../db/repositories/api-keys.js';
import { DomainError } from '../../domain/errors.js';
import type { ApiDeps } from '../deps.js';
import { roleSchema } from '../schemas/accounts.js';
import { errorResponses, noContent, text, timestamp, uuidParam, V1_ERRORS } from '../schemas/common.js';

const apiKey = {
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, to tell keys apart'),
  role: roleSchema.describe('What the key may do, as a user of that role'),
  createdAt: timestamp,
};

/**
 * The dealer's own API keys: listed without the secret, created (the key is in that one answer and
 * never again), revoked from the next request on. Creating and revoking are audited with the actor.
 */
export function apiKeyRoutes({ db }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api-keys',
      {
        schema: {
          tags: ['api keys'],
          summary: 'Your API keys, newest first (revoked ones too)',
          response: {
            200: z
              .strictObject({ apiKeys: z.array(z.strictObject({ ...apiKey, revokedAt: timestamp.nullable() })) })
              .describe("The dealer's keys, without the secrets"),
            ...errorResponses(...V1_ERRORS),
          },
        },
      },
      async (request) => ({ apiKeys: await listApiKeys(db, request.dealerId) }),
    );

    app.post(
      '/api-keys',
      {
        schema: {
          tags: ['api keys'],
          summary: 'Create an API key; the answer is the only time the key is shown',
          body: z.strictObject({ name: text('Key name', 100), role: roleSchema.default('owner').describe('What the key may do (owner when left out)') }),
          response: {
            201: z.strictObject({ ...apiKey, key: z.string().describe('The key itself: shown this once') }).describe('The new key'),
            ...errorResponses(...V1_ERRORS),
          },
        },
      },
      async (request, reply) => reply.status(201).send(await createApiKey(db, request.dealerId, request.body.name, request.actor, request.body.role)),
    );

    app.delete(
      '/api-keys/:keyId',
      {
        schema: {
          tags: ['api keys'],
          summary: 'Revoke an API key (revoking it again changes nothing)',
          params: z.object({ keyId: uuidParam('API key id') }),
          response: { 204: noContent('Revoked'), ...errorResponses(...V1_ERRORS, 404) },
        },
      },
      async (request, reply) => {
        const revoked = await revokeApiKey(db, request.dealerId, request.params.keyId, request.actor);
        if (!revoked) throw new DomainError('NOT_FOUND', 'No such API key');
        return reply.status(204).send();
      },
    );
  };
}
