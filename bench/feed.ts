import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { createDb, type Db } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { dealers } from '../db/schema/index.js';
import { freePort } from '../runtime/ports.js';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../runtime/postgres.js';
import { loadBaseline, machine, printAims, saveBaseline, type FeedBenchFigures, type StepFigures } from './feed-aims.js';
import { wpsFeedMapping, writeFeedFile, type FeedVariant } from './feed-file.js';
import { importInChild } from './feed-import-child.js';
import {
  copyIntoStaging,
  dropStaging,
  insertFromStaging,
  insertPricesFromStaging,
  mergePricesFromStaging,
  STAGING,
  writeChangesFromStaging,
  type StatementWrites,
} from './feed-set-based.js';
import { rowCounts, settledSnapshot, stockTables, tableSizes, writesBetween, type WritesDelta } from './feed-stats.js';

/**
 * `npm run bench:feed`: generated WPS-layout feeds through the real import activity (stream →
 * CSV parse → validate → write), on one embedded Postgres, against the bare COPY of the same file.
 *
 * One dealer, BENCH_ROWS rows: the bare COPY, the set-based path (COPY + INSERT … SELECT), the first
 * import, the re-import of the unchanged file and of the next day's file (5 % of prices and 20 % of
 * quantities changed), then a second dealer's first import and next day with prices of their own
 * (the same items and stock, imported by the first dealer already). Then BENCH_DEALERS_MULTI dealers import the same BENCH_MULTI_ROWS-row file with
 * their own prices, one after another; with BENCH_BASELINE_DEALERS, only that many are imported and the rest scaled
 * linearly, which holds only while each dealer's import is independent of the others' (the per-dealer
 * design). What was written is read from Postgres's statistics, not from the catalog's table names, so
 * the bench measures a reshaped catalog unchanged; only feed-set-based.ts names tables.
 *
 * Two aims may ask for more than any import writing these tables can do on the machine, so the run
 * also measures the database's own floor for them, set-based from a bare COPY: writing only what the
 * next day's file changed, and a further dealer's prices once the items and stock are stored
 * (feed-aims.ts prints them beside the aims).
 */
const envInt = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  return value;
};
const ROWS = envInt('BENCH_ROWS', 1_000_000);
const MULTI_ROWS = envInt('BENCH_MULTI_ROWS', 200_000);
const DEALERS = envInt('BENCH_DEALERS_MULTI', 50);
// Today's design takes about half a minute per dealer at 200,000 rows: its baseline is taken with BENCH_BASELINE_DEALERS=10.
const MEASURED_DEALERS = Math.min(DEALERS, envInt('BENCH_BASELINE_DEALERS', DEALERS));
const COPY_REPEATS = 3;
const NEXT_DAY: FeedVariant = { dealer: 0, changedPrices: 0.05, changedQuantities: 0.2 };
const DISTRIBUTOR = 'wps' as const;
const IMPORT_POOL = 4;
/** Dealers whose prices are inserted set-based after the multi-dealer run, for its floor (not counted in it). */
const PRICE_FLOOR_DEALERS = 3;

const mapping = wpsFeedMapping();
const warehouseCodes = Object.keys(mapping.warehouseQuantities);

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const mb = (bytes: number) => `${n(bytes / 1_048_576)} MB`;
const perSecond = (rows: number, seconds: number) => rows / seconds;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const secondsSince = (started: number) => (performance.now() - started) / 1000;
const writtenIn = (writes: WritesDelta, tables: Iterable<string>) =>
  [...tables].reduce((sum, table) => {
    const t = writes.tables.get(table);
    return sum + (t ? t.inserted + t.updated + t.deleted : 0);
  }, 0);

const dir = await mkdtemp(path.join(tmpdir(), 'dropline-bench-feed-'));
const dataDir = path.resolve('.data', 'bench-feed-postgres');
await rm(dataDir, { recursive: true, force: true });
const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
const admin = postgres(server.serverUrl, { max: 1, onnotice: () => {} });

