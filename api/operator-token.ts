import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../domain/errors.js';

/**
 * An onRequest hook for an operator endpoint outside the dealer API (/codec, /metrics): the request
 * must carry `Authorization: Bearer <expected>`, else 401 with `hint` as the message.
 */
export function requireOperatorToken(expected: string, hint: string) {
  const expectedDigest = sha256(expected);
  return async (request: FastifyRequest) => {
    const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    // Digests have equal length, as timingSafeEqual requires, and hide the token's length.
    if (!timingSafeEqual(sha256(presented), expectedDigest)) throw new DomainError('UNAUTHORIZED', hint);
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
