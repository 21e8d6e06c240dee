import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { DISTRIBUTORS, distributorProfile } from '../domain/distributors.js';

/**
 * Two years of history, set-based: `count` purchase orders spread round-robin over `dealerIds`, two
 * per drop-ship (the first distributor plus one of the others), one drop-ship per website order with two lines, one
 * PO line each, and a package for every shipped PO. Four in five POs are shipped, as in a dealer's
 * real history. Ids are md5 of the row's number, so each table can point at the others without a
 * lookup. PO numbers are DL0000001-W style, seven digits, so they cannot collide with the six-digit
 * ones the API hands out.
 */
export async function seedPurchaseOrders(db: Db, dealerIds: string[], count: number) {
  const dropshipCount = Math.ceil(count / 2);
  const dealers = sql`(array[${sql.join(
    dealerIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[])`;
  const dealerOf = sql`${dealers}[1 + i % ${sql.raw(String(dealerIds.length))}]`;
  // The first distributor on every drop-ship, one of the others on its second PO.
  const [firstId, ...rest] = DISTRIBUTORS;
  const first = sql`${firstId}::text`;
  const others = sql`array[${sql.join(
    rest.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]`;
  const suffixes = JSON.stringify(Object.fromEntries(DISTRIBUTORS.map((d) => [d, distributorProfile(d).poSuffix])));
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    // Nobody watches a seed, and millions of change notifications (0017_live_changes.sql) would be held until commit.
    for (const table of ['orders', 'dropships', 'purchase_orders', 'shipments']) await tx.execute(sql.raw(`alter table ${table} disable trigger user`));
    // md5 of a name, shaped as a version-4 uuid: the API accepts only real uuids as ids and cursors.
    await tx.execute(sql`
      create function pg_temp.seed_id(name text) returns uuid language sql immutable
      as $$ select overlay(overlay(md5(name) placing '4' from 13) placing '8' from 17)::uuid $$`);
    await tx.execute(sql`
      create temporary table seed_dropships on commit drop as
      select i, ${dealerOf} as dealer_id, pg_temp.seed_id('order' || i) as order_id, pg_temp.seed_id('dropship' || i) as dropship_id,
             'DL' || lpad(i::text, 7, '0') as po_base, now() - i * interval '1 minute' as at
      from generate_series(1, ${dropshipCount}) i`);
    await tx.execute(sql`
      create temporary table seed_pos on commit drop as
      select d.*, n, pg_temp.seed_id('po' || i || '-' || n) as po_id, pg_temp.seed_id('line' || i || '-' || n) as line_id, distributor,
             case when (i * 2 + n) % 5 = 0 then (array['submitted', 'accepted', 'backordered', 'cancelled'])[1 + i % 4] else 'shipped' end as status
      from seed_dropships d, generate_series(1, 2) n,
        lateral (select case when n = 1 then ${first} else (${others})[1 + i % ${sql.raw(String(rest.length))}] end as distributor) x
      where (i - 1) * 2 + n <= ${count}`);
    await tx.execute(sql`
      insert into orders (id, dealer_id, channel, channel_order_id, buyer_name, buyer_email, ship_to, shipping_rate_name, status, placed_at, created_at, updated_at)
      select order_id, dealer_id, 'website', 'SEED-' || i, 'Seed Buyer', 'buyer' || i || '@example.com',
             '{"name":"Seed Buyer","line1":"1 Main St","city":"Boise","region":"ID","postalCode":"83702","country":"US"}'::jsonb,
             'Standard Shipping', 'shipped', at, at, at
      from seed_dropships`);
    await tx.execute(sql`
      insert into dropships (id, dealer_id, order_id, sequence, workflow_id, po_base, mode, status, created_at, updated_at)
      select dropship_id, dealer_id, order_id, 1, 'seed:dropship:' || i, po_base, 'auto', 'completed', at, at
      from seed_dropships`);
    await tx.execute(sql`
      insert into order_lines (id, order_id, line_number, dealer_sku, title, quantity, unit_price_cents)
      select line_id, order_id, n, 'HELMET-MX-M', 'Seeded part', 1, 12995 from seed_pos`);
    await tx.execute(sql`
      insert into purchase_orders (id, dealer_id, order_id, dropship_id, distributor, po_number, workflow_id, status, ship_method, submitted_at, created_at, updated_at)
      select po_id, dealer_id, order_id, dropship_id, distributor,
             po_base || '-' || (${suffixes}::jsonb ->> distributor),
             'seed:po:' || i || '-' || n, status, 'BEST', at, at + n * interval '1 second', at + n * interval '1 second'
      from seed_pos`);
    await tx.execute(sql`
      insert into po_lines (po_id, order_line_id, dealer_sku, distributor_sku, quantity, shipped_qty)
      select po_id, line_id, 'HELMET-MX-M', '87-9934', 1, case when status = 'shipped' then 1 else 0 end from seed_pos`);
    await tx.execute(sql`
      insert into shipments (po_id, carrier, tracking_number, ship_method, shipped_on, lines, created_at)
      select po_id, 'UPS', '1Z' || upper(substr(md5(po_id::text), 1, 16)), 'BEST', (at + interval '1 day')::date,
             '[{"distributorSku":"87-9934","quantity":1}]'::jsonb, at + interval '1 day'
      from seed_pos where status = 'shipped'`);
    for (const table of ['orders', 'dropships', 'purchase_orders', 'shipments']) await tx.execute(sql.raw(`alter table ${table} enable trigger user`));
  });
  await db.execute(sql`analyze`);
}

/** The PO number the seed gave the WPS PO of its `i`-th drop-ship (1-based). */
export function seededPoNumber(i: number): string {
  return `DL${String(i).padStart(7, '0')}-W`;
}
