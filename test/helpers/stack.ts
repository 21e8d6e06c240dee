import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities/index.js';
import type { DistributorCallBudget } from '../../activities/distributor-attempt.js';
import { buildApp } from '../../api/app.js';
import type { RateLimit } from '../../api/rate-limit.js';
import { createDb } from '../../db/client.js';
import { seedDemoChannelAccounts, seedDemoDealer } from '../../db/demo-data.js';
import type { DistributorId } from '../../domain/distributors.js';
import type { Marketplace } from '../../marketplaces/profiles.js';
import { createAutomaticSandbox } from '../../distributors/automatic/sandbox/index.js';
import { createPartsUnlimitedSandbox, type PartsUnlimitedSandboxOptions } from '../../distributors/parts-unlimited/sandbox/index.js';
import { createTuckerRockySandbox } from '../../distributors/tucker-rocky/sandbox/index.js';
import { createWpsSandbox, WPS_SANDBOX_TOKEN, type WpsSandboxOptions } from '../../distributors/wps/sandbox/index.js';
import { startMarketplaceSandboxes, type MarketplaceSandboxOptions } from '../../marketplaces/sandboxes.js';
import { activityDeps } from '../../runtime/activity-deps.js';
import { SANDBOX_CHANNEL_ACCOUNTS } from '../../sandboxes/channel-accounts.js';
import { createResendSandbox } from '../../sandboxes/resend/index.js';
import { createCredentialsCipher } from '../../security/credentials-cipher.js';
import { EncryptionCodec } from '../../temporal/codec.js';
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
  /** Submission windows of the POs (the workflow's 3 days and 10 minutes otherwise). */
  submitGiveUpAfterMs?: number;
  verifyWithinMs?: number;
  /** Connect the dealer's eBay, Amazon and Shopify accounts to the sandboxes (SANDBOX_CHANNEL_ACCOUNTS). */
  channelAccounts?: boolean;
  /** Run no worker in this process; the test starts worker processes with `spawnWorker()`. */
  externalWorker?: boolean;
  /** Sandbox settings, e.g. which credentials the distributors accept. */
  wpsSandbox?: WpsSandboxOptions;
  partsUnlimitedSandbox?: PartsUnlimitedSandboxOptions;
  /** Where the API writes its log (at trace level); none by default. */
  apiLog?: NodeJS.WritableStream;
  /** Distributor calls per second (the test config's defaults otherwise). */
  distributorRates?: Record<DistributorId, number>;
  /** Each distributor call's timeout and the attempt margin (the test config's defaults otherwise). */
  distributorCalls?: DistributorCallBudget;
  /** Requests per API key; none by default, so tests are never throttled. */
  rateLimit?: RateLimit;
  ebaySandbox?: MarketplaceSandboxOptions['ebay'];
  amazonSandbox?: MarketplaceSandboxOptions['amazon'];
  shopifySandbox?: MarketplaceSandboxOptions['shopify'];
  /** Give the API a pool of its own under this Postgres application_name, so a test can tell the API's writes from the worker's. */
  apiApplicationName?: string;
}

/**
 * The whole system for one test file: a fresh database with a demo dealer, the WPS, Parts Unlimited,
 * Tucker Rocky, Automatic Distributors, Resend, eBay, Amazon and Shopify sandboxes over real HTTP, a worker
 * with the real activities and adapters, and the API.
 */
export async function startStack(options: StackOptions = {}) {
  const database = await freshDatabase();
  const wps = createWpsSandbox(options.wpsSandbox);
  const pu = createPartsUnlimitedSandbox(options.partsUnlimitedSandbox);
  const tuckerRocky = createTuckerRockySandbox();
  const automatic = createAutomaticSandbox();
  const resend = createResendSandbox();
  const [wpsUrl, puUrl, tuckerRockyUrl, automaticUrl, resendUrl, channels] = await Promise.all([
    wps.listen(),
    pu.listen(),
    tuckerRocky.listen(),
    automatic.listen(),
    resend.listen(),
    startMarketplaceSandboxes({ ebay: options.ebaySandbox, amazon: options.amazonSandbox, shopify: options.shopifySandbox }),
  ]);
  const endpoints = { wps: wpsUrl, parts_unlimited: puUrl, tucker_rocky: tuckerRockyUrl, automatic: automaticUrl };
  const marketplaces = channels.endpoints;
  const cipher = createCredentialsCipher(testConfig.credentialKeys);
  // Test files share one Temporal server, and workflow ids contain the dealer id: keep them apart.
  const { dealerId, apiKey } = await seedDemoDealer(database.db, cipher, {
    dealerId: `dealer-${randomUUID().slice(0, 8)}`,
    wpsToken: WPS_SANDBOX_TOKEN,
    autoProcessing: options.autoProcessing ?? false,
  });
  if (options.channelAccounts) await seedDemoChannelAccounts(database.db, cipher, dealerId, SANDBOX_CHANNEL_ACCOUNTS);

  const taskQueue = `test-${randomUUID()}`;
  /** Read by the API at each drop-ship start, so a test may change it between drop-ships. */
  const tracking: TrackingSettings = {
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    giveUpAfterMs: options.giveUpAfterMs ?? 60_000,
    ...(options.submitGiveUpAfterMs ? { submitGiveUpAfterMs: options.submitGiveUpAfterMs } : {}),
    ...(options.verifyWithinMs ? { verifyWithinMs: options.verifyWithinMs } : {}),
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
    }),
  );
  const worker = options.externalWorker ? null : await startWorker(activities, taskQueue, options.distributorRates);
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
  const app = await buildApp({
    db: apiDatabase?.db ?? database.db,
    credentialsCipher: cipher,
    temporal: temporal.client,
    taskQueue,
    tracking,
    workflowAnswerTimeoutMs: 20_000,
    rateLimit: options.rateLimit,
    codecServer: { codec: new EncryptionCodec(testConfig.payloadKeys), corsOrigins: testConfig.codecServer.corsOrigins },
  }, { logger: options.apiLog ? { level: 'trace', stream: options.apiLog } : process.env.TEST_API_LOG ? { level: process.env.TEST_API_LOG } : false });
  const auth = { authorization: `Bearer ${apiKey}` };

  return {
    db: database.db,
    databaseUrl: database.url,
    wps,
    wpsUrl,
    pu,
    puUrl,
    tuckerRocky,
    tuckerRockyUrl,
    automatic,
    automaticUrl,
    resend,
    resendUrl,
    // Each marketplace sandbox by its id (`ebay`), and its URL (`ebayUrl`).
    ...channels.sandboxes,
    ...sandboxUrls(channels.urls),
    worker,
    /** The worker's activities, for a test's own worker or for calling one directly. */
    activities,
    spawnWorker: () => spawnWorker(workerEnv),
    client: temporal.client,
    app,
    dealerId,
    apiKey,
    tracking,
    auth,
    cipher,
    async stop() {
      await app.close();
      await apiDatabase?.close();
      await worker?.stop();
      await temporal.close();
      await Promise.all([wps.close(), pu.close(), tuckerRocky.close(), automatic.close(), resend.close(), channels.close()]);
      await database.close();
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

function sandboxUrls(urls: Record<Marketplace, string>) {
  return Object.fromEntries(Object.entries(urls).map(([channel, url]) => [`${channel}Url`, url])) as { [M in Marketplace as `${M}Url`]: string };
}
