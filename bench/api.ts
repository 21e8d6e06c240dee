import { Client, Connection } from '@temporalio/client';
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { seedDemoDealer } from '../db/demo-data.js';
import { migrateDatabase } from '../db/migrate.js';
import { DISTRIBUTORS, type DistributorId } from '../domain/distributors.js';
import { DISTRIBUTOR_PLUGINS } from '../distributors/registry.js';
import { createWpsSandbox } from '../distributors/wps/sandbox/index.js';
import { createResendSandbox } from '../sandboxes/resend/index.js';
import { freePort } from '../runtime/ports.js';
import { stopChildren } from '../runtime/child-processes.js';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../runtime/postgres.js';
import { createCredentialsCipher } from '../security/credentials-cipher.js';
import { dataConverter } from '../temporal/data-converter.js';
import { startDevServer } from '../temporal/dev-server.js';
import { sendAccepted } from '../temporal/update-acceptance.js';
import { confirmUpdate } from '../workflows/contracts/dropship.js';
import { searchPurchaseOrders, searchStatement } from '../db/repositories/purchase-orders.js';
import { seededPoNumber, seedPurchaseOrders } from './seed-purchase-orders.js';
import { startWorkerChild } from './worker-child.js';

/**
 * `npm run bench:api`: the dealer API on a real loopback port over BENCH_POS (default 1,000,000)
 * purchase orders across BENCH_DEALERS dealers, under BENCH_CONNECTIONS concurrent connections for
 * BENCH_SECONDS each: PO search by number, PO search by distributor + shipped with a cursor, and
 * confirm of BENCH_CONFIRMS drop-ships awaiting confirmation (a Temporal Update each, answered 202
 * once accepted), against a bare Fastify route doing one indexed query on the same table in the same
 * run. Prints p50/p95/p99 and each as a ratio to the baseline's; for the filtered page also the search
 * alone and the search behind a bare route, and its plan under EXPLAIN ANALYZE; for the confirm also
 * one with the worker idle and the bare Update's acceptance from here, which is the confirm's floor.
 */
const POS = Number(process.env.BENCH_POS ?? 1_000_000);
const DEALERS = Number(process.env.BENCH_DEALERS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONFIRMS = Number(process.env.BENCH_CONFIRMS ?? 300);
const POOL_SIZE = 10;
const config = loadConfig({ DROPLINE_ENV: 'test' });
const log = (line: string) => console.log(`[bench:api] ${line}`);

const temporal = await startDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH });
const temporalConnection = await Connection.connect({ address: temporal.address });
const temporalClient = new Client({ connection: temporalConnection, dataConverter: dataConverter(config.payloadKeys) });
const logDir = path.resolve('.data', 'bench-api');
const dataDir = path.join(logDir, 'postgres');
await rm(logDir, { recursive: true, force: true });
await mkdir(logDir, { recursive: true });
const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort() });
await ensureDatabase(postgres.serverUrl, 'bench');
const databaseUrl = withDatabase(postgres.serverUrl, 'bench');
await migrateDatabase(databaseUrl);
const database = createDb(databaseUrl, { max: POOL_SIZE });
const cipher = createCredentialsCipher(config.credentialKeys);
const wps = createWpsSandbox({ shipOnSubmit: true });
const resend = createResendSandbox();
const [wpsUrl, resendUrl] = await Promise.all([wps.listen(), resend.listen()]);

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
// The worker in a process of its own, as in production: hosted here, its activities would hold up
// autocannon's event loop and be counted as the API's latency.
const worker = await startWorkerChild(
  {
    ...process.env,
    DROPLINE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    ...Object.fromEntries(Object.values(DISTRIBUTOR_PLUGINS).map((plugin) => [plugin.endpoint.env, wpsUrl])),
    RESEND_BASE_URL: resendUrl,
    // The API's overhead is measured here, not the distributors' quotas.
    DISTRIBUTOR_RATE_LIMITS: DISTRIBUTORS.map((d) => `${d}=1000`).join(','),
    LOG_LEVEL: 'warn',
  },
  path.join(logDir, 'worker.log'),
);

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

