/**
 * The two error dialects the eBay sandbox answers in: the REST APIs' `{errors:[…]}` (eBay's `Error`
 * schema) and the OAuth token endpoint's RFC 6749 `{error, error_description}`.
 */

const API_ERRORS = {
  1001: { domain: 'OAuth', category: 'REQUEST', message: 'Invalid access token' },
  1100: { domain: 'ACCESS', category: 'REQUEST', message: 'Access denied' },
  2001: {
    domain: 'ACCESS',
    category: 'REQUEST',
    message: 'Too many requests. The request limit has been reached for the resource.',
  },
  30500: { domain: 'API_FULFILLMENT', category: 'APPLICATION', message: 'System error' },
  // [ASSUMED, medium] getOrders' answer to a filter it cannot read; the spec lists no ids for it.
  30700: { domain: 'API_FULFILLMENT', category: 'REQUEST', message: 'Invalid filter' },
  32100: { domain: 'API_FULFILLMENT', category: 'REQUEST', message: 'Invalid Order Id' },
  32200: { domain: 'API_FULFILLMENT', category: 'REQUEST', message: 'Invalid line item id' },
  32210: { domain: 'API_FULFILLMENT', category: 'REQUEST', message: 'Duplicate line item in the request' },
  32300: { domain: 'API_FULFILLMENT', category: 'REQUEST', message: 'Invalid shipment tracking number or carrier' },
  32500: { domain: 'API_FULFILLMENT', category: 'REQUEST', message: 'Invalid shipped date' },
  32600: { domain: 'API_FULFILLMENT', category: 'REQUEST', message: 'Invalid input data' },
  34500: {
    domain: 'API_FULFILLMENT',
    category: 'REQUEST',
    message: 'Please use PUT operation for updating shipping fulfillment',
  },
} as const;

export type EbayErrorId = keyof typeof API_ERRORS;

/** A request eBay's REST API would refuse; the error handler turns it into status and body. */
export class EbayRejection extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorId: EbayErrorId,
    readonly longMessage: string,
    readonly parameters: Record<string, string> = {},
  ) {
    super(API_ERRORS[errorId].message);
  }

  get body() {
    const { domain, category, message } = API_ERRORS[this.errorId];
    const parameters = Object.entries(this.parameters).map(([name, value]) => ({ name, value }));
    return {
      errors: [
        {
          errorId: this.errorId,
          domain,
          category,
          message,
          longMessage: this.longMessage,
          ...(parameters.length > 0 ? { parameters } : {}),
        },
      ],
    };
  }
}

/** A token request the OAuth endpoint would refuse. */
export class OAuthRejection extends Error {
  constructor(
    readonly statusCode: 400 | 401,
    readonly error: 'invalid_client' | 'invalid_grant' | 'invalid_request' | 'invalid_scope' | 'unsupported_grant_type',
    readonly description: string,
  ) {
    super(description);
  }

  get body() {
    return { error: this.error, error_description: this.description };
  }
}
