import { DefaultLogger, Runtime } from '@temporalio/worker';
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { seedDemoDealer } from '../db/demo-data.js';
import { migrateDatabase } from '../db/migrate.js';
import { DISTRIBUTORS, type DistributorId } from '../domain/distributors.js';
import type { DistributorEndpoints } from '../distributors/registry.js';
import { createWpsSandbox } from '../distributors/wps/sandbox/index.js';
import { createResendSandbox } from '../sandboxes/resend/index.js';
import { freePort } from '../runtime/ports.js';
import { startWorkerProcess } from '../runtime/worker-process.js';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../runtime/postgres.js';
import { createCredentialsCipher } from '../security/credentials-cipher.js';
import { startDevServer } from '../temporal/dev-server.js';
import { seededPoNumber, seedPurchaseOrders } from './seed-purchase-orders.js';

/**
 * `npm run bench:api`: the dealer API on a real loopback port over BENCH_POS (default 1,000,000)
 * purchase orders across BENCH_DEALERS dealers, under BENCH_CONNECTIONS concurrent connections for
 * BENCH_SECONDS each: PO search by number, PO search by distributor + shipped with a cursor, and
 * confirm of BENCH_CONFIRMS drop-ships awaiting confirmation (a Temporal Update each), against a bare
 * Fastify route doing one indexed query on the same table in the same run. Prints p50/p95/p99 and
 * each as a ratio to the baseline's.
 */
const POS = Number(process.env.BENCH_POS ?? 1_000_000);
const DEALERS = Number(process.env.BENCH_DEALERS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONFIRMS = Number(process.env.BENCH_CONFIRMS ?? 300);
const POOL_SIZE = 10;
const config = loadConfig({ DROPLINE_ENV: 'test' });
Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
const log = (line: string) => console.log(`[bench:api] ${line}`);

const temporal = await startDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH });
const dataDir = path.resolve('.data', 'bench-api-postgres');
await rm(dataDir, { recursive: true, force: true });
const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort() });
await ensureDatabase(postgres.serverUrl, 'bench');
const databaseUrl = withDatabase(postgres.serverUrl, 'bench');
await migrateDatabase(databaseUrl);
const database = createDb(databaseUrl, { max: POOL_SIZE });
const cipher = createCredentialsCipher(config.credentialKeys);
const wps = createWpsSandbox({ shipOnSubmit: true });
const resend = createResendSandbox();
const [wpsUrl, resendUrl] = await Promise.all([wps.listen(), resend.listen()]);
// The demo dealer orders from WPS only; every other distributor's address is never called.
const demoEndpoints = Object.fromEntries(DISTRIBUTORS.map((d) => [d, wpsUrl])) as DistributorEndpoints;

const dealers = [];
for (let d = 0; d < DEALERS; d++) {
  dealers.push(await seedDemoDealer(database.db, cipher, { dealerId: `bench-${d}`, autoProcessing: false }));
}
const dealer = dealers[0]!;
let started = performance.now();
await seedPurchaseOrders(
  database.db,
  dealers.map((d) => d.dealerId),
  POS,
);
log(`seeded ${POS.toLocaleString('en-US')} purchase orders over ${DEALERS} dealers in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const taskQueue = 'bench-api';
const workers = await startWorkerProcess({
  address: temporal.address,
  taskQueue,
  workflows: { workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)) },
  payloadKeys: config.payloadKeys,
  tracking: config.tracking,
  // The API's overhead is measured here, not the distributors' quotas.
  distributorRates: Object.fromEntries(DISTRIBUTORS.map((d) => [d, 1000])) as Record<DistributorId, number>,
  wiring: {
    db: database.db,
    cipher,
    distributors: demoEndpoints,
    marketplaces: config.marketplaces,
    email: { apiKey: 're_bench', baseUrl: resendUrl, from: 'Dropline <orders@dropline.test>' },
  },
});
const running = workers.run();

const server = fork(fileURLToPath(new URL('./api-server.ts', import.meta.url)), {
  execArgv: ['--import', 'tsx'],
  env: {
    ...process.env,
    BENCH_DATABASE_URL: databaseUrl,
    BENCH_TEMPORAL_ADDRESS: temporal.address,
    BENCH_TASK_QUEUE: taskQueue,
    BENCH_POOL_SIZE: String(POOL_SIZE),
  },
});
const { apiUrl, baselineUrl } = await new Promise<{ apiUrl: string; baselineUrl: string }>((resolve, reject) => {
  server.once('message', (message) => resolve(message as { apiUrl: string; baselineUrl: string }));
  server.once('exit', (code) => reject(new Error(`the API server exited with ${code}`)));
});
const headers = { authorization: `Bearer ${dealer.apiKey}`, 'content-type': 'application/json' };

async function call(method: string, url: string, body?: unknown) {
  const response = await fetch(`${apiUrl}${url}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const json = (await response.json()) as any;
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** A random seeded PO of the bench dealer: the seed deals drop-ships round-robin, dealer 0 gets every DEALERS-th. */
function randomPoNumber(): string {
  const dropships = Math.floor(POS / 2 / DEALERS);
  return seededPoNumber(DEALERS * (1 + Math.floor(Math.random() * dropships)));
}

/** Cursors a dealer paging through the list would hold: the first 20 pages of each filter. */
async function pageCursors(): Promise<string[]> {
  const paths: string[] = [];
  for (const filter of ['distributor=wps&shipped=true', 'distributor=wps&shipped=false', 'distributor=tucker_rocky&shipped=true']) {
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const path: string = `/v1/purchase-orders?${filter}&limit=50${cursor ? `&cursor=${cursor}` : ''}`;
      paths.push(path);
      cursor = (await call('GET', path)).nextCursor;
      if (!cursor) break;
    }
  }
  return paths;
}

