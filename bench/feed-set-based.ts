import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Sql } from 'postgres';
import { STOCK_PAGE_ITEMS } from '../db/schema/index.js';

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
 * distributor's items and its stock pages (an item on its page only where it has stock, a quantity
 * only where there is stock) stored once, and the dealer's SKU and price in catalog_items. A change to
 * the catalog tables changes these functions.
 */
export async function insertFromStaging(sql: Sql, dealerId: string, distributor: string, warehouseCodes: string[]): Promise<void> {
  await sql`
    insert into distributor_items (distributor, distributor_sku, description, lead_time_days, manufacturer_part_number, brand)
    select ${distributor}, part_number, description, lead_time_days, vendor_part_number, brand from ${sql(STAGING)}`;
  await insertPricesFromStaging(sql, dealerId, distributor);
  // Each page's cells as stock-pages.ts writes them (db/schema/stock-pages.ts has the byte layout),
  // every place of every page holding a stocked item.
  const stocked = warehouseCodes.map((code) => `feed.qty_${code} > 0`).join(' or ');
  await sql.unsafe(
    `
    insert into stock_pages (distributor, page, warehouses, quantities, as_ofs, sources)
    select $1, page, $2::text[], string_agg(quantities, ''::bytea order by place), string_agg(as_of, ''::bytea order by place),
           string_agg('\\x00'::bytea, ''::bytea order by place)
    from (
      select pages.page, place,
             case when ${stocked}
                  then ${warehouseCodes.map((code) => `int4send(case when feed.qty_${code} > 0 then feed.qty_${code} else -1 end)`).join(' || ')}
                  else decode(repeat('ffffffff', ${warehouseCodes.length}), 'hex') end as quantities,
             int8send(case when ${stocked} then (extract(epoch from now()) * 1000)::bigint else 0 end) as as_of
      from (select distinct item.stock_slot / ${STOCK_PAGE_ITEMS} as page
            from ${STAGING} feed join distributor_items item on item.distributor = $1 and item.distributor_sku = feed.part_number
            where ${stocked}) pages
      cross join generate_series(0, ${STOCK_PAGE_ITEMS - 1}) place
      left join distributor_items item on item.distributor = $1 and item.stock_slot = pages.page * ${STOCK_PAGE_ITEMS} + place
      left join ${STAGING} feed on feed.part_number = item.distributor_sku
    ) places
    group by page`,
    [distributor, warehouseCodes],
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
  /** Stock pages rewritten. */
  stock: StatementWrites;
}

/**
 * The database writing as much as the next day's import must, and nothing more: the prices that
 * differ, by UPDATE … FROM the staged file (the import's semantics: db/repositories/catalog-upsert.ts),
 * and the distributor's stock pages that hold a changed quantity, rewritten as they are. Which pages
 * those are is not worked out here: the day's file changes a fifth of the quantities, so every page
 * of STOCK_PAGE_ITEMS items has one. Merging the changed quantities into the pages is the import's work
 * (stock-pages.ts) and is not counted: the floor is the database's cost of the writes alone.
 */
export async function writeChangesFromStaging(sql: Sql, dealerId: string, distributor: string): Promise<ChangesWritten> {
  const prices = await timed(
    () => sql`
      update catalog_items stored set cost_cents = round(feed.dealer_price * 100), updated_at = now()
      from ${sql(STAGING)} feed
      where stored.dealer_id = ${dealerId} and stored.distributor = ${distributor} and stored.distributor_sku = feed.part_number
        and stored.cost_cents <> round(feed.dealer_price * 100)`,
  );
  const stock = await timed(
    () => sql`
      update stock_pages set warehouses = warehouses, quantities = quantities, as_ofs = as_ofs, sources = sources
      where distributor = ${distributor}`,
  );
  return { prices, stock };
}

async function timed(statement: () => Promise<{ count: number }>): Promise<StatementWrites> {
  const started = performance.now();
  const { count } = await statement();
  return { rows: count, seconds: (performance.now() - started) / 1000 };
}
