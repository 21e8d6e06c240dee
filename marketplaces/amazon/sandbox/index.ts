import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ControlRejection, createSandbox, isControl, parseControl } from '../../../sandboxes/control.js';
import { ACCESS_TOKEN_HEADER, DEFAULT_CARRIER_CODES, LWA_TOKEN_PATH, PATHS, RATE_LIMIT_HEADER, REQUEST_ID_HEADER, type AmazonOperation } from '../contract.js';
import { AmazonRejection, LwaRejection } from './errors.js';
import { installFaults, noChannelFaults } from '../../../sandboxes/faults.js';
import { FAULT_ANSWERS, faultsChange, isSellingPartnerApi } from './faults.js';
import { createOrdersV0, type GetOrdersQuery } from './orders-v0.js';
import { createAmazonStore } from './store.js';
import { createAmazonTokens, type AmazonTokenOptions } from './tokens.js';
import { createUsagePlans, type UsagePlans } from './usage-plans.js';

/**
 * An in-memory imitation of the part of the Selling Partner API that order intake and tracking push
 * use (Login with Amazon's refresh-token grant, Orders v0 getOrders, getOrderItems and
 * confirmShipment, Orders 2026-01-01 getOrder) with its usage plans, for local runs and tests, plus
 * a `/_control` API to create and change orders, read their packages and inject faults. One sandbox
 * is one seller account; it serves LWA's token path too.
 */

export { AMAZON_SANDBOX_CLIENT_ID, AMAZON_SANDBOX_CLIENT_SECRET, AMAZON_SANDBOX_REFRESH_TOKEN } from './tokens.js';
export type { AmazonOrder, AmazonPackage } from './store.js';

export interface AmazonSandboxOptions extends AmazonTokenOptions {
  /** Accepted carrierCode values. Default: DEFAULT_CARRIER_CODES. */
  carrierCodes?: string[];
  /** Rate and burst per operation. Default: the published plans (USAGE_PLANS). */
  usagePlans?: Partial<UsagePlans>;
  /** getOrders pages hold at most this many orders whatever MaxResultsPerPage asks. */
  maxPageSize?: number;
  /**
   * getOrders refuses a LastUpdatedBefore later than this long before now. Default: Amazon's two
   * minutes. A test that lets nothing settle (polling settleMs 0) passes 0.
   */
  settleMs?: number;
  now?: () => Date;
}

const GET_ORDER = '/orders/2026-01-01/orders/:orderId';
const CONFIRM_SHIPMENT = '/orders/v0/orders/:orderId/shipmentConfirmation';

function operationOf(request: FastifyRequest): AmazonOperation {
  const path = request.url.split('?')[0]!;
  if (path === PATHS.getOrders) return 'getOrders';
  if (path.endsWith('/orderItems')) return 'getOrderItems';
  return path.endsWith('/shipmentConfirmation') ? 'confirmShipment' : 'getOrder';
}

/** [SPEC] The rate header is listed on 2xx, 400 and 404 answers, not on 403, 429 or 5xx. */
const carriesRateHeader = (status: number) => status < 300 || status === 400 || status === 404;

const address = z.object({
  Name: z.string(),
  AddressLine1: z.string(),
  AddressLine2: z.string().optional(),
  City: z.string(),
  StateOrRegion: z.string(),
  PostalCode: z.string(),
  CountryCode: z.string(),
  Phone: z.string().optional(),
});
const baseStatus = z.enum(['Pending', 'Unshipped', 'Canceled']);

const newOrder = z.object({
  orderId: z
    .string()
    .regex(/^\d{3}-\d{7}-\d{7}$/)
    .optional(),
  marketplaceId: z.string().min(1).optional(),
  lastUpdatedTime: z.iso.datetime().optional(),
  status: baseStatus.optional(),
  buyer: z.object({ name: z.string(), email: z.string() }).optional(),
  shippingAddress: address.optional(),
  shipServiceLevel: z.string().min(1).optional(),
  latestShipDate: z.iso.datetime().optional(),
  orderItems: z
    .array(
      z.object({
        orderItemId: z.string().regex(/^\d+$/).optional(),
        quantityOrdered: z.number().int().positive().default(1),
        sellerSku: z.string().min(1).optional(),
        title: z.string().min(1).optional(),
        price: z
          .string()
          .regex(/^\d+\.\d{2}$/)
          .optional(),
      }),
    )
    .min(1),
});

