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
import { breakdown, dropshipHistories, mean, printBreakdown, printTimeline, printTimings, timedActivities, timings } from './workflow-breakdown.js';

/**
 * `npm run bench:workflow`: N drop-ships in auto mode end to end (order in through the API → route →
 * PO placed at the WPS sandbox → tracked → shipped → buyer emailed → drop-ship complete) against a
 * bare workflow making the same number of activity calls, on the same server in the same run, the two
 * taking turns in BENCH_ROUNDS rounds. Prints
 * what each drop-ship cost Temporal (workflow tasks, activities, round trips…) beside the least the
 * process needs (bench/workflow-breakdown.ts). BENCH_TIMELINE=1 prints one drop-ship's events in time.
 */
const N = Number(process.env.BENCH_N ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
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
/** Activity bodies, local or not, summed by name over the drop-ships measured. */
const activityTimes: Record<string, number> = {};
const tracking = { pollIntervalMs: 200, giveUpAfterMs: 3_600_000 };
const connection = await Connection.connect({ address: temporal.address });
const client = new Client({ connection, dataConverter: dataConverter(config.payloadKeys) });
const nativeConnection = await NativeConnection.connect({ address: temporal.address });
const workers = await createWorkerSet({
  connection: nativeConnection,
  taskQueue,
  workflows: { workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)) },
  activities: {
    ...timedActivities(
      createActivities(
        activityDeps({
          db: database.db,
          cipher,
          distributors: demoEndpoints,
          marketplaces: config.marketplaces,
          email: { apiKey: 're_bench', baseUrl: resendUrl, from: 'Dropline <orders@dropline.test>' },
          starter: { client, taskQueue, tracking },
        }),
      ),
      activityTimes,
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
const workflowIds: string[] = [];
/** The API's part of the drop-ships, summed over them (divided by their count when printed). */
const apiTimes = { 'POST /v1/orders': 0, 'POST /v1/orders/:id/dropships (answers with the plan)': 0, 'then until the result is read': 0 };
let apiRuns = 0;

async function oneDropship(): Promise<string> {
  const t0 = performance.now();
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
  const t1 = performance.now();
  const started = await app.inject({ method: 'POST', url: `/v1/orders/${order.json().id}/dropships`, headers, payload: { mode: 'auto' } });
  const { workflowId } = started.json() as { workflowId: string };
  const t2 = performance.now();
  const result = (await client.workflow.getHandle(workflowId).result()) as { phase: string };
  apiTimes['POST /v1/orders'] += t1 - t0;
  apiTimes['POST /v1/orders/:id/dropships (answers with the plan)'] += t2 - t1;
  apiTimes['then until the result is read'] += performance.now() - t2;
  apiRuns += 1;
  if (result.phase !== 'completed') throw new Error(`drop-ship ${workflowId} ended ${result.phase}`);
  return workflowId;
}

/** Runs `count` of `run`, CONCURRENCY at a time, into `into` (seconds taken and each run's latency). */
async function batch(count: number, run: () => Promise<unknown>, into: { seconds: number; runs: number; latencies: number[] }) {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
      while (next < count) {
        next++;
        const t0 = performance.now();
        await run();
        into.latencies.push(performance.now() - t0);
      }
    }),
  );
  into.seconds += (performance.now() - started) / 1000;
  into.runs += count;
}

function report(label: string, measured: { seconds: number; runs: number; latencies: number[] }) {
  const latencies = [...measured.latencies].sort((a, b) => a - b);
  const p = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
  const rate = measured.runs / measured.seconds;
  console.log(`${label.padEnd(26)} ${rate.toFixed(2)} /s   p50 ${p(0.5)} ms   p95 ${p(0.95)} ms   (${measured.runs} runs, ${CONCURRENCY} at a time)`);
  return rate;
}

try {
  const sample = await oneDropship(); // warm-up, and the shape of one drop-ship
  const sampleHistories = await dropshipHistories(client, sample);
  if (process.env.BENCH_TIMELINE) printTimeline(sampleHistories);
  const shape = breakdown(sampleHistories);
  // BENCH_BASELINE=4+10 holds the baseline to a shape of its own (e.g. an earlier drop-ship's), so runs of two versions compare against one yardstick.
  const [remote, local] = (process.env.BENCH_BASELINE ?? `${shape.activityTasks}+${shape.localActivities}`).split('+').map(Number);
  const calls = { remote: remote!, local: local! };
  console.log(
    `One drop-ship end to end = ${shape.activityTasks} activity + ${shape.localActivities} local activity calls over 2 workflows (dropship + purchaseOrder)`,
  );
  for (const times of [activityTimes, apiTimes]) for (const label of Object.keys(times)) (times as Record<string, number>)[label] = 0;
  apiRuns = 0;
  // Drop-ships and baseline runs take turns, so both meet the same load from the rest of the machine.
  const dropships = { seconds: 0, runs: 0, latencies: [] as number[] };
  const baselines = { seconds: 0, runs: 0, latencies: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const count = Math.round((N * (round + 1)) / ROUNDS) - Math.round((N * round) / ROUNDS);
    await batch(count, async () => workflowIds.push(await oneDropship()), dropships);
    await batch(count, () => client.workflow.execute('baseline', { taskQueue, workflowId: `baseline-${crypto.randomUUID()}`, args: [calls] }), baselines);
  }
  const dropshipRate = report('drop-ships (auto, e2e)', dropships);
  const baselineRate = report(`baseline (${calls.remote}+${calls.local} calls)`, baselines);
  const histories = await Promise.all(workflowIds.map((id) => dropshipHistories(client, id)));
  printBreakdown(mean(histories.map(breakdown)), histories.length);
  printTimings(histories.map(timings));
  const perRun = (times: Record<string, number>) => Object.fromEntries(Object.entries(times).map(([label, ms]) => [label, ms / apiRuns]));
  const bodies = Object.values(activityTimes).reduce((sum, ms) => sum + ms, 0);
  // The baseline's calls do nothing: what the API and the activity bodies take is the real work it lacks.
  printTimings([{ ...perRun(apiTimes), ...perRun(activityTimes), 'activity bodies in all (local or not)': bodies / apiRuns }]);
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
