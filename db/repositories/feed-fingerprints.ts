import { and, eq, sql } from 'drizzle-orm';
import type { DistributorId } from '../../domain/distributors.js';
import {
  FingerprintMap,
  FingerprintSet,
  SHARED_SLOT,
  SHARED_STOCK,
  skuFingerprint,
  type HeldRows,
  type LastSharedFile,
  type Remembered,
} from '../../feeds/fingerprint.js';
import type { Db } from '../client.js';
import {
  feedFingerprintChunks,
  feedFingerprints,
  feedImports,
  sharedFeedFingerprintChunks,
  sharedFeedFingerprints,
  STOCK_PAGE_ITEMS,
} from '../schema/index.js';
import type { FeedImportKey } from './feed-imports.js';

export interface LastImport {
  /** The dealer's prices as their last successful import of the distributor left them. */
  own: Remembered;
  /** The distributor's items and stock as its newest import by any dealer left them. */
  shared: Remembered<LastSharedFile>;
}

/**
 * Past this many transactions, a 32-bit xmin may have wrapped around to look newer than the
 * horizon (harmless) or, much later, older (not): the fingerprints are then ignored, and the file is
 * compared in full. At a million transactions a day that is over five years.
 */
const MAX_AGE_XIDS = 2_000_000_000;

/**
 * 32 KB a piece (245 for a million rows), written 32 pieces to a statement. The driver sends and
 * reads a bytea as hex text: at 64 KB a piece's text stays in V8's young generation and dies there,
 * where 1 MB pieces went to its large-object space and piled up until a full collection.
 */
const FINGERPRINTS_PER_CHUNK = 4_096;
const CHUNKS_PER_STATEMENT = 32;

const nothing = <File>(): Remembered<File> => ({ held: null, changedSince: new FingerprintSet() });

/**
 * The dealer's last import of the distributor and the distributor's newest import by anyone, each
 * with what was written since to the catalog rows it covers: for the dealer's own, their prices; for
 * the shared one, the distributor's items and stock pages (a page written counts for all its items). Rows are found written since by
 * their xmin, the transaction that last wrote them, against the import's horizon: no column to keep
 * up and no index to maintain on every write, at the price of reading the distributor's rows once (a
 * few hundred milliseconds for a million items). Deleted rows are found in catalog_deletions.
 */
export async function lastImport(db: Db, dealerId: string, distributor: DistributorId): Promise<LastImport> {
  const [[ownLast], [sharedLast]] = await Promise.all([
    db
      .select(horizonOf(feedFingerprints))
      .from(feedFingerprints)
      .where(and(eq(feedFingerprints.dealerId, dealerId), eq(feedFingerprints.distributor, distributor))),
    db.select(horizonOf(sharedFeedFingerprints)).from(sharedFeedFingerprints).where(eq(sharedFeedFingerprints.distributor, distributor)),
  ]);
  // Read one after the other, so that their garbage does not pile up together.
  const own = await remembered(db, { distributor, dealerId, last: ownLast }, async (rows) => {
    const held = new FingerprintSet(rows);
    const chunks = db.$client<Array<{ fingerprints: Buffer }>>`
      select fingerprints from feed_fingerprint_chunks where dealer_id = ${dealerId} and distributor = ${distributor} order by chunk`;
    for await (const fetched of chunks.cursor(CHUNKS_PER_STATEMENT))
      for (const chunk of fetched) for (const fingerprint of numbers(chunk.fingerprints)) held.add(fingerprint);
    return { rows: held };
  });
  const shared = await remembered(db, { distributor, dealerId: null, last: sharedLast }, async (rows) => {
    const items = new FingerprintMap(2, rows);
    const chunks = db.$client<Array<{ items: Buffer; stock: Buffer; slots: Buffer }>>`
      select items, stock, slots from shared_feed_fingerprint_chunks where distributor = ${distributor} order by chunk`;
    const values = [0, 0];
    for await (const fetched of chunks.cursor(CHUNKS_PER_STATEMENT)) {
      for (const chunk of fetched) {
        const [stock, slots] = [numbers(chunk.stock), numbers(chunk.slots)];
        numbers(chunk.items).forEach((item, i) => {
          values[SHARED_SLOT] = slots[i]!;
          values[SHARED_STOCK] = stock[i]!;
          items.set(item, values);
        });
      }
    }
    return { items };
  });
  return { own, shared };
}

function horizonOf(table: typeof feedFingerprints | typeof sharedFeedFingerprints) {
  return {
    importId: table.importId,
    layout: table.layout,
    rows: table.rows,
    // The horizon and the import's own transactions as the 32-bit xids that xmin holds.
    since: sql<string>`(${table.sinceXid} % 4294967296)::text`,
    own: sql<string[]>`array(select (x % 4294967296)::text from unnest(${table.ownXids}) x)`,
    tooOld: sql<boolean>`age((${table.sinceXid} % 4294967296)::text::xid) > ${MAX_AGE_XIDS}`,
  };
}

/**
 * One remembered import: its fingerprints, and the SKUs written since by anything else, in the
 * distributor's shared tables and, for a dealer's memory (`dealerId`), in their prices.
 */
