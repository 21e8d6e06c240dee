import { and, eq, sql } from 'drizzle-orm';
import type { PendingQuery, Row, TransactionSql } from 'postgres';
import type { DistributorId } from '../../domain/distributors.js';
import { FingerprintSet, skuFingerprint, type HeldRows, type LastSharedFile, type NumberArray, type Remembered } from '../../feeds/fingerprint.js';
import type { Db } from '../client.js';
import { feedFingerprints, sharedFeedFingerprints, STOCK_PAGE_ITEMS } from '../schema/index.js';
import { bytesOf, copyRowsInto, copyRowsOut, int4, literal, text, type Field } from './copy-binary.js';
import type { FeedImportKey } from './feed-imports.js';

export interface LastImport {
  /** The dealer's prices as their last successful import of the distributor left them. */
  own: Remembered & Stored;
  /** The distributor's items and stock as its newest import by any dealer left them. */
  shared: Remembered<LastSharedFile> & Stored;
}

/** Which import a memory read back is (null if none was read): rememberImport writes only what differs from it. */
interface Stored {
  importId: string | null;
}

/**
 * Past this many transactions, a 32-bit xmin may have wrapped around to look newer than the
 * horizon (harmless) or, much later, older (not): the fingerprints are then ignored, and the file is
 * compared in full. At a million transactions a day that is over five years.
 */
const MAX_AGE_XIDS = 2_000_000_000;

/** A memory's lists are stored in pieces of this many rows each (245 for a million rows): 16 KB of SKU keys, 32 KB of fingerprints. */
const FINGERPRINTS_PER_CHUNK = 4_096;

const nothing = <File>(): Remembered<File> & Stored => ({ held: null, changedSince: new FingerprintSet(), importId: null });

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
      db,
      `select skus, fingerprints from feed_fingerprint_chunks where dealer_id = ${literal(dealerId)} and distributor = ${literal(distributor)} order by chunk`,
      { skus: Uint32Array, rows: Float64Array },
      rows,
    ),
  );
  const sharedRead = remembered(db, { distributor, dealerId: null, last: sharedLast }, (rows) =>
    listsOf(
      db,
      `select skus, items, stock, slots from shared_feed_fingerprint_chunks where distributor = ${literal(distributor)} order by chunk`,
      { skus: Uint32Array, items: Float64Array, stock: Float64Array, slots: Int32Array },
      rows,
    ),
  );
  const [own, shared] = await Promise.all([ownRead, sharedRead]);
  // A dealer's file is most often the distributor's newest, SKU for SKU: its SKUs are then held once.
  if (own.held && shared.held && bytesOf(own.held.skus).equals(bytesOf(shared.held.skus))) own.held.skus = shared.held.skus;
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
    last: { importId: string; layout: string; rows: number; since: string; own: string[]; tooOld: boolean } | undefined;
  },
  /** Reads the import's rows (`rows` of them), unless it is not to be trusted; null if they are not all there. */
  read: (rows: number) => Promise<Held | null>,
): Promise<Remembered<Held & { layout: string }> & Stored> {
  if (!last || last.tooOld) return nothing();

  // Read as they come into a set of their own: a day's changes by another dealer are hundreds of
  // thousands of SKUs, too many to hold as strings and rows (the heap's peak at the start of an import).
  const client = db.$client;
  const since = client`age(xmin) <= age(${last.since}::xid) and xmin <> all(${last.own}::xid[])`;
  const itemsWrittenSince = client<
    Array<{ sku: string }>
  >`select distributor_sku as sku from distributor_items where distributor = ${distributor} and ${since}`;
  // The items on the pages written since: a page's xmin stands for all its places.
  const itemsOnPagesWrittenSince = (pages: PendingQuery<Row[]>) =>
    client<Array<{ sku: string }>>`
      select item.distributor_sku as sku from distributor_items item
      where item.distributor = ${distributor} and item.stock_slot / ${STOCK_PAGE_ITEMS} in (${pages})`;
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
        ? [itemsWrittenSince, itemsOnPagesWrittenSince(client`select page from stock_pages where distributor = ${distributor} and ${since}`)]
        : [itemsOnPagesWrittenSince(client`select page from dealer_price_pages where dealer_id = ${dealerId} and distributor = ${distributor} and ${since}`)]),
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
  return held === null ? nothing() : { held: { layout: last.layout, ...held }, changedSince, importId: last.importId };
}

