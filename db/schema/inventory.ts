import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.js';
import { dealers } from './dealers.js';

/** Stock of one distributor item at one warehouse, as of the last feed import or live check. */
export const inventory = pgTable(
  'inventory',
  {
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    distributor: text('distributor').notNull(),
    distributorSku: text('distributor_sku').notNull(),
    warehouseCode: text('warehouse_code').notNull(),
    quantity: integer('quantity').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.dealerId, t.distributor, t.distributorSku, t.warehouseCode] })],
);
