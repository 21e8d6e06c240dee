import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchCatalog } from '../../db/repositories/catalog.js';
import { carryingItems } from '../../db/repositories/dropship-facts.js';
import { upsertCatalogItems } from '../../db/repositories/catalog-upsert.js';
import type { FeedRow } from '../../feeds/row.js';
import * as schema from '../../db/schema/index.js';
import { dealers } from '../../db/schema/index.js';
import { freshDatabase } from '../helpers/database.js';

const ITEMS = 20_000;
const dealerId = 'search-dealer';

/**
 * The catalog search by SKU, on a catalog large enough for Postgres to search it through its trigram
 * indexes: dealer_skus holds only the SKUs a dealer mapped to their own (a feed's items are sold
 * under the distributor's SKU, which distributor_items' words hold), yet every item is found by any
 * part of the SKU it is sold under.
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
    const rows = Array.from({ length: ITEMS }, (_, n): FeedRow => ({
      distributorSku: `Hx-${String(n + 1).padStart(7, '0')}`,
      description: `Part ${n + 1}, ${['oil filter', 'chain', 'tire'][(n + 1) % 3]}`,
      brand: `Brand ${(n + 1) % 40}`,
      costCents: 1000,
      leadTimeDays: null,
      manufacturerPartNumber: null,
      quantities: [],
    }));
    for (const dealer of [dealerId, 'other-dealer']) await upsertCatalogItems(db, dealer, 'wps', rows);
    await db.execute(sql`
      update catalog_items set dealer_sku = 'Mine-' || right(distributor_sku, 7)
      where distributor = 'wps' and distributor_sku in (select 'Hx-' || lpad(i::text, 7, '0') from generate_series(500, ${ITEMS}, 500) i)`);
    // Mapped, but only the case differs: still the dealer's own SKU.
    await db.execute(sql`update catalog_items set dealer_sku = 'hx-0000777' where dealer_id = ${dealerId} and distributor_sku = 'Hx-0000777'`);
    // As a feed creates items: sold under the distributor's SKU.
    await upsertCatalogItems(db, dealerId, 'parts_unlimited', [
      { distributorSku: 'Qz-9912', description: 'Tank bag', costCents: 4000, leadTimeDays: null, manufacturerPartNumber: null, brand: null, quantities: [] },
    ]);
    await db.execute(sql`vacuum analyze dealer_price_pages, dealer_skus, distributor_items`);
  });
  afterAll(async () => {
    await client?.end();
    await database?.close();
  });

  const explain = async ({ query, params }: { query: string; params: unknown[] }) =>
    JSON.stringify(await client.unsafe(`explain (format json) ${query}`, params as never[]));
  /** The tables holding every item or price that a plan reads whole. */
  const bigTablesScanned = (plan: string) =>
    [...plan.matchAll(/"Node Type":"Seq Scan"[^{}]*?"Relation Name":"(\w+)"/g)]
      .map((m) => m[1])
      .filter((table) => table !== 'dealer_skus' && table !== 'sku_links');
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

  it("searches the dealer's own SKUs through their trigram index and the distributor's words through theirs", async () => {
    const plan = async (q: string) => {
      ran.length = 0;
      await searchCatalog(db, dealerId, { q, limit: 50 });
      // The statement finding the page's items: its branches' union.
      return explain(ran.find(({ query }) => query.includes(' union '))!);
    };
    for (const q of ['x-0012345', 'mine-0001']) {
      const rare = await plan(q);
      expect(rare, q).toContain('"Index Name":"distributor_items_search_idx"');
      expect(bigTablesScanned(rare), q).toEqual([]);
    }
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
    // Mapped items by the dealer SKUs' index, the rest by the items' primary key, each then its price page by key: no walk through the dealer's items.
    const plan = await explain(ran.find(({ query }) => query.includes(' union all '))!);
    expect(plan).toContain('"Index Name":"distributor_items_distributor_distributor_sku_pk"');
    expect(plan).toContain('"Index Name":"dealer_price_pages_dealer_id_distributor_page_pk"');
    expect(bigTablesScanned(plan)).toEqual([]);
  });

  it("pages through the dealer's catalog in key order without reading all of it", async () => {
    const page = async (after?: { distributor: string; distributorSku: string }) => {
      ran.length = 0;
      const found = await searchCatalog(db, dealerId, { limit: 50, after });
      return { found, plan: await explain(ran.find(({ query }) => query.includes(' limit '))!) };
    };
    const first = await page();
    // In (distributor, SKU) order: Parts Unlimited's one item, then WPS's.
    expect(first.found.items.map((i) => i.distributorSku)).toEqual([
      'Qz-9912',
      ...Array.from({ length: 49 }, (_, n) => `Hx-${String(n + 1).padStart(7, '0')}`),
    ]);
    expect(bigTablesScanned(first.plan)).toEqual([]);
    const later = await page({ distributor: 'wps', distributorSku: 'Hx-0015000' });
    expect(later.found.items[0]!.distributorSku).toBe('Hx-0015001');
    expect(bigTablesScanned(later.plan)).toEqual([]);
  });
});
