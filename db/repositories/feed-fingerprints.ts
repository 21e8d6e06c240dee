import { and, eq, sql } from 'drizzle-orm';
import type { PendingQuery, TransactionSql } from 'postgres';
import type { DistributorId } from '../../domain/distributors.js';
import { FingerprintSet, skuFingerprint, type HeldRows, type LastSharedFile, type Remembered } from '../../feeds/fingerprint.js';
import type { Db } from '../client.js';
import { feedFingerprints, sharedFeedFingerprints, STOCK_PAGE_ITEMS } from '../schema/index.js';
import { bytesOf, copyRowsInto, int4, text, type Field } from './copy-binary.js';
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
 * 32 KB a piece (245 for a million rows), read 32 pieces to a fetch. They are written by binary COPY,
 * but the driver reads a bytea as hex text: at 64 KB a piece's text stays in V8's young generation
 * and dies there, where 1 MB pieces went to its large-object space and piled up until a full collection.
 */
const FINGERPRINTS_PER_CHUNK = 4_096;
const CHUNKS_PER_FETCH = 32;

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
  const ownRead = remembered(db, { distributor, dealerId, last: ownLast }, (rows) =>
    listsOf(
      db.$client<
        Array<Record<'skus' | 'rows', Buffer>>
      >`select skus, fingerprints as rows from feed_fingerprint_chunks where dealer_id = ${dealerId} and distributor = ${distributor} order by chunk`,
      ['skus', 'rows'],
      rows,
    ),
  );
  const sharedRead = remembered(db, { distributor, dealerId: null, last: sharedLast }, (rows) =>
    listsOf(
      db.$client<
        Array<Record<'skus' | 'items' | 'stock' | 'slots', Buffer>>
      >`select skus, items, stock, slots from shared_feed_fingerprint_chunks where distributor = ${distributor} order by chunk`,
      ['skus', 'items', 'stock', 'slots'],
      rows,
    ),
  );
  const [own, shared] = await Promise.all([ownRead, sharedRead]);
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
  /** Reads the import's rows (`rows` of them), unless it is not to be trusted; null if they are not all there. */
  read: (rows: number) => Promise<Held | null>,
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
  const held = await read(last.rows);
  return held === null ? nothing() : { held: { layout: last.layout, ...held }, changedSince };
}

/** A memory's lists (`rows` long), each put together from its chunks' pieces; null if the pieces do not add up to it. */
async function listsOf<Column extends string>(
  chunks: PendingQuery<Array<Record<Column, Buffer>>>,
  columns: readonly Column[],
  rows: number,
): Promise<Record<Column, Float64Array> | null> {
  const lists = Object.fromEntries(columns.map((column) => [column, new Float64Array(rows)])) as Record<Column, Float64Array>;
  let filled = 0;
  for await (const fetched of chunks.cursor(CHUNKS_PER_FETCH)) {
    for (const chunk of fetched) {
      const length = chunk[columns[0]!].length;
      if (filled + length > 8 * rows || columns.some((column) => chunk[column].length !== length)) return null;
      // Byte for byte: a Buffer from the driver need not start on an 8-byte boundary.
      for (const column of columns) new Uint8Array(lists[column].buffer).set(chunk[column], filled);
      filled += length;
    }
  }
  return filled === 8 * rows ? lists : null;
}

/**
 * Keeps what this import left in the catalog for the next one: the rows' prices for the dealer, in
 * place of their last import's, and the rows' shared part for any dealer's next import of the
 * distributor, in place of the newest before it. Called once the import has written everything; its
 * horizon and own transactions come from its summary row.
 */
export async function rememberImport(db: Db, ref: FeedImportKey, held: HeldRows): Promise<void> {
  // Each memory is whole in its own transaction; the two are written side by side.
  await Promise.all([
    db.$client.begin(async (tx) => {
      await tx`
        insert into feed_fingerprints (dealer_id, distributor, import_id, layout, since_xid, own_xids, rows, taken_at)
        select ${ref.dealerId}, ${ref.distributor}, import.* from (${rememberedRow(tx, ref, held)}) import
        on conflict (dealer_id, distributor) do update set ${replacingRow(tx)}`;
      await tx`delete from feed_fingerprint_chunks where dealer_id = ${ref.dealerId} and distributor = ${ref.distributor}`;
      await copyRowsInto(
        tx,
        'feed_fingerprint_chunks',
        ['dealer_id', 'distributor', 'chunk', 'skus', 'fingerprints'],
        chunks([text(ref.dealerId), text(ref.distributor)], held.skus, held.rows),
      );
    }),
    // Two dealers' imports ending at once: the later one to get here replaces the other's, which is
    // as sound, since each is trusted only against what was written after its own horizon.
    db.$client.begin(async (tx) => {
      await tx`
        insert into shared_feed_fingerprints (distributor, import_id, layout, since_xid, own_xids, rows, taken_at)
        select ${ref.distributor}, import.* from (${rememberedRow(tx, ref, held)}) import
        on conflict (distributor) do update set ${replacingRow(tx)}`;
      await tx`delete from shared_feed_fingerprint_chunks where distributor = ${ref.distributor}`;
      await copyRowsInto(
        tx,
        'shared_feed_fingerprint_chunks',
        ['distributor', 'chunk', 'skus', 'items', 'stock', 'slots'],
        chunks([text(ref.distributor)], held.skus, held.items, held.stock, held.slots),
      );
    }),
  ]);
  // Deletions from before every import's horizon no longer change what any import skips.
  await db.execute(sql`
    delete from catalog_deletions
    where age(xmin) > (select max(age((since_xid % 4294967296)::text::xid))
                       from (select since_xid from feed_fingerprints union all select since_xid from shared_feed_fingerprints) horizons)`);
}

/** A memory's row but its key: the import, with its horizon and own transactions from its summary row. */
const rememberedRow = (tx: TransactionSql, ref: FeedImportKey, held: HeldRows) => tx`
  select id as import_id, ${held.layout} as layout, since_xid, written_xids as own_xids, ${held.rows.length}::int as rows, now() as taken_at
  from feed_imports where id = ${ref.id}`;

const replacingRow = (tx: TransactionSql) => tx`
  import_id = excluded.import_id, layout = excluded.layout, since_xid = excluded.since_xid,
  own_xids = excluded.own_xids, rows = excluded.rows, taken_at = excluded.taken_at`;

/** Rows of a chunks table: the key, the chunk's number, and each list's piece of it (the lists are of the same length). */
function* chunks(key: readonly Field[], ...lists: Float64Array[]): Generator<Field[]> {
  for (let start = 0, chunk = 0; start < lists[0]!.length; start += FINGERPRINTS_PER_CHUNK, chunk++)
    yield [...key, int4(chunk), ...lists.map((list) => bytesOf(list.subarray(start, start + FINGERPRINTS_PER_CHUNK)))];
}