/** Drop-ships awaiting the dealer's confirmation, started through the API as the dealer would. */
async function awaitingDropships(count: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const n = next++;
        const order = await call('POST', '/v1/orders', {
          channelOrderId: `BENCH-CONFIRM-${n}`,
          buyer: { name: 'Bench Buyer', email: 'bench@example.com' },
          shipTo: { name: 'Bench Buyer', line1: '1 Main St', city: 'Boise', region: 'ID', postalCode: '83702' },
          shippingRateName: 'Standard Shipping',
          lines: [{ sku: 'HELMET-MX-M', quantity: 1, unitPrice: 129.95 }],
        });
        ids.push((await call('POST', `/v1/orders/${order.id}/dropships`, { mode: 'manual' })).id);
      }
    }),
  );
  return ids;
}

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  rate: number;
  /** Answers other than 2xx, by status; `timeout`/`error` for none. */
  failures: Map<string, number>;
}

/** Runs autocannon with one request shape per call of `next`; latencies from every response, so p95 is exact. */
async function load(
  baseUrl: string,
  next: () => { method?: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> } | null,
  limit: { seconds: number } | { amount: number },
): Promise<Figures> {
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const fail = (what: string, count = 1) => count && failures.set(what, (failures.get(what) ?? 0) + count);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: CONNECTIONS,
        // A confirm waits for a Temporal Update; the API's own limit (workflowAnswerTimeoutMs) decides, not the client's.
        timeout: 90,
        ...('seconds' in limit ? { duration: limit.seconds } : { amount: limit.amount }),
        requests: [{ setupRequest: (request) => ({ ...request, ...next() }) as autocannon.Request }],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode >= 300) fail(String(statusCode));
    });
  });
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  fail('timeout', result.timeouts);
  fail('error', result.errors - result.timeouts);
  return { p50: p(0.5), p95: p(0.95), p99: p(0.99), requests: latencies.length, rate: latencies.length / result.duration, failures };
}

function print(label: string, figures: Figures, baseline?: Figures) {
  const ms = (value: number) => `${value.toFixed(1).padStart(6)} ms`;
  const ratio = (key: 'p50' | 'p95' | 'p99') => (baseline ? ` (×${(figures[key] / baseline[key]).toFixed(1)})` : '');
  console.log(
    `${label.padEnd(44)} p50 ${ms(figures.p50)}${ratio('p50')}   p95 ${ms(figures.p95)}${ratio('p95')}   p99 ${ms(figures.p99)}${ratio('p99')}   ${figures.rate.toFixed(0)} req/s, ${figures.requests} requests${figures.failures.size ? `; NOT OK: ${[...figures.failures].map(([what, n]) => `${what} ×${n}`).join(', ')}` : ''}`,
  );
}

try {
  const cursorPaths = await pageCursors();
  started = performance.now();
  const confirmIds = await awaitingDropships(CONFIRMS);
  log(`${confirmIds.length} drop-ships awaiting confirmation, started through the API in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  log(`${CONNECTIONS} connections, ${SECONDS} s per measurement; API and baseline in one child process, pools of ${POOL_SIZE}`);

  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
  // Warm both servers (JIT, pools, plans) before measuring.
  await load(baselineUrl, () => ({ path: `/baseline?dealerId=${dealer.dealerId}&poNumber=${randomPoNumber()}` }), { seconds: 2 });
  await load(apiUrl, () => ({ path: `/v1/purchase-orders?poNumber=${randomPoNumber()}`, headers }), { seconds: 2 });

  const baseline = await load(baselineUrl, () => ({ path: `/baseline?dealerId=${dealer.dealerId}&poNumber=${randomPoNumber()}` }), { seconds: SECONDS });
  const byNumber = await load(apiUrl, () => ({ path: `/v1/purchase-orders?poNumber=${randomPoNumber()}`, headers }), { seconds: SECONDS });
  const byFilter = await load(apiUrl, () => ({ path: pick(cursorPaths), headers }), { seconds: SECONDS });
  let nextConfirm = 0;
  const confirm = await load(
    apiUrl,
    () => ({
      method: 'POST',
      path: `/v1/dropships/${confirmIds[nextConfirm++ % confirmIds.length]}/confirm`,
      headers,
      body: JSON.stringify({ acknowledged: true }),
    }),
    { amount: confirmIds.length },
  );

  console.log(`\nFigures over ${POS.toLocaleString('en-US')} POs (ratios to the baseline's same percentile):`);
  print('baseline: bare Fastify, one indexed query', baseline);
  print('PO search by PO number', byNumber, baseline);
  print('PO search by distributor + shipped, cursor', byFilter, baseline);
  print('confirm (Temporal Update)', confirm, baseline);
  const worstSearchP95 = Math.max(byNumber.p95, byFilter.p95);
  console.log(
    `aims: search p95 < 20 ms → ${worstSearchP95.toFixed(1)} ms ${worstSearchP95 < 20 ? 'met' : 'MISSED'}; search ratio ≤ 3 → p95 ×${(worstSearchP95 / baseline.p95).toFixed(1)} ${worstSearchP95 / baseline.p95 <= 3 ? 'met' : 'MISSED'}`,
  );
} finally {
  server.disconnect();
  await new Promise((resolve) => server.once('exit', resolve));
  workers.shutdown();
  await running;
  await Promise.all([wps.close(), resend.close()]);
  await database.close();
  await postgres.stop();
  await temporal.stop();
}