const orderChange = z.object({ status: baseStatus.optional(), shippingAddress: address.optional() });

export function createAmazonSandbox(options: AmazonSandboxOptions = {}) {
  const now = options.now ?? (() => new Date());
  const tokens = createAmazonTokens(options, now);
  const plans = createUsagePlans(options.usagePlans ?? {}, now);
  const store = createAmazonStore(options.carrierCodes ?? DEFAULT_CARRIER_CODES, now);
  const ordersV0 = createOrdersV0(store, { maxPageSize: options.maxPageSize, settleMs: options.settleMs, now });
  const sandbox = createSandbox({
    noFaults: noChannelFaults,
    installFaults: (app, faults, requests) => {
      // Before the faults, so a faulted 429 carries the request id as a real one does.
      app.addHook('onRequest', async (request, reply) => {
        if (isSellingPartnerApi(request)) reply.header(REQUEST_ID_HEADER, randomUUID());
      });
      installFaults(app, faults, requests, { isApi: (request) => !isControl(request), ...FAULT_ANSWERS });
    },
    apiError: (error) => (error instanceof AmazonRejection || error instanceof LwaRejection ? { statusCode: error.statusCode, body: error.body } : undefined),
  });
  const { app } = sandbox;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (isSellingPartnerApi(request) && carriesRateHeader(reply.statusCode)) {
      reply.header(RATE_LIMIT_HEADER, String(plans.rate(operationOf(request))));
    }
    return payload;
  });

  const accessToken = (request: FastifyRequest) => {
    const header = request.headers[ACCESS_TOKEN_HEADER];
    return Array.isArray(header) ? header[0] : header;
  };

  app.post<{ Body: Record<string, string> | undefined }>(LWA_TOKEN_PATH, async (request) => tokens.grant(request.body ?? {}));

  app.get<{ Querystring: GetOrdersQuery }>(PATHS.getOrders, async (request) => {
    plans.take('getOrders');
    tokens.authorize(accessToken(request));
    return ordersV0.getOrders(request.query);
  });

  app.get<{ Params: { orderId: string } }>('/orders/v0/orders/:orderId/orderItems', async (request) => {
    plans.take('getOrderItems');
    tokens.authorize(accessToken(request));
    return ordersV0.getOrderItems(request.params.orderId);
  });

  app.get<{ Params: { orderId: string }; Querystring: { includedData?: string } }>(GET_ORDER, async (request) => {
    plans.take('getOrder');
    tokens.authorize(accessToken(request));
    return store.orderView(store.order(request.params.orderId), request.query.includedData);
  });

  app.post<{ Params: { orderId: string } }>(CONFIRM_SHIPMENT, async (request, reply) => {
    plans.take('confirmShipment');
    tokens.authorize(accessToken(request));
    store.confirmShipment(request.params.orderId, request.body);
    return reply.code(204).send();
  });

  app.post('/_control/orders', async (request, reply) => {
    const order = store.createOrder(parseControl(newOrder, request.body));
    return reply.code(201).send({ data: store.orderView(order, 'FULFILLMENT,PACKAGES').order });
  });

  app.post<{ Params: { orderId: string } }>('/_control/orders/:orderId', async (request) => {
    const order = store.changeOrder(request.params.orderId, parseControl(orderChange, request.body));
    return { data: store.orderView(order, 'FULFILLMENT').order };
  });

  app.get<{ Params: { orderId: string } }>('/_control/orders/:orderId/packages', async (request) => {
    const order = store.orders.get(request.params.orderId);
    if (!order) throw new ControlRejection(404, `No order ${request.params.orderId}.`);
    return { data: order.packages };
  });

  sandbox.controlFaults(faultsChange, {
    apply: ({ expireTokensNow, expireNextTokensNow, ...change }) => {
      if (expireTokensNow) tokens.expireAll();
      if (expireNextTokensNow) ordersV0.reset();
      Object.assign(sandbox.faults, change);
    },
  });

  sandbox.controlReset(() => {
    store.reset();
    ordersV0.reset();
    tokens.reset();
    plans.reset();
  });

  return sandbox.serve({ orders: store.orders });
}

export type AmazonSandbox = ReturnType<typeof createAmazonSandbox>;
