import { sql } from 'drizzle-orm';
import type { FeedRow } from '../../feeds/row.js';
import type { Db } from '../client.js';

/** ASCII unit separator (chr(31) in SQL); feed rows with control characters in the SKU are refused as bad rows. */
const PAIR_SEPARATOR = '\u001f';

/**
 * One row per SKU: Postgres refuses a statement that upserts the same key twice. As across batches,
 * the later row of the file wins.
 */
export function latestPerSku(rows: FeedRow[]): FeedRow[] {
  return [...new Map(rows.map((row) => [row.distributorSku, row])).values()];
}

/**
 * Upserts items with cost, lead time, part number and brand in one statement over arrays (unnest).
 * Blank optional values keep what is stored, and rows that change nothing are not rewritten, which
 * keeps a daily re-import of a mostly unchanged file cheap.
 */
export async function upsertCatalogItems(db: Db, dealerId: string, distributor: string, items: FeedRow[]): Promise<void> {
  if (items.length === 0) return;
  const column = <T>(pick: (row: FeedRow) => T) => sql.param(items.map(pick));
  // Until the dealer maps it to a SKU of their own, a new item is sold under the distributor's part number.
  await db.execute(sql`
    insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, description, cost_cents, lead_time_days, manufacturer_part_number, brand)
    select ${dealerId}, ${distributor}, sku, sku, description, cost_cents, lead_time_days, mpn, brand
    from unnest(${column((r) => r.distributorSku)}::text[], ${column((r) => r.description)}::text[], ${column((r) => r.costCents)}::int[],
                ${column((r) => r.leadTimeDays)}::int[], ${column((r) => r.manufacturerPartNumber)}::text[], ${column((r) => r.brand)}::text[])
      as feed(sku, description, cost_cents, lead_time_days, mpn, brand)
    on conflict (dealer_id, distributor, distributor_sku) do update set
      description = coalesce(excluded.description, catalog_items.description),
      cost_cents = excluded.cost_cents,
      lead_time_days = coalesce(excluded.lead_time_days, catalog_items.lead_time_days),
      manufacturer_part_number = coalesce(excluded.manufacturer_part_number, catalog_items.manufacturer_part_number),
      brand = coalesce(excluded.brand, catalog_items.brand),
      updated_at = now()
    where (catalog_items.description, catalog_items.cost_cents, catalog_items.lead_time_days, catalog_items.manufacturer_part_number, catalog_items.brand)
      is distinct from (coalesce(excluded.description, catalog_items.description), excluded.cost_cents, coalesce(excluded.lead_time_days, catalog_items.lead_time_days),
                        coalesce(excluded.manufacturer_part_number, catalog_items.manufacturer_part_number), coalesce(excluded.brand, catalog_items.brand))`);
}

/**
 * Sets the items' stock per warehouse. Stock rows exist only where there is stock, as routing reads
 * them: a warehouse down to zero loses its row. Unchanged quantities are not rewritten.
 */
export async function upsertStock(db: Db, dealerId: string, distributor: string, warehouses: string[], items: FeedRow[]): Promise<void> {
  const stocked = { skus: [] as string[], warehouses: [] as string[], quantities: [] as number[] };
  const emptied = { skus: [] as string[], pairs: [] as string[] };
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
        insert into inventory (dealer_id, distributor, distributor_sku, warehouse_code, quantity)
        select ${dealerId}, ${distributor}, sku, warehouse, quantity
        from unnest(${sql.param(stocked.skus)}::text[], ${sql.param(stocked.warehouses)}::text[], ${sql.param(stocked.quantities)}::int[]) as feed(sku, warehouse, quantity)
        on conflict (dealer_id, distributor, distributor_sku, warehouse_code) do update set quantity = excluded.quantity, updated_at = now()
        where inventory.quantity <> excluded.quantity`);
    }
    if (emptied.skus.length > 0) {
      // Looked up by SKU (an index range each) and matched on SKU + warehouse: a join here would let
      // the planner scan the dealer's whole stock for every batch.
      await tx.execute(sql`
        delete from inventory
        where dealer_id = ${dealerId} and distributor = ${distributor}
          and distributor_sku = any(${sql.param([...new Set(emptied.skus)])}::text[])
          and distributor_sku || chr(31) || warehouse_code = any(${sql.param(emptied.pairs)}::text[])`);
    }
  });
}