/** Each phase gets a database of its own on the one server: fresh tables without naming them to truncate. */
async function freshDatabase(name: string) {
  await admin`drop database if exists ${admin(name)}`;
  await ensureDatabase(server.serverUrl, name);
  const url = withDatabase(server.serverUrl, name);
  await migrateDatabase(url);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  return {
    url,
    sql,
    async drop() {
      await sql.end();
      await admin`drop database ${admin(name)}`;
    },
  };
}

/** A pool for one step, closed after it: its backends then report their statistics as they exit. */
async function withPool<T>(url: string, work: (db: Db) => Promise<T>): Promise<T> {
  const database = createDb(url, { max: IMPORT_POOL });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

function printWrites(writes: WritesDelta, sizes: Map<string, number>, scale = 1) {
  for (const [table, t] of writes.tables) {
    const size = sizes.get(table);
    console.log(
      `      ${table.padEnd(22)} ${n(t.inserted * scale).padStart(12)} ins ${n(t.updated * scale).padStart(12)} upd ${t.updated > 0 ? `(${n(t.hotUpdated * scale)} HOT) ` : ''}${n(t.deleted * scale).padStart(12)} del${size === undefined ? '' : `   ${mb(size * scale).padStart(8)} on disk`}`,
    );
  }
}

interface ImportStep {
  label: string;
  seconds: number;
  peakRss: number;
  writes: WritesDelta;
  sizes: Map<string, number>;
}

function printStep(step: ImportStep, rows: number, bareCopyRate: number, today: StepFigures | undefined): StepFigures {
  const rate = perSecond(rows, step.seconds);
  console.log(
    `  ${step.label.padEnd(44)} ${n(rate).padStart(10)} rows/s ${step.seconds.toFixed(1).padStart(7)} s  ${(rate / bareCopyRate).toFixed(3)} of bare COPY  ${n(step.writes.total).padStart(11)} rows written  ${mb(step.writes.walBytes).padStart(7)} WAL  peak RSS ${mb(step.peakRss)}${today ? `  (today ${n(today.rowsPerSecond)} rows/s, ${today.ofBareCopy.toFixed(3)} of bare COPY)` : ''}`,
  );
  printWrites(step.writes, step.sizes);
  return { rowsPerSecond: rate, ofBareCopy: rate / bareCopyRate, rowsWritten: step.writes.total };
}

const saving = process.env.BENCH_SAVE_BASELINE === '1';
/** What an import's process holds before it reads a row (Node, tsx, the Postgres client, the import's modules). */
let modulesRss = 0;
/** Each import's time outside the import itself: its process starting, loading its modules, exiting. */
const processStarts: number[] = [];
/** Today's figures beside this run's, unless this run is to become them. */
const baseline = saving ? null : await loadBaseline();

try {
  const baseFile = path.join(dir, 'wps.csv');
  const nextDayFile = path.join(dir, 'wps-next-day.csv');
  const secondFile = path.join(dir, 'wps-second-dealer.csv');
  const secondNextDayFile = path.join(dir, 'wps-second-dealer-next-day.csv');
  const base = await writeFeedFile(baseFile, mapping, ROWS, { dealer: 0 });
  const nextDay = await writeFeedFile(nextDayFile, mapping, ROWS, NEXT_DAY);
  await writeFeedFile(secondFile, mapping, ROWS, { dealer: 1 });
  await writeFeedFile(secondNextDayFile, mapping, ROWS, { ...NEXT_DAY, dealer: 1 });
  console.log(`Feed: ${n(ROWS)} rows, ${mb(base.bytes)}, WPS layout (${warehouseCodes.length} warehouses), one embedded Postgres for the whole run`);
  console.log(
    `Next day's file: ${n(nextDay.pricesChanged)} prices (${((100 * nextDay.pricesChanged) / ROWS).toFixed(1)} %) and ${n(nextDay.quantitiesChanged)} of ${n(ROWS * warehouseCodes.length)} (item, warehouse) quantities (${((100 * nextDay.quantitiesChanged) / (ROWS * warehouseCodes.length)).toFixed(1)} %) changed`,
  );

  // The floor and the set-based path, in a database of their own.
  const setBasedDb = await freshDatabase('bench_set_based');
  const copySeconds: number[] = [];
  for (let i = 0; i < COPY_REPEATS; i++) copySeconds.push(await copyIntoStaging(setBasedDb.sql, baseFile, warehouseCodes));
  await dropStaging(setBasedDb.sql);
  const bareCopySeconds = median(copySeconds);
  const bareCopyRate = perSecond(ROWS, bareCopySeconds);
  await setBasedDb.sql`insert into dealers (id, name) values ('bench', 'Bench Powersports')`;
  let before = await settledSnapshot(setBasedDb.sql);
  const setBasedStarted = performance.now();
  await copyIntoStaging(setBasedDb.sql, baseFile, warehouseCodes);
  await insertFromStaging(setBasedDb.sql, 'bench', DISTRIBUTOR, warehouseCodes).catch((error: unknown) => {
    throw new Error('insertFromStaging() (bench/feed-set-based.ts) failed: it names the catalog tables, and must follow them when they change', {
      cause: error,
    });
  });
  const setBased = { seconds: secondsSince(setBasedStarted) };
  const setBasedWrites = await writesBetween(setBasedDb.sql, before, await settledSnapshot(setBasedDb.sql));
  await dropStaging(setBasedDb.sql);
  const catalogTables = [...setBasedWrites.tables.keys()].filter((table) => table !== STAGING);
  const setBasedCounts = await rowCounts(setBasedDb.sql, catalogTables);
  const setBasedSizes = await tableSizes(setBasedDb.sql, catalogTables);

  // The next day's floor: its file staged by a bare COPY (not timed), then only what changed written, set-based.
  const nextDayCopySeconds = await copyIntoStaging(setBasedDb.sql, nextDayFile, warehouseCodes);
  await mergePricesFromStaging(setBasedDb.sql, 'bench', DISTRIBUTOR);
  // Tidied up untimed, as before each import step.
  await setBasedDb.sql`vacuum analyze`;
  before = await settledSnapshot(setBasedDb.sql);
  const floorStarted = performance.now();
  const floorChanges = await writeChangesFromStaging(setBasedDb.sql, 'bench', DISTRIBUTOR);
  const nextDayFloorSeconds = secondsSince(floorStarted);
  const nextDayFloorWrites = await writesBetween(setBasedDb.sql, before, await settledSnapshot(setBasedDb.sql));
  const nextDayFloorSizes = await tableSizes(setBasedDb.sql, nextDayFloorWrites.tables.keys());
  await setBasedDb.drop();
  const setBasedRate = perSecond(ROWS, setBased.seconds);

  console.log(`\nOne dealer, ${n(ROWS)} rows`);
  console.log(
    `  ${'bare COPY of the file (median of 3)'.padEnd(44)} ${n(bareCopyRate).padStart(10)} rows/s ${bareCopySeconds.toFixed(1).padStart(7)} s  1.000 of bare COPY`,
  );
  console.log(
    `  ${'set-based: COPY + INSERT … SELECT'.padEnd(44)} ${n(setBasedRate).padStart(10)} rows/s ${setBased.seconds.toFixed(1).padStart(7)} s  ${(setBasedRate / bareCopyRate).toFixed(3)} of bare COPY  ${n(setBasedWrites.total).padStart(11)} rows written  ${mb(setBasedWrites.walBytes).padStart(7)} WAL`,
  );
  printWrites(setBasedWrites, setBasedSizes);

  // The real import: first, the same file again, the next day's file.
  const importDb = await freshDatabase('bench_import');
  await importDb.sql`insert into dealers (id, name) values ('bench', 'Bench Powersports'), ('bench-2', 'Second Bench Powersports')`;
  const steps: ImportStep[] = [];
  // With them, a second dealer of the distributor, their own prices, each day after the first
  // dealer: the daily lot of every dealer but the first to import the distributor's file (not among
  // the aims, but counted in the peak RSS).
  for (const [label, dealerId, file] of [
    ['first import', 'bench', baseFile],
    ['re-import, unchanged file', 'bench', baseFile],
    ['second dealer, first import', 'bench-2', secondFile],
    ['re-import, 5 % prices + 20 % quantities', 'bench', nextDayFile],
    ['second dealer, next day, after the first', 'bench-2', secondNextDayFile],
  ] as const) {
    // A day apart, autovacuum would have tidied up after the last import; here it is done untimed.
    await importDb.sql`vacuum analyze`;
    before = await settledSnapshot(importDb.sql);
    const run = await importInChild(importDb.url, dealerId, file);
    if (run.result.rowsOk !== ROWS) throw new Error(`${label}: imported ${run.result.rowsOk} of ${ROWS} rows`);
    const writes = await writesBetween(importDb.sql, before, await settledSnapshot(importDb.sql));
    // The first import's: its process holds no memory read back yet.
    if (steps.length === 0) modulesRss = run.modulesRss;
    processStarts.push(run.wallSeconds - run.seconds);
    steps.push({ label, seconds: run.seconds, peakRss: run.peakRss, writes, sizes: await tableSizes(importDb.sql, writes.tables.keys()) });
    if (steps.length === 1) {
      // The set-based path must fill the tables the import fills (those left holding rows by the
      // thousand: not the summary row, not an emptied staging table) alike, or the comparison means nothing.
      const counts = await rowCounts(importDb.sql, writes.tables.keys());
      const filled = [...counts].filter(([, count]) => count >= ROWS / 2).map(([table]) => table);
      const tables = [...new Set([...filled, ...catalogTables])];
      if (tables.some((table) => counts.get(table) !== setBasedCounts.get(table)))
        throw new Error(
          `The set-based path and the import filled the catalog differently (set-based vs import): ${tables.map((t) => `${t} ${setBasedCounts.get(t) ?? 'untouched'} vs ${counts.get(t) ?? 'untouched'}`).join(', ')}; insertFromStaging() (bench/feed-set-based.ts) must write what the import writes`,
        );
    }
  }
  const todays = [baseline?.first, baseline?.unchanged, baseline?.changed];
  const [firstStep, unchangedStep, secondFirstStep, changedStep, secondNextDayStep] = steps as [ImportStep, ImportStep, ImportStep, ImportStep, ImportStep];
  const [first, unchanged, changed] = [firstStep, unchangedStep, changedStep].map((step, i) => printStep(step, ROWS, bareCopyRate, todays[i])) as [
    StepFigures,
    StepFigures,
    StepFigures,
  ];

  const nextDayFloorRate = perSecond(ROWS, nextDayFloorSeconds);
  const nextDayFloor: StepFigures = { rowsPerSecond: nextDayFloorRate, ofBareCopy: nextDayFloorRate / bareCopyRate, rowsWritten: nextDayFloorWrites.total };
  const fileChanged = nextDay.pricesChanged + nextDay.quantitiesChanged;
  const floorStatements = Object.values(floorChanges).reduce((sum, statement) => sum + statement.rows, 0);
  const statement = (label: string, { rows, seconds }: StatementWrites) => `${n(rows)} ${label} in ${seconds.toFixed(2)} s`;
  console.log(
    `  set-based floor for the next day's changes: ${nextDayFloorSeconds.toFixed(2)} s (rows written ${n(nextDayFloorWrites.total)})  ${n(nextDayFloorRate)} rows/s  ${nextDayFloor.ofBareCopy.toFixed(3)} of bare COPY  ${mb(nextDayFloorWrites.walBytes)} WAL; the database alone: the price pages holding a changed price written as merged from the file's bare COPY beforehand, every stock page rewritten as it is (the COPY ${nextDayCopySeconds.toFixed(2)} s and the merge not counted)`,
  );
  printWrites(nextDayFloorWrites, nextDayFloorSizes);
  // The floor means something only if it writes what the import writes.
  const importNextDay = writtenIn(changedStep.writes, nextDayFloorWrites.tables.keys());
  const apart = importNextDay / Math.max(1, nextDayFloorWrites.total) - 1;
  console.log(
    `      rows written: floor ${n(nextDayFloorWrites.total)} (by its statements ${n(floorStatements)}: ${statement('price pages', floorChanges.prices)}, ${statement('stock pages', floorChanges.stock)}), the import's next-day step ${n(importNextDay)} in the same tables, (the file changed ${n(fileChanged)} prices and quantities): ${
      Math.abs(apart) <= 0.01
        ? 'the same'
        : `the import wrote ${(100 * Math.abs(apart)).toFixed(1)} % ${apart > 0 ? 'more' : 'fewer'}: writeChangesFromStaging() (bench/feed-set-based.ts) must write what the import writes`
    }`,
  );
  for (const step of [secondFirstStep, secondNextDayStep]) printStep(step, ROWS, bareCopyRate, undefined);
  const singleStock = await rowCounts(importDb.sql, await stockTables(importDb.sql));
  console.log(`  stock rows after both dealers' next day: ${[...singleStock].map(([table, count]) => `${table} ${n(count)}`).join(', ')}`);
  console.log(`  first import / set-based path = ${(first.rowsPerSecond / setBasedRate).toFixed(2)}`);
  await importDb.drop();

  // Many dealers, one file each: the same items and stock, their own prices.
  const multiDb = await freshDatabase('bench_multi');
  const dealerIds = Array.from({ length: MEASURED_DEALERS }, (_, d) => `bench-${String(d + 1).padStart(3, '0')}`);
  await withPool(multiDb.url, (db) => db.insert(dealers).values(dealerIds.map((id) => ({ id, name: `Bench dealer ${id}` }))));
  const dealerFile = path.join(dir, 'wps-dealer.csv');
  const dealerSeconds: number[] = [];
  let multiPeakRss = 0;
  before = await settledSnapshot(multiDb.sql);
  for (const [d, dealerId] of dealerIds.entries()) {
    await writeFeedFile(dealerFile, mapping, MULTI_ROWS, { dealer: d + 1 });
    const run = await importInChild(multiDb.url, dealerId, dealerFile);
    if (run.result.rowsOk !== MULTI_ROWS) throw new Error(`${dealerId}: imported ${run.result.rowsOk} of ${MULTI_ROWS} rows`);
    dealerSeconds.push(run.seconds);
    processStarts.push(run.wallSeconds - run.seconds);
    multiPeakRss = Math.max(multiPeakRss, run.peakRss);
  }
  const multiWrites = await writesBetween(multiDb.sql, before, await settledSnapshot(multiDb.sql));
  const multiSizes = await tableSizes(multiDb.sql, multiWrites.tables.keys());
  const multiStock = await rowCounts(multiDb.sql, await stockTables(multiDb.sql));

  // The floor of the multi-dealer run, once its figures are taken: further dealers' files, each staged
  // by a bare COPY (not timed), their prices inserted set-based beside everyone's (insertPricesFromStaging).
  // Their items and stock are stored already and cost the floor nothing, not even a comparison.
  const floorDealerIds = Array.from({ length: PRICE_FLOOR_DEALERS }, (_, k) => `bench-floor-${k + 1}`);
  await withPool(multiDb.url, (db) => db.insert(dealers).values(floorDealerIds.map((id) => ({ id, name: `Bench floor dealer ${id}` }))));
  const priceFloorSeconds: number[] = [];
  for (const [k, dealerId] of floorDealerIds.entries()) {
    await writeFeedFile(dealerFile, mapping, MULTI_ROWS, { dealer: MEASURED_DEALERS + k + 1 });
    await copyIntoStaging(multiDb.sql, dealerFile, warehouseCodes);
    const started = performance.now();
    await insertPricesFromStaging(multiDb.sql, dealerId, DISTRIBUTOR);
    priceFloorSeconds.push(secondsSince(started));
    const [{ prices } = { prices: 0 }] = await multiDb.sql<
      Array<{ prices: number }>
    >`select count(*)::int as prices from catalog_items where dealer_id = ${dealerId}`;
    if (prices !== MULTI_ROWS) throw new Error(`${dealerId}: the price floor stored ${prices} of ${MULTI_ROWS} prices`);
  }
  await multiDb.drop();

  const scale = DEALERS / MEASURED_DEALERS;
  const measuredSeconds = dealerSeconds.reduce((sum, s) => sum + s, 0);
  const stockRows = [...multiStock.values()].reduce((sum, c) => sum + c, 0);
  const tableBytes = [...multiSizes.values()].reduce((sum, b) => sum + b, 0);
  const scaled = scale === 1 ? '' : ` → ×${scale.toFixed(2)} for ${DEALERS}`;
  console.log(`\n${DEALERS} dealers × the same ${n(MULTI_ROWS)}-row WPS file, each with their own prices (the files differ only in the cost column)`);
  console.log(
    `  imported sequentially, one dealer after another, as the day's schedule runs them; ${
      scale === 1
        ? `all ${DEALERS} measured`
        : `${MEASURED_DEALERS} measured and SCALED LINEARLY to ${DEALERS} (BENCH_BASELINE_DEALERS=${MEASURED_DEALERS}; sound only while dealers' imports are independent, as in the per-dealer design)`
    }`,
  );
  console.log(
    `  per dealer: first ${dealerSeconds[0]!.toFixed(1)} s, median ${median(dealerSeconds).toFixed(1)} s, last ${dealerSeconds.at(-1)!.toFixed(1)} s (file generation between imports not counted); peak RSS ${mb(multiPeakRss)}`,
  );
  const todayMulti =
    baseline &&
    `  (today, for ${baseline.multi.dealers} dealers of ${n(baseline.multi.rowsPerDealer)} rows: ${baseline.multi.seconds.toFixed(1)} s, ${n(baseline.multi.rowsWritten)} rows written, ${n(baseline.multi.stockRows)} stock rows, ${mb(baseline.multi.tableBytes)})`;
  console.log(`  total wall time ${measuredSeconds.toFixed(1)} s${scaled && `${scaled}: ${(measuredSeconds * scale).toFixed(1)} s`}${todayMulti ?? ''}`);
  console.log(
    `  rows written ${n(multiWrites.total)}${scaled && `${scaled}: ${n(multiWrites.total * scale)}`}, WAL ${mb(multiWrites.walBytes)}${scaled && `${scaled}: ${mb(multiWrites.walBytes * scale)}`}`,
  );
  console.log(`  stock rows ${[...multiStock].map(([table, count]) => `${table} ${n(count)}`).join(', ')}${scaled && `${scaled}: ${n(stockRows * scale)}`}`);
  console.log(`  table sizes ${mb(tableBytes)}${scaled && `${scaled}: ${mb(tableBytes * scale)}`}${scale === 1 ? '' : ` (for ${DEALERS}, per table:)`}`);
  printWrites(multiWrites, multiSizes, scale);
  const priceFloorPerDealer = priceFloorSeconds.reduce((sum, s) => sum + s, 0) / priceFloorSeconds.length;
  console.log(
    `  set-based floor for ${DEALERS} dealers' prices: ${(priceFloorPerDealer * DEALERS).toFixed(1)} s (${PRICE_FLOOR_DEALERS} more dealers' ${n(MULTI_ROWS)} prices each inserted set-based from a bare COPY beside everyone's (insertPricesFromStaging): mean ${priceFloorPerDealer.toFixed(2)} s per dealer × ${DEALERS}; not counted above)`,
  );

  const importPeakRss = Math.max(multiPeakRss, ...steps.map((step) => step.peakRss));
  console.log(
    `\nPeak RSS of the imports: ${mb(importPeakRss)}, sampled every 20 ms in each import's process (each runs in one of its own, as the worker runs it; ${mb(modulesRss)} once its modules had loaded; its start and exit took ${median(processStarts).toFixed(2)} s (median), not counted in the import's time)`,
  );

  const figures: FeedBenchFigures = {
    measuredAt: new Date().toISOString(),
    machine: machine(),
    rows: ROWS,
    bareCopyRowsPerSecond: bareCopyRate,
    setBasedRowsPerSecond: setBasedRate,
    first,
    unchanged,
    changed,
    nextDayFloor,
    peakRssBytes: importPeakRss,
    multi: {
      dealers: DEALERS,
      measuredDealers: MEASURED_DEALERS,
      rowsPerDealer: MULTI_ROWS,
      seconds: measuredSeconds * scale,
      rowsWritten: multiWrites.total * scale,
      stockRows: stockRows * scale,
      tableBytes: tableBytes * scale,
      priceFloorSeconds: priceFloorPerDealer * DEALERS,
    },
  };
  printAims(figures, saving ? figures : baseline, saving);
  if (saving) {
    await saveBaseline(figures);
    console.log('\nSaved as bench/feed-baseline.json: later runs judge the aims against today with it.');
  }
} finally {
  await admin.end();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
}
