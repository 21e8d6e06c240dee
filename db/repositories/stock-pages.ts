import type { TransactionSql } from 'postgres';
import { STOCK_PAGE_ITEMS, type StockSource } from '../schema/index.js';
import { bool, copyRowsInto, int8, text, type Field } from './copy-binary.js';

/*
 * The one writer of stock_pages (db/schema/stock-pages.ts). A write locks the pages of its items in
 * page order, merges in memory and writes back only the pages that changed: a feed batch of 20,000
 * items reads and writes some 160 rows of a few KB, as bytes. Two writers of the same page (two
 * dealers' imports of one distributor, a live check) wait for each other's lock; a page that neither
 * had yet is inserted by one, and the other, finding it taken, merges again into what the first wrote.
 */

/**
 * How an observation is merged with the stored stock of an item:
 * - `feed`: a feed's quantities as of its start. Only changed quantities are written, and the item
 *   is stamped only if one changed; no quantity is kept for a warehouse at 0 that had none.
 * - `live_check`: the distributor's answer for the item. Every listed warehouse is written and the
 *   item stamped, even if unchanged (so an earlier feed finishing later leaves it be), and a
 *   warehouse it no longer lists is set to 0.
 * Both leave an item stamped later than `asOf` alone (newest wins).
 * - `seed`: stock set by hand (demo data, chaos runs, tests): written as given, now; with
 *   `keep`, only where the item has no quantity for that warehouse yet.
 */
export type StockMerge = { kind: 'feed' | 'live_check' } | { kind: 'seed'; keep: boolean };

/** A quantity an observation does not give: it says nothing of that warehouse. */
export const UNSAID = -1;

export interface StockWrite {
  distributor: string;
  merge: StockMerge;
  asOf: Date;
  warehouses: readonly string[];
  /** The items observed: their distributor_items.stock_slot. */
  slots: ArrayLike<number>;
  /** Item i's quantity at warehouses[w] is quantities[i × warehouses.length + w] (UNSAID where none is given). */
  quantities: ArrayLike<number>;
}

/** The items (their indexes in `slots`, in order) on each page of slots. */
export function itemsByPage(slots: ArrayLike<number>): Map<number, number[]> {
  const byPage = new Map<number, number[]>();
  for (let item = 0; item < slots.length; item++) {
    const page = Math.floor(slots[item]! / STOCK_PAGE_ITEMS);
    const items = byPage.get(page);
    if (items) items.push(item);
    else byPage.set(page, [item]);
  }
  return byPage;
}

/** Writes the items' stock into their pages, within `tx`. */
export async function writeStock(tx: TransactionSql, write: StockWrite): Promise<void> {
  const byPage = itemsByPage(write.slots);
  let pending = [...byPage.keys()].sort((a, b) => a - b);
  while (pending.length > 0) {
    const stored = await tx<StoredPage[]>`
      select page::float8 as page, warehouses, quantities, as_ofs, sources from stock_pages
      where distributor = ${write.distributor} and page = any(${pending}::bigint[])
      order by page for update`;
    const found = new Map(stored.map((row) => [row.page, new StockPage(row)]));
    const updates: StockPage[] = [];
    const inserts: StockPage[] = [];
    for (const number of pending) {
      const page = found.get(number) ?? StockPage.empty(number);
      if (!page.merge(write, byPage.get(number)!)) continue;
      (found.has(number) ? updates : inserts).push(page);
    }
    if (updates.length + inserts.length === 0) break;
    // Staged by a binary COPY, straight from the pages' bytes: as parameters, each page's bytes were
    // printed as hex into a string, which lived in V8's heap until the statement's answer came.
    await tx`create temp table if not exists staged_pages (page bigint not null, warehouses text not null, quantities bytea not null, as_ofs bytea not null, sources bytea not null, inserted boolean not null) on commit delete rows`;
    // Emptied by commit, and here for a second write or round in the same transaction.
    await tx`delete from staged_pages`;
    await copyRowsInto(
      tx,
      'staged_pages',
      ['page', 'warehouses', 'quantities', 'as_ofs', 'sources', 'inserted'],
      [...updates.map((page) => stagedPage(page, false)), ...inserts.map((page) => stagedPage(page, true))],
    );
    if (updates.length > 0)
      await tx`
        update stock_pages stored
        set warehouses = string_to_array(page.warehouses, chr(31)), quantities = page.quantities, as_ofs = page.as_ofs, sources = page.sources
        from staged_pages page
        where not page.inserted and stored.distributor = ${write.distributor} and stored.page = page.page`;
    const inserted =
      inserts.length === 0
        ? []
        : await tx<Array<{ page: number }>>`
            insert into stock_pages (distributor, page, warehouses, quantities, as_ofs, sources)
            select ${write.distributor}, page, string_to_array(warehouses, chr(31)), quantities, as_ofs, sources
            from staged_pages where inserted
            order by page
            on conflict (distributor, page) do nothing
            returning page::float8 as page`;
    // Pages another writer inserted first: merged again into what it wrote.
    const taken = new Set(inserted.map((row) => row.page));
    pending = inserts.map(({ row }) => row.page).filter((page) => !taken.has(page));
  }
}

/**
 * The stock slots of these items of the distributor, by SKU. An item no feed described yet (stock set
 * by hand, or a live check of an item the dealer added themselves) is made a bare row for its slot.
 */
