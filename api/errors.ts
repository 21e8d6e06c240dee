import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode } from '../domain/errors.js';
import { loggableError } from './loggable-error.js';

/** The one place where failures become HTTP statuses. */
const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => ({ path: issue.instancePath.split('/').filter(Boolean), message: issue.message }));
    const fields = issues.map(({ path, message }) => ({ field: [error.validationContext, ...path].join('.'), message: message ?? 'is invalid' }));
    // The field paths stay in details for programs; the message is what a dealer reads.
    const message = [...new Set(issues.map(({ path, message }) => sentence(message, path)))].join(' ');
    return new DomainError('BAD_REQUEST', message, { fields });
  }
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const code: ErrorCode = error.cause.type === 'InvalidState' ? 'CONFLICT' : 'UNPROCESSABLE';
    // The workflow passes its list of problems as the failure's single detail.
    return new DomainError(code, error.cause.message, { problems: error.cause.details?.[0] ?? [] });
  }
  if (error instanceof WorkflowNotFoundError) return new DomainError('NOT_FOUND', 'No such drop-ship is running');
  if (isAbort(error)) return new DomainError('UNAVAILABLE', 'The workflow service did not answer in time; try again shortly');
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.statusCode === 429) return new DomainError('RATE_LIMITED', fastifyError.message ?? 'Too many requests');
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new DomainError('BAD_REQUEST', fastifyError.message ?? 'Bad request');
  }
  return new DomainError('INTERNAL', 'Something went wrong on our side; it has been logged');
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const domainError = toDomainError(error);
  const status = STATUS[domainError.code];
  if (status >= 500) request.log.error({ err: loggableError(error) }, 'request failed');
  return reply.status(status).send({
    error: { code: domainError.code, message: domainError.message, details: domainError.details, requestId: request.id },
  });
}

/**
 * A validation message as a sentence naming the field in words. Our schemas word their own messages
 * ("Order must be an order ID or an order number"); zod's generic ones ("Invalid input: expected
 * string") are replaced by one built from the field's name.
 */
export function sentence(message: string | undefined, path: string[]): string {
  const generic = !message || /^(Invalid|Too (small|big)|Unrecognized|Required|Expected)/.test(message);
  const text = generic ? `${fieldInWords(path) || 'the request'} is missing or invalid` : message;
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** `shipTo.postalCode` → "ship-to postal code"; a list index is left out. */
export function fieldInWords(path: string[]): string {
  const words = path
    .filter((part) => !/^\d+$/.test(part))
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' ')
    .replace(/\bship to\b/, 'ship-to')
    .replace(/\bpo\b/g, 'PO')
    .replace(/\bid\b/g, 'ID');
  return words;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
