import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CARRIERS } from '../../carriers.js';
import { controlItem, controlLineMoves, createSandbox, isControl } from '../../../sandboxes/control.js';
import { faultsChange, installFaults, noFaults } from '../../../sandboxes/faults.js';
import { PuRejection, createPuStore, type PartsUnlimitedSandboxOptions } from './store.js';

/**
 * An in-memory imitation of the Parts Unlimited (LeMans) dealer drop-ship API (place an order, list
 * orders, part inventory), for local runs and tests, plus a `/_control` API to ship, backorder and
 * cancel orders and to inject faults. API keys decide authentication and which dealer number they
 * may act for.
 */

export { PU_SANDBOX_API_KEY, PU_SANDBOX_DEALER_NUMBER, type PartsUnlimitedSandboxOptions } from './store.js';

const apiKeyOf = (request: FastifyRequest) => {
  const header = request.headers['api-key'];
  return typeof header === 'string' ? header : '';
};

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new PuRejection(400, 'Invalid order', ['The request body must be a JSON object']);
}

/** A package a ship request may name. */
const controlPackage = z.object({
  items: z.array(controlItem).min(1).optional(),
  tracking_number: z.string().min(1).optional(),
  carrier: z.enum(CARRIERS).optional(),
});

/** PU's gateway error bodies are not public; fault answers use the `{message}` shape of its 401. */
const FAULT_ANSWERS = {
  rateLimitedBody: { message: 'Too many requests' },
  serverErrorBody: { message: 'Internal server error' },
  malformedBody: '{"status_code":200,"reference_num',
};

export function createPartsUnlimitedSandbox(options: PartsUnlimitedSandboxOptions = {}) {
  const store = createPuStore(options);
  const sandbox = createSandbox({
    noFaults,
    installFaults: (app, faults, requests) => installFaults(app, faults, requests, { isApi: (request) => !isControl(request), ...FAULT_ANSWERS }),
    admits: { caller: (request) => !!store.account(apiKeyOf(request)), unauthorized: { message: 'Invalid API key' } },
    apiError: (error) => {
      if (!(error instanceof PuRejection)) return undefined;
      const { message, mainframeErrors } = error;
      const body = mainframeErrors ? { status_code: 400, status_message: message, mainframeErrors: mainframeErrors.map((text) => ({ text })) } : { message };
      return { statusCode: error.statusCode, body };
    },
  });
  const { app } = sandbox;

  app.post('/api/v2/orders/dropship', async (request) => {
    const order = store.createOrder(apiKeyOf(request), objectBody(request.body));
    return {
      status_code: 200,
      status_message: 'Order received',
      reference_number: order.reference_number,
      order_total: order.order_total,
      line_items: order.line_items.map((line) => ({ part_number: line.part_number, ordered: { quantity: line.ordered } })),
    };
  });

  // Filtering by purchase_order_number and dealer_number is our assumption; the date filters are
  // from public code. The sandbox does not paginate, so page_num is ignored.
  app.get<{ Querystring: Record<string, string | undefined> }>('/api/v2/orders/dropship', async (request) => ({
    orders: store.listOrders(apiKeyOf(request), request.query),
  }));

  app.get<{ Params: { sku: string } }>('/api/v1/parts/inventory/:sku', async (request) => store.stock(request.params.sku));

  controlLineMoves(app, {
    package: controlPackage,
    store,
    answer: (po) => ({ orders: store.ordersOf(po) }),
  });

  app.get<{ Querystring: { po_number?: string } }>('/_control/orders', async (request) => {
    const { po_number: poNumber } = request.query;
    return { orders: poNumber ? store.orders.filter((order) => order.purchase_order_number === poNumber) : store.orders };
  });

  sandbox.controlFaults(faultsChange, { key: 'faults' });
  sandbox.controlReset(store.reset);

  return sandbox.serve({ orders: store.orders });
}

export type PartsUnlimitedSandbox = ReturnType<typeof createPartsUnlimitedSandbox>;