export async function stockSlotsOf(tx: TransactionSql, distributor: string, skus: readonly string[]): Promise<Map<string, number>> {
  const find = async (wanted: readonly string[]) =>
    (
      await tx<Array<{ sku: string; slot: number }>>`
        select distributor_sku as sku, stock_slot::float8 as slot from distributor_items
        where distributor = ${distributor} and distributor_sku = any(${[...wanted]}::text[])`
    ).map((row) => [row.sku, row.slot] as const);
  const slots = new Map(await find(skus));
  // Only the missing are inserted: an insert that meets a conflict still takes a number from the sequence.
  const missing = [...new Set(skus.filter((sku) => !slots.has(sku)))];
  if (missing.length === 0) return slots;
  await tx`
    insert into distributor_items (distributor, distributor_sku)
    select ${distributor}, sku from unnest(${missing}::text[]) sku order by sku
    on conflict do nothing`;
  for (const [sku, slot] of await find(missing)) slots.set(sku, slot);
  return slots;
}

/** A page as a row of staged_pages. */
function stagedPage({ row }: StockPage, inserted: boolean): Field[] {
  return [int8(row.page), text(row.warehouses.join(UNIT_SEPARATOR)), row.quantities, row.as_ofs, row.sources, bool(inserted)];
}

/** Between a page's warehouse codes as staged (a code is a distributor's short name of a warehouse, never holding one). */
const UNIT_SEPARATOR = '\u001f';

/** A stock_pages row as the driver reads and writes it (the byte layouts are in db/schema/stock-pages.ts). */
interface StoredPage {
  page: number;
  warehouses: string[];
  quantities: Buffer;
  as_ofs: Buffer;
  sources: Buffer;
}

const NO_QUANTITY = -1;
const SOURCES: StockSource[] = ['feed', 'live_check'];

/** A page as merged in memory. */
class StockPage {
  constructor(readonly row: StoredPage) {}

  static empty(page: number): StockPage {
    return new StockPage({
      page,
      warehouses: [],
      quantities: Buffer.alloc(0),
      as_ofs: Buffer.alloc(8 * STOCK_PAGE_ITEMS),
      sources: Buffer.alloc(STOCK_PAGE_ITEMS),
    });
  }

  /** Merges the items' observations (their indexes in `write`); whether any item's stock or stamp changed. */
  merge(write: StockWrite, items: readonly number[]): boolean {
    const columns = write.warehouses.map((code) => this.column(code));
    const { row } = this;
    const width = row.warehouses.length;
    const asOf = write.asOf.getTime();
    const { merge } = write;
    const source = SOURCES.indexOf(merge.kind === 'live_check' ? 'live_check' : 'feed');
    let changed = false;
    for (const item of items) {
      const place = write.slots[item]! % STOCK_PAGE_ITEMS;
      if (merge.kind !== 'seed' && this.asOf(place) > asOf) continue;
      const cells = 4 * place * width;
      let wrote = false;
      for (let w = 0; w < columns.length; w++) {
        const quantity = write.quantities[item * columns.length + w]!;
        if (quantity === UNSAID) continue;
        const cell = cells + 4 * columns[w]!;
        const stored = row.quantities.readInt32BE(cell);
        const writes =
          merge.kind === 'feed'
            ? stored === NO_QUANTITY
              ? quantity > 0
              : stored !== quantity
            : merge.kind === 'seed' && merge.keep
              ? stored === NO_QUANTITY
              : true;
        if (!writes) continue;
        row.quantities.writeInt32BE(quantity, cell);
        wrote = true;
      }
      if (merge.kind === 'live_check') {
        // Warehouses the distributor no longer lists for the item: out of stock there.
        const listed = new Set(columns.filter((_, w) => write.quantities[item * columns.length + w] !== UNSAID));
        for (let column = 0; column < width; column++) {
          const stored = row.quantities.readInt32BE(cells + 4 * column);
          if (!listed.has(column) && stored !== NO_QUANTITY && stored !== 0) {
            row.quantities.writeInt32BE(0, cells + 4 * column);
            wrote = true;
          }
        }
        // A check of an item with no stock anywhere, ever, leaves nothing to stamp.
        wrote ||= this.hasQuantity(place);
      }
      if (wrote) {
        row.as_ofs.writeUInt32BE(Math.floor(asOf / 2 ** 32), 8 * place);
        row.as_ofs.writeUInt32BE(asOf % 2 ** 32, 8 * place + 4);
        row.sources[place] = source;
        changed = true;
      }
    }
    return changed;
  }

  private asOf(place: number): number {
    return this.row.as_ofs.readUInt32BE(8 * place) * 2 ** 32 + this.row.as_ofs.readUInt32BE(8 * place + 4);
  }

  private hasQuantity(place: number): boolean {
    const width = this.row.warehouses.length;
    for (let column = 0; column < width; column++) if (this.row.quantities.readInt32BE(4 * (place * width + column)) !== NO_QUANTITY) return true;
    return false;
  }

  /** The warehouse's column, added with no quantity for every place of the page if new. */
  private column(code: string): number {
    const { row } = this;
    const at = row.warehouses.indexOf(code);
    if (at >= 0) return at;
    const width = row.warehouses.length;
    const quantities = Buffer.alloc(4 * STOCK_PAGE_ITEMS * (width + 1), 0xff);
    for (let place = 0; place < STOCK_PAGE_ITEMS; place++) row.quantities.copy(quantities, 4 * place * (width + 1), 4 * place * width, 4 * (place + 1) * width);
    row.quantities = quantities;
    row.warehouses = [...row.warehouses, code];
    return width;
  }
}
