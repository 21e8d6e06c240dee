import { sql } from 'drizzle-orm';
import type { FeedRow } from '../../feeds/row.js';
import type { Db } from '../client.js';

/** ASCII unit separator (chr(31) in SQL); feed rows with control characters in the SKU are refused as bad rows. */
const PAIR_SEPARATOR = '\u001f';

/**
 * One row per SKU: Postgres refuses a statement that upserts the same key twice. As across batches,
 * the later row of the file wins. In SKU order, so dealers importing the same distributor's items at
 * once lock the shared rows in the same order and never deadlock.
 */
export function latestPerSku(rows: FeedRow[]): FeedRow[] {
  return [...new Map(rows.map((row) => [row.distributorSku, row])).values()].sort((a, b) =>
    a.distributorSku < b.distributorSku ? -1 : a.distributorSku > b.distributorSku ? 1 : 0,
  );
}

const column = <T>(items: FeedRow[], pick: (row: FeedRow) => T) => sql.param(items.map(pick));

/**
 * Upserts what the feed says the parts are (description, lead time, part number, brand), shared by
 * every dealer of the distributor, in one statement over arrays (unnest). Blank optional values keep
 * what is stored, and rows that change nothing are not rewritten, so a second dealer importing the
 * same file writes nothing here.
 */
export async function upsertDistributorItems(db: Db, distributor: string, items: FeedRow[]): Promise<void> {
  if (items.length === 0) return;
  await db.execute(sql`
    insert into distributor_items (distributor, distributor_sku, description, lead_time_days, manufacturer_part_number, brand)
    select ${distributor}, sku, description, lead_time_days, mpn, brand
    from unnest(${column(items, (r) => r.distributorSku)}::text[], ${column(items, (r) => r.description)}::text[],
                ${column(items, (r) => r.leadTimeDays)}::int[], ${column(items, (r) => r.manufacturerPartNumber)}::text[], ${column(items, (r) => r.brand)}::text[])
      as feed(sku, description, lead_time_days, mpn, brand)
    on conflict (distributor, distributor_sku) do update set
      description = coalesce(excluded.description, distributor_items.description),
      lead_time_days = coalesce(excluded.lead_time_days, distributor_items.lead_time_days),
      manufacturer_part_number = coalesce(excluded.manufacturer_part_number, distributor_items.manufacturer_part_number),
      brand = coalesce(excluded.brand, distributor_items.brand),
      updated_at = now()
    where (distributor_items.description, distributor_items.lead_time_days, distributor_items.manufacturer_part_number, distributor_items.brand)
      is distinct from (coalesce(excluded.description, distributor_items.description), coalesce(excluded.lead_time_days, distributor_items.lead_time_days),
                        coalesce(excluded.manufacturer_part_number, distributor_items.manufacturer_part_number), coalesce(excluded.brand, distributor_items.brand))`);
}

/**
 * Upserts the dealer's own side of the items: their cost. Unchanged costs are not rewritten.
 * Until the dealer maps it to a SKU of their own, a new item is sold under the distributor's part number.
 */
export async function upsertDealerItems(db: Db, dealerId: string, distributor: string, items: FeedRow[]): Promise<void> {
  if (items.length === 0) return;
  await db.execute(sql`
    insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, cost_cents)
    select ${dealerId}, ${distributor}, sku, sku, cost_cents
    from unnest(${column(items, (r) => r.distributorSku)}::text[], ${column(items, (r) => r.costCents)}::int[]) as feed(sku, cost_cents)
    on conflict (dealer_id, distributor, distributor_sku) do update set cost_cents = excluded.cost_cents, updated_at = now()
    where catalog_items.cost_cents <> excluded.cost_cents`);
}

/** Both sides of a feed's items: the distributor's shared facts and the dealer's cost. */
export async function upsertCatalogItems(db: Db, dealerId: string, distributor: string, items: FeedRow[]): Promise<void> {
  await Promise.all([upsertDistributorItems(db, distributor, items), upsertDealerItems(db, dealerId, distributor, items)]);
}

/**
 * Sets the items' shared stock per warehouse as a feed saw it at `asOf` (its import's start). Newest
 * wins: a row the feed finds stamped later (a live check, or a feed that started after this one) is
 * left alone. A changed quantity takes the feed's time; an unchanged one is not rewritten, so a
 * second dealer importing the same file writes nothing. A warehouse the feed says is empty keeps its
 * row at 0 with the feed's time (so an older feed cannot bring the stock back), but no row is made
 * for a warehouse that never stocked the item.
 */
