import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../db/migrate.js';
import { databaseMigratedBefore } from '../helpers/database.js';

const SPLIT = '0021_catalog_split';

/**
 * The catalog split (migration 0021) on a populated database: a database migrated up to the one
 * before it gets two dealers' catalogs and stock the old way, then migrates to head.
 */
describe('migration 0021: catalog split', () => {
  let before: Awaited<ReturnType<typeof databaseMigratedBefore>>;
  let sql: postgres.Sql;
  let url: string;

  beforeAll(async () => {
    before = await databaseMigratedBefore(SPLIT);
    ({ sql, url } = before);
  });
  afterAll(async () => before?.close());

  it('moves items and stock to the distributor tables without loss, and keeps each dealer its own SKU and price', async () => {
    const older = new Date('2026-11-30T05:00:00Z');
    const newer = new Date('2026-12-01T05:00:00Z');
    await sql`insert into dealers (id, name) values ('north', 'North Moto'), ('south', 'South Moto')`;
    // Both dealers carry the helmet, with their own SKU and price; their feeds disagree on its description
    // (the newer one wins) and only the older row has a brand (kept, not lost to a blank).
    await sql`
      insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, description, cost_cents, lead_time_days, manufacturer_part_number, brand, updated_at)
      values ('north', 'wps', '87-9934', 'N-HELMET', 'MX helmet M (old text)', 6500, 1, '73-8402M', 'Fly Racing', ${older.toISOString()}),
             ('south', 'wps', '87-9934', 'S-HELMET', 'MX helmet, medium', 6100, 2, null, null, ${newer.toISOString()}),
             ('north', 'wps', '26-1105', 'N-OIL', 'Oil filter', 450, null, 'HF-204', 'HiFlo', ${older.toISOString()}),
             ('south', 'parts_unlimited', '0402-0212', 'S-GLOVES', 'Gloves L', 1150, null, 'G-L', 'Moose Racing', ${newer.toISOString()})`;
    // Stock of the helmet at Boise differs between the dealers' last imports: the newest is kept.
    await sql`
      insert into inventory (dealer_id, distributor, distributor_sku, warehouse_code, quantity, updated_at)
      values ('north', 'wps', '87-9934', 'ID', 12, ${older.toISOString()}),
             ('south', 'wps', '87-9934', 'ID', 9, ${newer.toISOString()}),
             ('north', 'wps', '87-9934', 'CA', 3, ${older.toISOString()}),
             ('north', 'wps', '26-1105', 'PA', 25, ${older.toISOString()}),
             ('south', 'parts_unlimited', '0402-0212', 'WI', 0, ${newer.toISOString()})`;

    await migrateDatabase(url);
    // Times as milliseconds since the epoch, whatever the driver makes of a timestamp.
    const ms = (column: string) => sql.unsafe(`(extract(epoch from ${column}) * 1000)::float8 as at`);

    expect(
      await sql`select distributor, distributor_sku, description, lead_time_days, manufacturer_part_number, brand, ${ms('updated_at')} from distributor_items order by 1, 2`,
    ).toEqual([
      {
        distributor: 'parts_unlimited',
        distributor_sku: '0402-0212',
        description: 'Gloves L',
        lead_time_days: null,
        manufacturer_part_number: 'G-L',
        brand: 'Moose Racing',
        at: newer.getTime(),
      },
      {
        distributor: 'wps',
        distributor_sku: '26-1105',
        description: 'Oil filter',
        lead_time_days: null,
        manufacturer_part_number: 'HF-204',
        brand: 'HiFlo',
        at: older.getTime(),
      },
      {
        distributor: 'wps',
        distributor_sku: '87-9934',
        description: 'MX helmet, medium',
        lead_time_days: 2,
        manufacturer_part_number: '73-8402M',
        brand: 'Fly Racing',
        at: newer.getTime(),
      },
    ]);
    expect(await sql`select dealer_id, distributor, distributor_sku, dealer_sku, cost_cents from catalog_items order by 1, 2, 3`).toEqual([
      { dealer_id: 'north', distributor: 'wps', distributor_sku: '26-1105', dealer_sku: 'N-OIL', cost_cents: 450 },
      { dealer_id: 'north', distributor: 'wps', distributor_sku: '87-9934', dealer_sku: 'N-HELMET', cost_cents: 6500 },
      { dealer_id: 'south', distributor: 'parts_unlimited', distributor_sku: '0402-0212', dealer_sku: 'S-GLOVES', cost_cents: 1150 },
      { dealer_id: 'south', distributor: 'wps', distributor_sku: '87-9934', dealer_sku: 'S-HELMET', cost_cents: 6100 },
    ]);
    // (Read as stock pages keep it since migration 0028: an item's time is that of its newest observation.)
    expect(await sql`select distributor, distributor_sku, warehouse_code, quantity, ${ms('as_of')} from distributor_stock order by 1, 2, 3`).toEqual([
      { distributor: 'parts_unlimited', distributor_sku: '0402-0212', warehouse_code: 'WI', quantity: 0, at: newer.getTime() },
      { distributor: 'wps', distributor_sku: '26-1105', warehouse_code: 'PA', quantity: 25, at: older.getTime() },
      { distributor: 'wps', distributor_sku: '87-9934', warehouse_code: 'CA', quantity: 3, at: newer.getTime() },
      { distributor: 'wps', distributor_sku: '87-9934', warehouse_code: 'ID', quantity: 9, at: newer.getTime() },
    ]);
    // The moved columns and the per-dealer stock table are gone.
    expect(await sql`select to_regclass('public.inventory') as table`).toEqual([{ table: null }]);
    const columns = await sql`select column_name from information_schema.columns where table_name = 'catalog_items' order by ordinal_position`;
    expect(columns.map((c) => c.column_name)).toEqual(['dealer_id', 'distributor', 'distributor_sku', 'dealer_sku', 'cost_cents', 'updated_at']);
  });
});
