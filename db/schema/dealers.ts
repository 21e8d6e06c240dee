import { boolean, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { DistributorId } from '../../domain/distributors.js';
import { DEFAULT_FAILOVER_POLICY, type FailoverPolicy } from '../../domain/failover.js';
import { DEFAULT_HANDLING_DAYS, type HandlingDays } from '../../domain/ship-by.js';
import { createdAt, updatedAt } from './columns.js';

/** A tenant: one dealership and its order-automation settings. */
export const dealers = pgTable('dealers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  autoProcessing: boolean('auto_processing').notNull().default(false),
  dropshipCutoffCents: integer('dropship_cutoff_cents').notNull().default(100),
  /** Units of each distributor item held back when judging stock, against a feed that is hours old. */
  stockBuffer: integer('stock_buffer').notNull().default(0),
  distributorPreference: jsonb('distributor_preference').$type<DistributorId[]>().notNull().default([]),
  /** Where reminders, failures and give-ups are sent. */
  notificationEmail: text('notification_email'),
  emailFrom: text('email_from'),
  emailReplyTo: text('email_reply_to'),
  /** Whether the buyer is told when a distributor backorders or cancels part of their order. */
  notifyBuyerOfPoChanges: boolean('notify_buyer_of_po_changes').notNull().default(false),
  poPrefix: text('po_prefix').notNull().default('DL'),
  confirmReminderSeconds: integer('confirm_reminder_seconds')
    .notNull()
    .default(24 * 3600),
  confirmExpirySeconds: integer('confirm_expiry_seconds')
    .notNull()
    .default(7 * 24 * 3600),
  /** IANA name: the dealer's "every morning" and "today" are reckoned in it. */
  timeZone: text('time_zone').notNull().default('America/Chicago'),
  /** Automatic re-routing of refused, cancelled and long-backordered lines; off unless the dealer turns it on. */
  failoverPolicy: jsonb('failover_policy').$type<FailoverPolicy>().notNull().default(DEFAULT_FAILOVER_POLICY),
  /** Business days to ship an order of a channel that gives no ship-by date of its own (domain/ship-by.ts). */
  handlingDays: jsonb('handling_days').$type<HandlingDays>().notNull().default(DEFAULT_HANDLING_DAYS),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
