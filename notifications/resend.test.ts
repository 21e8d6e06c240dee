import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emailErrorFrom } from './resend-errors.js';
import { createResendSandbox, type ResendSandbox } from '../sandboxes/resend/index.js';
import { createResendSender } from './resend-sender.js';
import { EmailError, type EmailMessage, type EmailSender } from './types.js';

const API_KEY = 're_test_sandbox_key';

let sandbox: ResendSandbox;
let baseUrl: string;
let sender: EmailSender;

beforeEach(async () => {
  sandbox = createResendSandbox();
  baseUrl = await sandbox.listen();
  sender = createResendSender({ apiKey: API_KEY, baseUrl });
});
afterEach(() => sandbox.close());

const shippedEmail: EmailMessage = {
  from: 'Parts Desk <orders@example.com>',
  to: ['jane@example.com'],
  subject: 'Your order has shipped <UPS>',
  html: '<p>Tracking: 1Z999AA10123456784</p>',
  text: 'Tracking: 1Z999AA10123456784',
  tags: [{ name: 'order', value: 'EB-123' }],
};
const KEY = 'shipped-email/EB-123/1Z999AA10123456784';

async function faults(body: unknown) {
  await fetch(`${baseUrl}/_control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function failureOf(promise: Promise<unknown>): Promise<EmailError> {
  const error = await promise.then(
    () => expect.fail('expected the send to fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EmailError);
  return error as EmailError;
}

describe('Resend sender against the sandbox', () => {
  it('sends the email with its idempotency key', async () => {
    const { id } = await sender.send(shippedEmail, KEY);

    const listed = (await (await fetch(`${baseUrl}/_control/emails`)).json()) as { data: unknown[] };
    expect(listed.data).toEqual([
      expect.objectContaining({
        id,
        to: ['jane@example.com'],
        subject: shippedEmail.subject,
        html: shippedEmail.html,
        text: shippedEmail.text,
        idempotencyKey: KEY,
      }),
    ]);
  });

  it('sends once and returns the same id when the same key is used twice', async () => {
    const first = await sender.send(shippedEmail, KEY);
    const second = await sender.send(shippedEmail, KEY);

    expect(second.id).toBe(first.id);
    expect(sandbox.state.emails).toHaveLength(1);
  });

  it('returns the first id when a retry follows a lost response', async () => {
    await faults({ loseResponseOnce: true });

    const lost = await failureOf(sender.send(shippedEmail, KEY));
    const retried = await sender.send(shippedEmail, KEY);

    expect(lost.kind).toBe('transient');
    expect(retried.id).toBe(sandbox.state.emails[0]?.id);
    expect(sandbox.state.emails).toHaveLength(1);
  });

  it('reports the same key with a different payload as a conflict', async () => {
    await sender.send(shippedEmail, KEY);

    const error = await failureOf(sender.send({ ...shippedEmail, subject: 'Something else' }, KEY));

    expect(error.kind).toBe('conflict');
    expect(error.retryable).toBe(false);
    expect(sandbox.state.emails).toHaveLength(1);
  });

  it('reports a 429 as rate_limited with the retry-after delay, then sends', async () => {
    await faults({ rateLimitNext: 1, retryAfterSeconds: 2 });

    const error = await failureOf(sender.send(shippedEmail, KEY));
    const sent = await sender.send(shippedEmail, KEY);

    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(2000);
    expect(sent.id).toBe(sandbox.state.emails[0]?.id);
    expect(sandbox.state.emails).toHaveLength(1);
  });

  it('reports a 500 as transient', async () => {
    await faults({ status5xxNext: 1 });

    expect((await failureOf(sender.send(shippedEmail, KEY))).kind).toBe('transient');
  });

  it('refuses every send with 403 while the sender domain is unverified, and sends again once it is', async () => {
    await faults({ senderUnverified: true });
    const error = await failureOf(sender.send(shippedEmail, KEY));
    expect(error.message).toContain('HTTP 403');
    expect(error.message).toContain('example.com domain is not verified');
    expect(sandbox.state.emails).toEqual([]);

    await faults({ senderUnverified: false });
    await sender.send(shippedEmail, KEY);
    expect(sandbox.state.emails).toHaveLength(1);
  });

  it('reports a bad API key as auth without repeating the key', async () => {
    const error = await failureOf(createResendSender({ apiKey: 'sk_not_resend', baseUrl }).send(shippedEmail, KEY));

    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain('sk_not_resend');
  });

  it('reports a missing subject and an over-long key as invalid', async () => {
    expect((await failureOf(sender.send({ ...shippedEmail, subject: '' }, KEY))).kind).toBe('invalid');
    expect((await failureOf(sender.send(shippedEmail, 'k'.repeat(257)))).kind).toBe('invalid');
    expect(sandbox.state.emails).toHaveLength(0);
  });
});

describe('Resend sandbox', () => {
  it('answers like Resend when the API key is missing', async () => {
    const response = await fetch(`${baseUrl}/emails`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      statusCode: 401,
      message: 'Missing API key in the authorization header',
      name: 'missing_api_key',
    });
    expect(response.headers.get('ratelimit-limit')).toBe('5');
    expect(response.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
  });

  it('lists sent emails on its HTML page, escaped', async () => {
    await sender.send(shippedEmail, KEY);

    const page = await (await fetch(`${baseUrl}/`)).text();

    expect(page).toContain('Your order has shipped &lt;UPS&gt;');
    expect(page).toContain('jane@example.com');
    expect(page).toContain('Tracking: 1Z999AA10123456784');
  });
});

describe('emailErrorFrom', () => {
  it('keeps addresses and keys out of the message', () => {
    const error = emailErrorFrom(
      {
        name: 'validation_error',
        statusCode: 403,
        message: 'You can only send testing emails to your own address (jane@example.com) with re_abc123.',
      },
      null,
    );

    expect(error.kind).toBe('auth');
    expect(error.message).not.toMatch(/jane@example\.com|re_abc123/);
  });

  it('treats a concurrent request with the same key as transient', () => {
    const error = emailErrorFrom({ name: 'concurrent_idempotent_requests', statusCode: 409, message: 'In progress' }, null);
    expect(error.kind).toBe('transient');
  });
});
