import { z } from 'zod';

/**
 * The parts of Shopify's GraphQL answers the connector reads. Objects are not strict: Shopify adds
 * fields over time, and the connector must keep working when it does.
 */

/** `extensions.cost`, on every answer including a throttled one. */
export const cost = z.object({
  requestedQueryCost: z.number(),
  throttleStatus: z.object({ currentlyAvailable: z.number(), restoreRate: z.number().positive() }),
});

/**
 * The GraphQL envelope. `errors` is a list of `{message, extensions: {code}}`, except on a refused
 * token, where it is a plain string.
 */
export const envelope = z.object({
  data: z.unknown().optional(),
  errors: z.union([z.string(), z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).optional() }))]).optional(),
  extensions: z.object({ cost: cost.optional() }).optional(),
});

export type GraphqlErrors = NonNullable<z.infer<typeof envelope>['errors']>;

const trackingInfo = z.array(z.object({ number: z.string().nullable() }));

const fulfillmentOrders = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      assignedLocation: z.object({ name: z.string().nullish(), location: z.object({ id: z.string() }).nullish() }),
      supportedActions: z.array(z.object({ action: z.string() })),
      lineItems: z.object({
        nodes: z.array(z.object({ id: z.string(), remainingQuantity: z.number(), lineItem: z.object({ id: z.string() }) })),
      }),
    }),
  ),
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }),
});

export type FulfillmentOrder = z.infer<typeof fulfillmentOrders>['nodes'][number];

const fulfillment = z.object({ id: z.string(), status: z.string(), trackingInfo });

export const fulfillmentState = z.object({
  order: z.object({ fulfillments: z.array(fulfillment), fulfillmentOrders }).nullable(),
});

export const fulfillmentOrderPage = z.object({ order: z.object({ fulfillmentOrders }).nullable() });

/** The connection test's answer: null for the id no shop has. */
export const orderProbe = z.object({ order: z.object({ id: z.string() }).nullable() });

export const fulfillmentLines = z.object({
  fulfillment: z
    .object({
      id: z.string(),
      fulfillmentLineItems: z.object({ nodes: z.array(z.object({ quantity: z.number(), lineItem: z.object({ id: z.string() }).nullable() })) }),
    })
    .nullable(),
});

/** An order's fulfillments and every one of its fulfillment orders, all pages read. */
export interface FulfillmentState {
  fulfillments: Array<z.infer<typeof fulfillment>>;
  fulfillmentOrders: FulfillmentOrder[];
}

export const fulfillmentCreate = z.object({
  fulfillmentCreate: z.object({
    fulfillment: z.object({ id: z.string() }).nullable(),
    userErrors: z.array(z.object({ field: z.array(z.string()).nullable(), message: z.string() })),
  }),
});
