import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { DistributorId } from '../../domain/distributors.js';
import type { Db, Transaction } from '../client.js';
import { auditEvents, warehouses } from '../schema/index.js';

const warehouseColumns = { distributor: warehouses.distributor, code: warehouses.code, name: warehouses.name, leadTimeDays: warehouses.leadTimeDays };

export interface WarehouseKey {
  distributor: DistributorId;
  code: string;
}

/** The dealer's inventory rules per distributor warehouse, by distributor then code. */
export function listWarehouses(db: Db, dealerId: string) {
  return db.select(warehouseColumns).from(warehouses).where(eq(warehouses.dealerId, dealerId)).orderBy(asc(warehouses.distributor), asc(warehouses.code));
}

/** Creates or replaces one warehouse's name and lead time; audited when something changed. */
export async function saveWarehouse(db: Db, dealerId: string, warehouse: WarehouseKey & { name: string; leadTimeDays: number }, actor: Actor) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select(warehouseColumns).from(warehouses).where(keyOf(dealerId, warehouse)).for('update');
    const [saved] = await tx
      .insert(warehouses)
      .values({ dealerId, ...warehouse })
      .onConflictDoUpdate({
        target: [warehouses.dealerId, warehouses.distributor, warehouses.code],
        set: { name: warehouse.name, leadTimeDays: warehouse.leadTimeDays },
      })
      .returning(warehouseColumns);
    if (before?.name !== saved!.name || before?.leadTimeDays !== saved!.leadTimeDays) {
      const days = `${saved!.leadTimeDays} day${saved!.leadTimeDays === 1 ? '' : 's'}`;
      await audit(tx, dealerId, actor, 'warehouse.saved', `Warehouse ${warehouse.distributor} ${warehouse.code} (${saved!.name}) lead time ${days}`, {
        from: before ?? null,
        to: saved,
      });
    }
    return saved!;
  });
}

/** Removes a warehouse from the rules (its stock then counts as too slow to drop-ship); false if there was none. */
export async function deleteWarehouse(db: Db, dealerId: string, warehouse: WarehouseKey, actor: Actor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [deleted] = await tx.delete(warehouses).where(keyOf(dealerId, warehouse)).returning(warehouseColumns);
    if (!deleted) return false;
    await audit(tx, dealerId, actor, 'warehouse.deleted', `Warehouse ${warehouse.distributor} ${warehouse.code} (${deleted.name}) removed`, {
      from: deleted,
      to: null,
    });
    return true;
  });
}

function keyOf(dealerId: string, { distributor, code }: WarehouseKey) {
  return and(eq(warehouses.dealerId, dealerId), eq(warehouses.distributor, distributor), eq(warehouses.code, code));
}

async function audit(tx: Transaction, dealerId: string, actor: Actor, type: string, summary: string, details: Record<string, unknown>) {
  await tx.insert(auditEvents).values({ dealerId, actorType: actor.type, actorId: actor.id ?? null, type, summary, details });
}
