/**
 * The two error dialects the Amazon sandbox answers in: the Selling Partner API's ErrorList
 * `{errors: [{code, message, details}]}` [SPEC] and Login with Amazon's RFC 6749
 * `{error, error_description}`. The codes are the SP-API's own; the wording of messages is Amazon's
 * where issue threads quote it [3P], otherwise ours.
 */

export type AmazonErrorCode = 'InvalidInput' | 'NotFound' | 'Unauthorized' | 'QuotaExceeded' | 'InternalFailure';

/** A request the Selling Partner API would refuse; the error handler turns it into status and body. */
export class AmazonRejection extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 429 | 500,
    readonly code: AmazonErrorCode,
    message: string,
    readonly details = '',
  ) {
    super(message);
  }

  get body() {
    return { errors: [{ code: this.code, message: this.message, details: this.details }] };
  }
}

export const invalidInput = (message: string, details?: string) => new AmazonRejection(400, 'InvalidInput', message, details);

export const quotaExceeded = () => new AmazonRejection(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');

export const internalFailure = () => new AmazonRejection(500, 'InternalFailure', 'We encountered an internal error. Please try again.');

/** A token request Login with Amazon would refuse. */
export class LwaRejection extends Error {
  constructor(
    readonly statusCode: 400 | 401,
    readonly error: 'invalid_client' | 'invalid_grant' | 'invalid_request' | 'unsupported_grant_type',
    readonly description: string,
  ) {
    super(description);
  }

  get body() {
    return { error: this.error, error_description: this.description };
  }
}
