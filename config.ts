import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_ACCOUNT_POLICY as ACCOUNTS } from './domain/accounts.js';
import { ATTEMPT_MARGIN_MS, DISTRIBUTOR_CALL_TIMEOUT_MS } from './domain/distributor-calls.js';
import { DISTRIBUTOR_PLUGINS, listingDistributors } from './distributors/registry.js';
import { DISTRIBUTORS, isDistributorId, type DistributorId } from './domain/distributors.js';
import { channelEndpoints, MARKETPLACE_PROFILES, MARKETPLACES, type Marketplace } from './marketplaces/profiles.js';

/**
 * The only module that reads the environment. It validates everything once, reports every problem
 * at the same time, and hands out a frozen value; the rest of the code receives config as values.
 */

const DEV_PAYLOAD_KEY = 'dev:ZHJvcGxpbmUtZGV2LXBheWxvYWQta2V5LTMyYnl0ZXM=';
const DEV_CREDENTIALS_KEY = 'dev:ZHJvcGxpbmUtZGV2LWNyZWRzLWtleS0zMi1ieXRlcyE=';
const DEV_RESEND_API_KEY = 're_dev_sandbox_key';

const keyring = z
  .string()
  .min(1)
  .transform((value, ctx) => {
    const keys = value.split(',').map((entry) => {
      const [id, material] = entry.trim().split(':');
      const bytes = Buffer.from(material ?? '', 'base64');
      if (!id || bytes.length !== 32) {
        ctx.addIssue({ code: 'custom', message: 'expected keyId:base64 of 32 bytes, comma-separated' });
      }
      return { id: id ?? '', key: bytes };
    });
    return { activeKeyId: keys[0]?.id ?? '', keys };
  });

const port = z.coerce.number().int().min(0).max(65535);
const url = z.url();
/** `127.0.0.1:9464` or `[::1]:9464`: an IP address (not a host name) and a port, as Temporal's Prometheus exporter binds it. */
const socketAddress = z.string().refine((value) => {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  const ip = match?.[1] ?? match?.[2] ?? '';
  return isIP(ip) === (match?.[1] ? 6 : 4) && Number(match![3]) <= 65535;
}, 'expected ip:port, e.g. 127.0.0.1:9464 or [::1]:9464');
/** Comma-separated browser origins such as `https://temporal.example.com` (scheme, host, port; no path). */
const origins = z
  .string()
  .min(1)
  .transform((value, ctx) =>
    value.split(',').map((entry) => {
      const origin = entry.trim();
      if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
        ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin such as https://temporal.example.com` });
      }
      return origin;
    }),
  );

/** Each distributor's facts from its plug-in, in the order Dropline lists them. */
const distributorPlugins = Object.values(DISTRIBUTOR_PLUGINS);
const byDistributor = <T>(value: (plugin: (typeof distributorPlugins)[number]) => T) =>
  Object.fromEntries(distributorPlugins.map((plugin) => [plugin.profile.id, value(plugin)])) as Record<DistributorId, T>;

/**
 * Each counts distributor activity starts (a submission makes up to five HTTP calls, a tracking poll
 * one); the defaults are the plug-ins' cautious ones.
 */
const DEFAULT_DISTRIBUTOR_RATES = byDistributor((plugin) => plugin.defaultRatePerSecond);

/** `wps=10,tucker_rocky=1`: distributors left out keep their default. */
const distributorRates = z.string().transform((value, ctx) => {
  const rates = { ...DEFAULT_DISTRIBUTOR_RATES };
  for (const entry of value.split(',').filter((e) => e.trim())) {
    const [name = '', rate = ''] = entry.split('=').map((part) => part.trim());
    const perSecond = Number(rate);
    if (!isDistributorId(name)) ctx.addIssue({ code: 'custom', message: `"${name}" is not one of ${DISTRIBUTORS.join(', ')}` });
    else if (!(perSecond > 0)) ctx.addIssue({ code: 'custom', message: `${name} needs a rate above 0 per second, got "${rate}"` });
    else rates[name] = perSecond;
  }
  return rates;
});

/**
 * Every distributor and email endpoint Dropline calls, with its default outside production: the local
 * sandboxes (`npm run dev` starts them on these ports). Production has no defaults. The marketplaces'
 * endpoints are below, from their profiles.
 */
const ENDPOINT_DEFAULTS: Record<string, string> = {
  RESEND_BASE_URL: 'http://127.0.0.1:4102',
  ...Object.fromEntries(distributorPlugins.map((plugin) => [plugin.endpoint.env, `http://127.0.0.1:${plugin.sandbox.port}`])),
};

