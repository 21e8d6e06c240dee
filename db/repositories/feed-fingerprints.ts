import { and, eq, sql } from 'drizzle-orm';
import type { DistributorId } from '../../domain/distributors.js';
import { FingerprintSet, type HeldRows, type LastFile } from '../../feeds/fingerprint.js';
import type { Db } from '../client.js';
import { feedFingerprintChunks, feedFingerprints, feedImports } from '../schema/index.js';
import type { FeedImportKey } from './feed-imports.js';

export interface LastImport {
  /** What the dealer's last successful import left in the catalog, if it can still be trusted. */
  held: LastFile | null;
  /** SKUs whose catalog rows were written since by anything but that import: compared in full. */
  changedSince: string[];
}

/**
 * Past this many transactions, a 32-bit xmin may have wrapped around to look newer than the
 * horizon (harmless) or, much later, older (not): the fingerprints are then ignored, and the file is
 * compared in full. At a million transactions a day that is over five years.
 */
const MAX_AGE_XIDS = 2_000_000_000;

/** 512 KB a piece: a million rows' fingerprints in 16 pieces. */
const FINGERPRINTS_PER_CHUNK = 65_536;

/**
 * The dealer's last import of the distributor, and what was written since to the catalog rows it
 * covers: the distributor's items and stock (shared with every dealer) and the dealer's prices. Rows
 * are found written since by their xmin, the transaction that last wrote them, against the import's
 * horizon: no column to keep up and no index to maintain on every write, at the price of reading the
 * distributor's rows once (a few hundred milliseconds for a million items). Deleted rows are found in
 * catalog_deletions.
 */
export async function lastImport(db: Db, dealerId: string, distributor: DistributorId): Promise<LastImport> {
  const [last] = await db
    .select({
      layout: feedFingerprints.layout,
      rows: feedFingerprints.rows,
      // The horizon and the import's own transactions as the 32-bit xids that xmin holds.
      since: sql<string>`(${feedFingerprints.sinceXid} % 4294967296)::text`,
      own: sql<string[]>`array(select (x % 4294967296)::text from unnest(${feedFingerprints.ownXids}) x)`,
      tooOld: sql<boolean>`age((${feedFingerprints.sinceXid} % 4294967296)::text::xid) > ${MAX_AGE_XIDS}`,
    })
    .from(feedFingerprints)
    .where(and(eq(feedFingerprints.dealerId, dealerId), eq(feedFingerprints.distributor, distributor)));
  if (!last || last.tooOld) return { held: null, changedSince: [] };

  const since = sql`age(xmin) <= age(${last.since}::xid)`;
  const writtenSince = (table: string, dealer?: string) =>
    db.execute<{ sku: string }>(sql`
      select distributor_sku as sku from ${sql.identifier(table)}
      where distributor = ${distributor} ${dealer === undefined ? sql`` : sql`and dealer_id = ${dealer}`}
        and ${since} and xmin <> all(${sql.param(last.own)}::xid[])`);
  const deletedSince = db.execute<{ sku: string | null }>(sql`
    select distributor_sku as sku from catalog_deletions
    where (distributor = ${distributor} or distributor is null) and (dealer_id = ${dealerId} or dealer_id is null) and ${since}`);
  const changed = await Promise.all([
    writtenSince('distributor_items'),
    writtenSince('distributor_stock'),
    writtenSince('catalog_items', dealerId),
    deletedSince,
  ]);
  const skus = changed.flatMap((rows) => rows.map((row) => row.sku));
  // A truncated table: nothing can be told about any row.
  if (skus.includes(null)) return { held: null, changedSince: [] };
  const rows = new FingerprintSet(last.rows);
  const chunks = db.$client<Array<{ fingerprints: Buffer }>>`
    select fingerprints from feed_fingerprint_chunks where dealer_id = ${dealerId} and distributor = ${distributor} order by chunk`.cursor(1);
  for await (const [chunk] of chunks) {
    const bytes = chunk!.fingerprints;
    // Copied out: a Buffer from the driver need not start on an 8-byte boundary.
    for (const fingerprint of new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))) rows.add(fingerprint);
  }
  return { held: { layout: last.layout, rows }, changedSince: [...new Set(skus as string[])] };
}

/**
 * Keeps what this import left in the catalog for the next one, in place of the last import's. Called
 * once the import has written everything; its horizon and own transactions come from its summary row.
 */
export async function rememberImport(db: Db, ref: FeedImportKey, held: HeldRows): Promise<void> {
  const values = {
    importId: ref.id,
    layout: held.layout,
    sinceXid: sql`(select ${feedImports.sinceXid} from ${feedImports} where ${feedImports.id} = ${ref.id})`,
    ownXids: sql`(select ${feedImports.writtenXids} from ${feedImports} where ${feedImports.id} = ${ref.id})`,
    rows: held.rows.length,
    takenAt: sql`now()`,
  };
  const key = { dealerId: ref.dealerId, distributor: ref.distributor };
  await db.transaction(async (tx) => {
    await tx
      .insert(feedFingerprints)
      .values({ ...key, ...values })
      .onConflictDoUpdate({ target: [feedFingerprints.dealerId, feedFingerprints.distributor], set: values });
    await tx.delete(feedFingerprintChunks).where(and(eq(feedFingerprintChunks.dealerId, ref.dealerId), eq(feedFingerprintChunks.distributor, ref.distributor)));
    for (let start = 0, chunk = 0; start < held.rows.length; start += FINGERPRINTS_PER_CHUNK, chunk++) {
      const piece = held.rows.subarray(start, start + FINGERPRINTS_PER_CHUNK);
      await tx.insert(feedFingerprintChunks).values({ ...key, chunk, fingerprints: Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength) });
    }
  });
  // Deletions from before every import's horizon no longer change what any import skips.
  await db.execute(sql`
    delete from catalog_deletions
    where age(xmin) > (select max(age((since_xid % 4294967296)::text::xid)) from feed_fingerprints)`);
}
