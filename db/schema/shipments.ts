import { date, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { CalendarDate } from '../../domain/calendar-date.js';
import { createdAt } from './columns.js';
import { purchaseOrders } from './purchase-orders.js';

/** One package of a PO: carrier, tracking number and what it holds. */
export const shipments = pgTable(
  'shipments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    poId: uuid('po_id')
      .notNull()
      .references(() => purchaseOrders.id),
    carrier: text('carrier').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    shipMethod: text('ship_method'),
    /** The day the distributor says the package shipped: a date, as distributors give no time of day. */
    shippedOn: date('shipped_on', { mode: 'string' }).$type<CalendarDate>(),
    lines: jsonb('lines').$type<Array<{ distributorSku: string; quantity: number }>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('shipments_po_tracking_uq').on(t.poId, t.trackingNumber)],
);
