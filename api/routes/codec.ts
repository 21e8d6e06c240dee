import type { Payload } from '@temporalio/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { CodecServerDeps } from '../deps.js';
import { requireOperatorToken } from '../operator-token.js';

const base64 = z.base64('must be base64');
/** A Payload in proto3 JSON, as Temporal Web and `temporal --codec-endpoint` send it: every bytes field is base64. */
const payloadJson = z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() });
// proto3 JSON omits empty fields: the Temporal CLI sends `{}` when it has no payloads.
const payloadsJson = z.object({ payloads: z.array(payloadJson).default([]) });
type PayloadJson = z.infer<typeof payloadJson>;

// Temporal accepts payloads up to 2 MiB (≈2.7 MiB in base64); Fastify's default body limit is 1 MiB.
const BODY_LIMIT = 4 * 1024 * 1024;
// hide: an operator endpoint, not part of the dealer API the OpenAPI docs describe.
const routeSchema = { hide: true, body: payloadsJson, response: { 200: payloadsJson } };

/**
 * The Codec Server protocol (POST /decode, POST /encode) for Temporal Web and the Temporal CLI, so an
 * operator can read the payloads the workers encrypt. Registered under /codec.
 */
export function codecRoutes({ codec, authToken, corsOrigins }: CodecServerDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Temporal Web calls from the browser. This runs before the token check so a browser can read a 401 too.
    app.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      reply.header('vary', 'origin');
      if (origin && corsOrigins.includes(origin)) reply.header('access-control-allow-origin', origin);
    });
    // Preflights carry no Authorization header, so they are answered without the token check.
    app.options('/*', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .status(204)
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type, x-namespace, authorization')
        .header('access-control-max-age', '600')
        .send(),
    );
    const onRequest = authToken ? [requireOperatorToken(authToken, 'Send the codec token as "Authorization: Bearer <CODEC_AUTH_TOKEN>"')] : [];

    app.post('/decode', { schema: routeSchema, bodyLimit: BODY_LIMIT, onRequest }, async (request) => {
      const payloads = await codec.decode(request.body.payloads.map(fromJson)).catch((error: unknown) => {
        // Tampered data or a key id this deployment does not hold: the request's fault, not ours.
        throw new DomainError('BAD_REQUEST', `A payload could not be decrypted: ${error instanceof Error ? error.message : String(error)}`);
      });
      return { payloads: payloads.map(toJson) };
    });
    app.post('/encode', { schema: routeSchema, bodyLimit: BODY_LIMIT, onRequest }, async (request) => ({
      payloads: (await codec.encode(request.body.payloads.map(fromJson))).map(toJson),
    }));
  };
}

function fromJson({ metadata = {}, data = '' }: PayloadJson): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
    data: Buffer.from(data, 'base64'),
  };
}

function toJson(payload: Payload): PayloadJson {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')])),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}
