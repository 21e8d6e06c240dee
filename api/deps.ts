import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Db } from '../db/client.js';
import { DEFAULT_ACCOUNT_POLICY, type AccountPolicy } from '../domain/accounts.js';
import { DomainError } from '../domain/errors.js';
import type { EmailSender } from '../notifications/types.js';
import type { CredentialsCipher } from '../security/credentials-cipher.js';
import type { TrackingSettings } from '../temporal/dropship-start.js';
import type { RateLimit } from './rate-limit.js';
import type { LiveStreamSettings } from './routes/events.js';

/** What the API needs; server.ts builds the real ones, tests build their own. */
export interface ApiDeps {
  db: Db;
  /**
   * Encrypts distributor and marketplace credentials as they arrive. The API decrypts only a Shopify
   * account's, to check a webhook's signature; everything else is decrypted by the worker.
   */
  credentialsCipher: CredentialsCipher;
  temporal: Client;
  taskQueue: string;
  /** Tracking settings handed to new purchase-order workflows. */
  tracking: TrackingSettings;
  /** How long an HTTP request waits for a workflow to answer an Update. */
  workflowAnswerTimeoutMs: number;
  /** Requests per API key; left out (tests, benchmarks), /v1 is not limited. */
  rateLimit?: RateLimit | undefined;
  /** Heartbeat and caps of GET /v1/events (LIVE_STREAMS otherwise), for tests. */
  liveStreams?: Partial<LiveStreamSettings> | undefined;
  /** Staff sign-in and the emails with one-time links; left out (benchmarks, tools), the defaults and no email. */
  accounts?: AccountDeps | undefined;
  /** Temporal Web's Codec Server at /codec; null, /codec is not served (production without CODEC_AUTH_TOKEN). */
  codecServer: CodecServerDeps | null;
  /** GET /metrics for Prometheus; left out (tests, benchmarks, tools), served without a token; null, not served (production without METRICS_TOKEN). */
  metrics?: MetricsEndpointDeps | null | undefined;
}

export interface MetricsEndpointDeps {
  /** When set, every scrape must carry `Authorization: Bearer <authToken>`. */
  authToken?: string | undefined;
}

export interface CodecServerDeps {
  /** The workers' payload codec, so the operator sees exactly what the workflows see. */
  codec: PayloadCodec;
  /** When set, every request must carry `Authorization: Bearer <authToken>`. */
  authToken?: string | undefined;
  /** Browser origins (Temporal Web) allowed to call /codec. */
  corsOrigins: readonly string[];
}

export interface AccountDeps {
  policy: AccountPolicy;
  /** Where the dealer UI is reached: invitation and reset links point there. */
  publicUrl: string;
  email: EmailSender;
  /** The sender of invitation and reset emails. */
  emailFrom: string;
}

/** The deps' accounts, or the default policy with no email (invitations then answer 503; reset requests are logged). */
export function accountDeps(deps: ApiDeps): AccountDeps {
  return (
    deps.accounts ?? {
      policy: DEFAULT_ACCOUNT_POLICY,
      publicUrl: 'http://127.0.0.1:3000',
      emailFrom: 'Dropline <accounts@dropline.local>',
      email: {
        send: () => Promise.reject(new DomainError('UNAVAILABLE', 'No email sender is configured')),
      },
    }
  );
}
