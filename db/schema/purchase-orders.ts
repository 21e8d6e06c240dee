import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { CancellationRequest } from '../../domain/cancellation.js';
import { createdAt, updatedAt } from './columns.js';
import { dealers } from './dealers.js';
import { dropships } from './dropships.js';
import { orders } from './orders.js';

/** A purchase order placed with one distributor. The PO number is the idempotency key. */
export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    dropshipId: uuid('dropship_id')
      .notNull()
      .references(() => dropships.id),
    distributor: text('distributor').notNull(),
    poNumber: text('po_number').notNull(),
    workflowId: text('workflow_id').notNull(),
    status: text('status').notNull(),
    shipMethod: text('ship_method').notNull(),
    distributorOrderRefs: jsonb('distributor_order_refs').$type<string[]>().notNull().default([]),
    failureReason: text('failure_reason'),
    /** The PO whose lines this one re-routes, when it does. */
    reroutedFrom: text('rerouted_from'),
    /** The dealer's cancellation request on the PO, as a whole (each line has its own state). */
    cancellation: jsonb('cancellation').$type<CancellationRequest>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** When the account's tracking poller last saw the PO in the distributor's order list; the PO's safety check skips its own lookup after that. */
    listedAt: timestamp('listed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('purchase_orders_dealer_po_uq').on(t.dealerId, t.poNumber),
    // The tracking poller's window starts at the oldest open PO of an account.
    index('purchase_orders_dealer_distributor_status_idx').on(t.dealerId, t.distributor, t.status),
    index('purchase_orders_dealer_order_idx').on(t.dealerId, t.orderId),
    // By status, newest first: a rare status is found without walking every PO of the dealer.
    index('purchase_orders_dealer_status_idx').on(t.dealerId, t.status, t.createdAt, t.id),
    // The PO list and search, newest first with a keyset cursor: walked in order, filters applied on the way.
    index('purchase_orders_dealer_created_idx').on(t.dealerId, t.createdAt, t.id),
    // PO search by the start of a PO number, in any case: a range scan in byte order (text_pattern_ops).
    index('purchase_orders_dealer_po_lower_idx').on(t.dealerId, sql`lower(${t.poNumber}) text_pattern_ops`),
    // Each PO answer lists the POs that took over its lines: found by this index, not by scanning every PO.
    index('purchase_orders_dealer_rerouted_from_idx')
      .on(t.dealerId, t.reroutedFrom)
      .where(sql`${t.reroutedFrom} is not null`),
  ],
);
