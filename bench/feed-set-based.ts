import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Sql } from 'postgres';

/**
 * The database doing all the work itself, for `npm run bench:feed`: the file's bytes COPYed unparsed
 * into a table shaped like the file, then set-based INSERTs into the catalog tables. No validation,
 * no bad-row report, no upsert: the floor for getting this file into the catalog. And the floors of
 * the two jobs an import does most days, which no import on the machine can beat: writing only what the
 * next day's file changed, and a new dealer's prices for items and stock already stored.
 */
export const STAGING = 'feed_copy';

/** The bare COPY: the file into a table shaped like it, nothing else. Returns the seconds the COPY took. */
export async function copyIntoStaging(sql: Sql, file: string, warehouseCodes: string[]): Promise<number> {
  await sql`drop table if exists ${sql(STAGING)}`;
  await sql.unsafe(
    `create table ${STAGING} (part_number text, description text, dealer_price numeric, ${warehouseCodes.map((code) => `qty_${code} int`).join(', ')}, lead_time_days int, vendor_part_number text, brand text)`,
  );
  const started = performance.now();
  await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), await sql`copy ${sql(STAGING)} from stdin (format csv, header true)`.writable());
  return (performance.now() - started) / 1000;
}

export async function dropStaging(sql: Sql): Promise<void> {
  await sql`drop table if exists ${sql(STAGING)}`;
}

/**
 * ───── THE ONE TABLE-SPECIFIC PART OF THE BENCH (from here to the end of the file) ─────
 * From the staging table into the catalog tables, set-based, as the import fills them: the
 * distributor's items and its stock per warehouse (a row only where there is stock) stored once, and
 * the dealer's SKU and price in catalog_items. A change to the catalog tables changes these functions.
 */
export async function insertFromStaging(sql: Sql, dealerId: string, distributor: string, warehouseCodes: string[]): Promise<void> {
  await sql`
    insert into distributor_items (distributor, distributor_sku, description, lead_time_days, manufacturer_part_number, brand)
    select ${distributor}, part_number, description, lead_time_days, vendor_part_number, brand from ${sql(STAGING)}`;
  await insertPricesFromStaging(sql, dealerId, distributor);
  await sql.unsafe(
    `
    insert into distributor_stock (distributor, distributor_sku, warehouse_code, quantity)
    select $1, feed.part_number, seen.code, seen.quantity from ${STAGING} feed ${stockPerWarehouse(warehouseCodes)}
    where seen.quantity > 0`,
    [distributor],
  );
}

/**
 * The dealer's SKU and price of every staged item, as new rows of catalog_items: all a dealer new to
 * a distributor whose items and stock are stored already has to write. Returns the rows inserted.
 */
export async function insertPricesFromStaging(sql: Sql, dealerId: string, distributor: string): Promise<number> {
  const inserted = await sql`
    insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, cost_cents)
    select ${dealerId}, ${distributor}, part_number, part_number, round(dealer_price * 100) from ${sql(STAGING)}`;
  return inserted.count;
}

/** What one statement of the floor wrote, and how long it took. */
export interface StatementWrites {
  rows: number;
  seconds: number;
}

export interface ChangesWritten {
  prices: StatementWrites;
  stockUpdated: StatementWrites;
  stockInserted: StatementWrites;
}

/**
 * The staged file written where it differs from what is stored, and nowhere else, with the import's
 * semantics (db/repositories/catalog-upsert.ts): a price that differs is rewritten; a warehouse's
 * quantity that differs is rewritten with the time it was seen (one that ran out keeps its row at 0),
 * newest wins; a warehouse newly holding stock gets a row. Three statements, each one join of the whole
 * staged file with a catalog table: the database's floor for writing the changes of a day.
 */
export async function writeChangesFromStaging(sql: Sql, dealerId: string, distributor: string, warehouseCodes: string[]): Promise<ChangesWritten> {
  const prices = await timed(
    () => sql`
      update catalog_items stored set cost_cents = round(feed.dealer_price * 100), updated_at = now()
      from ${sql(STAGING)} feed
      where stored.dealer_id = ${dealerId} and stored.distributor = ${distributor} and stored.distributor_sku = feed.part_number
        and stored.cost_cents <> round(feed.dealer_price * 100)`,
  );
  const stockUpdated = await timed(() =>
    sql.unsafe(
      `
      update distributor_stock stored set quantity = seen.quantity, as_of = now(), source = 'feed'
      from ${STAGING} feed ${stockPerWarehouse(warehouseCodes)}
      where stored.distributor = $1 and stored.distributor_sku = feed.part_number and stored.warehouse_code = seen.code
        and stored.quantity <> seen.quantity and stored.as_of <= now()`,
      [distributor],
    ),
  );
  const stockInserted = await timed(() =>
    sql.unsafe(
      `
      insert into distributor_stock (distributor, distributor_sku, warehouse_code, quantity, as_of, source)
      select $1, feed.part_number, seen.code, seen.quantity, now(), 'feed' from ${STAGING} feed ${stockPerWarehouse(warehouseCodes)}
      where seen.quantity > 0
        and not exists (select from distributor_stock stored where stored.distributor = $1 and stored.distributor_sku = feed.part_number and stored.warehouse_code = seen.code)`,
      [distributor],
    ),
  );
  return { prices, stockUpdated, stockInserted };
}

async function timed(statement: () => Promise<{ count: number }>): Promise<StatementWrites> {
  const started = performance.now();
  const { count } = await statement();
  return { rows: count, seconds: (performance.now() - started) / 1000 };
}

/** The staged row's warehouse columns unpivoted, a row per warehouse: seen(code, quantity). */
const stockPerWarehouse = (warehouseCodes: string[]) =>
  `cross join lateral (values ${warehouseCodes.map((code) => `('${code}', feed.qty_${code})`).join(', ')}) as seen(code, quantity)`;
