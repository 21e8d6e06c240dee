export type FeedErrorKind = 'not_configured' | 'auth' | 'not_found' | 'layout' | 'unreachable';

const RETRYABLE: Record<FeedErrorKind, boolean> = { not_configured: false, auth: false, not_found: false, layout: false, unreachable: true };

/**
 * Why a whole feed file could not be read, in words for the dealer (never containing the secret it
 * was fetched with). Only an unreachable server is worth retrying; the rest needs someone to act.
 */
export class FeedError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'FeedError';
    this.retryable = RETRYABLE[kind];
  }
}
