import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { inventory, warehouses } from '../schema/index.js';

/** The dealer's lead time per warehouse code of one distributor (their inventory rules). */
export async function warehouseLeadTimes(db: Db, dealerId: string, distributor: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ code: warehouses.code, leadTimeDays: warehouses.leadTimeDays })
    .from(warehouses)
    .where(and(eq(warehouses.dealerId, dealerId), eq(warehouses.distributor, distributor)));
  return new Map(rows.map((row) => [row.code, row.leadTimeDays]));
}

/**
 * Replaces what we know of these SKUs' stock with a live answer from the distributor. Upserts, so
 * two POs checking the same SKU at once both succeed (a delete-then-insert collided on the key).
 */
export async function replaceStock(
  db: Db,
  dealerId: string,
  distributor: string,
  live: Array<{ distributorSku: string; warehouses: Array<{ warehouse: string; quantity: number }> }>,
): Promise<void> {
  if (live.length === 0) return;
  const rows = live.flatMap((item) =>
    item.warehouses.map((w) => ({ dealerId, distributor, distributorSku: item.distributorSku, warehouseCode: w.warehouse, quantity: w.quantity })),
  );
  const reported = rows.map((row) => `${row.distributorSku}/${row.warehouseCode}`);
  await db.transaction(async (tx) => {
    // Warehouses the distributor no longer lists for these SKUs hold none.
    await tx.delete(inventory).where(
      and(
        eq(inventory.dealerId, dealerId),
        eq(inventory.distributor, distributor),
        inArray(
          inventory.distributorSku,
          live.map((l) => l.distributorSku),
        ),
        reported.length ? notInArray(sql`${inventory.distributorSku} || '/' || ${inventory.warehouseCode}`, reported) : undefined,
      ),
    );
    if (rows.length > 0) {
      await tx
        .insert(inventory)
        .values(rows)
        .onConflictDoUpdate({
          target: [inventory.dealerId, inventory.distributor, inventory.distributorSku, inventory.warehouseCode],
          set: { quantity: sql`excluded.quantity`, updatedAt: new Date() },
        });
    }
  });
}