interface FilteredPage {
  distributor: DistributorId;
  shipped: boolean;
  cursor: string | null;
}
const pagePath = (p: FilteredPage) => `/v1/purchase-orders?distributor=${p.distributor}&shipped=${p.shipped}&limit=50${p.cursor ? `&cursor=${p.cursor}` : ''}`;

/** Pages a dealer paging through the list would ask for: the first 20 of each filter. */
async function pageCursors(): Promise<FilteredPage[]> {
  const pages: FilteredPage[] = [];
  const filters: Array<[DistributorId, boolean]> = [
    ['wps', true],
    ['wps', false],
    ['tucker_rocky', true],
  ];
  for (const [distributor, shipped] of filters) {
    let cursor: string | null = null;
    for (let n = 0; n < 20; n++) {
      const filtered: FilteredPage = { distributor, shipped, cursor };
      pages.push(filtered);
      cursor = (await call('GET', pagePath(filtered))).nextCursor;
      if (!cursor) break;
    }
  }
  return pages;
}

/** The filtered page's statement under EXPLAIN ANALYZE: its plan's total and where the rows come from. */
async function explainFiltered(filtered: FilteredPage): Promise<string[]> {
  const { text, params } = searchStatement(database.db, dealer.dealerId, {
    distributor: filtered.distributor,
    shipped: filtered.shipped,
    after: filtered.cursor ?? undefined,
    limit: 51,
  });
  const plan = await database.sql.unsafe(`explain (analyze, buffers) ${text}`, params as never[]);
  return plan.map((row) => String(row['QUERY PLAN']));
}

/** The search alone, in this process with a pool of the same size: no HTTP, no key check, no serialisation. */
async function queryAlone(pages: FilteredPage[], seconds: number, connections = CONNECTIONS): Promise<Figures> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const filtered = pick(pages);
        const started = performance.now();
        await searchPurchaseOrders(database.db, dealer.dealerId, {
          distributor: filtered.distributor,
          shipped: filtered.shipped,
          after: filtered.cursor ?? undefined,
          limit: 51,
        });
        latencies.push(performance.now() - started);
      }
    }),
  );
  return figures(latencies, seconds, new Map());
}

/** Drop-ships awaiting the dealer's confirmation, started through the API as the dealer would. */
async function awaitingDropships(count: number): Promise<Array<{ id: string; workflowId: string }>> {
  const ids: Array<{ id: string; workflowId: string }> = [];
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
        const { id, workflowId } = await call('POST', `/v1/orders/${order.id}/dropships`, { mode: 'manual' });
        ids.push({ id, workflowId });
      }
    }),
  );
  return ids;
}

/**
 * Confirms one at a time, each once the worker has nothing left to do (the previous drop-ship's POs
 * placed): through the API, or as the bare Update sent from this process.
 */
async function confirmWhenIdle(dropships: Array<{ id: string; workflowId: string }>, throughApi: boolean): Promise<Figures> {
  const latencies: number[] = [];
  const started = performance.now();
  for (const { id, workflowId } of dropships) {
    const began = performance.now();
    if (throughApi) await call('POST', `/v1/dropships/${id}/confirm`, { acknowledged: true });
    else
      await sendAccepted(temporalClient, temporalClient.workflow.getHandle(workflowId), confirmUpdate, {
        acknowledged: true,
        actor: { type: 'system', id: 'bench' },
      });
    latencies.push(performance.now() - began);
    await waitUntilPlaced(id);
  }
  return figures(latencies, (performance.now() - started) / 1000, new Map());
}