/** Each distributor's base URL (`WPS_BASE_URL`…) and sandbox port (`WPS_SANDBOX_PORT`…), named by its plug-in. */
const distributorVariables = Object.fromEntries(
  distributorPlugins.flatMap((plugin) => [
    [plugin.endpoint.env, url.optional()],
    [plugin.sandbox.portEnv, port.default(plugin.sandbox.port)],
  ]),
) as Record<string, z.ZodOptional<typeof url> | z.ZodDefault<typeof port>>;

/**
 * Each marketplace's sandbox port and API endpoints, named by its profile. An endpoint with a default
 * (the real host) must be set in production; one without (Shopify's single Admin origin) stays unset.
 */
const marketplaceSettings = MARKETPLACES.flatMap((m) => {
  const { sandboxPort, endpoints } = MARKETPLACE_PROFILES[m];
  return [
    { env: sandboxPort.env, schema: port.default(sandboxPort.default), requiredInProduction: false },
    ...Object.values(endpoints).map((setting) => ({ env: setting.env, schema: url.optional(), requiredInProduction: 'default' in setting })),
  ];
});
const marketplaceShape: Record<string, z.ZodType<string | number | undefined>> = {
  DROPLINE_ENV: z.string().optional(),
  ...Object.fromEntries(marketplaceSettings.map(({ env, schema }) => [env, schema])),
};
const marketplaceSchema = z.object(marketplaceShape).superRefine((env, ctx) => {
  if (env.DROPLINE_ENV !== 'production') return;
  for (const { env: name } of marketplaceSettings.filter((setting) => setting.requiredInProduction)) {
    if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required in production (outside production it defaults to the real marketplace)' });
  }
});

const schema = z
  .object({
    DROPLINE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATA_DIR: z.string().default('.data'),
    DATABASE_URL: z.string().optional(),
    EMBEDDED_POSTGRES_PORT: port.default(54329),
    TEMPORAL_ADDRESS: z.string().optional(),
    TEMPORAL_NAMESPACE: z.string().default('default'),
    TEMPORAL_TASK_QUEUE: z.string().default('dropline'),
    TEMPORAL_CLI_PATH: z.string().optional(),
    /** A Temporal Cloud API key (sent as a bearer token over TLS). */
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    /** TLS to the frontend without a client certificate (implied by an API key or a client certificate). */
    TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
    /** mTLS: the client certificate and key files (PEM) a self-hosted cluster or Temporal Cloud namespace trusts. */
    TEMPORAL_TLS_CLIENT_CERT_PATH: z.string().min(1).optional(),
    TEMPORAL_TLS_CLIENT_KEY_PATH: z.string().min(1).optional(),
    /** A private CA (PEM) the frontend's certificate is signed by, and the name to check it against. */
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: z.string().min(1).optional(),
    TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
    /** How long a closed workflow's history stays on a cluster whose namespace Dropline registers. */
    TEMPORAL_NAMESPACE_RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
    TEMPORAL_DEV_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    TRACKING_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(3600),
    TRACKING_GIVE_UP_DAYS: z.coerce.number().min(0.0001).default(42),
    /** `false` makes every PO poll its distributor itself, even where the distributor lists orders (for comparison). */
    TRACKING_BATCHED: z.enum(['true', 'false']).default('true'),
    TRACKING_SAFETY_CHECK_HOURS: z.coerce.number().positive().default(24),
    DISTRIBUTOR_RATE_LIMITS: distributorRates.default(DEFAULT_DISTRIBUTOR_RATES),
    DISTRIBUTOR_CALL_TIMEOUT_SECONDS: z.coerce
      .number()
      .positive()
      .default(DISTRIBUTOR_CALL_TIMEOUT_MS / 1000),
    DISTRIBUTOR_ATTEMPT_MARGIN_SECONDS: z.coerce
      .number()
      .min(0)
      .default(ATTEMPT_MARGIN_MS / 1000),
    RESEND_SANDBOX_PORT: port.default(4102),
    API_HOST: z.string().default('127.0.0.1'),
    API_PORT: port.default(3000),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
    /** Where the dealer UI is reached, for the links in invitation and password-reset emails. */
    PUBLIC_URL: url.optional(),
    SESSION_DAYS: z.coerce
      .number()
      .positive()
      .default(ACCOUNTS.sessionTtlMs / 86_400_000),
    LOGIN_LOCKOUT_FAILURES: z.coerce.number().int().min(1).default(ACCOUNTS.lockout.failures),
    LOGIN_LOCKOUT_MINUTES: z.coerce
      .number()
      .positive()
      .default(ACCOUNTS.lockout.windowMs / 60_000),
    SIGN_IN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(ACCOUNTS.publicRateLimit.max),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PAYLOAD_ENCRYPTION_KEYS: keyring.optional(),
    CREDENTIALS_ENCRYPTION_KEYS: keyring.optional(),
    RESEND_API_KEY: z.string().optional(),
    RESEND_BASE_URL: url.optional(),
    DEFAULT_EMAIL_FROM: z.string().default('Dropline <orders@dropline.local>'),
    CODEC_AUTH_TOKEN: z.string().min(1).optional(),
    CODEC_CORS_ORIGIN: origins.optional(),
    METRICS_TOKEN: z.string().min(1).optional(),
    WORKER_METRICS_ADDRESS: socketAddress.optional(),
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).default(1000),
    ...distributorVariables,
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.TEMPORAL_TLS_CLIENT_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_CLIENT_KEY_PATH)) {
      const missing = env.TEMPORAL_TLS_CLIENT_CERT_PATH ? 'TEMPORAL_TLS_CLIENT_KEY_PATH' : 'TEMPORAL_TLS_CLIENT_CERT_PATH';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'a client certificate needs both TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH',
      });
    }
    if (env.TEMPORAL_TLS === 'false' && (env.TEMPORAL_API_KEY || env.TEMPORAL_TLS_CLIENT_CERT_PATH)) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS'], message: 'an API key or a client certificate is only sent over TLS' });
    }
    if (env.DROPLINE_ENV !== 'production') return;
    for (const secret of ['PAYLOAD_ENCRYPTION_KEYS', 'CREDENTIALS_ENCRYPTION_KEYS', 'RESEND_API_KEY'] as const) {
      if (!env[secret]) ctx.addIssue({ code: 'custom', path: [secret], message: 'required in production' });
    }
    // A forgotten URL must stop the start, not send real orders or buyer emails to a sandbox default.
    for (const name of Object.keys(ENDPOINT_DEFAULTS)) {
      if (!(env as Record<string, unknown>)[name])
        ctx.addIssue({ code: 'custom', path: [name], message: 'required in production (outside production it defaults to a sandbox)' });
    }
  });

