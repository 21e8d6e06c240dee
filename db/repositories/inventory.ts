import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { warehouses } from '../schema/index.js';

/** The dealer's lead time per warehouse code of one distributor (their inventory rules). */
export async function warehouseLeadTimes(db: Db, dealerId: string, distributor: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ code: warehouses.code, leadTimeDays: warehouses.leadTimeDays })
    .from(warehouses)
    .where(and(eq(warehouses.dealerId, dealerId), eq(warehouses.distributor, distributor)));
  return new Map(rows.map((row) => [row.code, row.leadTimeDays]));
}

/**
 * Replaces what we know of these SKUs' stock with a live answer from the distributor, for every
 * dealer (stock is the distributor's). Each warehouse is stamped with the check's time, even where the
 * quantity is unchanged, so a feed that started earlier and finishes later leaves it be; warehouses the
 * distributor no longer lists for these SKUs are set to 0. Upserts, so two POs checking the same SKU
 * at once both succeed, and a check older than what is stored changes nothing.
 */
export async function replaceStock(
  db: Db,
  distributor: string,
  live: Array<{ distributorSku: string; warehouses: Array<{ warehouse: string; quantity: number }> }>,
  asOf: Date = new Date(),
): Promise<void> {
  if (live.length === 0) return;
  const rows = live.flatMap((item) => item.warehouses.map((w) => ({ sku: item.distributorSku, warehouse: w.warehouse, quantity: w.quantity })));
  const skus = live.map((item) => item.distributorSku);
  const at = sql`${asOf.toISOString()}::timestamptz`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update distributor_stock set quantity = 0, as_of = ${at}, source = 'live_check'
      where distributor = ${distributor} and distributor_sku = any(${sql.param(skus)}::text[])
        and distributor_sku || chr(31) || warehouse_code <> all(${sql.param(rows.map((r) => `${r.sku}\u001f${r.warehouse}`))}::text[])
        and as_of <= ${at}`);
    if (rows.length === 0) return;
    await tx.execute(sql`
      insert into distributor_stock (distributor, distributor_sku, warehouse_code, quantity, as_of, source)
      select ${distributor}, sku, warehouse, quantity, ${at}, 'live_check'
      from unnest(${sql.param(rows.map((r) => r.sku))}::text[], ${sql.param(rows.map((r) => r.warehouse))}::text[], ${sql.param(rows.map((r) => r.quantity))}::int[])
        as live(sku, warehouse, quantity)
      on conflict (distributor, distributor_sku, warehouse_code) do update set quantity = excluded.quantity, as_of = excluded.as_of, source = 'live_check'
      where distributor_stock.as_of <= excluded.as_of`);
  });
}
