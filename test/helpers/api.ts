import type { FastifyInstance } from 'fastify';

/** Calls the API in-process (Fastify inject: full HTTP semantics without a socket) as a dealer. */
export function dealerApi(app: FastifyInstance, apiKey: string, actingUser = 'alex@ridgeline.example') {
  return async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
    const response = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${apiKey}`, 'x-acting-user': actingUser },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: response.statusCode, body: (response.body ? response.json() : null) as any, location: response.headers.location as string };
  };
}

export const demoOrderBody = (channelOrderId: string, lines = [{ sku: 'HELMET-MX-M', quantity: 2, unitPrice: 129.95 }]) => ({
  channelOrderId,
  buyer: { name: 'Jane Rider', email: 'jane.rider@example.com' },
  shipTo: { name: 'Jane Rider', line1: '123 Main St', city: 'Boise', region: 'ID', postalCode: '83702', country: 'US' },
  shippingRateName: 'Standard Shipping',
  lines,
});