/** TLS to the Temporal frontend: off, or on with the files to read (null when plaintext, the dev server's way). */
export interface TemporalTls {
  clientCertPath?: string;
  clientKeyPath?: string;
  serverCaCertPath?: string;
  serverName?: string;
}

function temporalTls(e: z.infer<typeof schema>): TemporalTls | null {
  const wanted = e.TEMPORAL_TLS === 'true' || e.TEMPORAL_API_KEY !== undefined || e.TEMPORAL_TLS_CLIENT_CERT_PATH !== undefined;
  if (!wanted) return null;
  return {
    ...(e.TEMPORAL_TLS_CLIENT_CERT_PATH && { clientCertPath: e.TEMPORAL_TLS_CLIENT_CERT_PATH, clientKeyPath: e.TEMPORAL_TLS_CLIENT_KEY_PATH }),
    ...(e.TEMPORAL_TLS_SERVER_CA_CERT_PATH && { serverCaCertPath: e.TEMPORAL_TLS_SERVER_CA_CERT_PATH }),
    ...(e.TEMPORAL_TLS_SERVER_NAME && { serverName: e.TEMPORAL_TLS_SERVER_NAME }),
  };
}

export interface Keyring {
  activeKeyId: string;
  keys: Array<{ id: string; key: Buffer }>;
}

export type Config = ReturnType<typeof loadConfig>;