async function waitUntilPlaced(dropshipId: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if ((await call('GET', `/v1/dropships/${dropshipId}`)).purchaseOrders.length > 0) {
      // The PO's own first steps (submission, its first check) settle too.
      await sleep(300);
      return;
    }
    await sleep(50);
  }
  throw new Error(`drop-ship ${dropshipId} was not placed`);
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
  connections = CONNECTIONS,
): Promise<Figures> {
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const fail = (what: string, count = 1) => count && failures.set(what, (failures.get(what) ?? 0) + count);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
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
  fail('timeout', result.timeouts);
  fail('error', result.errors - result.timeouts);
  return figures(latencies, result.duration, failures);
}

function figures(latencies: number[], seconds: number, failures: Map<string, number>): Figures {
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { p50: p(0.5), p95: p(0.95), p99: p(0.99), requests: latencies.length, rate: latencies.length / seconds, failures };
}

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

function print(label: string, figures: Figures, baseline?: Figures) {
  const ms = (value: number) => `${value.toFixed(1).padStart(6)} ms`;
  const ratio = (key: 'p50' | 'p95' | 'p99') => (baseline ? ` (×${(figures[key] / baseline[key]).toFixed(1)})` : '');
  console.log(
    `${label.padEnd(44)} p50 ${ms(figures.p50)}${ratio('p50')}   p95 ${ms(figures.p95)}${ratio('p95')}   p99 ${ms(figures.p99)}${ratio('p99')}   ${figures.rate.toFixed(0)} req/s, ${figures.requests} requests${figures.failures.size ? `; NOT OK: ${[...figures.failures].map(([what, n]) => `${what} ×${n}`).join(', ')}` : ''}`,
  );
}

