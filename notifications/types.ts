/** An email as Dropline sends it. Addresses are buyer PII: never log them. */
export interface EmailMessage {
  from: string;
  to: string[];
  replyTo?: string | undefined;
  subject: string;
  html: string;
  text: string;
  tags?: Array<{ name: string; value: string }> | undefined;
}

/**
 * Sends email. The idempotency key makes a retried send deliver at most once (Resend keeps keys for
 * 24 hours; callers keep their own ledger for longer).
 */
export interface EmailSender {
  send(message: EmailMessage, idempotencyKey: string): Promise<{ id: string }>;
}

export type EmailErrorKind = 'auth' | 'invalid' | 'conflict' | 'rate_limited' | 'transient';

export class EmailError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly kind: EmailErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'EmailError';
    this.retryable = kind === 'rate_limited' || kind === 'transient';
  }
}