export async function upsertStock(db: Db, distributor: string, warehouses: string[], items: FeedRow[], asOf: Date): Promise<void> {
  const stocked = { skus: [] as string[], warehouses: [] as string[], quantities: [] as number[] };
  const emptied = { skus: [] as string[], pairs: [] as string[] };
  const at = sql`${asOf.toISOString()}::timestamptz`;
  for (const item of items) {
    for (let i = 0; i < warehouses.length; i++) {
      const quantity = item.quantities[i]!;
      if (quantity > 0) {
        stocked.skus.push(item.distributorSku);
        stocked.warehouses.push(warehouses[i]!);
        stocked.quantities.push(quantity);
      } else {
        emptied.skus.push(item.distributorSku);
        emptied.pairs.push(`${item.distributorSku}${PAIR_SEPARATOR}${warehouses[i]}`);
      }
    }
  }
  await db.transaction(async (tx) => {
    if (stocked.skus.length > 0) {
      await tx.execute(sql`
        insert into distributor_stock (distributor, distributor_sku, warehouse_code, quantity, as_of, source)
        select ${distributor}, sku, warehouse, quantity, ${at}, 'feed'
        from unnest(${sql.param(stocked.skus)}::text[], ${sql.param(stocked.warehouses)}::text[], ${sql.param(stocked.quantities)}::int[]) as feed(sku, warehouse, quantity)
        on conflict (distributor, distributor_sku, warehouse_code) do update set quantity = excluded.quantity, as_of = excluded.as_of, source = 'feed'
        where distributor_stock.quantity <> excluded.quantity and distributor_stock.as_of <= excluded.as_of`);
    }
    if (emptied.skus.length > 0) {
      // Looked up by SKU (an index range each) and matched on SKU + warehouse: a join here would let
      // the planner scan the distributor's whole stock for every batch.
      await tx.execute(sql`
        update distributor_stock set quantity = 0, as_of = ${at}, source = 'feed'
        where distributor = ${distributor}
          and distributor_sku = any(${sql.param([...new Set(emptied.skus)])}::text[])
          and distributor_sku || chr(31) || warehouse_code = any(${sql.param(emptied.pairs)}::text[])
          and quantity <> 0 and as_of <= ${at}`);
    }
  });
}

/** An item of a dealer's catalog as set by hand (demo data, chaos runs, tests), both sides at once. */
export interface CatalogItemInput {
  distributor: string;
  distributorSku: string;
  dealerSku: string;
  costCents: number;
  description?: string | null;
  leadTimeDays?: number | null;
  manufacturerPartNumber?: string | null;
  brand?: string | null;
}

/** Whether a seed replaces what is stored, or leaves rows that exist (a demo seeded again keeps the dealer's changes). */
export type SeedMode = { existing: 'replace' | 'keep' };

/**
 * Puts items in a dealer's catalog: the distributor's side shared (given values replace what is
 * stored, missing ones keep it), the dealer's SKU and cost their own.
 */
export async function putCatalogItems(db: Db, dealerId: string, items: CatalogItemInput[], mode: SeedMode = { existing: 'replace' }): Promise<void> {
  if (items.length === 0) return;
  const keep = mode.existing === 'keep';
  const pick = <T>(get: (item: CatalogItemInput) => T) => sql.param(items.map(get));
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into distributor_items (distributor, distributor_sku, description, lead_time_days, manufacturer_part_number, brand)
      select distinct on (distributor, sku) distributor, sku, description, lead_time_days, mpn, brand
      from unnest(${pick((i) => i.distributor)}::text[], ${pick((i) => i.distributorSku)}::text[], ${pick((i) => i.description ?? null)}::text[],
                  ${pick((i) => i.leadTimeDays ?? null)}::int[], ${pick((i) => i.manufacturerPartNumber ?? null)}::text[], ${pick((i) => i.brand ?? null)}::text[])
        as item(distributor, sku, description, lead_time_days, mpn, brand)
      on conflict (distributor, distributor_sku) do ${
        keep
          ? sql`nothing`
          : sql`update set
        description = coalesce(excluded.description, distributor_items.description),
        lead_time_days = coalesce(excluded.lead_time_days, distributor_items.lead_time_days),
        manufacturer_part_number = coalesce(excluded.manufacturer_part_number, distributor_items.manufacturer_part_number),
        brand = coalesce(excluded.brand, distributor_items.brand),
        updated_at = now()`
      }`);
    await tx.execute(sql`
      insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, cost_cents)
      select ${dealerId}, distributor, sku, dealer_sku, cost_cents
      from unnest(${pick((i) => i.distributor)}::text[], ${pick((i) => i.distributorSku)}::text[], ${pick((i) => i.dealerSku)}::text[], ${pick((i) => i.costCents)}::int[])
        as item(distributor, sku, dealer_sku, cost_cents)
      on conflict (dealer_id, distributor, distributor_sku) do ${keep ? sql`nothing` : sql`update set dealer_sku = excluded.dealer_sku, cost_cents = excluded.cost_cents, updated_at = now()`}`);
  });
}

/** Sets distributor stock by hand (demo data, chaos runs, tests), as observed now. */
export async function putStock(
  db: Db,
  rows: Array<{ distributor: string; distributorSku: string; warehouseCode: string; quantity: number }>,
  mode: SeedMode = { existing: 'replace' },
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into distributor_stock (distributor, distributor_sku, warehouse_code, quantity)
    select * from unnest(${sql.param(rows.map((r) => r.distributor))}::text[], ${sql.param(rows.map((r) => r.distributorSku))}::text[],
                         ${sql.param(rows.map((r) => r.warehouseCode))}::text[], ${sql.param(rows.map((r) => r.quantity))}::int[])
    on conflict (distributor, distributor_sku, warehouse_code) do ${
      mode.existing === 'keep' ? sql`nothing` : sql`update set quantity = excluded.quantity, as_of = now(), source = 'feed'`
    }`);
}
