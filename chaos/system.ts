import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from '../api/app.js';
import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { DISTRIBUTOR_PLUGINS } from '../distributors/registry.js';
import { channelEndpointEnv, POLLED_MARKETPLACES } from '../marketplaces/profiles.js';
import { startMarketplaceSandboxes } from '../marketplaces/sandboxes.js';
import { createResendSandbox } from '../sandboxes/resend/index.js';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../runtime/postgres.js';
import { freePort } from '../runtime/ports.js';
import { cachedCliPath } from '../runtime/temporal-cli.js';
import { createCredentialsCipher } from '../security/credentials-cipher.js';
import { saveChannelOrderSchedule } from '../temporal/channel-order-schedule.js';
import { dataConverter } from '../temporal/data-converter.js';
import { startDevServer, type DevServer } from '../temporal/dev-server.js';
import { seedChaosDealer, sandboxStock } from './catalog.js';
import { workerPool } from './workers.js';

export const DEALER_ID = 'chaos-dealer';
const TASK_QUEUE = 'dropline-chaos';

/** How fast tracking runs in a chaos run: polls every second, and no PO gives up before the run ends. */
export const TRACKING = { pollIntervalMs: 1000, giveUpAfterMs: 2 * 3_600_000 };
/** eBay and Amazon are polled every two seconds; the sandboxes show every change at once, so a short overlap will do. */
const ORDER_POLLING = { everyMs: 2000, overlapMs: 10_000, settleMs: 0 };
/**
 * Amazon's real searchOrders plan (one every three minutes) would hold a 1,000-order run up for
 * hours; the run measures Dropline under faults (429s included, drawn per call), not Amazon's quota.
 */
const AMAZON_USAGE_PLANS = {
  searchOrders: { rate: 1, burst: 20 },
  getOrder: { rate: 20, burst: 100 },
  confirmShipment: { rate: 10, burst: 20 },
};

/**
 * The whole system on loopback, wired as `npm run dev` wires it: embedded Postgres, a Temporal dev
 * server with its state on disk (so it can be restarted on the same port), the eight sandboxes, the
 * API over HTTP and worker.ts in processes of its own.
 */
export async function startSystem(options: { dataDir: string; workers: number; postgresServerUrl?: string | undefined; log: (line: string) => void }) {
  const { dataDir, log } = options;
  await mkdir(dataDir, { recursive: true });
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  const config = loadConfig({ ...process.env, DROPLINE_ENV: 'development' });
  const stops: Array<() => Promise<unknown>> = [];

  let serverUrl = options.postgresServerUrl;
  if (!serverUrl) {
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: await freePort(), log });
    stops.unshift(() => postgres.stop());
    serverUrl = postgres.serverUrl;
  }
  const databaseName = `chaos_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await ensureDatabase(serverUrl, databaseName);
  const databaseUrl = withDatabase(serverUrl, databaseName);
  await migrateDatabase(databaseUrl);
  const database = createDb(databaseUrl, { max: 8 });
  stops.unshift(() => database.close());
  const cipher = createCredentialsCipher(config.credentialKeys);
  const { apiKey } = await seedChaosDealer(database.db, cipher, DEALER_ID);

  // The CLI the lead builds; the run never builds or downloads one itself.
  const temporalOptions = {
    cliPath: config.temporal.cliPath ?? cachedCliPath(),
    port: await freePort(),
    dbFilename: path.join(path.resolve(dataDir), 'temporal.db'),
  };
  let temporal: DevServer = await startDevServer(temporalOptions);
  stops.unshift(() => temporal.stop());
  const connection = await Connection.connect({ address: temporal.address });
  stops.unshift(() => connection.close());
  const client = new Client({ connection, dataConverter: dataConverter(config.payloadKeys) });

  const plugins = Object.values(DISTRIBUTOR_PLUGINS);
  const distributorSandboxes = Object.fromEntries(
    await Promise.all(plugins.map(async (plugin) => [plugin.profile.id, await plugin.sandbox.create({ stock: sandboxStock(plugin.profile.id) })] as const)),
  ) as { [K in keyof typeof DISTRIBUTOR_PLUGINS]: Awaited<ReturnType<(typeof DISTRIBUTOR_PLUGINS)[K]['sandbox']['create']>> };
  const others = {
    ...distributorSandboxes,
    resend: createResendSandbox(),
  };
  const otherUrls = Object.fromEntries(
    await Promise.all(Object.entries(others).map(async ([name, sandbox]) => [name, await sandbox.listen()] as const)),
  ) as Record<keyof typeof others, string>;
  stops.unshift(() => Promise.all(Object.values(others).map((sandbox) => sandbox.close())));
  const marketplaces = await startMarketplaceSandboxes({ amazon: { usagePlans: AMAZON_USAGE_PLANS, settleMs: 0 } });
  stops.unshift(() => marketplaces.close());
  const sandboxes = { ...others, ...marketplaces.sandboxes };
  const urls = { ...otherUrls, ...marketplaces.urls };

  const tracking = { ...TRACKING };
  const app = await buildApp(
    { db: database.db, credentialsCipher: cipher, temporal: client, taskQueue: TASK_QUEUE, tracking, workflowAnswerTimeoutMs: 20_000, codecServer: null },
    { logger: false },
  );
  const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  stops.unshift(() => app.close());

  const workerEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DROPLINE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    ...Object.fromEntries(plugins.map((plugin) => [plugin.endpoint.env, urls[plugin.profile.id]])),
    RESEND_BASE_URL: urls.resend,
    ...channelEndpointEnv(marketplaces.endpoints),
    TRACKING_POLL_INTERVAL_SECONDS: String(TRACKING.pollIntervalMs / 1000),
    TRACKING_GIVE_UP_DAYS: String(TRACKING.giveUpAfterMs / 86_400_000),
    // The run measures Dropline under faults, not the cautious production quotas.
    DISTRIBUTOR_RATE_LIMITS: plugins.map((plugin) => `${plugin.profile.id}=50`).join(','),
    LOG_LEVEL: 'warn',
  };
  const workers = workerPool({ slots: options.workers, env: workerEnv, logDir: dataDir, log });
  stops.unshift(() => workers.stopAll());
  await workers.startAll();

  for (const channel of POLLED_MARKETPLACES) {
    await saveChannelOrderSchedule(client, TASK_QUEUE, { dealerId: DEALER_ID, channel }, ORDER_POLLING);
  }

  return {
    db: database.db,
    client,
    apiUrl,
    apiKey,
    urls,
    sandboxes,
    workers,
    temporalAddress: () => temporal.address,
    /** Stops the dev server and starts it again on the same port with the same database file. */
    async restartTemporal() {
      await temporal.stop();
      temporal = await startDevServer(temporalOptions);
    },
    async pauseOrderPolling() {
      for (const channel of POLLED_MARKETPLACES) {
        await client.schedule.getHandle(`channel-orders:${DEALER_ID}:${channel}`).pause('chaos run finished');
      }
    },
    async stop() {
      for (const stop of stops) await stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
    },
  };
}

export type ChaosSystem = Awaited<ReturnType<typeof startSystem>>;
