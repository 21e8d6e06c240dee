import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CARRIERS } from '../../carriers.js';
import { controlItem, controlLineMoves, createSandbox, isControl } from '../../../sandboxes/control.js';
import { faultsChange, installFaults, noFaults } from '../../../sandboxes/faults.js';
import { WpsRejection, createWpsStore, type WpsSandboxOptions } from './store.js';

/**
 * An in-memory imitation of the WPS Data Depot v4 order API (carts → items → order → status), for
 * local runs and tests, plus a `/_control` API to ship, backorder and cancel orders and to inject
 * faults. One sandbox is one WPS account's order book: tokens only decide authentication and
 * whether the account may drop-ship.
 */

export { WPS_SANDBOX_TOKEN, type WpsSandboxOptions } from './store.js';

const bearerToken = (request: FastifyRequest) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new WpsRejection(422, 'The given data was invalid.', { body: ['The request body must be a JSON object.'] });
}

/** A package a ship request may name. */
const controlPackage = z.object({
  items: z.array(controlItem).optional(),
  tracking_number: z.string().min(1).optional(),
  ship_via: z.string().min(1).optional(),
  carrier: z.enum(CARRIERS).optional(),
});

const DATE = /^\d{8}$/;

/** Fault answers follow the Laravel conventions the API's 401 body suggests; WPS publishes none. */
const FAULT_ANSWERS = {
  rateLimitedBody: { message: 'Too Many Attempts.' },
  serverErrorBody: { message: 'Server Error' },
  malformedBody: '{"data":{"order_num',
};

export function createWpsSandbox(options: WpsSandboxOptions = {}) {
  const store = createWpsStore(options);
  const sandbox = createSandbox({
    noFaults,
    installFaults: (app, faults, requests) => installFaults(app, faults, requests, { isApi: (request) => !isControl(request), ...FAULT_ANSWERS }),
    admits: { caller: (request) => !!store.account(bearerToken(request)), unauthorized: { message: 'Unauthenticated.' } },
    apiError: (error) => {
      if (!(error instanceof WpsRejection)) return undefined;
      const { message, errors } = error;
      return { statusCode: error.statusCode, body: errors ? { message, errors } : { message } };
    },
  });
  const { app } = sandbox;

  app.post('/carts', async (request) => {
    const cart = store.createCart(objectBody(request.body));
    return { data: { cart_number: cart.cart_number, po_number: cart.po_number, shipment_type: 'DS' } };
  });

  app.get<{ Params: { po: string } }>('/carts/:po', async (request) => {
    const cart = store.cart(request.params.po);
    return { data: { cart_number: cart.cart_number, po_number: cart.po_number, items: cart.items } };
  });

  app.post<{ Params: { po: string } }>('/carts/:po/items', async (request) => {
    store.addItem(request.params.po, objectBody(request.body));
    return { data: { status: 'ADDED' } };
  });

  app.delete<{ Params: { po: string } }>('/carts/:po', async (request, reply) => {
    store.deleteCart(request.params.po);
    return reply.code(204).send();
  });

  app.post('/orders', async (request) => {
    const poNumber = objectBody(request.body).po_number;
    const detail = store.submitOrder(bearerToken(request), poNumber);
    const shipNow = typeof options.shipOnSubmit === 'function' ? options.shipOnSubmit(String(poNumber)) : options.shipOnSubmit;
    if (shipNow) store.ship(String(poNumber));
    return { data: { order_number: detail.order_number, status: detail.order_status } };
  });

  app.get<{ Params: { po: string } }>('/orders/:po', async (request) => ({ data: store.purchaseOrder(request.params.po) }));

  app.get<{ Querystring: Record<string, string | undefined> }>('/orders', async (request) => {
    const errors: Record<string, string[]> = {};
    for (const field of ['from_date', 'to_date'] as const) {
      if (!DATE.test(request.query[field] ?? '')) {
        errors[field] = [`The ${field.replace('_', ' ')} must be a date in YYYYMMDD format.`];
      }
    }
    const [message] = Object.values(errors).flat();
    if (message) throw new WpsRejection(422, message, errors);
    const listed = store.purchaseOrdersBetween(request.query.from_date!, request.query.to_date!);
    const size = options.listPageSize;
    if (!size) return { data: listed };
    // The cursor is the offset of the page, opaque to the caller as WPS's own cursors are.
    const cursor = request.query['page[cursor]'];
    const offset = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
    if (!Number.isInteger(offset) || offset < 0)
      throw new WpsRejection(422, 'The page cursor is invalid.', { 'page[cursor]': ['The page cursor is invalid.'] });
    const next = offset + size < listed.length ? Buffer.from(String(offset + size)).toString('base64url') : null;
    return {
      data: listed.slice(offset, offset + size),
      meta: { cursor: { current: cursor ?? null, prev: null, next, count: Math.min(size, Math.max(0, listed.length - offset)) } },
    };
  });

  // WPS documents /inventory?filter[item_id]=…; filtering by SKU and this response shape (stock per
  // warehouse, capped at 25) are our assumption.
  app.get<{ Querystring: Record<string, string | undefined> }>('/inventory', async (request) => {
    const filter = request.query['filter[sku]'];
    return { data: store.stock(filter ? filter.split(',').map((sku) => sku.trim()) : null) };
  });

  controlLineMoves(app, {
    package: controlPackage,
    store,
    answer: (po) => ({ data: store.purchaseOrder(po) }),
  });

  app.get<{ Querystring: { po_number?: string } }>('/_control/orders', async (request) => {
    const { po_number: poNumber } = request.query;
    return { data: poNumber ? store.orders.filter((order) => order.po_number === poNumber) : store.orders };
  });

  sandbox.controlFaults(faultsChange);
  sandbox.controlReset(store.reset);

  return sandbox.serve({ carts: store.carts, purchaseOrders: store.purchaseOrders, orders: store.orders });
}

export type WpsSandbox = ReturnType<typeof createWpsSandbox>;
