import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../db/migrate.js';
import { databaseMigratedBefore } from '../helpers/database.js';

const PAGES = '0032_packed_dealer_prices';

/**
 * Packed dealer prices (migration 0032) on a populated database: a database migrated up to the one
 * before gets two dealers' catalogs a row per price, including an item no feed described and SKUs a
 * dealer mapped to their own, then migrates to head. The view reads back every row as it was; writes
 * by hand through it go on as a table's did.
 */
describe('migration 0032: packed dealer prices', () => {
  let before: Awaited<ReturnType<typeof databaseMigratedBefore>>;
  let sql: postgres.Sql;
  let url: string;

  beforeAll(async () => {
    before = await databaseMigratedBefore(PAGES);
    ({ sql, url } = before);
  });
  afterAll(async () => before?.close());

  it('moves every price into pages without loss, with its dealer SKU and time, and takes writes by hand as the table did', async () => {
    const older = new Date('2026-11-30T05:00:00.123Z');
    const newer = new Date('2026-12-01T05:00:00.456Z');
    await sql`insert into dealers (id, name) values ('north', 'North Moto'), ('south', 'South Moto')`;
    await sql`
      insert into distributor_items (distributor, distributor_sku, description)
      select 'wps', '10-' || lpad(i::text, 4, '0'), 'Part ' || i from generate_series(1, 600) i`;
    // North carries all 600 (every 50th under a SKU of their own), South every third, at their own
    // prices; North also priced an item no feed described, and South a Parts Unlimited item.
    await sql`
      insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, cost_cents, updated_at)
      select 'north', 'wps', '10-' || lpad(i::text, 4, '0'), case when i % 50 = 0 then 'N-' || i else '10-' || lpad(i::text, 4, '0') end, 100 + i, ${older.toISOString()}
      from generate_series(1, 600) i`;
    await sql`
      insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, cost_cents, updated_at)
      select 'south', 'wps', '10-' || lpad(i::text, 4, '0'), '10-' || lpad(i::text, 4, '0'), 90 + i, ${newer.toISOString()}
      from generate_series(3, 600, 3) i`;
    await sql`
      insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, cost_cents, updated_at)
      values ('north', 'wps', '99-HAND', 'N-HAND', 0, ${newer.toISOString()}),
             ('south', 'parts_unlimited', '0402-0212', 'S-GLOVES', 1150, ${older.toISOString()})`;
    const all = (where = sql``) =>
      sql`select dealer_id, distributor, distributor_sku, dealer_sku, cost_cents, (extract(epoch from updated_at) * 1000)::float8 as at
          from catalog_items ${where} order by 1, 2, 3`;
    const rows = await all();
    expect(rows).toHaveLength(600 + 200 + 2);

    await migrateDatabase(url);

    // Read through the view, every price is there with its dealer SKU and time (to the millisecond).
    expect(await all()).toEqual(rows);
    expect(await sql`select description from distributor_items where distributor_sku = '99-HAND'`).toEqual([{ description: null }]);
    expect(await sql`select dealer_id, count(*)::int as skus from dealer_skus group by 1 order by 1`).toEqual([
      { dealer_id: 'north', skus: 13 },
      { dealer_id: 'south', skus: 1 },
    ]);
    // 600 items on five pages of 128: North has every page of them and the hand-made item's, South five and Parts Unlimited's.
    expect(await sql`select dealer_id, distributor, count(*)::int as pages from dealer_price_pages group by 1, 2 order by 1, 2`).toEqual([
      { dealer_id: 'north', distributor: 'wps', pages: 6 },
      { dealer_id: 'south', distributor: 'parts_unlimited', pages: 1 },
      { dealer_id: 'south', distributor: 'wps', pages: 5 },
    ]);

    // Writes by hand: a new item, a cost and a dealer SKU changed, a SKU mapped back, a price removed.
    await sql`insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, cost_cents) values ('south', 'wps', '10-0001', 'S-ONE', 77)`;
    await expect(
      sql`insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, cost_cents) values ('south', 'wps', '10-0001', 'S-ONE', 78)`,
    ).rejects.toMatchObject({ code: '23505' });
    await sql`update catalog_items set cost_cents = 555, dealer_sku = 'N-TWO' where dealer_id = 'north' and distributor_sku = '10-0002'`;
    await sql`update catalog_items set dealer_sku = distributor_sku where dealer_id = 'north' and distributor_sku = '10-0050'`;
    await sql`delete from catalog_items where dealer_id = 'south' and distributor_sku = '10-0003'`;
    const changed = sql`where distributor_sku in ('10-0001', '10-0002', '10-0003', '10-0050') and distributor = 'wps'`;
    expect((await all(changed)).map(({ at: _at, ...row }) => row)).toEqual([
      { dealer_id: 'north', distributor: 'wps', distributor_sku: '10-0001', dealer_sku: '10-0001', cost_cents: 101 },
      { dealer_id: 'north', distributor: 'wps', distributor_sku: '10-0002', dealer_sku: 'N-TWO', cost_cents: 555 },
      { dealer_id: 'north', distributor: 'wps', distributor_sku: '10-0003', dealer_sku: '10-0003', cost_cents: 103 },
      { dealer_id: 'north', distributor: 'wps', distributor_sku: '10-0050', dealer_sku: '10-0050', cost_cents: 150 },
      { dealer_id: 'south', distributor: 'wps', distributor_sku: '10-0001', dealer_sku: 'S-ONE', cost_cents: 77 },
    ]);
    const [{ at } = { at: 0 }] =
      await sql`select (extract(epoch from updated_at) * 1000)::float8 as at from catalog_items where dealer_id = 'north' and distributor_sku = '10-0002'`;
    expect(at).toBeGreaterThan(newer.getTime());
    expect(await sql`select dealer_sku from dealer_skus where dealer_id = 'north' and distributor_sku in ('10-0002', '10-0050')`).toEqual([
      { dealer_sku: 'N-TWO' },
    ]);
  });
});
