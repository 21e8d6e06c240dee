import { DefaultLogger } from '@temporalio/worker';
import { MockActivityEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { catalogFeedActivities, type FeedImportSummary } from '../activities/catalog-feed.js';
import { createDb } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { dealers } from '../db/schema/index.js';
import { DISTRIBUTOR_PLUGINS } from '../distributors/registry.js';
import { freePort } from '../runtime/ports.js';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../runtime/postgres.js';

/**
 * `npm run bench:feed`: a generated feed of BENCH_ROWS rows (default 1,000,000) in the WPS layout,
 * imported by the real activity (stream → csv-parse → validate → batched upsert) into fresh catalog
 * tables, against raw COPY of the same file into the same tables on the same server in the same run.
 * Prints rows/s both ways, the ratio and the process's peak RSS while importing.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DEALER = 'bench';
const mapping = DISTRIBUTOR_PLUGINS.wps.feedMapping!;
const warehouses = Object.entries(mapping.warehouseQuantities);

const dir = await mkdtemp(path.join(tmpdir(), 'dropline-bench-feed-'));
const file = path.join(dir, 'wps.csv');
const dataDir = path.resolve('.data', 'bench-feed-postgres');
await rm(dataDir, { recursive: true, force: true });
const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort() });
await ensureDatabase(postgres.serverUrl, 'bench');
const databaseUrl = withDatabase(postgres.serverUrl, 'bench');
await migrateDatabase(databaseUrl);
const database = createDb(databaseUrl, { max: 4 });
const { db } = database;
await db.insert(dealers).values({ id: DEALER, name: 'Bench Powersports' });

/** A deterministic file: quoted descriptions with commas, most items out of stock at most warehouses, as in real feeds. */
async function generateFeed(): Promise<void> {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const out = createWriteStream(file);
  const header = [
    mapping.distributorSku,
    mapping.description,
    mapping.cost,
    ...warehouses.map(([, column]) => column),
    mapping.leadTimeDays,
    mapping.manufacturerPartNumber,
    mapping.brand,
  ];
  out.write(`${header.join(',')}\n`);
  for (let i = 0; i < ROWS; i++) {
    const stock = warehouses.map(() => (random() < 0.6 ? 0 : Math.floor(random() * 40)));
    const line = `${String(10 + (i % 90)).padStart(2, '0')}-${String(i).padStart(7, '0')},"Part ${i}, assorted",${(1 + random() * 300).toFixed(2)},${stock.join(',')},${Math.floor(random() * 4)},MFR-${i},Brand ${i % 400}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Samples RSS every 20 ms while `work` runs: the peak over the first and the second half of the run shows whether it grows. */
async function measure<T>(work: () => Promise<T>) {
  const samples: Array<{ at: number; rss: number }> = [];
  const startRss = process.memoryUsage().rss;
  const started = performance.now();
  const sampler = setInterval(() => samples.push({ at: performance.now(), rss: process.memoryUsage().rss }), 20);
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    const middle = started + (seconds * 1000) / 2;
    const peak = (list: typeof samples) => Math.max(startRss, ...list.map((s) => s.rss));
    return {
      result,
      seconds,
      startRss,
      peakFirstHalf: peak(samples.filter((s) => s.at < middle)),
      peakSecondHalf: peak(samples.filter((s) => s.at >= middle)),
    };
  } finally {
    clearInterval(sampler);
  }
}

async function freshTables() {
  await db.execute(sql`truncate catalog_items, inventory`);
  await db.execute(sql`vacuum analyze catalog_items`);
  await db.execute(sql`vacuum analyze inventory`);
}

const activities = catalogFeedActivities({
  db,
  openCatalogFeed: async () => {
    const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
    return { stream, close: async () => void stream.destroy() };
  },
});
const importFeed = (): Promise<FeedImportSummary> =>
  new MockActivityEnvironment({}, { logger: new DefaultLogger('WARN') }).run(activities.importCatalogFeed, {
    importId: randomUUID(),
    dealerId: DEALER,
    distributor: 'wps' as const,
  });

/**
 * The database doing all the work itself: the file's bytes COPYed unparsed into a table shaped like
 * the file, then set-based INSERTs into the same catalog tables. No validation, no bad-row report,
 * no upsert: the floor for getting this file into these tables.
 */
async function copyFeed() {
  const client = database.sql;
  await client`drop table if exists feed_copy`;
  await client.unsafe(
    `create table feed_copy (part_number text, description text, dealer_price numeric, ${warehouses.map(([code]) => `qty_${code} int`).join(', ')}, lead_time_days int, vendor_part_number text, brand text)`,
  );
  const copyStarted = performance.now();
  await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), await client`copy feed_copy from stdin (format csv, header true)`.writable());
  const copySeconds = (performance.now() - copyStarted) / 1000;
  await client`
    insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, description, cost_cents, lead_time_days, manufacturer_part_number, brand)
    select ${DEALER}, 'wps', part_number, part_number, description, round(dealer_price * 100), lead_time_days, vendor_part_number, brand from feed_copy`;
  await client.unsafe(`
    insert into inventory (dealer_id, distributor, distributor_sku, warehouse_code, quantity)
    select '${DEALER}', 'wps', part_number, stock.code, stock.quantity from feed_copy
    cross join lateral (values ${warehouses.map(([code]) => `('${code}', qty_${code})`).join(', ')}) as stock(code, quantity)
    where stock.quantity > 0`);
  await client`drop table feed_copy`;
  return { copySeconds };
}

const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;
const rate = (seconds: number) => `${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s`;
const count = async (table: 'catalog_items' | 'inventory') =>
  Number((await db.execute<{ n: string }>(sql`select count(*) as n from ${sql.identifier(table)}`))[0]!.n);

try {
  await generateFeed();
  console.log(`Feed: ${ROWS.toLocaleString('en-US')} rows, ${mb((await stat(file)).size)}, WPS layout (${warehouses.length} warehouses)`);

  await freshTables();
  const pipelineRun = await measure(importFeed);
  if (pipelineRun.result.rowsOk !== ROWS) throw new Error(`pipeline imported ${pipelineRun.result.rowsOk} of ${ROWS} rows`);
  const pipelineRows = { items: await count('catalog_items'), stock: await count('inventory') };
  const reimport = await measure(importFeed);

  await freshTables();
  const copyRun = await measure(copyFeed);
  const copyRows = { items: await count('catalog_items'), stock: await count('inventory') };
  if (copyRows.items !== pipelineRows.items || copyRows.stock !== pipelineRows.stock) {
    throw new Error(`COPY wrote ${JSON.stringify(copyRows)}, the pipeline ${JSON.stringify(pipelineRows)}`);
  }

  console.log(`Both ways: ${pipelineRows.items.toLocaleString('en-US')} catalog items and ${pipelineRows.stock.toLocaleString('en-US')} stock rows`);
  console.log(`feed import (stream → parse → validate → batched upsert) ${rate(pipelineRun.seconds).padStart(16)}  (${pipelineRun.seconds.toFixed(1)} s)`);
  console.log(`raw COPY into the same tables (COPY + INSERT … SELECT)   ${rate(copyRun.seconds).padStart(16)}  (${copyRun.seconds.toFixed(1)} s)`);
  console.log(
    `  of which COPY of the file into a table shaped like it  ${rate(copyRun.result.copySeconds).padStart(16)}  (${copyRun.result.copySeconds.toFixed(1)} s)`,
  );
  console.log(
    `ratio feed import / raw COPY = ${(copyRun.seconds / pipelineRun.seconds).toFixed(2)} (aim ≥ 0.5); against the bare COPY step alone: ${(copyRun.result.copySeconds / pipelineRun.seconds).toFixed(2)}`,
  );
  console.log(
    `peak RSS importing: ${mb(Math.max(pipelineRun.peakFirstHalf, pipelineRun.peakSecondHalf))} (started at ${mb(pipelineRun.startRss)}; peak in the first half ${mb(pipelineRun.peakFirstHalf)}, second half ${mb(pipelineRun.peakSecondHalf)})`,
  );
  console.log(
    `re-import of the same file (nothing changed, no row rewritten) ${rate(reimport.seconds)}  (${reimport.seconds.toFixed(1)} s), peak RSS ${mb(Math.max(reimport.peakFirstHalf, reimport.peakSecondHalf))}`,
  );
} finally {
  await database.close();
  await postgres.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
}
