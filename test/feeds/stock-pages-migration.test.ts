import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../db/migrate.js';
import { databaseMigratedBefore } from '../helpers/database.js';
import { putStock } from '../../db/repositories/catalog-upsert.js';
import { createDb } from '../../db/client.js';

const PAGES = '0028_stock_pages';

/**
 * Stock pages (migration 0028) on a populated database: a database migrated up to the one before
 * gets stock a row per (item, warehouse), including an item no feed described and a warehouse seen
 * empty, then migrates to head. The view reads back every row; the items get pages; writes go on.
 */
describe('migration 0028: stock pages', () => {
  let before: Awaited<ReturnType<typeof databaseMigratedBefore>>;
  let sql: postgres.Sql;
  let url: string;

  beforeAll(async () => {
    before = await databaseMigratedBefore(PAGES);
    ({ sql, url } = before);
  });
  afterAll(async () => before?.close());

  it('moves every stock row into pages without loss, keeping each item its newest time and source', async () => {
    const older = new Date('2026-11-30T05:00:00Z');
    const newer = new Date('2026-12-01T05:00:00Z');
    await sql`
      insert into distributor_items (distributor, distributor_sku, description)
      select 'wps', '10-' || lpad(i::text, 4, '0'), 'Part ' || i from generate_series(1, 600) i`;
    await sql`insert into distributor_items (distributor, distributor_sku, description) values ('parts_unlimited', '0402-0212', 'Gloves L')`;
    // 600 WPS items at two warehouses (every third empty at Fresno, kept at 0), one item no feed
    // described, a Parts Unlimited item, and one item whose warehouses were last seen at different times.
    await sql`
      insert into distributor_stock (distributor, distributor_sku, warehouse_code, quantity, as_of, source)
      select 'wps', '10-' || lpad(i::text, 4, '0'), w.code, case when w.code = 'CA' and i % 3 = 0 then 0 else i % 40 + 1 end, ${older.toISOString()}, 'feed'
      from generate_series(1, 600) i cross join (values ('ID'), ('CA')) as w(code)`;
    await sql`
      insert into distributor_stock (distributor, distributor_sku, warehouse_code, quantity, as_of, source)
      values ('wps', '99-HAND', 'PA', 4, ${older.toISOString()}, 'feed'),
             ('parts_unlimited', '0402-0212', 'WI', 7, ${newer.toISOString()}, 'feed')`;
    await sql`update distributor_stock set quantity = 2, as_of = ${newer.toISOString()}, source = 'live_check' where distributor_sku = '10-0007' and warehouse_code = 'ID'`;
    const before = await sql`select distributor, distributor_sku, warehouse_code, quantity from distributor_stock order by 1, 2, 3`;
    expect(before).toHaveLength(1202);

    await migrateDatabase(url);

    // Read through the view, every row is there with its quantity.
    expect(await sql`select distributor, distributor_sku, warehouse_code, quantity from distributor_stock order by 1, 2, 3`).toEqual(before);
    const ms = sql.unsafe(`(extract(epoch from as_of) * 1000)::float8 as at`);
    expect(await sql`select warehouse_code, quantity, ${ms}, source from distributor_stock where distributor_sku = '10-0007' order by 1`).toEqual([
      { warehouse_code: 'CA', quantity: 8, at: newer.getTime(), source: 'live_check' },
      { warehouse_code: 'ID', quantity: 2, at: newer.getTime(), source: 'live_check' },
    ]);
    // The hand-set item got a bare item row to hold its slot; 600 WPS items fill five pages of 128.
    expect(await sql`select description from distributor_items where distributor_sku = '99-HAND'`).toEqual([{ description: null }]);
    expect(await sql`select distributor, count(*)::int as pages from stock_pages group by 1 order by 1`).toEqual([
      { distributor: 'parts_unlimited', pages: 1 },
      { distributor: 'wps', pages: 5 },
    ]);

    // New items go on pages after the moved ones, and stock is written as before.
    const database = createDb(url, { max: 2 });
    try {
      await putStock(database.db, [{ distributor: 'wps', distributorSku: '11-0001', warehouseCode: 'ID', quantity: 5 }]);
      await putStock(database.db, [{ distributor: 'wps', distributorSku: '10-0001', warehouseCode: 'ID', quantity: 9 }]);
    } finally {
      await database.close();
    }
    const [moved] = await sql`select max(stock_slot / 128) as page from distributor_items where distributor_sku <> '11-0001'`;
    expect(await sql`select stock_slot / 128 > ${moved!.page} as after from distributor_items where distributor_sku = '11-0001'`).toEqual([{ after: true }]);
    expect(
      await sql`select distributor_sku, quantity from distributor_stock where distributor_sku in ('10-0001', '11-0001') and warehouse_code = 'ID' order by 1`,
    ).toEqual([
      { distributor_sku: '10-0001', quantity: 9 },
      { distributor_sku: '11-0001', quantity: 5 },
    ]);
  });
});