try {
  const filteredPages = await pageCursors();
  started = performance.now();
  const confirmIds = await awaitingDropships(CONFIRMS);
  log(`${confirmIds.length} drop-ships awaiting confirmation, started through the API in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  log(`${CONNECTIONS} connections, ${SECONDS} s per measurement; API and baseline in one child process, pools of ${POOL_SIZE}`);

  // Warm both servers (JIT, pools, plans) before measuring.
  await load(baselineUrl, () => ({ path: `/baseline?dealerId=${dealer.dealerId}&poNumber=${randomPoNumber()}` }), { seconds: 2 });
  await load(apiUrl, () => ({ path: `/v1/purchase-orders?poNumber=${randomPoNumber()}`, headers }), { seconds: 2 });

  const baseline = await load(baselineUrl, () => ({ path: `/baseline?dealerId=${dealer.dealerId}&poNumber=${randomPoNumber()}` }), { seconds: SECONDS });
  const byNumber = await load(apiUrl, () => ({ path: `/v1/purchase-orders?poNumber=${randomPoNumber()}`, headers }), { seconds: SECONDS });
  const bareRoute = (p: FilteredPage) =>
    `/baseline/filtered?dealerId=${dealer.dealerId}&distributor=${p.distributor}&shipped=${p.shipped}${p.cursor ? `&cursor=${p.cursor}` : ''}`;
  const byFilter = await load(apiUrl, () => ({ path: pagePath(pick(filteredPages)), headers }), { seconds: SECONDS });
  const filteredBare = await load(baselineUrl, () => ({ path: bareRoute(pick(filteredPages)) }), { seconds: SECONDS });
  const filteredQuery = await queryAlone(filteredPages, SECONDS);
  // One request at a time: what each part costs by itself, apart from queueing for the 2 cores.
  const alone = {
    baseline: await load(baselineUrl, () => ({ path: `/baseline?dealerId=${dealer.dealerId}&poNumber=${randomPoNumber()}` }), { seconds: SECONDS / 2 }, 1),
    query: await queryAlone(filteredPages, SECONDS / 2, 1),
    bare: await load(baselineUrl, () => ({ path: bareRoute(pick(filteredPages)) }), { seconds: SECONDS / 2 }, 1),
    api: await load(apiUrl, () => ({ path: pagePath(pick(filteredPages)), headers }), { seconds: SECONDS / 2 }, 1),
  };
  let nextConfirm = 0;
  const confirmNext = () => ({
    method: 'POST' as const,
    path: `/v1/dropships/${confirmIds[nextConfirm++ % confirmIds.length]!.id}/confirm`,
    headers,
    body: JSON.stringify({ acknowledged: true }),
  });
  const aloneCount = Math.min(30, Math.floor(confirmIds.length / 5));
  const confirmAlone = await load(apiUrl, confirmNext, { amount: aloneCount }, 1);
  // With the worker idle: each confirm waits until the last one's POs are placed, then the same
  // Update sent from here, without the API, is what Temporal's acceptance costs by itself.
  const idle = { api: await confirmWhenIdle(confirmIds.splice(aloneCount, 20), true), update: await confirmWhenIdle(confirmIds.splice(aloneCount, 20), false) };
  const confirm = await load(apiUrl, confirmNext, { amount: confirmIds.length - nextConfirm });

  console.log(`\nFigures over ${POS.toLocaleString('en-US')} POs (ratios to the baseline's same percentile):`);
  print('baseline: bare Fastify, one indexed query', baseline);
  print('PO search by PO number', byNumber, baseline);
  print('PO search by distributor + shipped, cursor', byFilter, baseline);
  print('  of which: the search alone (in process)', filteredQuery, baseline);
  print('  of which: search + presenter, bare route', filteredBare, baseline);
  print(`confirm (202 once accepted), ${CONNECTIONS} at a time`, confirm, baseline);
  console.log('\nOne request at a time:');
  print('baseline: bare Fastify, one indexed query', alone.baseline);
  print('filtered page: the search alone', alone.query, alone.baseline);
  print('filtered page: search + presenter, bare route', alone.bare, alone.baseline);
  print('filtered page: the API', alone.api, alone.baseline);
  print('confirm (202 once accepted)', confirmAlone, alone.baseline);
  print('confirm, the worker idle', idle.api, alone.baseline);
  print('  of which: the Update accepted (no API)', idle.update, alone.baseline);
  const worstSearchP95 = Math.max(byNumber.p95, byFilter.p95);
  console.log(
    `aims: search p95 < 20 ms → ${worstSearchP95.toFixed(1)} ms ${worstSearchP95 < 20 ? 'met' : 'MISSED'}; search ratio ≤ 3 → p95 ×${(worstSearchP95 / baseline.p95).toFixed(1)} ${worstSearchP95 / baseline.p95 <= 3 ? 'met' : 'MISSED'}; confirm p99 ≤ 3× the bare route's → ×${(confirm.p99 / baseline.p99).toFixed(1)} ${confirm.p99 / baseline.p99 <= 3 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `filtered page alone, p50 ${alone.api.p50.toFixed(1)} ms = search ${alone.query.p50.toFixed(1)} ms + presenting and HTTP ${(alone.bare.p50 - alone.query.p50).toFixed(1)} ms + the API's key check, hooks and response schema ${(alone.api.p50 - alone.bare.p50).toFixed(1)} ms`,
  );
  for (const filtered of [filteredPages[0]!, filteredPages.find((p) => !p.shipped && p.cursor)!]) {
    const plan = await explainFiltered(filtered);
    console.log(
      `\nEXPLAIN ANALYZE, ${pagePath(filtered)}:\n  ${plan
        .filter((line) => !line.trim().startsWith('Buffers'))
        .slice(0, 14)
        .join('\n  ')}\n  …\n  ${plan.slice(-2).join('\n  ')}`,
    );
  }
} finally {
  server.disconnect();
  await new Promise((resolve) => server.once('exit', resolve));
  await stopChildren([worker]);
  await temporalConnection.close();
  await Promise.all([wps.close(), resend.close()]);
  await database.close();
  await postgres.stop();
  await temporal.stop();
}
