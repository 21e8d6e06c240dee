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

/**
 * Limits the routes outside the dealer gate (sign-in, password reset, accepting an invitation) per
 * client IP and the email or link token in the body, so one address cannot be guessed at quickly
 * and one client cannot flood the email sender. Runs after the body is parsed.
 */
export async function limitPerClient(app: FastifyInstance, limit: RateLimit) {
  await app.register(rateLimit, {
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    hook: 'preHandler',
    keyGenerator: (request) => {
      const body = (request.body ?? {}) as { email?: unknown; token?: unknown };
      const subject = typeof body.email === 'string' ? body.email.toLowerCase() : typeof body.token === 'string' ? body.token : '';
      return `${request.ip}:${request.routeOptions.url}:${subject}`;
    },
    errorResponseBuilder: (_request, context) =>
      new DomainError('RATE_LIMITED', `Too many attempts (at most ${context.max} a minute); try again in ${context.after}`),
  });
}
