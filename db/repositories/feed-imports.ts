import { eq, sql } from 'drizzle-orm';
import type { DistributorId } from '../../domain/distributors.js';
import type { Db } from '../client.js';
import { feedImports, type BadFeedRow } from '../schema/index.js';
import { upsertDealerItems, upsertDistributorItems } from './catalog-upsert.js';
import type { StagedFeedRows } from './feed-staging.js';

export type FeedImport = typeof feedImports.$inferSelect;

/** Which import: its id comes from the workflow run, so every attempt of one run finds the same row. */
export interface FeedImportKey {
  id: string;
  dealerId: string;
  distributor: DistributorId;
}

export interface FeedImportProgress {
  rowsRead: number;
  rowsOk: number;
  rowsHeld: number;
  rowsBad: number;
  badRows: BadFeedRow[];
  committedLine: number;
}

/** The import's summary row, created on its first attempt; later attempts get the same row back, with its progress. */
export async function beginFeedImport(db: Db, ref: FeedImportKey): Promise<FeedImport> {
  await db
    .insert(feedImports)
    .values({ ...ref, status: 'running' })
    .onConflictDoNothing({ target: feedImports.id });
  const [row] = await db.select().from(feedImports).where(eq(feedImports.id, ref.id));
  return row!;
}

/**
 * Writes a batch of rows to the catalog, then the import's progress: the distributor's items and
 * stock, then the dealer's prices, each writing only what differs from what is stored (see
 * catalog-upsert.ts). Stock is as of the import's start (the same on every attempt), so a live check
 * made meanwhile is not undone. Progress is recorded only once all have committed: it never claims a
 * line whose rows are not stored, and a batch cut short by a crash is simply written again. With it
 * go the batch's transactions, so the next import can tell this import's writes from anyone else's
 * (feed_fingerprints).
 */
export async function commitFeedBatch(
  db: Db,
  feed: { importId: string; dealerId: string; distributor: string; startedAt: Date },
  batch: StagedFeedRows,
  progress: FeedImportProgress,
): Promise<void> {
  // The prices after the items: they are written by the items' slots, which the items' merge gives.
  const xids = [await upsertDistributorItems(db, feed.distributor, batch, feed.startedAt), await upsertDealerItems(db, feed.dealerId, feed.distributor, batch)];
  const written = xids.filter((xid) => xid !== null);
  await db
    .update(feedImports)
    .set({ ...progress, writtenXids: sql`array_cat(${feedImports.writtenXids}, ${sql.param(written)}::bigint[])` })
    .where(eq(feedImports.id, feed.importId));
}

/** Closes the summary row; a failure before the row existed still leaves one, so every run is accounted for. */
export async function finishFeedImport(
  db: Db,
  ref: FeedImportKey,
  outcome: { status: 'succeeded' } | { status: 'failed'; error: string },
): Promise<FeedImport> {
  const finished = {
    status: outcome.status,
    error: outcome.status === 'failed' ? outcome.error : null,
    finishedAt: sql`now()`,
    durationMs: sql`(extract(epoch from now() - ${feedImports.startedAt}) * 1000)::int`,
  };
  const [row] = await db
    .insert(feedImports)
    .values({ ...ref, ...finished, durationMs: 0 })
    .onConflictDoUpdate({ target: feedImports.id, set: finished })
    .returning();
  return row!;
}
