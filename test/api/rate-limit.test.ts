import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../db/repositories/api-keys.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Rate limiting per API key, with a limit low enough to reach. */
describe('rate limiting per API key', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
  });
  afterAll(async () => stack?.stop());

  const get = (key: string) => stack.app.inject({ method: 'GET', url: '/v1/settings', headers: { authorization: `Bearer ${key}` } });

  it('answers 429 in the error envelope with retry-after once a key is over its limit, and only for that key', async () => {
    for (let i = 0; i < 3; i += 1) {
      const ok = await get(stack.apiKey);
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    const limited = await get(stack.apiKey);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/^Too many requests with this API key \(at most 3 every 60 seconds\); try again in (1 minute|\d+ seconds?)$/),
        requestId: expect.any(String),
      },
    });

    // Another key of the same dealer has its own allowance.
    const second = await createApiKey(stack.db, stack.dealerId, 'second');
    expect((await get(second.key)).statusCode).toBe(200);
    // Without a valid key the answer is still 401: limits count keys, not guesses.
    expect((await stack.app.inject({ method: 'GET', url: '/v1/settings' })).statusCode).toBe(401);
  });
});
