import type { DistributorId } from '../../domain/distributors.js';
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dealers } from './dealers.js';

export interface BadFeedRow {
  line: number;
  reason: string;
}

/**
 * One run of a catalog feed import. Progress is written once each batch of rows is committed, so a
 * retried import resumes after the last committed line and its counts stay exact.
 */
export const feedImports = pgTable(
  'feed_imports',
  {
    id: uuid('id').primaryKey(),
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    distributor: text('distributor').$type<DistributorId>().notNull(),
    status: text('status').$type<'running' | 'succeeded' | 'failed'>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsOk: integer('rows_ok').notNull().default(0),
    /** Of the good rows, those the catalog already held as the file has them, from the dealer's last import. */
    rowsHeld: integer('rows_held').notNull().default(0),
    rowsBad: integer('rows_bad').notNull().default(0),
    /** The first bad rows (line numbers count the header as line 1), enough for the dealer to fix the pattern. */
    badRows: jsonb('bad_rows').$type<BadFeedRow[]>().notNull().default([]),
    /** The last line of the file whose rows are committed: where a retried attempt carries on. */
    committedLine: integer('committed_line').notNull().default(0),
    /**
     * The transaction horizon when the import began: whatever any transaction from it on wrote to the
     * catalog was written after this import began to look at it (see feed_fingerprints).
     */
    sinceXid: bigint('since_xid', { mode: 'number' })
      .notNull()
      .default(sql`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`),
    /** The transactions, over all its attempts, in which this import wrote catalog rows. */
    writtenXids: bigint('written_xids', { mode: 'number' }).array().notNull().default([]),
    /** Why the whole import failed (unreachable server, wrong header, …); bad rows alone do not fail it. */
    error: text('error'),
  },
  (t) => [index('feed_imports_dealer_distributor_idx').on(t.dealerId, t.distributor, t.startedAt)],
);
