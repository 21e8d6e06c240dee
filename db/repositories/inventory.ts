import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { warehouses } from '../schema/index.js';
import { stockSlotsOf, UNSAID, writeStock } from './stock-pages.js';

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
 * dealer (stock is the distributor's). Each item is stamped with the check's time, even where its
 * quantities are unchanged, so a feed that started earlier and finishes later leaves it be; warehouses
 * the distributor no longer lists for these SKUs are set to 0. Two POs checking the same SKU at once
 * both succeed (one waits for the other's page), and a check older than what is stored changes nothing.
 */
export async function replaceStock(
  db: Db,
  distributor: string,
  live: Array<{ distributorSku: string; warehouses: Array<{ warehouse: string; quantity: number }> }>,
  asOf: Date = new Date(),
): Promise<void> {
  if (live.length === 0) return;
  const codes = [...new Set(live.flatMap((item) => item.warehouses.map((w) => w.warehouse)))];
  await db.$client.begin(async (tx) => {
    const slots = await stockSlotsOf(tx, distributor, [...new Set(live.map((item) => item.distributorSku))]);
    await writeStock(tx, {
      distributor,
      merge: { kind: 'live_check' },
      asOf,
      warehouses: codes,
      slots: live.map((item) => slots.get(item.distributorSku)!),
      quantities: live.flatMap((item) => codes.map((code) => item.warehouses.find((w) => w.warehouse === code)?.quantity ?? UNSAID)),
    });
  });
}
