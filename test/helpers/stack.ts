import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities/index.js';
import type { DistributorCallBudget } from '../../activities/distributor-attempt.js';
import { buildApp } from '../../api/app.js';
import type { RateLimit } from '../../api/rate-limit.js';
import type { LiveStreamSettings } from '../../api/routes/events.js';
import { createDb } from '../../db/client.js';
import { createUser as insertUser } from '../../db/repositories/users.js';
import { SYSTEM } from '../../domain/actor.js';
import type { AccountPolicy } from '../../domain/accounts.js';
import type { Role } from '../../domain/roles.js';
import { createResendSender } from '../../notifications/resend-sender.js';
import { hashPassword } from '../../security/passwords.js';
import { seedDemoChannelAccounts, seedDemoDealer } from '../../db/demo-data.js';
import type { DistributorId } from '../../domain/distributors.js';
import type { DistributorSandbox } from '../../distributors/plugin.js';
import { distributorPlugins, type DISTRIBUTOR_PLUGINS, type DistributorEndpoints } from '../../distributors/registry.js';
import type { Marketplace } from '../../marketplaces/profiles.js';
import { startMarketplaceSandboxes, type MarketplaceSandboxOptions } from '../../marketplaces/sandboxes.js';
import { activityDeps } from '../../runtime/activity-deps.js';
import { SANDBOX_CHANNEL_ACCOUNTS } from '../../sandboxes/channel-accounts.js';
import { createResendSandbox } from '../../sandboxes/resend/index.js';
import { createCredentialsCipher } from '../../security/credentials-cipher.js';
import { EncryptionCodec } from '../../temporal/codec.js';
import type { ListingSettings } from '../../domain/batched-tracking.js';
import type { TrackingSettings } from '../../temporal/dropship-start.js';
import { testConfig } from './config.js';
import { freshDatabase } from './database.js';
import { startWorker, temporalClient } from './temporal.js';
import { spawnWorker } from './worker-process.js';
import { inject } from 'vitest';

export interface StackOptions {
  /** The demo dealer's auto-processing; off by default, so an order posted by a test starts nothing by itself. */
  autoProcessing?: boolean;
  pollIntervalMs?: number;
  giveUpAfterMs?: number;
  /** Which distributors' POs are tracked by their account's listing poller (none by default: every PO polls). */
  listing?: ListingSettings;
  /** Submission windows of the POs (the workflow's 3 days and 10 minutes otherwise). */
  submitGiveUpAfterMs?: number;
  verifyWithinMs?: number;
  /** Connect the dealer's eBay, Amazon and Shopify accounts to the sandboxes (SANDBOX_CHANNEL_ACCOUNTS). */
  channelAccounts?: boolean;
  /** Run no worker in this process; the test starts worker processes with `spawnWorker()`. */
  externalWorker?: boolean;
  /** Distributor sandbox settings, e.g. which credentials a distributor accepts. */
  sandboxes?: { [K in DistributorId]?: SandboxOptionsOf<K> };
  /** Where the API writes its log (at trace level); none by default. */
  apiLog?: NodeJS.WritableStream;
  /** Distributor calls per second (the test config's defaults otherwise). */
  distributorRates?: Partial<Record<DistributorId, number>>;
  /** Each distributor call's timeout and the attempt margin (the test config's defaults otherwise). */
  distributorCalls?: DistributorCallBudget;
  /** Requests per API key; none by default, so tests are never throttled. */
  rateLimit?: RateLimit;
  ebaySandbox?: MarketplaceSandboxOptions['ebay'];
  amazonSandbox?: MarketplaceSandboxOptions['amazon'];
  shopifySandbox?: MarketplaceSandboxOptions['shopify'];
  /** Give the API a pool of its own under this Postgres application_name, so a test can tell the API's writes from the worker's. */
  apiApplicationName?: string;
  /** GET /v1/events's heartbeat and caps (production's otherwise). */
  liveStreams?: Partial<LiveStreamSettings>;
  /** Sessions, lockout and the public routes' limit (the test config's, with a generous limit, otherwise). */
  accounts?: Partial<AccountPolicy>;
  /** The workflow bundle's entry (workflows/index.ts otherwise), e.g. one that registers a test distributor's profile first. */
  workflowsPath?: string;
}

