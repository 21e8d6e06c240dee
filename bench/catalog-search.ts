import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { searchCatalog } from '../db/repositories/catalog.js';
import { dealers, STOCK_PAGE_ITEMS } from '../db/schema/index.js';
import { freePort } from '../runtime/ports.js';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../runtime/postgres.js';

/**
 * `npm run bench:catalog`: the catalog screen's search (GET /v1/catalog/items' query) over
 * BENCH_ITEMS items (default 100,000) of one dealer, beside the same items in another dealer's catalog, with
 * the distributors' stock at three warehouses and a few hundred dealer links; the words of descriptions are spread at random over
 * the part numbers, as in real feeds (a word tied to the page order would make Postgres read far ahead). Prints the median and worst time per kind of search.
 */
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const RUNS = 15;

const dataDir = path.resolve('.data', 'bench-catalog-postgres');
await rm(dataDir, { recursive: true, force: true });
const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort() });
await ensureDatabase(postgres.serverUrl, 'bench');
const databaseUrl = withDatabase(postgres.serverUrl, 'bench');
await migrateDatabase(databaseUrl);
const database = createDb(databaseUrl, { max: 2 });
const { db } = database;

try {
  // The parts and their stock are the distributor's, stored once; each dealer has its own SKUs and costs.
  await db.execute(sql`
    insert into distributor_items (distributor, distributor_sku, description, lead_time_days, manufacturer_part_number, brand)
    select (array['wps','parts_unlimited','tucker_rocky','automatic'])[1 + i % 4], lpad((i % 90 + 10)::text, 2, '0') || '-' || lpad(i::text, 7, '0'),
           'Part ' || i || ', ' || (array['oil filter','brake pads','mx helmet','chain','tire','grips'])[1 + abs(hashint4(i)) % 6],
           i % 4, 'MFR-' || i, 'Brand ' || (i % 400)
    from generate_series(1, ${ITEMS}) as i`);
  await db.execute(sql`
    insert into stock_pages (distributor, page, warehouses, quantities, as_ofs, sources)
    select pages.distributor, place.page, array['ID','CA','PA'],
           string_agg(coalesce(int4send(1 + length(item.distributor_sku) % 20), '\\xffffffff'::bytea) || coalesce(int4send(1 + length(item.distributor_sku) % 20), '\\xffffffff'::bytea)
                      || coalesce(int4send(1 + length(item.distributor_sku) % 20), '\\xffffffff'::bytea), ''::bytea order by place.n),
           string_agg(int8send(case when item.distributor_sku is null then 0 else (extract(epoch from now()) * 1000)::bigint end), ''::bytea order by place.n),
           string_agg('\\x00'::bytea, ''::bytea order by place.n)
    from (select distinct distributor, stock_slot / ${STOCK_PAGE_ITEMS} as page from distributor_items) pages
    cross join lateral (select pages.page, n from generate_series(0, ${STOCK_PAGE_ITEMS - 1}) n) place
    left join distributor_items item on item.distributor = pages.distributor and item.stock_slot = place.page * ${STOCK_PAGE_ITEMS} + place.n
    group by pages.distributor, place.page`);
  for (const dealer of ['bench', 'other']) {
    await db.insert(dealers).values({ id: dealer, name: dealer });
    // Every item priced (db/schema/dealer-prices.ts has the byte layout) and sold under a SKU of the dealer's own.
    await db.execute(sql`
      insert into dealer_price_pages (dealer_id, distributor, page, costs, updated_ats)
      select ${dealer}, pages.distributor, place.page,
             string_agg(coalesce(int4send(100 + length(item.distributor_sku) % 30000), '\xffffffff'::bytea), ''::bytea order by place.n),
             string_agg(int8send(case when item.distributor_sku is null then 0 else (extract(epoch from now()) * 1000)::bigint end), ''::bytea order by place.n)
      from (select distinct distributor, stock_slot / ${STOCK_PAGE_ITEMS} as page from distributor_items) pages
      cross join lateral (select pages.page, n from generate_series(0, ${STOCK_PAGE_ITEMS - 1}) n) place
      left join distributor_items item on item.distributor = pages.distributor and item.stock_slot = place.page * ${STOCK_PAGE_ITEMS} + place.n
      group by pages.distributor, place.page`);
    await db.execute(sql`
      insert into dealer_skus (dealer_id, distributor, distributor_sku, dealer_sku)
      select ${dealer}, distributor, distributor_sku, 'SKU-' || ltrim(substr(distributor_sku, 4), '0') from distributor_items`);
  }
  await db.execute(sql`
    insert into sku_links (dealer_id, dealer_sku, distributor, distributor_sku, created_by)
    select 'bench', 'LINKED-' || distributor_sku, distributor, distributor_sku, 'bench' from distributor_items limit 300`);
  // As autovacuum leaves a live database: trigram (GIN) indexes with their pending list merged, which
  // every search would otherwise read through in full.
  await db.execute(sql`vacuum analyze`);

  if (process.env.BENCH_EXPLAIN) {
    const plan =
      await db.execute(sql`explain analyze select c.distributor, c.distributor_sku from catalog_items c join distributor_items d using (distributor, distributor_sku)
      where c.dealer_id = 'bench'
      and lower(d.distributor_sku || ' ' || coalesce(d.brand, '') || ' ' || coalesce(d.manufacturer_part_number, '') || ' ' || coalesce(d.description, '')) like ${process.env.BENCH_EXPLAIN}
      order by 1, 2 limit 51`);
    console.log(plan.map((row) => Object.values(row)[0]).join('\n'));
  }
  const cases: Record<string, Parameters<typeof searchCatalog>[2]> = {
    'no text, first page': { limit: 50 },
    'rare text (one SKU)': { q: '74-0001234', limit: 50 },
    'part number HF-style (MFR-54321)': { q: 'mfr-54321', limit: 50 },
    'common word (one item in six)': { q: 'helmet', limit: 50 },
    'brand (one in 400)': { q: 'Brand 217', limit: 50 },
    'linked dealer SKU': { q: 'linked-', limit: 50 },
    'nothing matches': { q: 'zzzz-no-such', limit: 50 },
    'one distributor, common word': { q: 'tire', distributor: 'tucker_rocky', limit: 50 },
  };
  console.log(`catalog search over ${ITEMS.toLocaleString()} items per dealer (2 dealers), ${RUNS} runs each`);
  for (const [name, search] of Object.entries(cases)) {
    const times: number[] = [];
    let found = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      found = (await searchCatalog(db, 'bench', search)).items.length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(36)} ${String(found).padStart(3)} items  median ${times[RUNS >> 1]!.toFixed(1)} ms  worst ${times.at(-1)!.toFixed(1)} ms`);
  }
} finally {
  await database.close();
  await postgres.stop();
}
