import { sql } from 'drizzle-orm';
import type { FeedRow } from '../../feeds/row.js';
import type { Db } from '../client.js';

export type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Applies validated feed rows to a dealer's catalog: items with cost and lead time, and stock per
 * warehouse. Each table gets one statement over arrays (unnest), so a batch costs three round trips
 * whatever its size. Rows that change nothing are not rewritten, which keeps a daily re-import of a
 * mostly unchanged file cheap.
 */
export async function upsertCatalogRows(tx: Transaction, dealerId: string, distributor: string, warehouses: string[], rows: FeedRow[]): Promise<void> {
  // A SKU listed twice in one statement would make Postgres refuse it; as across batches, the later row wins.
  const items = [...new Map(rows.map((row) => [row.distributorSku, row])).values()];
  if (items.length === 0) return;
  const column = <T>(pick: (row: FeedRow) => T) => sql.param(items.map(pick));

  // Until the dealer maps it to a SKU of their own, a new item is sold under the distributor's part number.
  await tx.execute(sql`
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

  // Stock rows exist only where there is stock, as routing reads them; a warehouse down to zero loses its row.
  const stocked = { skus: [] as string[], warehouses: [] as string[], quantities: [] as number[] };
  const emptied = { skus: [] as string[], warehouses: [] as string[] };
  for (const item of items) {
    for (let i = 0; i < warehouses.length; i++) {
      const quantity = item.quantities[i]!;
      const into = quantity > 0 ? stocked : emptied;
      into.skus.push(item.distributorSku);
      into.warehouses.push(warehouses[i]!);
      if (quantity > 0) stocked.quantities.push(quantity);
    }
  }
  if (stocked.skus.length > 0) {
    await tx.execute(sql`
      insert into inventory (dealer_id, distributor, distributor_sku, warehouse_code, quantity)
      select ${dealerId}, ${distributor}, sku, warehouse, quantity
      from unnest(${sql.param(stocked.skus)}::text[], ${sql.param(stocked.warehouses)}::text[], ${sql.param(stocked.quantities)}::int[]) as feed(sku, warehouse, quantity)
      on conflict (dealer_id, distributor, distributor_sku, warehouse_code) do update set quantity = excluded.quantity, updated_at = now()
      where inventory.quantity <> excluded.quantity`);
  }
  if (emptied.skus.length > 0) {
    await tx.execute(sql`
      delete from inventory using unnest(${sql.param(emptied.skus)}::text[], ${sql.param(emptied.warehouses)}::text[]) as feed(sku, warehouse)
      where inventory.dealer_id = ${dealerId} and inventory.distributor = ${distributor}
        and inventory.distributor_sku = feed.sku and inventory.warehouse_code = feed.warehouse`);
  }
}
