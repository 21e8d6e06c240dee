import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Sql } from 'postgres';

/**
 * The database doing all the work itself, for `npm run bench:feed`: the file's bytes COPYed unparsed
 * into a table shaped like the file, then set-based INSERTs into the catalog tables. No validation,
 * no bad-row report, no upsert: the floor for getting this file into the catalog.
 */
const STAGING = 'feed_copy';

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
 * ───── THE ONE TABLE-SPECIFIC PART OF THE BENCH ─────
 * From the staging table into the catalog tables, set-based, as the import fills them: the
 * distributor's items and its stock per warehouse (a row only where there is stock) stored once, and
 * the dealer's SKU and price in catalog_items. A change to the catalog tables changes this function.
 */
export async function insertFromStaging(sql: Sql, dealerId: string, distributor: string, warehouseCodes: string[]): Promise<void> {
  await sql`
    insert into distributor_items (distributor, distributor_sku, description, lead_time_days, manufacturer_part_number, brand)
    select ${distributor}, part_number, description, lead_time_days, vendor_part_number, brand from ${sql(STAGING)}`;
  await sql`
    insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, cost_cents)
    select ${dealerId}, ${distributor}, part_number, part_number, round(dealer_price * 100) from ${sql(STAGING)}`;
  await sql.unsafe(
    `
    insert into distributor_stock (distributor, distributor_sku, warehouse_code, quantity)
    select $1, part_number, stock.code, stock.quantity from ${STAGING}
    cross join lateral (values ${warehouseCodes.map((code) => `('${code}', qty_${code})`).join(', ')}) as stock(code, quantity)
    where stock.quantity > 0`,
    [distributor],
  );
}
