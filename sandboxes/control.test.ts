import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { createAutomaticSandbox } from '../distributors/automatic/sandbox/index.js';
import { createPartsUnlimitedSandbox } from '../distributors/parts-unlimited/sandbox/index.js';
import { createTuckerRockySandbox } from '../distributors/tucker-rocky/sandbox/index.js';
import { createWpsSandbox } from '../distributors/wps/sandbox/index.js';
import { createAmazonSandbox } from '../marketplaces/amazon/sandbox/index.js';
import { createEbaySandbox } from '../marketplaces/ebay/sandbox/index.js';
import { createShopifySandbox } from '../marketplaces/shopify/sandbox/index.js';
import { LOOPBACK_ONLY } from './control.js';
import { createResendSandbox } from './resend/index.js';

/**
 * Every sandbox keeps its control API to loopback callers, answering anyone else 403 in the error
 * shape of its own control API, and rejects a malformed control body with 400. Requests are
 * injected, so the caller's address is made up and no connection is opened.
 */
const sandboxes: Array<{ name: string; app: FastifyInstance; refusal: unknown; badFaults: unknown }> = [
  { name: 'WPS', app: createWpsSandbox().app, refusal: { message: LOOPBACK_ONLY }, badFaults: { message: expect.any(String) } },
  {
    name: 'Parts Unlimited',
    app: createPartsUnlimitedSandbox().app,
    refusal: { message: LOOPBACK_ONLY },
    badFaults: { message: expect.any(String) },
  },
  { name: 'Tucker Rocky', app: createTuckerRockySandbox().app, refusal: { message: LOOPBACK_ONLY }, badFaults: { message: expect.any(String) } },
  {
    name: 'Automatic',
    app: createAutomaticSandbox().app,
    refusal: { errors: [{ message: LOOPBACK_ONLY }] },
    badFaults: { errors: [{ code: 'INVALID_FIELD', message: expect.any(String) }] },
  },
  { name: 'Amazon', app: createAmazonSandbox().app, refusal: { message: LOOPBACK_ONLY }, badFaults: { message: expect.any(String) } },
  { name: 'eBay', app: createEbaySandbox().app, refusal: { message: LOOPBACK_ONLY }, badFaults: { message: expect.any(String) } },
  { name: 'Shopify', app: createShopifySandbox().app, refusal: { message: LOOPBACK_ONLY }, badFaults: { message: expect.any(String) } },
  {
    name: 'Resend',
    app: createResendSandbox().app,
    refusal: { statusCode: 403, message: 'The sandbox inbox only answers loopback callers.', name: 'invalid_access' },
    badFaults: { statusCode: 400, message: expect.any(String), name: 'validation_error' },
  },
];

afterAll(() => Promise.all(sandboxes.map(({ app }) => app.close())));

describe.each(sandboxes)('the $name sandbox', ({ app, refusal, badFaults }) => {
  const faults = (remoteAddress: string, body: unknown) => app.inject({ method: 'POST', url: '/_control/faults', remoteAddress, payload: body as object });

  it('refuses control requests from anywhere but loopback', async () => {
    const remote = await faults('203.0.113.7', {});
    expect(remote.statusCode).toBe(403);
    expect(remote.json()).toEqual(refusal);

    for (const loopback of ['127.0.0.1', '::1']) expect((await faults(loopback, {})).statusCode).toBe(200);
  });

  it('answers a malformed control body with 400 in its control error shape', async () => {
    const bad = await faults('127.0.0.1', { rateLimitNext: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual(badFaults);
  });
});