type Plugins = typeof DISTRIBUTOR_PLUGINS;
type SandboxOptionsOf<K extends DistributorId> = Parameters<Plugins[K]['sandbox']['create']>[0];
/** Each built-in distributor's sandbox with its own state's type; a distributor registered by a test is a plain DistributorSandbox. */
type DistributorSandboxes = { [K in DistributorId]: Awaited<ReturnType<Plugins[K]['sandbox']['create']>> } & Record<string, DistributorSandbox>;

/** Every registered distributor's sandbox, listening on a free port. */
async function startDistributorSandboxes(options: StackOptions['sandboxes'] = {}) {
  const started = await Promise.all(
    distributorPlugins().map(async (plugin) => {
      const sandbox = await plugin.sandbox.create((options as Record<string, object | undefined>)[plugin.profile.id]);
      return [plugin.profile.id, sandbox, await sandbox.listen()] as const;
    }),
  );
  return {
    sandboxes: Object.fromEntries(started.map(([id, sandbox]) => [id, sandbox])) as DistributorSandboxes,
    endpoints: Object.fromEntries(started.map(([id, , url]) => [id, url])) as Required<DistributorEndpoints> & Record<string, string>,
  };
}

/**
 * The whole system for one test file: a fresh database with a demo dealer, every registered
 * distributor's sandbox and the Resend, eBay, Amazon and Shopify sandboxes over real HTTP, a worker
 * with the real activities and adapters, and the API.
 */
