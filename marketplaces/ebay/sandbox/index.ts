import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ControlRejection, createSandbox, isControl, parseControl } from '../../../sandboxes/control.js';
import { EbayRejection, OAuthRejection } from './errors.js';
import { installFaults, noChannelFaults } from '../../../sandboxes/faults.js';
import { FAULT_ANSWERS, faultsChange } from './faults.js';
import { searchOrders, type OrderSearch } from './order-search.js';
import { DEFAULT_CARRIER_CODES, createEbayStore, type EbayOrder } from './store.js';
import { SCOPES, createEbayTokens, type EbayTokenOptions } from './tokens.js';

/**
 * An in-memory imitation of the part of eBay's Sell Fulfillment API v1 that order intake and
 * tracking push use (refresh-token grant, getOrders, getOrder, get/createShippingFulfillment), for
 * local runs and tests, plus a `/_control` API to create and change orders, read their fulfilments
 * and inject faults. One sandbox is one seller account.
 */

export { EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_CLIENT_SECRET, EBAY_SANDBOX_REFRESH_TOKEN } from './tokens.js';
export type { EbayOrder, EbayShippingFulfillment } from './store.js';

export interface EbaySandboxOptions extends EbayTokenOptions {
  /** Accepted shippingCarrierCode values. Default: DEFAULT_CARRIER_CODES. */
  carrierCodes?: string[];
  /** getOrders pages hold at most this many orders whatever `limit` asks (eBay's own cap is 200). */
  maxPageSize?: number;
  now?: () => Date;
}

const ORDER = '/sell/fulfillment/v1/order/:orderId';
const READ_SCOPES = [SCOPES.fulfillment, SCOPES.fulfillmentReadonly];
const WRITE_SCOPES = [SCOPES.fulfillment];

const shipTo = z.object({
  fullName: z.string(),
  companyName: z.string().optional(),
  email: z.string().optional(),
  primaryPhone: z.object({ phoneNumber: z.string() }).optional(),
  contactAddress: z.object({
    addressLine1: z.string(),
    addressLine2: z.string().optional(),
    city: z.string(),
    stateOrProvince: z.string(),
    postalCode: z.string(),
    countryCode: z.string(),
  }),
});
const paymentStatus = z.enum(['PAID', 'PENDING', 'FAILED', 'FULLY_REFUNDED', 'PARTIALLY_REFUNDED']);

const newOrder = z.object({
  orderId: z.string().min(1).optional(),
  lastModifiedDate: z.iso.datetime().optional(),
  buyerUsername: z.string().min(1).optional(),
  shipTo: shipTo.optional(),
  shippingServiceCode: z.string().min(1).optional(),
  orderPaymentStatus: paymentStatus.optional(),
  cancelled: z.boolean().optional(),
  /** Fields getOrders leaves out of this order, or serves with an odd value, as eBay may (none is required). */
  served: z.object({ omit: z.array(z.string().min(1)).optional(), replace: z.record(z.string(), z.unknown()).optional() }).optional(),
  lineItems: z
    .array(
      z.object({
        lineItemId: z.string().regex(/^\d+$/).optional(),
        quantity: z.number().int().positive().default(1),
        sku: z.string().min(1).optional(),
        title: z.string().min(1).optional(),
        price: z
          .string()
          .regex(/^\d+\.\d{2}$/)
          .optional(),
        shipByDate: z.iso.datetime().optional(),
      }),
    )
    .min(1),
});

const orderChange = z.object({ cancelled: z.boolean().optional(), orderPaymentStatus: paymentStatus.optional(), shipTo: shipTo.optional() });

