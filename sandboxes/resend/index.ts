import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createSandbox } from '../control.js';
import { faultFields, installFaults, type Faults } from '../faults.js';
import { inboxPage } from './page.js';

/**
 * An in-memory imitation of Resend's `POST /emails` (auth, validation, Idempotency-Key, rate-limit
 * headers and error bodies as in Resend's SDK recordings and docs), for local runs and tests. Nothing
 * is delivered: `GET /` shows what was sent, and `/_control` lists emails and injects faults.
 */

export interface SentEmail {
  id: string;
  from: string;
  to: string[];
  cc?: string | string[] | undefined;
  bcc?: string | string[] | undefined;
  replyTo?: string | string[] | undefined;
  subject: string;
  html?: string | undefined;
  text?: string | undefined;
  tags?: Array<{ name: string; value: string }> | undefined;
  idempotencyKey?: string | undefined;
  createdAt: string;
}

/**
 * The shared faults a send can meet (see sandboxes/faults.ts): 429 rate_limit_exceeded, 500, and a
 * send processed (the email counts as sent) whose connection is then dropped unanswered.
 */
export type ResendFaults = Pick<Faults, 'rateLimitNext' | 'retryAfterSeconds' | 'status5xxNext' | 'loseResponseOnce'> & {
  /** While true, every send gets the 403 Resend answers when the sender's domain is not verified (nothing is sent). */
  senderUnverified: boolean;
};

export interface ResendSandboxOptions {
  /** Keys to accept; by default any key with Resend's `re_` prefix. */
  apiKeys?: string[];
  now?: () => Date;
}

const SEND = { method: 'POST', path: '/emails' };

/** There is one API call to lose, so `loseResponseOnce` is a flag here rather than a request target. */
const faultsChange = faultFields
  .pick({ rateLimitNext: true, retryAfterSeconds: true, status5xxNext: true })
  .extend({
    loseResponseOnce: z.boolean().transform((lose) => (lose ? SEND : null)),
    senderUnverified: z.boolean(),
  })
  .partial();

const noFaults = (): ResendFaults => ({ rateLimitNext: 0, retryAfterSeconds: 1, status5xxNext: 0, loseResponseOnce: null, senderUnverified: false });

/** Resend's documented default; the sandbox reports it but never throttles on its own (use faults). */
const RATE_LIMIT_PER_SECOND = 5;
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

class ResendFailure extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
}

const recipients = z.union([z.string(), z.array(z.string())]).optional();
const emailBody = z.object({
  from: z.string().optional(),
  to: recipients,
  cc: recipients,
  bcc: recipients,
  reply_to: recipients,
  subject: z.string().optional(),
  html: z.string().optional(),
  text: z.string().optional(),
  tags: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
});

