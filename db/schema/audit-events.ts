import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One immutable line of an order's history. A trigger (migration 0001) rejects UPDATE and DELETE.
 * `dedupe_key` lets an activity retry write the same event without duplicating it.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dealerId: text('dealer_id').notNull(),
    orderId: uuid('order_id'),
    poNumber: text('po_number'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    type: text('type').notNull(),
    summary: text('summary').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text('dedupe_key').unique(),
  },
  (t) => [index('audit_events_order_idx').on(t.dealerId, t.orderId, t.id)],
);
