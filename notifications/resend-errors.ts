import type { ErrorResponse } from 'resend';
import { EmailError, type EmailErrorKind } from './types.js';

const EMAIL_ADDRESS = /[^\s<>()"'`,;:]+@[^\s<>()"'`,;:]+/g;
const API_KEY = /\bre_[A-Za-z0-9_]+/g;

/** Resend's messages can quote the recipient ("…send testing emails to your own address (x@y.z)"). */
const scrub = (message: string) => message.replace(EMAIL_ADDRESS, '[address]').replace(API_KEY, '[api key]');

/** The SDK passes a JSON error body through as is, so statusCode can be missing as well as null. */
function kindOf({ name, statusCode }: ErrorResponse): EmailErrorKind {
  if (name === 'invalid_idempotent_request') return 'conflict';
  // The first request with this key is still running; the same key later gets its answer.
  if (name === 'concurrent_idempotent_requests') return 'transient';
  if (name === 'application_error' || typeof statusCode !== 'number' || statusCode >= 500) return 'transient';
  if (statusCode === 429) return 'rate_limited';
  if (statusCode === 401 || statusCode === 403) return 'auth';
  return 'invalid';
}

/** Resend sends retry-after in seconds on 429s (daily and monthly quotas included). */
function retryAfterMs(headers: Record<string, string> | null): number | undefined {
  const value = headers?.['retry-after']?.trim();
  return value && /^\d+$/.test(value) ? Number(value) * 1000 : undefined;
}

/** Turns the SDK's error result into an EmailError whose message carries no address or key. */
export function emailErrorFrom(error: ErrorResponse, headers: Record<string, string> | null): EmailError {
  const kind = kindOf(error);
  const status = typeof error.statusCode === 'number' ? `HTTP ${error.statusCode}` : 'no HTTP status';
  const message = `Resend did not send the email: ${error.name} (${status}): ${scrub(String(error.message ?? ''))}`;
  return new EmailError(kind, message, kind === 'rate_limited' ? retryAfterMs(headers) : undefined);
}