/** A kind of typed array, as a memory's list is stored (its elements' bytes as they are in memory). */
interface ListKind<Values extends NumberArray> {
  new (length: number): Values;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * A memory's lists (`rows` long, named as the query's columns, in order, each of its kind), each put
 * together from its chunks' pieces, read by binary COPY; null if the pieces do not add up to it (a
 * memory stored in another layout among them).
 */
async function listsOf<Lists extends Record<string, NumberArray>>(
  db: Db,
  query: string,
  kinds: { [Column in keyof Lists]: ListKind<Lists[Column]> },
  rows: number,
): Promise<Lists | null> {
  const columns = Object.keys(kinds) as Array<keyof Lists>;
  const lists = columns.map((column) => new kinds[column](rows));
  let filled = 0;
  let whole = true;
  await copyRowsOut(db.$client, query, (fields) => {
    const count = (fields[0]?.length ?? 0) / lists[0]!.BYTES_PER_ELEMENT;
    whole &&= Number.isInteger(count) && filled + count <= rows && fields.every((field, i) => field?.length === count * lists[i]!.BYTES_PER_ELEMENT);
    if (!whole) return;
    // Byte for byte: what the socket delivered need not start on an element's boundary.
    fields.forEach((field, i) => new Uint8Array(lists[i]!.buffer).set(field!, filled * lists[i]!.BYTES_PER_ELEMENT));
    filled += count;
  });
  if (!whole || filled !== rows) return null;
  const read = {} as Lists;
  columns.forEach((column, i) => (read[column] = lists[i]!));
  return read;
}

/**
 * Keeps what this import left in the catalog for the next one: the rows' prices for the dealer, in
 * place of their last import's, and the rows' shared part for any dealer's next import of the
 * distributor, in place of the newest before it. Called once the import has written everything; its
 * horizon and own transactions come from its summary row. Where the stored memory is still the one
 * `last` read back, only its pieces that differ are written (an unchanged file's, none).
 */
export async function rememberImport(db: Db, ref: FeedImportKey, held: HeldRows, last: LastImport): Promise<void> {
  // Each memory is whole in its own transaction; the two are written side by side.
  await Promise.all([
    db.$client.begin(async (tx) => {
      const [stored] = await tx<Array<{ importId: string }>>`
        select import_id as "importId" from feed_fingerprints where dealer_id = ${ref.dealerId} and distributor = ${ref.distributor} for update`;
      await tx`
        insert into feed_fingerprints (dealer_id, distributor, import_id, layout, since_xid, own_xids, rows, taken_at)
        select ${ref.dealerId}, ${ref.distributor}, import.* from (${rememberedRow(tx, ref, held)}) import
        on conflict (dealer_id, distributor) do update set ${replacingRow(tx)}`;
      const base = last.own.held && stored?.importId === last.own.importId ? [last.own.held.skus, last.own.held.rows] : null;
      await writeChunks(
        tx,
        'feed_fingerprint_chunks',
        { dealer_id: ref.dealerId, distributor: ref.distributor },
        ['skus', 'fingerprints'],
        [held.skus, held.rows],
        base,
      );
    }),
    // Two dealers' imports ending at once: the later one to get here replaces the other's, which is
    // as sound, since each is trusted only against what was written after its own horizon.
    db.$client.begin(async (tx) => {
      const [stored] = await tx<Array<{ importId: string }>>`
        select import_id as "importId" from shared_feed_fingerprints where distributor = ${ref.distributor} for update`;
      await tx`
        insert into shared_feed_fingerprints (distributor, import_id, layout, since_xid, own_xids, rows, taken_at)
        select ${ref.distributor}, import.* from (${rememberedRow(tx, ref, held)}) import
        on conflict (distributor) do update set ${replacingRow(tx)}`;
      const lastShared = last.shared.held;
      const base = lastShared && stored?.importId === last.shared.importId ? [lastShared.skus, lastShared.items, lastShared.stock, lastShared.slots] : null;
      await writeChunks(
        tx,
        'shared_feed_fingerprint_chunks',
        { distributor: ref.distributor },
        ['skus', 'items', 'stock', 'slots'],
        [held.skus, held.items, held.stock, held.slots],
        base,
      );
    }),
  ]);
  // Deletions from before every import's horizon no longer change what any import skips.
  await db.execute(sql`
    delete from catalog_deletions
    where age(xmin) > (select max(age((since_xid % 4294967296)::text::xid))
                       from (select since_xid from feed_fingerprints union all select since_xid from shared_feed_fingerprints) horizons)`);
}