/** Key order must not make two equal payloads differ. */
function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${fingerprint(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function createResendSandbox(options: ResendSandboxOptions = {}) {
  const now = options.now ?? (() => new Date());
  const emails: SentEmail[] = [];
  const idempotency = new Map<string, { fingerprint: string; id: string; at: number }>();
  const rateWindow = { second: 0, count: 0 };

  const isApi = (request: FastifyRequest) => request.url.startsWith('/emails');

  const sandbox = createSandbox({
    noFaults,
    installFaults: (app, faults, requests) =>
      installFaults(app, faults, requests, {
        isApi,
        rateLimitedBody: {
          statusCode: 429,
          name: 'rate_limit_exceeded',
          message:
            `Too many requests. You can only make ${RATE_LIMIT_PER_SECOND} requests per second. ` + 'See rate limit response headers for more information.',
        },
        serverErrorBody: { statusCode: 500, message: 'An unexpected error occurred.', name: 'internal_server_error' },
      }),
    // The inbox page is the sandbox's own too, so everything but the API is loopback's alone.
    guard: {
      guards: (request) => !isApi(request),
      refusal: { statusCode: 403, message: 'The sandbox inbox only answers loopback callers.', name: 'invalid_access' },
    },
    controlError: ({ statusCode, message }) => ({ statusCode, message, name: 'validation_error' }),
    apiError: (error) => {
      if (error instanceof ResendFailure) {
        return { statusCode: error.statusCode, body: { statusCode: error.statusCode, message: error.message, name: error.errorName } };
      }
      const statusCode = (error as { statusCode?: number }).statusCode ?? 500;
      const name = statusCode < 500 ? 'validation_error' : 'internal_server_error';
      return { statusCode, body: { statusCode, message: (error as Error).message, name } };
    },
  });
  const { app, faults } = sandbox;

  app.addHook('onSend', async (request, reply, payload) => {
    if (!isApi(request)) return payload;
    const second = Math.floor(now().getTime() / 1000);
    if (rateWindow.second !== second) Object.assign(rateWindow, { second, count: 0 });
    rateWindow.count++;
    reply.header('ratelimit-limit', String(RATE_LIMIT_PER_SECOND));
    reply.header('ratelimit-remaining', String(Math.max(0, RATE_LIMIT_PER_SECOND - rateWindow.count)));
    reply.header('ratelimit-reset', '1');
    reply.header('ratelimit-policy', `${RATE_LIMIT_PER_SECOND};w=1`);
    return payload;
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ statusCode: 404, message: 'Route not found', name: 'not_found' }));

  function authenticate(request: FastifyRequest): void {
    const key = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!key) throw new ResendFailure(401, 'missing_api_key', 'Missing API key in the authorization header');
    const valid = options.apiKeys ? options.apiKeys.includes(key) : key.startsWith('re_');
    if (!valid) throw new ResendFailure(403, 'invalid_api_key', 'API key is invalid');
  }

  function refuseUnverifiedSender(from: unknown): void {
    if (!faults.senderUnverified) return;
    const domain = typeof from === 'string' ? (/@([^>\s]+)/.exec(from)?.[1] ?? 'sender') : 'sender';
    throw new ResendFailure(403, 'validation_error', `The ${domain} domain is not verified. Please, add and verify your domain on https://resend.com/domains`);
  }

  function record(body: z.infer<typeof emailBody>, idempotencyKey: string | undefined): SentEmail {
    for (const field of ['from', 'to', 'subject'] as const) {
      const value = body[field];
      if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
        throw new ResendFailure(422, 'missing_required_field', `Missing \`${field}\` field.`);
      }
    }
    const email: SentEmail = {
      id: randomUUID(),
      from: body.from!,
      to: ([] as string[]).concat(body.to!),
      cc: body.cc,
      bcc: body.bcc,
      replyTo: body.reply_to,
      subject: body.subject!,
      html: body.html,
      text: body.text,
      tags: body.tags,
      idempotencyKey,
      createdAt: now().toISOString(),
    };
    emails.push(email);
    return email;
  }

  app.post('/emails', async (request) => {
    authenticate(request);
    refuseUnverifiedSender((request.body as { from?: unknown } | undefined)?.from);
    const parsed = emailBody.safeParse(request.body ?? {});
    if (!parsed.success) throw new ResendFailure(422, 'validation_error', z.prettifyError(parsed.error));
    const key = request.headers['idempotency-key'];
    if (key === undefined) return { id: record(parsed.data, undefined).id };
    if (typeof key !== 'string' || key.length < 1 || key.length > 256) {
      throw new ResendFailure(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.');
    }
    const print = fingerprint(parsed.data);
    const previous = idempotency.get(key);
    if (previous && now().getTime() - previous.at < IDEMPOTENCY_WINDOW_MS) {
      if (previous.fingerprint !== print) {
        const message = 'Same idempotency key used with a different request payload.';
        throw new ResendFailure(409, 'invalid_idempotent_request', message);
      }
      return { id: previous.id };
    }
    const { id } = record(parsed.data, key);
    idempotency.set(key, { fingerprint: print, id, at: now().getTime() });
    return { id };
  });

  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(inboxPage(emails)));

  app.get('/_control/emails', async () => ({ data: emails }));

  sandbox.controlFaults(faultsChange);
  sandbox.controlReset(() => {
    emails.length = 0;
    idempotency.clear();
  });

  return sandbox.serve({ emails });
}

export type ResendSandbox = ReturnType<typeof createResendSandbox>;