export async function startStack(options: StackOptions = {}) {
  const database = await freshDatabase();
  const { sandboxes, endpoints } = await startDistributorSandboxes(options.sandboxes);
  const resend = createResendSandbox();
  const [resendUrl, channels] = await Promise.all([
    resend.listen(),
    startMarketplaceSandboxes({ ebay: options.ebaySandbox, amazon: options.amazonSandbox, shopify: options.shopifySandbox }),
  ]);
  const marketplaces = channels.endpoints;
  const cipher = createCredentialsCipher(testConfig.credentialKeys);
  // Test files share one Temporal server, and workflow ids contain the dealer id: keep them apart.
  const { dealerId, apiKey } = await seedDemoDealer(database.db, cipher, {
    dealerId: `dealer-${randomUUID().slice(0, 8)}`,
    autoProcessing: options.autoProcessing ?? false,
  });
  /** Adds a user of the demo dealer with this role and returns how they sign in. */
  const createUser = async (
    role: Role,
    name = `${role[0]!.toUpperCase()}${role.slice(1)} ${randomUUID().slice(0, 4)}`,
    email = `${name.toLowerCase().replace(/\W+/g, '.')}@${dealerId}.example`,
  ) => {
    const password = `pw-${randomUUID()}`;
    const user = await insertUser(database.db, { dealerId, email, name, role, passwordHash: await hashPassword(password) }, SYSTEM);
    return { id: user.id, email, password, name };
  };
  // Each stack has a database of its own, so every test file's owner can be the same person.
  const owner = await createUser('owner', 'Alex Owner', 'alex@ridgeline.example');
  if (options.channelAccounts) await seedDemoChannelAccounts(database.db, cipher, dealerId, SANDBOX_CHANNEL_ACCOUNTS);

  const taskQueue = `test-${randomUUID()}`;
  /** Read by the API at each drop-ship start, so a test may change it between drop-ships. */
  const tracking: TrackingSettings = {
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    giveUpAfterMs: options.giveUpAfterMs ?? 60_000,
    ...(options.submitGiveUpAfterMs ? { submitGiveUpAfterMs: options.submitGiveUpAfterMs } : {}),
    ...(options.verifyWithinMs ? { verifyWithinMs: options.verifyWithinMs } : {}),
    ...(options.listing ? { listing: options.listing } : {}),
  };
  const temporal = await temporalClient();
  const starter = { client: temporal.client, taskQueue, tracking };
  const distributorCalls = options.distributorCalls ?? testConfig.distributorCalls;
  const activities = createActivities(
    activityDeps({
      db: database.db,
      cipher,
      distributors: endpoints,
      marketplaces,
      email: { apiKey: 're_test_key', baseUrl: resendUrl, from: 'Dropline <orders@dropline.test>' },
      starter,
      distributorCalls,
      // As the worker runs them: each feed import in a process of its own.
      feedImportProcess: { databaseUrl: database.url, credentialKeys: testConfig.credentialKeys },
    }),
  );
  const worker = options.externalWorker ? null : await startWorker(activities, taskQueue, options.distributorRates, options.workflowsPath);
  const workerEnv = {
    TEST_DATABASE_URL: database.url,
    TEST_TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEST_TASK_QUEUE: taskQueue,
    TEST_DISTRIBUTOR_ENDPOINTS: JSON.stringify(endpoints),
    TEST_RESEND_URL: resendUrl,
    TEST_MARKETPLACE_ENDPOINTS: JSON.stringify(marketplaces),
    TEST_TRACKING: JSON.stringify(tracking),
  };
  const apiDatabase = options.apiApplicationName ? createDb(database.url, { max: 5, applicationName: options.apiApplicationName }) : null;
  const app = await buildApp(
    {
      db: apiDatabase?.db ?? database.db,
      credentialsCipher: cipher,
      temporal: temporal.client,
      taskQueue,
      tracking,
      workflowAnswerTimeoutMs: 20_000,
      rateLimit: options.rateLimit,
      liveStreams: options.liveStreams,
      accounts: {
        policy: { ...testConfig.accounts, publicRateLimit: { max: 1000, timeWindowMs: 60_000 }, ...options.accounts },
        publicUrl: 'http://127.0.0.1',
        email: createResendSender({ apiKey: 're_test_key', baseUrl: resendUrl }),
        emailFrom: 'Dropline <accounts@dropline.test>',
      },
      codecServer: { codec: new EncryptionCodec(testConfig.payloadKeys), corsOrigins: testConfig.codecServer.corsOrigins },
    },
    { logger: options.apiLog ? { level: 'trace', stream: options.apiLog } : process.env.TEST_API_LOG ? { level: process.env.TEST_API_LOG } : false },
  );
  const auth = { authorization: `Bearer ${apiKey}` };

  return {
    db: database.db,
    databaseUrl: database.url,
    /** Every registered distributor's sandbox and base URL, by distributor. */
    sandboxes,
    endpoints,
    wps: sandboxes.wps,
    wpsUrl: endpoints.wps,
    pu: sandboxes.parts_unlimited,
    puUrl: endpoints.parts_unlimited,
    tuckerRocky: sandboxes.tucker_rocky,
    tuckerRockyUrl: endpoints.tucker_rocky,
    automatic: sandboxes.automatic,
    automaticUrl: endpoints.automatic,
    resend,
    resendUrl,
    // Each marketplace sandbox by its id (`ebay`), and its URL (`ebayUrl`).
    ...channels.sandboxes,
    ...sandboxUrls(channels.urls),
    worker,
    /** The worker's activities, for a test's own worker or for calling one directly. */
    activities,
    /** A worker process on this stack's task queue; `env` adds to its environment (e.g. TEST_WORKER_METRICS_ADDRESS). */
    spawnWorker: (env: Record<string, string> = {}) => spawnWorker({ ...workerEnv, ...env }),
    client: temporal.client,
    app,
    dealerId,
    apiKey,
    /** The demo dealer's owner: signIn() in browser tests signs in as them. */
    owner,
    createUser,
    tracking,
    auth,
    cipher,
    async stop() {
      await app.close();
      await apiDatabase?.close();
      await worker?.stop();
      await temporal.close();
      await Promise.all([...Object.values(sandboxes).map((sandbox) => sandbox.close()), resend.close(), channels.close()]);
      await database.close();
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

function sandboxUrls(urls: Record<Marketplace, string>) {
  return Object.fromEntries(Object.entries(urls).map(([channel, url]) => [`${channel}Url`, url])) as { [M in Marketplace as `${M}Url`]: string };
}