export function createEbaySandbox(options: EbaySandboxOptions = {}) {
  const now = options.now ?? (() => new Date());
  const tokens = createEbayTokens(options, now);
  const store = createEbayStore(options.carrierCodes ?? DEFAULT_CARRIER_CODES, now);
  const sandbox = createSandbox({
    noFaults: noChannelFaults,
    installFaults: (app, faults, requests) => installFaults(app, faults, requests, { isApi: (request) => !isControl(request), ...FAULT_ANSWERS }),
    apiError: (error) => (error instanceof EbayRejection || error instanceof OAuthRejection ? { statusCode: error.statusCode, body: error.body } : undefined),
  });
  const { app } = sandbox;

  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
  const fulfillmentsHref = (request: FastifyRequest, orderId: string) =>
    `${origin(request)}/sell/fulfillment/v1/order/${encodeURIComponent(orderId)}/shipping_fulfillment`;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.post<{ Body: Record<string, string> | undefined }>('/identity/v1/oauth2/token', async (request) =>
    tokens.grant(request.headers.authorization, request.body ?? {}),
  );

  app.get<{ Querystring: OrderSearch }>('/sell/fulfillment/v1/order', async (request) => {
    tokens.authorize(request.headers.authorization, READ_SCOPES);
    const view = (order: EbayOrder) => store.orderView(order, fulfillmentsHref(request, order.orderId));
    const page = searchOrders(store.orders.values(), request.query, view, options.maxPageSize ?? 200);
    const href = (offset: number) => {
      const query = new URLSearchParams({ ...request.query, limit: String(page.limit), offset: String(offset) });
      return `${origin(request)}/sell/fulfillment/v1/order?${query}`;
    };
    return {
      href: href(page.offset),
      total: page.total,
      limit: page.limit,
      offset: page.offset,
      ...(page.offset + page.limit < page.total ? { next: href(page.offset + page.limit) } : {}),
      ...(page.offset > 0 ? { prev: href(Math.max(0, page.offset - page.limit)) } : {}),
      orders: page.orders,
      warnings: [],
    };
  });

  app.get<{ Params: { orderId: string } }>(ORDER, async (request) => {
    tokens.authorize(request.headers.authorization, READ_SCOPES);
    const { orderId } = request.params;
    return store.orderView(store.order(orderId, 404), fulfillmentsHref(request, orderId));
  });

  app.get<{ Params: { orderId: string } }>(`${ORDER}/shipping_fulfillment`, async (request) => {
    tokens.authorize(request.headers.authorization, READ_SCOPES);
    const { fulfillments } = store.order(request.params.orderId, 404);
    return { fulfillments, total: fulfillments.length };
  });

  app.get<{ Params: { orderId: string; fulfillmentId: string } }>(`${ORDER}/shipping_fulfillment/:fulfillmentId`, async (request) => {
    tokens.authorize(request.headers.authorization, READ_SCOPES);
    const { orderId, fulfillmentId } = request.params;
    const found = store.order(orderId, 404).fulfillments.find((f) => f.fulfillmentId === fulfillmentId);
    if (!found) throw new EbayRejection(404, 32600, `Order ${orderId} has no fulfillment ${fulfillmentId}.`);
    return found;
  });

  app.post<{ Params: { orderId: string } }>(`${ORDER}/shipping_fulfillment`, async (request, reply) => {
    tokens.authorize(request.headers.authorization, WRITE_SCOPES);
    const { orderId } = request.params;
    const fulfillment = store.createFulfillment(orderId, request.body);
    const location = `${fulfillmentsHref(request, orderId)}/${encodeURIComponent(fulfillment.fulfillmentId)}`;
    return reply.code(201).header('location', location).send({});
  });

  app.post('/_control/orders', async (request, reply) => {
    const order = store.createOrder(parseControl(newOrder, request.body));
    return reply.code(201).send({ data: store.orderView(order, fulfillmentsHref(request, order.orderId)) });
  });

  app.post<{ Params: { orderId: string } }>('/_control/orders/:orderId', async (request) => {
    const order = store.changeOrder(request.params.orderId, parseControl(orderChange, request.body));
    return { data: store.orderView(order, fulfillmentsHref(request, order.orderId)) };
  });

  app.get<{ Params: { orderId: string } }>('/_control/orders/:orderId/fulfillments', async (request) => {
    const order = store.orders.get(request.params.orderId);
    if (!order) throw new ControlRejection(404, `No order ${request.params.orderId}.`);
    return { data: order.fulfillments };
  });

  sandbox.controlFaults(faultsChange, {
    apply: ({ expireTokensNow, ...change }) => {
      if (expireTokensNow) tokens.expireAll();
      Object.assign(sandbox.faults, change);
    },
  });

  sandbox.controlReset(() => {
    store.reset();
    tokens.reset();
  });

  return sandbox.serve({ orders: store.orders });
}

export type EbaySandbox = ReturnType<typeof createEbaySandbox>;
