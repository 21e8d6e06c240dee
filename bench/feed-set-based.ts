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
 * only where there is stock) stored once, and the dealer's prices in their price pages. A change to
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
 * The dealer's price of every staged item, as new price pages (db/schema/dealer-prices.ts has the byte
 * layout): all a dealer new to a distributor whose items and stock are stored already has to write.
 * Returns the pages inserted.
 */
export async function insertPricesFromStaging(sql: Sql, dealerId: string, distributor: string): Promise<number> {
  const inserted = await sql`
    insert into dealer_price_pages (dealer_id, distributor, page, costs, updated_ats)
    select ${dealerId}, ${distributor}, page, string_agg(cost, ''::bytea order by place), string_agg(updated_at, ''::bytea order by place)
    from (
      select pages.page, place, int4send(coalesce(round(feed.dealer_price * 100)::int, -1)) as cost,
             int8send(case when feed.part_number is null then 0 else (extract(epoch from now()) * 1000)::bigint end) as updated_at
      from (select distinct item.stock_slot / ${STOCK_PAGE_ITEMS} as page
            from ${sql(STAGING)} feed join distributor_items item on item.distributor = ${distributor} and item.distributor_sku = feed.part_number) pages
      cross join generate_series(0, ${STOCK_PAGE_ITEMS - 1}) place
      left join distributor_items item on item.distributor = ${distributor} and item.stock_slot = pages.page * ${STOCK_PAGE_ITEMS} + place
      left join ${sql(STAGING)} feed on feed.part_number = item.distributor_sku
    ) places
    group by page`;
  return inserted.count;
}

/** What one statement of the floor wrote, and how long it took. */
export interface StatementWrites {
  rows: number;
  seconds: number;
}

export interface ChangesWritten {
  /** Price pages rewritten. */
  prices: StatementWrites;
  /** Stock pages rewritten. */
  stock: StatementWrites;
}

/**
 * The next day's price pages, merged set-based from the staged file into a table of their own: the
 * dealer's pages that hold a price the file changed, with the new prices. This is the import's
 * merging (dealer-prices.ts), done before the floor's writes and not counted in them.
 */
export async function mergePricesFromStaging(sql: Sql, dealerId: string, distributor: string): Promise<void> {
  await sql`drop table if exists ${sql(MERGED_PRICES)}`;
  await sql`
    create unlogged table ${sql(MERGED_PRICES)} as
    select page, string_agg(case when changed then int4send(cost) else stored_cost end, ''::bytea order by place) as costs,
           string_agg(case when changed then int8send((extract(epoch from now()) * 1000)::bigint) else stored_updated_at end, ''::bytea order by place) as updated_ats
    from (
      select stored.page, place, round(feed.dealer_price * 100)::int as cost,
             substring(stored.costs from 4 * place + 1 for 4) as stored_cost, substring(stored.updated_ats from 8 * place + 1 for 8) as stored_updated_at,
             coalesce(round(feed.dealer_price * 100)::int <> ('x' || encode(substring(stored.costs from 4 * place + 1 for 4), 'hex'))::bit(32)::int, false) as changed
      from dealer_price_pages stored
      cross join generate_series(0, ${STOCK_PAGE_ITEMS - 1}) place
      left join distributor_items item on item.distributor = stored.distributor and item.stock_slot = stored.page * ${STOCK_PAGE_ITEMS} + place
      left join ${sql(STAGING)} feed on feed.part_number = item.distributor_sku
      where stored.dealer_id = ${dealerId} and stored.distributor = ${distributor}
    ) places
    group by page
    having bool_or(changed)`;
}

const MERGED_PRICES = 'merged_price_pages';

/**
 * The database writing as much as the next day's import must, and nothing more: the dealer's price
 * pages that hold a price the file changed, as mergePricesFromStaging left them, and the
 * distributor's stock pages that hold a changed quantity, rewritten as they are. Which stock pages
 * those are is not worked out here: the day's file changes a fifth of the quantities, so every page
 * of STOCK_PAGE_ITEMS items has one. Merging the changes into the pages is the import's work
 * (dealer-prices.ts, stock-pages.ts) and is not counted: the floor is the database's cost of the
 * writes alone.
 */
export async function writeChangesFromStaging(sql: Sql, dealerId: string, distributor: string): Promise<ChangesWritten> {
  const prices = await timed(
    () => sql`
      update dealer_price_pages stored set costs = merged.costs, updated_ats = merged.updated_ats
      from ${sql(MERGED_PRICES)} merged
      where stored.dealer_id = ${dealerId} and stored.distributor = ${distributor} and stored.page = merged.page`,
  );
  const stock = await timed(
    () => sql`
      update stock_pages set warehouses = warehouses, quantities = quantities, as_ofs = as_ofs, sources = sources
      where distributor = ${distributor}`,
  );
  await sql`drop table ${sql(MERGED_PRICES)}`;
  return { prices, stock };
}

async function timed(statement: () => Promise<{ count: number }>): Promise<StatementWrites> {
  const started = performance.now();
  const { count } = await statement();
  return { rows: count, seconds: (performance.now() - started) / 1000 };
}
