import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ControlRejection, createSandbox, isControl, parseControl } from '../../../sandboxes/control.js';
import { ACCESS_DENIED_CODE, ACCESS_TOKEN_HEADER, API_VERSION, INVALID_TOKEN_MESSAGE, MAX_QUERY_COST, SCOPES, gid } from '../contract.js';
import { THROTTLED_ERROR, changeFaults, clearFaults, faultsChange, installFaults, noFaults } from './faults.js';
import { GraphqlError, createGraphqlEngine } from './graphql.js';
import { GraphqlSyntaxError, parseOperation, type FieldNode } from './graphql-parse.js';
import { FULFILLMENT_ORDER_READ_SCOPES, SCHEMA, rootResolvers } from './schema.js';
import { createShopifyStore } from './store.js';
import { createCostBucket, type ThrottleOptions } from './throttle.js';

/**
 * An in-memory imitation of the part of Shopify's Admin GraphQL API that tracking push uses (the
 * order with its fulfillment orders and fulfillments; fulfillmentCreate), with access-token scopes
 * and the calculated-cost bucket, for local runs and tests, plus a `/_control` API to create orders,
 * read their fulfillments and inject faults. One sandbox is one shop with one installed app.
 */

export type { ShopifyFulfillment, ShopifyOrder } from './store.js';

/** The installed app's token, with every scope tracking push needs. */
export const SHOPIFY_SANDBOX_ACCESS_TOKEN = 'shpat_dropline_sandbox_0123456789abcdef';

export interface ShopifySandboxOptions {
  /** Known access tokens and their scopes. Default: SHOPIFY_SANDBOX_ACCESS_TOKEN with all of SCOPES. */
  accessTokens?: Record<string, string[]>;
  throttle?: ThrottleOptions;
  /** The HTTP status of a THROTTLED answer (contract.ts: reportedly 429). */
  throttledStatus?: 200 | 429;
  now?: () => Date;
}

/** [ASSUMED, medium] The scope each root field needs; Shopify checks per field. */
const REQUIRED_SCOPE: Record<string, string> = {
  order: SCOPES.readOrders,
  fulfillment: SCOPES.readOrders,
  fulfillmentCreate: SCOPES.writeFulfillmentOrders,
};

/** Whether the operation selects this field anywhere below its root. */
const selects = (fields: FieldNode[] | undefined, name: string): boolean =>
  (fields ?? []).some((field) => field.name === name || selects(field.selections, name));

/**
 * [DOC] FulfillmentOrder "requires read_assigned_fulfillment_orders, read_merchant_managed_
 * fulfillment_orders or read_third_party_fulfillment_orders": a token with none is refused.
 */
function deniedField(scopes: readonly string[], fields: FieldNode[]): { field: string; required: string } | undefined {
  const root = fields.find((field) => !scopes.includes(REQUIRED_SCOPE[field.name]!));
  if (root) return { field: root.name, required: `\`${REQUIRED_SCOPE[root.name]}\`` };
  if (selects(fields, 'fulfillmentOrders') && !FULFILLMENT_ORDER_READ_SCOPES.some((scope) => scopes.includes(scope))) {
    return { field: 'fulfillmentOrders', required: FULFILLMENT_ORDER_READ_SCOPES.map((scope) => `\`${scope}\``).join(' or ') };
  }
  return undefined;
}

const newOrder = z.object({
  id: z.number().int().positive().optional(),
  lineItems: z
    .array(
      z.object({
        quantity: z.number().int().positive().default(1),
        sku: z.string().min(1).optional(),
        location: z.number().int().min(0).optional(),
      }),
    )
    .min(1),
  fulfillmentServiceLocations: z.array(z.number().int().min(0)).optional(),
});

const graphqlRequest = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
});

const errorBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

export function createShopifySandbox(options: ShopifySandboxOptions = {}) {
  const now = options.now ?? (() => new Date());
  const store = createShopifyStore(now);
  const engine = createGraphqlEngine(SCHEMA);
  const bucket = createCostBucket(options.throttle ?? {}, now);
  const tokens = new Map(Object.entries(options.accessTokens ?? { [SHOPIFY_SANDBOX_ACCESS_TOKEN]: Object.values(SCOPES) }));
  const rootFields = new WeakMap<FastifyRequest, string[]>();
  const sandbox = createSandbox({
    noFaults,
    clearFaults,
    installFaults: (app, faults, requests) =>
      installFaults(
        app,
        faults,
        requests,
        (request) => !isControl(request),
        (request) => rootFields.get(request) ?? [],
      ),
  });
  const { app } = sandbox;

  app.post<{ Params: { version: string } }>('/admin/api/:version/graphql.json', async (request, reply) => {
    if (!API_VERSION.test(request.params.version)) return reply.code(404).send({ errors: 'Not Found' });
    const header = request.headers[ACCESS_TOKEN_HEADER];
    const scopes = tokens.get((Array.isArray(header) ? header[0] : header) ?? '');
    if (!scopes) return reply.code(401).send({ errors: INVALID_TOKEN_MESSAGE });
    const body = graphqlRequest.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ errors: { query: 'Required parameter missing or invalid' } });
    const variables = body.data.variables ?? {};

    try {
      const operation = parseOperation(body.data.query);
      const fields = operation.selections.map((field) => field.name);
      rootFields.set(request, fields);
      const requestedQueryCost = engine.price(operation, variables);
      if (requestedQueryCost > MAX_QUERY_COST) {
        const message = `Query cost is ${requestedQueryCost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`;
        return errorBody(message, 'MAX_COST_EXCEEDED');
      }
      if (!bucket.admits(requestedQueryCost)) {
        const cost = { requestedQueryCost, actualQueryCost: null, throttleStatus: bucket.status() };
        return reply.code(options.throttledStatus ?? 429).send({ errors: [THROTTLED_ERROR], extensions: { cost } });
      }
      const denied = deniedField(scopes, operation.selections);
      if (denied) {
        const message = `Access denied for ${denied.field} field. Required access: ${denied.required} access scope.`;
        return errorBody(message, ACCESS_DENIED_CODE);
      }
      const resolvers = rootResolvers(store, scopes);
      const root = operation.operation === 'mutation' ? resolvers.mutation : resolvers.query;
      const { data, actualCost } = engine.execute(operation, variables, root);
      bucket.charge(actualCost);
      return { data, extensions: { cost: { requestedQueryCost, actualQueryCost: actualCost, throttleStatus: bucket.status() } } };
    } catch (error) {
      if (error instanceof GraphqlSyntaxError) return errorBody(error.message, 'PARSE_ERROR');
      if (error instanceof GraphqlError) return errorBody(error.message, error.code);
      throw error;
    }
  });

  app.post('/_control/orders', async (request, reply) => {
    const order = store.createOrder(parseControl(newOrder, request.body));
    return reply.code(201).send({ data: order });
  });

  app.get<{ Params: { orderId: string } }>('/_control/orders/:orderId/fulfillments', async (request) => {
    const order = store.orders.get(gid('Order', request.params.orderId));
    if (!order) throw new ControlRejection(404, `No order ${request.params.orderId}.`);
    return { data: order.fulfillments };
  });

  sandbox.controlFaults(faultsChange, {
    apply: ({ bucketAvailable, ...change }) => {
      if (bucketAvailable !== undefined) bucket.drainTo(bucketAvailable);
      changeFaults(sandbox.faults, change);
    },
  });

  sandbox.controlReset(() => {
    store.reset();
    bucket.reset();
  });

  return sandbox.serve({ orders: store.orders });
}

export type ShopifySandbox = ReturnType<typeof createShopifySandbox>;
