import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { controlItem, controlLineMoves, createSandbox, isControl, LOOPBACK_ONLY, parseControl } from '../../../sandboxes/control.js';
import { faultsChange, installFaults, noFaults } from '../../../sandboxes/faults.js';
import { API_ROOT, AUTH_SCHEME, PATHS } from '../contract.js';
import { AutomaticRejection, createAutomaticStore, type AutomaticSandboxOptions } from './store.js';

/**
 * An in-memory imitation of the Automatic Distributors v2 order API as contract.ts assumes it
 * (create, lookup by PO number, lookup by date range, revoke), for local runs and tests, plus a
 * `/_control` API to pick, ship, backorder and cancel orders and to inject faults. API tokens decide
 * authentication and which account's orders a caller sees.
 */

export { AUTOMATIC_SANDBOX_ACCOUNT_NUMBER, AUTOMATIC_SANDBOX_API_TOKEN, type AutomaticSandboxOptions } from './store.js';

const BEARER = new RegExp(`^${AUTH_SCHEME} (.+)$`);
const tokenOf = (request: FastifyRequest) => BEARER.exec(request.headers.authorization ?? '')?.[1] ?? '';

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new AutomaticRejection(400, [{ code: 'INVALID_FIELD', field: 'body', message: 'must be a JSON object' }]);
}

/** A package a ship request may name. */
const controlPackage = z.object({
  items: z.array(controlItem).min(1).optional(),
  trackingNumber: z.string().min(1).optional(),
  proNumber: z.string().min(1).optional(),
  carrier: z.string().min(1).optional(),
});

const pickedItems = z.object({ items: z.array(controlItem).min(1).optional() }).optional();

/** Fault answers in the assumed `{errors}` shape. */
const FAULT_ANSWERS = {
  rateLimitedBody: { errors: [{ code: 'RATE_LIMITED', message: 'Too many requests' }] },
  serverErrorBody: { errors: [{ code: 'SERVER_ERROR', message: 'Internal server error' }] },
  malformedBody: '{"header":{"ponumber":"',
};

const api = (path: string) => `${API_ROOT}${path}`;

export function createAutomaticSandbox(options: AutomaticSandboxOptions = {}) {
  const store = createAutomaticStore(options);
  // The control API answers in the same `{errors}` shape as the API it sits beside.
  const sandbox = createSandbox({
    noFaults,
    installFaults: (app, faults, requests) => installFaults(app, faults, requests, { isApi: (request) => !isControl(request), ...FAULT_ANSWERS }),
    guard: { refusal: { errors: [{ message: LOOPBACK_ONLY }] } },
    admits: {
      caller: (request) => !!store.account(tokenOf(request)),
      unauthorized: { errors: [{ code: 'INVALID_TOKEN', message: 'The API token is not valid' }] },
    },
    controlError: ({ message }) => ({ errors: [{ code: 'INVALID_FIELD', message }] }),
    apiError: (error) => (error instanceof AutomaticRejection ? { statusCode: error.statusCode, body: { errors: error.errors } } : undefined),
  });
  const { app } = sandbox;

  app.post(api(PATHS.create), async (request) => {
    const { header, lines } = store.createOrder(tokenOf(request), objectBody(request.body));
    return {
      header: {
        ponumber: header.ponumber,
        orderNumber: header.orderNumber,
        orderGenerationNumber: header.orderGenerationNumber,
        orderDate: header.orderDate,
        status: header.status,
      },
      lines: lines.map(({ lineNumber, partNumber, quantityOrdered }) => ({ lineNumber, partNumber, quantityOrdered })),
    };
  });

  app.get<{ Querystring: { ponumber?: string } }>(api(PATHS.lookup), async (request) => ({
    orders: store.lookup(tokenOf(request), request.query.ponumber),
  }));

  app.get<{ Querystring: { startDate?: string; endDate?: string } }>(api(PATHS.range), async (request) => ({
    orders: store.range(tokenOf(request), request.query.startDate, request.query.endDate),
  }));

  app.post(api(PATHS.revoke), async (request) => {
    const { ponumber } = objectBody(request.body);
    const revoked = store.revoke(tokenOf(request), ponumber);
    return { ponumber, revoked };
  });

  controlLineMoves(app, {
    package: controlPackage,
    store,
    answer: (po) => ({ orders: store.ordersOf(po) }),
  });

  // The warehouse starts on the parts (all not yet picked, or `items`): a revoke no longer cancels them.
  app.post<{ Params: { po: string } }>('/_control/orders/:po/pick', async (request) => {
    store.pick(request.params.po, parseControl(pickedItems, request.body)?.items);
    return { orders: store.ordersOf(request.params.po) };
  });

  app.get<{ Querystring: { ponumber?: string } }>('/_control/orders', async (request) => {
    const { ponumber } = request.query;
    return { orders: ponumber ? store.orders.filter((order) => order.header.ponumber === ponumber) : store.orders };
  });

  sandbox.controlFaults(faultsChange, { key: 'faults' });
  sandbox.controlReset(store.reset);

  return sandbox.serve({ orders: store.orders });
}

export type AutomaticSandbox = ReturnType<typeof createAutomaticSandbox>;
