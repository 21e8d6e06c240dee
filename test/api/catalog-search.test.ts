import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchCatalog } from '../../db/repositories/catalog.js';
import { carryingItems } from '../../db/repositories/dropship-facts.js';
import { upsertCatalogItems } from '../../db/repositories/catalog-upsert.js';
import * as schema from '../../db/schema/index.js';
import { catalogItems, dealers, mappedDealerSku } from '../../db/schema/index.js';
import { freshDatabase } from '../helpers/database.js';

const ITEMS = 20_000;
const dealerId = 'search-dealer';

/**
 * The catalog search by SKU, on a catalog large enough for Postgres to search it through its trigram
 * indexes: the one on catalog_items holds only the SKUs a dealer mapped to their own (a feed's items
 * are sold under the distributor's SKU, which distributor_items' words hold), yet every item is found
 * by any part of the SKU it is sold under.
 */
describe('catalog search by SKU', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let client: postgres.Sql;
  let db: typeof database.db;
  /** The statements run since it was last emptied, to explain. */
  const ran: Array<{ query: string; params: unknown[] }> = [];

  beforeAll(async () => {
    database = await freshDatabase();
    client = postgres(database.url, { max: 2, onnotice: () => {} });
    db = drizzle(client, {
      schema,
      casing: 'snake_case',
      logger: { logQuery: (query, params) => void ran.push({ query, params }) },
    });
    await db.insert(dealers).values([
      { id: dealerId, name: 'Search Dealer' },
      { id: 'other-dealer', name: 'Other Dealer' },
    ]);
    // Two dealers with the same distributor's items; one item in 500 mapped to a SKU of the dealer's own.
    await db.execute(sql`
      insert into distributor_items (distributor, distributor_sku, description, brand)
      select 'wps', 'Hx-' || lpad(i::text, 7, '0'), 'Part ' || i || ', ' || (array['oil filter', 'chain', 'tire'])[1 + i % 3], 'Brand ' || (i % 40)
      from generate_series(1, ${ITEMS}) as i`);
    await db.execute(sql`
      insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, cost_cents)
      select dealer.id, distributor, distributor_sku,
             case when right(distributor_sku, 7)::int % 500 = 0 then 'Mine-' || right(distributor_sku, 7) else distributor_sku end, 1000
      from distributor_items, (values (${dealerId}), ('other-dealer')) as dealer(id)`);
    // Mapped, but only the case differs: still the dealer's own SKU.
    await db.execute(sql`update catalog_items set dealer_sku = 'hx-0000777' where dealer_id = ${dealerId} and distributor_sku = 'Hx-0000777'`);
    // As a feed creates items: sold under the distributor's SKU.
    await upsertCatalogItems(db, dealerId, 'parts_unlimited', [
      { distributorSku: 'Qz-9912', description: 'Tank bag', costCents: 4000, leadTimeDays: null, manufacturerPartNumber: null, brand: null, quantities: [] },
    ]);
    await db.execute(sql`vacuum analyze catalog_items, distributor_items`);
  });
  afterAll(async () => {
    await client?.end();
    await database?.close();
  });

  const explain = async ({ query, params }: { query: string; params: unknown[] }) =>
    JSON.stringify(await client.unsafe(`explain (format json) ${query}`, params as never[]));
  const skusFound = async (q: string) => (await searchCatalog(db, dealerId, { q, limit: 50 })).items.map((i) => [i.distributorSku, i.dealerSku]);

  it('finds a mapped dealer SKU by any part of it, and an item sold under the distributor SKU by any part of that, without case', async () => {
    expect(await skusFound('ine-00010')).toEqual([['Hx-0001000', 'Mine-0001000']]);
    expect(await skusFound('MINE-00015')).toEqual([['Hx-0001500', 'Mine-0001500']]);
    // Mapped: found by the distributor's SKU too.
    expect(await skusFound('x-0001500')).toEqual([['Hx-0001500', 'Mine-0001500']]);
    // Not mapped: found by the SKU in either case, through the distributor's words.
    expect(await skusFound('X-0012345')).toEqual([['Hx-0012345', 'Hx-0012345']]);
    expect(await skusFound('hx-001234')).toEqual(Array.from({ length: 10 }, (_, n) => [`Hx-001234${n}`, `Hx-001234${n}`]));
    expect(await skusFound('x-0000777')).toEqual([['Hx-0000777', 'hx-0000777']]);
    expect(await skusFound('z-991')).toEqual([['Qz-9912', 'Qz-9912']]);
    expect(await skusFound('QZ-9912')).toEqual([['Qz-9912', 'Qz-9912']]);
  });

  it("searches the dealer SKU through the partial trigram index and the distributor's words through theirs, knowing how few items are mapped and how common the text is", async () => {
    const [index] = await db.execute<{ indexdef: string }>(sql`select indexdef from pg_indexes where indexname = 'catalog_items_dealer_sku_search_idx'`);
    expect(index!.indexdef).toMatch(/USING gin .* WHERE \(\(dealer_sku <> distributor_sku\) IS TRUE\)$/);
    const plan = async (q: string) => {
      ran.length = 0;
      await searchCatalog(db, dealerId, { q, limit: 50 });
      // The statement finding the page's items: its branches' union.
      return explain(ran.find(({ query }) => query.includes(' union '))!);
    };
    for (const q of ['x-0012345', 'mine-0001']) {
      const rare = await plan(q);
      expect(rare, q).toContain('"Index Name":"catalog_items_dealer_sku_search_idx"');
      expect(rare, q).toContain('"Index Name":"distributor_items_search_idx"');
    }
    // The planner knows how few items are mapped and how common a text is in dealer SKUs (statistics of
    // their own): guessing nearly all items mapped, it walked all of a dealer's items for a text common
    // in the distributor's SKUs; guessing a text rare, it read every dealer's mapped items having it.
    const estimate = async (where: SQL) =>
      (await db.execute<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(sql`explain (format json) select from ${catalogItems} where ${where}`))[0]![
        'QUERY PLAN'
      ][0].Plan['Plan Rows'];
    expect(await estimate(mappedDealerSku(catalogItems))).toBeLessThan(400);
    expect(await estimate(sql`lower(${catalogItems.dealerSku}) like '%x-00%'`)).toBeGreaterThan(20_000);
  });

  it("routes an order's SKUs to the items sold under them, mapped or not, each found through an index", async () => {
    ran.length = 0;
    const found = await carryingItems(db, dealerId, ['Mine-0001000', 'Hx-0012345', 'hx-0000777', 'Hx-0000777', 'Hx-0001000', 'Qz-9912', 'Nope-1']);
    expect(found.map((i) => [i.distributor, i.distributorSku, i.dealerSku]).sort()).toEqual([
      ['parts_unlimited', 'Qz-9912', 'Qz-9912'],
      ['wps', 'Hx-0000777', 'hx-0000777'],
      ['wps', 'Hx-0001000', 'Mine-0001000'],
      ['wps', 'Hx-0012345', 'Hx-0012345'],
    ]);
    // Mapped items by the partial index of mapped SKUs, the rest by primary key: no walk through the dealer's items.
    const plan = await explain(ran.find(({ query }) => query.includes(' union all '))!);
    expect(plan).toContain('"Index Name":"catalog_items_dealer_sku_idx"');
    expect(plan).toContain('"Index Name":"catalog_items_dealer_id_distributor_distributor_sku_pk"');
    expect(plan).not.toContain('"Node Type":"Seq Scan"');
  });
});
