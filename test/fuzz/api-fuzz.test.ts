import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { seedDemoDealer } from '../../db/demo-data.js';
import { raiseException } from '../../db/repositories/exceptions.js';
import { ERROR_CODES } from '../../domain/errors.js';
import { WPS_SANDBOX_TOKEN } from '../../distributors/wps/sandbox/index.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { logApiWrites } from './api-writes.js';
import { documentedAnswers } from '../helpers/documented-answers.js';
import { operationCount, requestsFromOpenApi, type FuzzRequest, type KnownValues } from './openapi-requests.js';

/** A few hundred requests in the test run; `npm run fuzz` sends 10,000 (FUZZ_REQUESTS, FUZZ_SEED to change). */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const API_APPLICATION_NAME = 'dropline-api-under-fuzz';

/**
 * Every operation in the API's own OpenAPI document, sent valid, half-valid and malformed requests
 * with the dealer's key, another dealer's key, bad keys and none. Whatever arrives: no 5xx, every
 * error in the one envelope, no row written by a request that was refused, no success for another
 * dealer's ids or without a key, and every answer one the document lists, with a body its schema accepts.
 */
describe('API fuzz', () => {
  let stack: Stack;
  let known: KnownValues;
  let otherDealerKey: string;
  let writes: Awaited<ReturnType<typeof logApiWrites>>;
  /** Operations outside the dealer gate (sign-in, password reset, invitations): no key needed. */
  let publicOperations = new Set<string>();

  beforeAll(async () => {
    stack = await startStack({ autoProcessing: false, apiApplicationName: API_APPLICATION_NAME, sandboxes: { wps: { shipOnSubmit: true } } });
    const api = dealerApi(stack.app, stack.apiKey);
    // Several awaiting the dealer, so one cancelled early by the fuzz leaves others to confirm and swap.
    const awaiting = [];
    for (let i = 1; i <= 4; i++) awaiting.push(await startDropship(api, `FUZZ-AWAITING-${i}`, 'manual'));
    const shipped = await startDropship(api, 'FUZZ-SHIPPED', 'auto');
    const poNumber = await eventually(
      async () => (await api('GET', `/v1/dropships/${shipped.dropshipId}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
      'the PO number',
    );
    const poId = (await api('GET', '/v1/purchase-orders')).body.purchaseOrders[0].id as string;
    const lineIds = (await api('GET', `/v1/orders/${awaiting[0]!.orderId}`)).body.lines.map((line: { id: string }) => line.id) as string[];
    const exceptionId = await raiseAndFind(stack.db, api, stack.dealerId, shipped.orderId);

    const other = await seedDemoDealer(stack.db, stack.cipher, {
      dealerId: `other-${randomUUID().slice(0, 8)}`,
      wpsToken: WPS_SANDBOX_TOKEN,
      autoProcessing: false,
    });
    otherDealerKey = other.apiKey;
    const otherApi = dealerApi(stack.app, other.apiKey);
    const foreign = await startDropship(otherApi, 'FUZZ-OTHER', 'manual');
    const foreignExceptionId = await raiseAndFind(stack.db, otherApi, other.dealerId, foreign.orderId);

    known = {
      own: {
        orderId: [...awaiting.map((a) => a.orderId), shipped.orderId],
        dropshipId: [...awaiting.map((a) => a.dropshipId), shipped.dropshipId],
        poNumber: [poNumber],
        exceptionId: [exceptionId],
        cursor: [poId, exceptionId],
        dealerId: [stack.dealerId],
        userId: [stack.owner.id],
        rateName: ['Standard Shipping'],
      },
      foreign: { orderId: [foreign.orderId], dropshipId: [foreign.dropshipId], exceptionId: [foreignExceptionId] },
      bodyExamples: {
        lineId: lineIds,
        sku: ['HELMET-MX-M', 'OIL-FILTER-204', 'BRAKE-PADS-FA'],
        acknowledged: [true],
        email: ['jane.rider@example.com'],
        timeZone: ['America/Boise', 'Europe/Berlin', 'Mars/Olympus_Mons'],
      },
    };
    writes = await logApiWrites(stack.db, API_APPLICATION_NAME);
  });
  afterAll(async () => stack?.stop());

  it("sees the API's own writes, and only those", async () => {
    const before = await writes.last();
    const created = await dealerApi(stack.app, stack.apiKey)('POST', '/v1/orders', demoOrderBody('FUZZ-WRITE-PROBE'));
    expect(created.status).toBe(201);
    expect(await writes.since(before)).toContain('INSERT orders ×1');
    const afterApi = await writes.last();
    await stack.db.execute(sql`update dealers set name = name`);
    expect(await writes.since(afterApi)).toEqual([]);
  });

  it(
    `answers ${REQUESTS} generated requests without a 5xx, in the error envelope, writing nothing when refusing`,
    { timeout: 60_000 + REQUESTS * 200 },
    async () => {
      await stack.app.ready();
      const document = withoutEventStreams(stack.app.swagger() as unknown as Parameters<typeof requestsFromOpenApi>[0]);
      const undocumented = documentedAnswers(document);
      publicOperations = new Set(
        Object.entries((document as unknown as { paths: Record<string, Record<string, { security?: unknown[] }>> }).paths).flatMap(([path, methods]) =>
          Object.entries(methods)
            .filter(([, operation]) => operation.security?.length === 0)
            .map(([method]) => `${method.toUpperCase()} ${path}`),
        ),
      );
      const histogram = new Map<number, number>();
      const byOperation = new Map<string, Map<string, number>>();
      let sent = 0;

      const property = fc.asyncProperty(requestsFromOpenApi(document, { dealerKey: stack.apiKey, otherDealerKey }, known), async (request) => {
        const before = await writes.last();
        const response = await send(request);
        sent++;
        histogram.set(response.status, (histogram.get(response.status) ?? 0) + 1);
        const classes = byOperation.get(request.operation) ?? new Map<string, number>();
        const statusClass = `${String(response.status)[0]}xx`;
        byOperation.set(request.operation, classes.set(statusClass, (classes.get(statusClass) ?? 0) + 1));
        const problem = (await whatIsWrong(request, response, () => writes.since(before))) ?? undocumented(request, response.status, response.body);
        if (problem) throw new Error(`${problem}\n  answered ${response.status}: ${response.body.slice(0, 500)}`);
      });
      const started = performance.now();
      const result = await fc.check(property, { numRuns: REQUESTS, seed: SEED, endOnFailure: false });

      const statuses = [...histogram].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`);
      console.log(
        [
          `API fuzz: ${sent} requests sent (${REQUESTS} generated, the rest shrinking) over ${operationCount(document)} operations, seed ${SEED}, ${((performance.now() - started) / 1000).toFixed(1)} s`,
          `statuses: ${statuses.join(', ')}`,
          ...[...byOperation]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(
              ([operation, classes]) =>
                `  ${operation.padEnd(52)} ${[...classes]
                  .sort()
                  .map(([c, n]) => `${c} ${n}`)
                  .join('  ')}`,
            ),
          `failures: ${result.failed ? `${fc.defaultReportMessage(result)}\n${String(result.errorInstance)}` : 'none'}`,
        ].join('\n'),
      );
      expect(result.failed, 'the API fuzz found a counterexample (printed above)').toBe(false);
      expect(sent).toBeGreaterThanOrEqual(REQUESTS);
    },
  );

  async function send(request: FuzzRequest) {
    const response = await stack.app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: request.headers,
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
    return { status: response.statusCode, body: response.body };
  }

  /** The first rule the answer breaks, or null. */
  async function whatIsWrong(request: FuzzRequest, response: { status: number; body: string }, writtenSince: () => Promise<string[]>): Promise<string | null> {
    if (response.status >= 500) return 'a server error for a client request';
    const authenticated = [stack.apiKey, otherDealerKey].some((key) => request.headers.authorization === `Bearer ${key}`);
    if (response.status < 400) {
      if (request.url.startsWith('/v1/') && !authenticated && !publicOperations.has(request.operation)) return 'a success without a valid dealer key';
      if (request.foreignIds && request.headers.authorization === `Bearer ${stack.apiKey}`) return "a success for another dealer's id";
      if (carriesBadText(request)) return 'a success for a request carrying text no column can hold (a NUL or an unpaired surrogate)';
      return null;
    }
    const envelope = parseEnvelope(response.body);
    if (!envelope) return 'an error outside the envelope { error: { code, message, requestId } }';
    // A refused sign-in is recorded for the lockout (and the email's stale failures dropped): the one write a refusal makes.
    const written = (await writtenSince()).filter((write) => !(request.operation === 'POST /v1/session' && /^(INSERT|DELETE) login_failures /.test(write)));
    if (written.length) return `a refused request wrote: ${written.join(', ')}`;
    return null;
  }
});

/**
 * The document less its server-sent event streams (GET /v1/events): inject waits for a body that never
 * ends, so a valid request would hang the run. test/api/live-events.test.ts and the contract test read
 * them over HTTP instead.
 */
function withoutEventStreams<D extends { paths: Record<string, Record<string, unknown>> }>(document: D): D {
  const streams = (operation: unknown) => JSON.stringify((operation as { responses?: object }).responses ?? {}).includes('"text/event-stream"');
  const paths = Object.entries(document.paths)
    .map(([path, operations]) => [path, Object.fromEntries(Object.entries(operations).filter(([, operation]) => !streams(operation)))] as const)
    .filter(([, operations]) => Object.keys(operations).length > 0);
  return { ...document, paths: Object.fromEntries(paths) };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Methods whose body Fastify parses (a GET's is ignored, so whatever it carries cannot matter). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the server sees a NUL or an unpaired surrogate anywhere in what it parses of the request. */
function carriesBadText(request: FuzzRequest): boolean {
  if (/%00/.test(request.url)) return true;
  if (request.payload === undefined || !BODY_METHODS.has(request.method.toUpperCase())) return false;
  let parsed: unknown = request.payload;
  try {
    parsed = JSON.parse(request.payload);
  } catch {
    // Not JSON: the server refuses it or reads it as text.
  }
  const texts: string[] = [];
  JSON.stringify(parsed, (key, value: unknown) => {
    texts.push(key);
    if (typeof value === 'string') texts.push(value);
    return value;
  });
  return texts.some((text) => text.includes('\u0000') || LONE_SURROGATE.test(text));
}

function parseEnvelope(body: string): { code: string } | null {
  try {
    const { error } = JSON.parse(body) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
    const valid = error && ERROR_CODES.includes(error.code as never) && typeof error.message === 'string' && typeof error.requestId === 'string';
    return valid ? { code: error.code as string } : null;
  } catch {
    return null;
  }
}

async function startDropship(api: ReturnType<typeof dealerApi>, channelOrderId: string, mode: 'auto' | 'manual') {
  const order = await api('POST', '/v1/orders', demoOrderBody(channelOrderId));
  expect(order.status).toBe(201);
  const dropship = await api('POST', `/v1/orders/${order.body.id}/dropships`, { mode });
  expect(dropship.status).toBe(201);
  return { orderId: order.body.id as string, dropshipId: dropship.body.id as string };
}

async function raiseAndFind(db: Db, api: ReturnType<typeof dealerApi>, dealerId: string, orderId: string): Promise<string> {
  await raiseException(db, { dealerId, orderId, key: `fuzz:${randomUUID()}`, kind: 'needs_resolution', message: 'BRAKE-PADS-FA: Lead time is 3 days' });
  return (await api('GET', '/v1/exceptions?limit=1')).body.exceptions[0].id as string;
}
