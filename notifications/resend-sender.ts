import { Resend } from 'resend';
import { emailErrorFrom } from './resend-errors.js';
import type { EmailMessage, EmailSender } from './types.js';

export interface ResendSenderOptions {
  apiKey: string;
  /** Without a trailing slash, e.g. https://api.resend.com or a local sandbox. */
  baseUrl: string;
  /** The SDK has no timeout of its own; a send that hangs past this is retried with the same key. */
  timeoutMs?: number;
}

/**
 * Sends through Resend's official SDK. The idempotency key goes in Resend's Idempotency-Key header,
 * so a retry within 24 hours returns the first send's id instead of mailing the buyer again.
 */
export function createResendSender({ apiKey, baseUrl, timeoutMs = 15_000 }: ResendSenderOptions): EmailSender {
  // An empty key would make the SDK fall back to RESEND_API_KEY; config.ts is the only reader of env.
  if (!apiKey) throw new Error('The Resend API key is missing');
  const resend = new Resend(apiKey, { baseUrl: baseUrl.replace(/\/+$/, '') });

  return {
    async send(message: EmailMessage, idempotencyKey: string) {
      const { data, error, headers } = await resend.emails.send(
        {
          from: message.from,
          to: message.to,
          replyTo: message.replyTo,
          subject: message.subject,
          html: message.html,
          text: message.text,
          tags: message.tags,
        },
        { idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (error) throw emailErrorFrom(error, headers);
      return { id: data.id };
    },
  };
}