/**
 * Stores a memory's lists in the chunks of `table` that belong to `key`. With `base`, the lists the
 * stored chunks hold, only the pieces that differ are written, column by column: Postgres keeps an
 * unchanged column's out-of-line value as it is when its row is updated. Without, every chunk is
 * written anew.
 */
async function writeChunks(
  tx: TransactionSql,
  table: string,
  key: Record<string, string>,
  columns: readonly string[],
  lists: readonly NumberArray[],
  base: readonly NumberArray[] | null,
): Promise<void> {
  const ofKey = Object.entries(key)
    .map(([column, value]) => tx`${tx(column)} = ${value}`)
    .reduce((all, condition) => tx`${all} and ${condition}`);
  const count = Math.ceil(lists[0]!.length / FINGERPRINTS_PER_CHUNK);
  if (base === null) {
    await tx`delete from ${tx(table)} where ${ofKey}`;
    await copyRowsInto(tx, table, [...Object.keys(key), 'chunk', ...columns], chunks(Object.values(key).map(text), lists, null));
    return;
  }
  const staged = columns.map((_, i) => `piece_${i}`);
  await tx`create temp table staged_chunks (chunk int not null, ${tx.unsafe(staged.map((name) => `${name} bytea`).join(', '))}) on commit drop`;
  await copyRowsInto(tx, 'staged_chunks', ['chunk', ...staged], chunks([], lists, base));
  const set = columns.map((column, i) => `${column} = coalesce(staged.${staged[i]}, stored.${column})`).join(', ');
  await tx`update ${tx(table)} stored set ${tx.unsafe(set)} from staged_chunks staged where ${ofKey} and stored.chunk = staged.chunk`;
  // Chunks past the stored ones have every piece staged.
  await tx`
    insert into ${tx(table)} (${tx([...Object.keys(key), 'chunk', ...columns])})
    select ${Object.values(key)
      .map((value) => tx`${value}`)
      .reduce((all, value) => tx`${all}, ${value}`)}, chunk, ${tx.unsafe(staged.join(', '))}
    from staged_chunks where chunk >= ${Math.ceil(base[0]!.length / FINGERPRINTS_PER_CHUNK)}`;
  await tx`delete from ${tx(table)} where ${ofKey} and chunk >= ${count}`;
}

/** A memory's row but its key: the import, with its horizon and own transactions from its summary row. */
const rememberedRow = (tx: TransactionSql, ref: FeedImportKey, held: HeldRows) => tx`
  select id as import_id, ${held.layout} as layout, since_xid, written_xids as own_xids, ${held.rows.length}::int as rows, now() as taken_at
  from feed_imports where id = ${ref.id}`;

const replacingRow = (tx: TransactionSql) => tx`
  import_id = excluded.import_id, layout = excluded.layout, since_xid = excluded.since_xid,
  own_xids = excluded.own_xids, rows = excluded.rows, taken_at = excluded.taken_at`;

/**
 * Rows of a chunks table: the key, the chunk's number, and each list's piece of it (the lists are of
 * the same length). With `base`, only chunks with a piece that differs from base's, and only those
 * pieces (the others null).
 */
function* chunks(key: readonly Field[], lists: readonly NumberArray[], base: readonly NumberArray[] | null): Generator<Field[]> {
  for (let start = 0, chunk = 0; start < lists[0]!.length; start += FINGERPRINTS_PER_CHUNK, chunk++) {
    const end = start + FINGERPRINTS_PER_CHUNK;
    const pieces = lists.map((list, i) => {
      const piece = bytesOf(list.subarray(start, end));
      return base && bytesOf(base[i]!.subarray(start, end)).equals(piece) ? null : piece;
    });
    if (pieces.some((piece) => piece !== null)) yield [...key, int4(chunk), ...pieces];
  }
}
