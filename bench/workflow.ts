import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createActivities } from '../activities/index.js';
import { buildApp } from '../api/app.js';
import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { seedDemoDealer } from '../db/demo-data.js';
import { migrateDatabase } from '../db/migrate.js';
import { DISTRIBUTORS, type DistributorId } from '../domain/distributors.js';
import type { DistributorEndpoints } from '../distributors/registry.js';
import { createWpsSandbox } from '../distributors/wps/sandbox/index.js';
import { createResendSandbox } from '../sandboxes/resend/index.js';
import { activityDeps } from '../runtime/activity-deps.js';
import { freePort } from '../runtime/ports.js';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../runtime/postgres.js';
import { createCredentialsCipher } from '../security/credentials-cipher.js';
import { dataConverter } from '../temporal/data-converter.js';
import { startDevServer } from '../temporal/dev-server.js';
import { createWorkerSet } from '../temporal/workers.js';

/**
 * `npm run bench:workflow`: N drop-ships in auto mode end to end (order in through the API → route →
 * PO placed at the WPS sandbox → tracked → shipped → buyer emailed → drop-ship complete) against a
 * bare workflow making the same number of activity calls, on the same server in the same run.
 */
const N = Number(process.env.BENCH_N ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const config = loadConfig({ DROPLINE_ENV: 'test' });
Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });

const temporal = await startDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH });
const dataDir = path.resolve('.data', 'bench-postgres');
await rm(dataDir, { recursive: true, force: true });
const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort() });
await ensureDatabase(postgres.serverUrl, 'bench');
const databaseUrl = withDatabase(postgres.serverUrl, 'bench');
await migrateDatabase(databaseUrl);
const database = createDb(databaseUrl, { max: 20 });
const cipher = createCredentialsCipher(config.credentialKeys);
const wps = createWpsSandbox({ shipOnSubmit: true });
const resend = createResendSandbox();
const [wpsUrl, resendUrl] = await Promise.all([wps.listen(), resend.listen()]);
// The demo dealer orders from WPS only; every other distributor's address is never called.
const demoEndpoints = Object.fromEntries(DISTRIBUTORS.map((d) => [d, wpsUrl])) as DistributorEndpoints;
const { apiKey } = await seedDemoDealer(database.db, cipher, { dealerId: 'bench', autoProcessing: false });

const taskQueue = 'bench';
const tracking = { pollIntervalMs: 200, giveUpAfterMs: 3_600_000 };
const connection = await Connection.connect({ address: temporal.address });
const client = new Client({ connection, dataConverter: dataConverter(config.payloadKeys) });
const nativeConnection = await NativeConnection.connect({ address: temporal.address });
const workers = await createWorkerSet({
  connection: nativeConnection,
  taskQueue,
  workflows: { workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)) },
  activities: {
    ...createActivities(
      activityDeps({
        db: database.db,
        cipher,
        distributors: demoEndpoints,
        marketplaces: config.marketplaces,
        email: { apiKey: 're_bench', baseUrl: resendUrl, from: 'Dropline <orders@dropline.test>' },
        starter: { client, taskQueue, tracking },
      }),
    ),
    benchNoop: async () => {},
  },
  dataConverter: dataConverter(config.payloadKeys),
  // The engine's own overhead is measured here, not the distributors' quotas.
  distributorRates: Object.fromEntries(DISTRIBUTORS.map((d) => [d, 1000])) as Record<DistributorId, number>,
});
const running = workers.run();
const app = await buildApp({
  db: database.db,
  credentialsCipher: cipher,
  temporal: client,
  taskQueue,
  tracking,
  workflowAnswerTimeoutMs: 60_000,
  codecServer: null,
});
const headers = { authorization: `Bearer ${apiKey}` };

let sequence = 0;
async function oneDropship(): Promise<string> {
  const order = await app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers,
    payload: {
      channelOrderId: `BENCH-${++sequence}`,
      buyer: { name: 'Bench Buyer', email: 'bench@example.com' },
      shipTo: { name: 'Bench Buyer', line1: '1 Main St', city: 'Boise', region: 'ID', postalCode: '83702' },
      shippingRateName: 'Standard Shipping',
      lines: [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }],
    },
  });
  const started = await app.inject({ method: 'POST', url: `/v1/orders/${order.json().id}/dropships`, headers, payload: { mode: 'auto' } });
  const { workflowId } = started.json() as { workflowId: string };
  const result = (await client.workflow.getHandle(workflowId).result()) as { phase: string };
  if (result.phase !== 'completed') throw new Error(`drop-ship ${workflowId} ended ${result.phase}`);
  return workflowId;
}

async function measure(label: string, run: () => Promise<unknown>) {
  const latencies: number[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        next++;
        const t0 = performance.now();
        await run();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
  const rate = N / seconds;
  console.log(`${label.padEnd(26)} ${rate.toFixed(2)} /s   p50 ${p(0.5)} ms   p95 ${p(0.95)} ms   (${N} runs, ${CONCURRENCY} at a time)`);
  return rate;
}

/** Regular and local activity calls of one drop-ship, over the dropship workflow and its PO children. */
async function activityCalls(workflowId: string): Promise<{ remote: number; local: number }> {
  const events = async (id: string) => (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
  const poIds = (await events(workflowId))
    .map((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId)
    .filter((id): id is string => Boolean(id));
  const all = (await Promise.all([workflowId, ...poIds].map(events))).flat();
  return {
    remote: all.filter((e) => e.activityTaskScheduledEventAttributes).length,
    local: all.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length,
  };
}

try {
  const sample = await oneDropship(); // warm-up, and the shape of one drop-ship
  const calls = await activityCalls(sample);
  console.log(`One drop-ship end to end = ${calls.remote} activity + ${calls.local} local activity calls over 2 workflows (dropship + purchaseOrder)`);
  const dropshipRate = await measure('drop-ships (auto, e2e)', oneDropship);
  const baselineRate = await measure(`baseline (${calls.remote}+${calls.local} calls)`, () =>
    client.workflow.execute('baseline', { taskQueue, workflowId: `baseline-${crypto.randomUUID()}`, args: [calls] }),
  );
  console.log(`ratio drop-ships / baseline = ${(dropshipRate / baselineRate).toFixed(2)} (aim ≥ 0.8)`);
  console.log(`WPS orders placed: ${wps.state.orders.length}; buyer emails: ${resend.state.emails.length}`);
} finally {
  workers.shutdown();
  await running;
  await app.close();
  await connection.close();
  await nativeConnection.close();
  await Promise.all([wps.close(), resend.close()]);
  await database.close();
  await postgres.stop();
  await temporal.stop();
  await rm(dataDir, { recursive: true, force: true });
}
