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
 * distributor's items and its stock pages (an item on its page only where it has stock, a quantity
 * only where there is stock) stored once, and the dealer's SKU and price in catalog_items. A change to
 * the catalog tables changes these functions.
 */
export async function insertFromStaging(sql: Sql, dealerId: string, distributor: string, warehouseCodes: string[]): Promise<void> {
  await sql`
    insert into distributor_items (distributor, distributor_sku, description, lead_time_days, manufacturer_part_number, brand)
    select ${distributor}, part_number, description, lead_time_days, vendor_part_number, brand from ${sql(STAGING)}`;
  await insertPricesFromStaging(sql, dealerId, distributor);
  await sql.unsafe(
    `
    insert into stock_pages (distributor, page, skus, warehouses, quantities, as_ofs, sources)
    select $1, item.stock_page, array_agg(feed.part_number order by feed.part_number), $2::text[],
           array(select unnest(array_agg(array[${warehouseCodes.map((code) => `nullif(feed.qty_${code}, 0)`).join(', ')}] order by feed.part_number))),
           array_agg(extract(epoch from now()) * 1000), array_agg('feed'::text)
    from ${STAGING} feed
    join distributor_items item on item.distributor = $1 and item.distributor_sku = feed.part_number
    where ${warehouseCodes.map((code) => `feed.qty_${code} > 0`).join(' or ')}
    group by item.stock_page`,
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
  /** Stock pages rewritten; `quantities`: the quantities they changed or added. */
  stock: StatementWrites & { quantities: number };
}

/**
 * The staged file written where it differs from what is stored, and nowhere else, with the import's
 * semantics (db/repositories/catalog-upsert.ts, stock-pages.ts): a price that differs is rewritten;
 * a page is rewritten where any of its items' quantities differs, the item stamped with the time it
 * was seen (a warehouse that ran out keeps its quantity at 0), and an item newly stocked joins its
 * page. Two statements, each one join of the whole staged file with a catalog table: the database's
 * floor for writing the changes of a day. (Stock pages hold the feed's warehouses in its order, as
 * insertFromStaging and a first import of the file leave them.)
 */
export async function writeChangesFromStaging(sql: Sql, dealerId: string, distributor: string, warehouseCodes: string[]): Promise<ChangesWritten> {
  const prices = await timed(
    () => sql`
      update catalog_items stored set cost_cents = round(feed.dealer_price * 100), updated_at = now()
      from ${sql(STAGING)} feed
      where stored.dealer_id = ${dealerId} and stored.distributor = ${distributor} and stored.distributor_sku = feed.part_number
        and stored.cost_cents <> round(feed.dealer_price * 100)`,
  );
  const width = warehouseCodes.length;
  let quantities = 0;
  const stock = await timed(async () => {
    const [written] = await sql.unsafe<Array<{ quantities: number; pages: number }>>(
      `
      with stored as (
        select page.page, item.sku, item.n, page.as_ofs[item.n] as as_of, page.sources[item.n] as source,
               page.quantities[(item.n - 1) * ${width} + 1 : item.n * ${width}] as had
        from stock_pages page cross join lateral unnest(page.skus) with ordinality as item(sku, n)
        where page.distributor = $1
      ), seen as (
        select item.stock_page as page, feed.part_number as sku, array[${warehouseCodes.map((code) => `feed.qty_${code}`).join(', ')}] as quantities
        from ${STAGING} feed join distributor_items item on item.distributor = $1 and item.distributor_sku = feed.part_number
      ), merged as (
        select coalesce(stored.page, seen.page) as page, coalesce(stored.sku, seen.sku) as sku, stored.n, stored.had, stored.as_of, stored.source,
               case when seen.sku is null then stored.had
                    else array(select case when today.q > 0 or was.q is not null then today.q end
                               from unnest(seen.quantities) with ordinality as today(q, w)
                               left join unnest(stored.had) with ordinality as was(q, w) on was.w = today.w order by today.w) end as quantities
        from stored full join seen on seen.page = stored.page and seen.sku = stored.sku
      ), rewritten as (
        select page, array_agg(sku order by n nulls last, sku) as skus,
               array(select unnest(array_agg(coalesce(quantities, array_fill(null::int, array[${width}])) order by n nulls last, sku))) as quantities,
               array_agg(case when quantities is distinct from had then extract(epoch from now()) * 1000 else as_of end order by n nulls last, sku) as as_ofs,
               array_agg(case when quantities is distinct from had then 'feed' else source end order by n nulls last, sku) as sources,
               sum((select count(*) from unnest(quantities, coalesce(had, array_fill(null::int, array[${width}]))) as cell(today, was) where cell.today is distinct from cell.was))::int as changed
        from merged
        where quantities is not null and (had is not null or quantities <> array_fill(null::int, array[${width}]))
        group by page
        having bool_or(quantities is distinct from had)
      ), upserted as (
        insert into stock_pages (distributor, page, skus, warehouses, quantities, as_ofs, sources)
        select $1, page, skus, $2::text[], quantities, as_ofs, sources from rewritten
        on conflict (distributor, page) do update
          set skus = excluded.skus, quantities = excluded.quantities, as_ofs = excluded.as_ofs, sources = excluded.sources
        returning page
      )
      select coalesce(sum(changed), 0)::int as quantities, (select count(*) from upserted)::int as pages from rewritten`,
      [distributor, warehouseCodes],
    );
    quantities = written!.quantities;
    return { count: written!.pages };
  });
  return { prices, stock: { ...stock, quantities } };
}

async function timed(statement: () => Promise<{ count: number }>): Promise<StatementWrites> {
  const started = performance.now();
  const { count } = await statement();
  return { rows: count, seconds: (performance.now() - started) / 1000 };
}