async function remembered<Held>(
  db: Db,
  {
    distributor,
    dealerId,
    last,
  }: {
    distributor: DistributorId;
    dealerId: string | null;
    last: { layout: string; rows: number; since: string; own: string[]; tooOld: boolean } | undefined;
  },
  /** Reads the import's rows (`rows` of them), unless it is not to be trusted. */
  read: (rows: number) => Promise<Held>,
): Promise<Remembered<Held & { layout: string }>> {
  if (!last || last.tooOld) return nothing();

  // Read as they come into a set of their own: a day's changes by another dealer are hundreds of
  // thousands of SKUs, too many to hold as strings and rows (the heap's peak at the start of an import).
  const client = db.$client;
  const since = client`age(xmin) <= age(${last.since}::xid) and xmin <> all(${last.own}::xid[])`;
  const writtenSince = (table: string, dealer?: string) =>
    client<Array<{ sku: string }>>`
      select distributor_sku as sku from ${client(table)}
      where distributor = ${distributor} ${dealer === undefined ? client`` : client`and dealer_id = ${dealer}`} and ${since}`;
  // A shared memory is not undone by a dealer's price deleted: only by shared rows (no dealer) deleted.
  const deletedSince = client<Array<{ sku: string | null }>>`
    select distributor_sku as sku from catalog_deletions
    where (distributor = ${distributor} or distributor is null)
      and (dealer_id ${dealerId === null ? client`is null` : client`= ${dealerId} or dealer_id is null`})
      and age(xmin) <= age(${last.since}::xid)`;
  const changedSince = new FingerprintSet();
  let truncated = false;
  await Promise.all(
    [
      ...(dealerId === null
        ? [
            writtenSince('distributor_items'),
            // The items of the stock pages written since: a page's xmin stands for all its places.
            client<Array<{ sku: string }>>`
              select item.distributor_sku as sku from distributor_items item
              where item.distributor = ${distributor} and item.stock_slot / ${STOCK_PAGE_ITEMS} in (
                select page from stock_pages where distributor = ${distributor} and age(xmin) <= age(${last.since}::xid) and xmin <> all(${last.own}::xid[]))`,
          ]
        : [writtenSince('catalog_items', dealerId)]),
      deletedSince,
    ].map(async (query) => {
      for await (const rows of query.cursor(10_000)) {
        for (const { sku } of rows) {
          if (sku === null) truncated = true;
          else changedSince.add(skuFingerprint(sku));
        }
      }
    }),
  );
  // A truncated table: nothing can be told about any row.
  if (truncated) return nothing();
  return { held: { layout: last.layout, ...(await read(last.rows)) }, changedSince };
}

/** A chunk's float64s, copied out: a Buffer from the driver need not start on an 8-byte boundary. */
function numbers(bytes: Buffer): Float64Array {
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/**
 * Keeps what this import left in the catalog for the next one: the rows' prices for the dealer, in
 * place of their last import's, and the rows' shared part for any dealer's next import of the
 * distributor, in place of the newest before it. Called once the import has written everything; its
 * horizon and own transactions come from its summary row.
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
    for (const group of pieces(held.rows))
      await tx.insert(feedFingerprintChunks).values(group.map(({ chunk, columns: [fingerprints] }) => ({ ...key, chunk, fingerprints: fingerprints! })));

    // Two dealers' imports ending at once: the later one to get here replaces the other's, which is
    // as sound, since each is trusted only against what was written after its own horizon.
    await tx
      .insert(sharedFeedFingerprints)
      .values({ distributor: ref.distributor, ...values })
      .onConflictDoUpdate({ target: sharedFeedFingerprints.distributor, set: values });
    await tx.delete(sharedFeedFingerprintChunks).where(eq(sharedFeedFingerprintChunks.distributor, ref.distributor));
    for (const group of pieces(held.items, held.stock, held.slots))
      await tx
        .insert(sharedFeedFingerprintChunks)
        .values(
          group.map(({ chunk, columns: [items, stock, slots] }) => ({ distributor: ref.distributor, chunk, items: items!, stock: stock!, slots: slots! })),
        );
  });
  // Deletions from before every import's horizon no longer change what any import skips.
  await db.execute(sql`
    delete from catalog_deletions
    where age(xmin) > (select max(age((since_xid % 4294967296)::text::xid))
                       from (select since_xid from feed_fingerprints union all select since_xid from shared_feed_fingerprints) horizons)`);
}

/** Lists of the same length as the bytes of their pieces, numbered, a statement's worth at a time. */
function* pieces(...lists: Float64Array[]): Generator<Array<{ chunk: number; columns: Buffer[] }>> {
  let group: Array<{ chunk: number; columns: Buffer[] }> = [];
  for (let start = 0, chunk = 0; start < lists[0]!.length; start += FINGERPRINTS_PER_CHUNK, chunk++) {
    const columns = lists.map((list) => {
      const piece = list.subarray(start, start + FINGERPRINTS_PER_CHUNK);
      return Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    });
    group.push({ chunk, columns });
    if (group.length === CHUNKS_PER_STATEMENT) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
}
