import { index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { Address } from '../../domain/address.js';
import type { DropshipPlan, ExcludedDistributor } from '../../domain/dropship-plan.js';
import { createdAt, updatedAt } from './columns.js';
import { dealers } from './dealers.js';
import { orders } from './orders.js';

/** The dealer's decision to fulfil lines of an order through distributors; one Temporal workflow each. */
export const dropships = pgTable(
  'dropships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    sequence: integer('sequence').notNull(),
    workflowId: text('workflow_id').notNull().unique(),
    /** Base of this drop-ship's PO numbers, e.g. DL000123 → DL000123-W for WPS. */
    poBase: text('po_base').notNull(),
    mode: text('mode').notNull(),
    status: text('status').notNull(),
    plan: jsonb('plan').$type<DropshipPlan>(),
    /** The dealer's edited ship-to, when they changed it at confirmation. Buyer PII. */
    shipTo: jsonb('ship_to').$type<Address>(),
    /** Set on a re-route: the PO whose lines this drop-ship moves, and the distributors it must not use again. */
    rerouteOf: text('reroute_of'),
    excludedDistributors: jsonb('excluded_distributors').$type<ExcludedDistributor[]>().notNull().default([]),
    /** Set on an automatic failover: a candidate costing more than this share of the sale price is not used. */
    maxCostPercent: integer('max_cost_percent'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('dropships_order_sequence_uq').on(t.orderId, t.sequence), index('dropships_dealer_idx').on(t.dealerId)],
);
