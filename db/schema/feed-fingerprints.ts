import { bigint, customType, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DistributorId } from '../../domain/distributors.js';
import { dealers } from './dealers.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Which import a memory of fingerprints is, and since when it can be trusted: each table of them gets its own columns. */
const rememberedImport = () => ({
  importId: uuid('import_id').notNull(),
  /** The file's layout (feeds/fingerprint.ts layoutOf): a file laid out otherwise is not compared with these. */
  layout: text('layout').notNull(),
  /** The import's transaction horizon at its start (pg_snapshot_xmin): every transaction from it on may have written since. */
  sinceXid: bigint('since_xid', { mode: 'number' }).notNull(),
  /** The import's own transactions that wrote catalog rows. */
  ownXids: bigint('own_xids', { mode: 'number' }).array().notNull(),
  rows: integer('rows').notNull(),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What a dealer's last successful import of a distributor's feed left in the catalog, as one
 * fingerprint per SKU (feeds/fingerprint.ts), for the next import to find the rows that changed
 * without asking the database row by row. Only as good as nothing else having written those rows
 * since: anything written by a transaction from `since_xid` on, other than the import's own
 * (`own_xids`), is compared again in full.
 */
export const feedFingerprints = pgTable(
  'feed_fingerprints',
  {
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    distributor: text('distributor').$type<DistributorId>().notNull(),
    ...rememberedImport(),
  },
  (t) => [primaryKey({ columns: [t.dealerId, t.distributor] })],
);

/**
 * The fingerprints of a feed_fingerprints row, in pieces, so that neither side ever holds the whole
 * list twice over (as one bytea the driver would hex-encode it: 16 MB of text for a million rows).
 */
export const feedFingerprintChunks = pgTable(
  'feed_fingerprint_chunks',
  {
    dealerId: text('dealer_id').notNull(),
    distributor: text('distributor').$type<DistributorId>().notNull(),
    chunk: integer('chunk').notNull(),
    /**
     * Each row's SKU key (4 bytes each: a uint32 in this machine's byte order). A memory stored with
     * 8-byte SKUs, as they once were, does not add up (feed-fingerprints.ts listsOf): it is ignored once and rewritten.
     */
    skus: bytea('skus').notNull(),
    /** The same rows' own cells (SKU and price): 8 bytes each, a float64 (a 53-bit hash is exact in it). */
    fingerprints: bytea('fingerprints').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dealerId, t.distributor, t.chunk] }),
    foreignKey({ columns: [t.dealerId, t.distributor], foreignColumns: [feedFingerprints.dealerId, feedFingerprints.distributor] }).onDelete('cascade'),
  ],
);

/**
 * The distributor's side of the newest import of its feed by any dealer: per SKU, fingerprints of the
 * row's item cells and of its stock cells (all but the dealer's price: feeds/fingerprint.ts), and the
 * item's stock slot, so that a dealer whose file describes the items and stock as the catalog already
 * holds them writes only their prices, not comparing in Postgres what another dealer's import of the
 * same file wrote, and a day that moved only quantities writes them straight into their stock pages. Trusted as
 * feed_fingerprints are, against writes to the distributor's items and stock since `since_xid`.
 */
export const sharedFeedFingerprints = pgTable('shared_feed_fingerprints', {
  distributor: text('distributor').$type<DistributorId>().primaryKey(),
  ...rememberedImport(),
});

/**
 * The rows of a shared_feed_fingerprints row, in pieces, as feed_fingerprint_chunks: a SKU key, two
 * fingerprints and a slot a row, one column each (the n-th of each column is the same row).
 */
export const sharedFeedFingerprintChunks = pgTable(
  'shared_feed_fingerprint_chunks',
  {
    distributor: text('distributor')
      .$type<DistributorId>()
      .notNull()
      .references(() => sharedFeedFingerprints.distributor, { onDelete: 'cascade' }),
    chunk: integer('chunk').notNull(),
    skus: bytea('skus').notNull(),
    /** Of the row's item cells: all but its price and stock. */
    items: bytea('items').notNull(),
    /** Of the row's stock cells. */
    stock: bytea('stock').notNull(),
    /** The item's distributor_items.stock_slot, or -1 if the import did not learn it (or it is past 2^31 - 1): an int32. */
    slots: bytea('slots').notNull(),
  },
  (t) => [primaryKey({ columns: [t.distributor, t.chunk] })],
);

/**
 * Catalog rows deleted (by anyone, kept by triggers on the three catalog tables): a deleted row has no
 * xmin left to be found by, yet an import that skipped its SKU would leave it missing. Rows older than
 * every import's horizon are of no more use and are cleared as imports finish. A truncated table leaves
 * a row with no distributor: every import's fingerprints are then ignored once.
 */
export const catalogDeletions = pgTable(
  'catalog_deletions',
  {
    distributor: text('distributor'),
    distributorSku: text('distributor_sku'),
    /** For a dealer's price row; null for the distributor's shared rows. */
    dealerId: text('dealer_id'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('catalog_deletions_distributor_idx').on(t.distributor)],
);