/** Parses the environment into a Config, or throws one error listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(env);
  const channels = marketplaceSchema.safeParse(env);
  if (!parsed.success || !channels.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(channels.error?.issues ?? [])];
    const lines = issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const m = channels.data;
  const devOnly = <T>(value: T | undefined, devDefault: T): T => value ?? devDefault;
  const devKeyring = (raw: string) => schema.shape.PAYLOAD_ENCRYPTION_KEYS.parse(raw)!;
  // Production has checked above that every endpoint is set.
  const variables = e as unknown as Record<string, string | number | undefined>;
  const endpoint = (name: string): string => (variables[name] as string | undefined) ?? ENDPOINT_DEFAULTS[name]!;
  return Object.freeze({
    env: e.DROPLINE_ENV,
    dataDir: e.DATA_DIR,
    database: { url: e.DATABASE_URL, embeddedPort: e.EMBEDDED_POSTGRES_PORT },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      /** How the API, the workers and scripts/temporal-namespace.ts reach the cluster (temporal/connection.ts). */
      connection: {
        apiKey: e.TEMPORAL_API_KEY,
        tls: temporalTls(e),
      },
      retentionDays: e.TEMPORAL_NAMESPACE_RETENTION_DAYS,
      cliPath: e.TEMPORAL_CLI_PATH,
      devPort: e.TEMPORAL_DEV_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      /**
       * Workflows a worker keeps in memory between tasks. The SDK's default grows with the heap (about
       * 2,300 on a 4 GB heap); a PO waiting days for its poller's signal need not stay, and replaying
       * its short history when news comes costs milliseconds, while 10,000 cached POs cost a gigabyte.
       */
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
    },
    tracking: {
      pollIntervalMs: e.TRACKING_POLL_INTERVAL_SECONDS * 1000,
      giveUpAfterMs: Math.round(e.TRACKING_GIVE_UP_DAYS * 86_400_000),
      /** POs of distributors that list orders wait for their account's poller (every poll interval) and check on themselves this seldom. */
      listing:
        e.TRACKING_BATCHED === 'true'
          ? { distributors: listingDistributors(), safetyCheckMs: Math.round(e.TRACKING_SAFETY_CHECK_HOURS * 3_600_000) }
          : undefined,
    },
    sandboxes: {
      distributors: byDistributor((plugin) => variables[plugin.sandbox.portEnv] as number),
      resendPort: e.RESEND_SANDBOX_PORT,
      marketplacePorts: Object.fromEntries(MARKETPLACES.map((channel) => [channel, m[MARKETPLACE_PROFILES[channel].sandboxPort.env]])) as Record<
        Marketplace,
        number
      >,
    },
    /** Requests per minute per dealer API key: far above what the dealer UI and an integration need, low enough to stop a runaway loop. */
    api: { host: e.API_HOST, port: e.API_PORT, rateLimit: { max: e.API_RATE_LIMIT_PER_MINUTE, timeWindowMs: 60_000 } },
    /** Staff sign-in: sessions, lockout, the public routes' rate limit, and where emailed links point. */
    accounts: {
      ...ACCOUNTS,
      sessionTtlMs: Math.round(e.SESSION_DAYS * 86_400_000),
      lockout: { failures: e.LOGIN_LOCKOUT_FAILURES, windowMs: Math.round(e.LOGIN_LOCKOUT_MINUTES * 60_000) },
      publicRateLimit: { max: e.SIGN_IN_RATE_LIMIT_PER_MINUTE, timeWindowMs: 60_000 },
      publicUrl: (e.PUBLIC_URL ?? `http://${e.API_HOST === '0.0.0.0' ? '127.0.0.1' : e.API_HOST}:${e.API_PORT}`).replace(/\/+$/, ''),
    },
    logLevel: e.LOG_LEVEL,
    payloadKeys: devOnly<Keyring>(e.PAYLOAD_ENCRYPTION_KEYS, devKeyring(DEV_PAYLOAD_KEY)),
    credentialKeys: devOnly<Keyring>(e.CREDENTIALS_ENCRYPTION_KEYS, devKeyring(DEV_CREDENTIALS_KEY)),
    email: {
      apiKey: devOnly(e.RESEND_API_KEY, DEV_RESEND_API_KEY),
      baseUrl: endpoint('RESEND_BASE_URL'),
      defaultFrom: e.DEFAULT_EMAIL_FROM,
    },
    /** Where each distributor's API lives, by distributor. */
    distributors: byDistributor((plugin) => endpoint(plugin.endpoint.env)),
    /** Where order intake reads the polled marketplaces and where tracking is pushed. */
    marketplaces: channelEndpoints((name) => m[name] as string | undefined),
    /** Distributor calls per second, per distributor, across every worker. */
    distributorRates: e.DISTRIBUTOR_RATE_LIMITS,
    /** Each distributor HTTP call's timeout, and how early before its start-to-close an activity attempt stops calling. */
    distributorCalls: {
      callTimeoutMs: Math.round(e.DISTRIBUTOR_CALL_TIMEOUT_SECONDS * 1000),
      attemptMarginMs: Math.round(e.DISTRIBUTOR_ATTEMPT_MARGIN_SECONDS * 1000),
    },
    codecServer: {
      // /codec decrypts buyer PII for whoever reaches it: production serves it only behind a token.
      enabled: e.DROPLINE_ENV !== 'production' || e.CODEC_AUTH_TOKEN !== undefined,
      authToken: e.CODEC_AUTH_TOKEN,
      // Temporal Web calls /codec from the browser, from wherever the dev server's UI listens.
      corsOrigins: e.CODEC_CORS_ORIGIN ?? [`http://127.0.0.1:${e.TEMPORAL_UI_PORT}`, `http://localhost:${e.TEMPORAL_UI_PORT}`],
    },
    metrics: {
      // The API's /metrics: production serves it only behind a token, as the API's port is the public one.
      api: e.DROPLINE_ENV !== 'production' || e.METRICS_TOKEN !== undefined ? { authToken: e.METRICS_TOKEN } : null,
      /** Where a worker serves the Temporal SDK's Prometheus metrics; unset, it serves none. */
      workerAddress: e.WORKER_METRICS_ADDRESS,
    },
  });
}
