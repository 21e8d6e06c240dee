import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../domain/errors.js';

export interface RateLimit {
  /** Requests one API key may make per window. */
  max: number;
  timeWindowMs: number;
}

/**
 * Limits every route registered after it, per API key (dealer and key, not IP: one dealer's busy
 * integration must not throttle its other keys or other dealers behind the same proxy). Needs the
 * key from requireDealer, which runs first. Over the limit: 429 in the one error envelope, with
 * retry-after in seconds.
 */
export async function limitPerApiKey(app: FastifyInstance, limit: RateLimit) {
  await app.register(rateLimit, {
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    keyGenerator: (request) => `${request.dealerId}:${request.apiKeyId}`,
    errorResponseBuilder: (_request, context) =>
      new DomainError(
        'RATE_LIMITED',
        `Too many requests with this API key (at most ${context.max} every ${limit.timeWindowMs / 1000} seconds); try again in ${context.after}`,
      ),
  });
}
