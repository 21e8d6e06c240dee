import type { TransactionSql } from 'postgres';
import type { StockSource } from '../schema/index.js';

/*
 * The one writer of stock_pages (db/schema/stock-pages.ts). A write locks the pages of its items in
 * page order, merges in memory and writes back only the pages that changed: a feed batch of 20,000
 * items reads and writes some 80 rows. Two writers of the same page (two dealers' imports of one
 * distributor, a live check) wait for each other's lock; a page that neither had yet is inserted by
 * one, and the other, finding it taken, merges again into what the first wrote.
 */

/**
 * How an observation is merged with the stored stock of an item:
 * - `feed`: a feed's quantities as of its start. Only changed quantities are written, and the item
 *   is stamped only if one changed; no row is made for a warehouse at 0 that had none.
 * - `live_check`: the distributor's answer for the item. Every listed warehouse is written and
 *   stamped, even if unchanged (so an earlier feed finishing later leaves it be), and a warehouse it
 *   no longer lists is set to 0.
 * Both leave an item stamped later than `asOf` alone (newest wins).
 * - `seed`: stock set by hand (demo data, chaos runs, tests): written as given, now; with
 *   `keep`, only where the item has no quantity for that warehouse yet.
 */
export type StockMerge = { kind: 'feed' | 'live_check' } | { kind: 'seed'; keep: boolean };

/** An item's observed quantities, one per warehouse of the write's `warehouses`; null where it says nothing of one. */
export interface ObservedStock {
  sku: string;
  /** The item's distributor_items.stock_page. */
  page: number;
  quantities: ArrayLike<number | null>;
}

export interface StockWrite {
  distributor: string;
  merge: StockMerge;
  asOf: Date;
  warehouses: readonly string[];
  items: readonly ObservedStock[];
}

/** Writes the items' stock into their pages, within `tx`. */
export async function writeStock(tx: TransactionSql, write: StockWrite): Promise<void> {
  if (write.items.length === 0) return;
  const byPage = new Map<number, ObservedStock[]>();
  for (const item of write.items) {
    const items = byPage.get(item.page);
    if (items) items.push(item);
    else byPage.set(item.page, [item]);
  }
  let pending = [...byPage.keys()].sort((a, b) => a - b);
  while (pending.length > 0) {
    // As JSON, which Postgres writes and V8 parses natively (the driver's array parser reads a null element as the text NULL).
    const stored = await tx<Array<{ page: StoredPage }>>`
      select json_build_object('page', page, 'skus', skus, 'warehouses', warehouses, 'quantities', quantities, 'as_ofs', as_ofs, 'sources', sources) as page
      from stock_pages
      where distributor = ${write.distributor} and page = any(${pending}::int[])
      order by stock_pages.page for update`;
    const found = new Map(stored.map(({ page }) => [page.page, new StockPage(page)]));
    const updates: StoredPage[] = [];
    const inserts: StoredPage[] = [];
    for (const number of pending) {
      const page = found.get(number) ?? StockPage.empty(number);
      if (!page.merge(write, byPage.get(number)!)) continue;
      (found.has(number) ? updates : inserts).push(page.row());
    }
    if (updates.length > 0)
      await tx`
        update stock_pages stored
        set skus = page.skus, warehouses = page.warehouses, quantities = page.quantities, as_ofs = page.as_ofs, sources = page.sources
        from json_to_recordset(${JSON.stringify(updates)}::json)
          as page(page int, skus text[], warehouses text[], quantities int[], as_ofs float8[], sources text[])
        where stored.distributor = ${write.distributor} and stored.page = page.page`;
    if (inserts.length === 0) break;
    const inserted = await tx<Array<{ page: number }>>`
      insert into stock_pages (distributor, page, skus, warehouses, quantities, as_ofs, sources)
      select ${write.distributor}, page.page, page.skus, page.warehouses, page.quantities, page.as_ofs, page.sources
      from json_to_recordset(${JSON.stringify(inserts)}::json)
        as page(page int, skus text[], warehouses text[], quantities int[], as_ofs float8[], sources text[])
      order by page.page
      on conflict (distributor, page) do nothing
      returning page`;
    // Pages another writer inserted first: merged again into what it wrote.
    const taken = new Set(inserted.map((row) => row.page));
    pending = inserts.map((page) => page.page).filter((page) => !taken.has(page));
  }
}

/**
 * The stock pages of these items of the distributor, by SKU. An item no feed described yet (stock set
 * by hand, or a live check of an item the dealer added themselves) is made a bare row for its page.
 */
export async function stockPagesOf(tx: TransactionSql, distributor: string, skus: readonly string[]): Promise<Map<string, number>> {
  await tx`
    insert into distributor_items (distributor, distributor_sku)
    select ${distributor}, sku from unnest(${[...skus]}::text[]) sku order by sku
    on conflict do nothing`;
  const rows = await tx<Array<{ sku: string; page: number }>>`
    select distributor_sku as sku, stock_page as page from distributor_items where distributor = ${distributor} and distributor_sku = any(${[...skus]}::text[])`;
  return new Map(rows.map((row) => [row.sku, row.page]));
}

interface StoredPage {
  page: number;
  skus: string[];
  warehouses: string[];
  quantities: Array<number | null>;
  as_ofs: number[];
  sources: string[];
}

/** A page as merged in memory. */
class StockPage {
  private positions: Map<string, number> | null = null;

  constructor(private readonly stored: StoredPage) {}

  static empty(page: number): StockPage {
    return new StockPage({ page, skus: [], warehouses: [], quantities: [], as_ofs: [], sources: [] });
  }

  row(): StoredPage {
    return this.stored;
  }

  /** Merges the items' observations; whether any item's stock or stamp changed. */
  merge(write: StockWrite, items: readonly ObservedStock[]): boolean {
    const columns = write.warehouses.map((code) => this.column(code));
    const asOf = write.asOf.getTime();
    const { merge } = write;
    const source: StockSource = merge.kind === 'live_check' ? 'live_check' : 'feed';
    const page = this.stored;
    let changed = false;
    for (const item of items) {
      const at = this.position(item.sku);
      const width = page.warehouses.length;
      if (at !== null && merge.kind !== 'seed' && page.as_ofs[at]! > asOf) continue;
      let wrote = false;
      for (let w = 0; w < columns.length; w++) {
        const quantity = item.quantities[w];
        if (quantity === null || quantity === undefined) continue;
        const cell = (at ?? 0) * width + columns[w]!;
        const stored = at === null ? null : page.quantities[cell]!;
        const write =
          merge.kind === 'feed' ? (stored === null ? quantity > 0 : stored !== quantity) : merge.kind === 'seed' && merge.keep ? stored === null : true;
        if (!write) continue;
        this.set(item.sku, columns[w]!, quantity);
        wrote = true;
      }
      if (merge.kind === 'live_check' && at !== null) {
        // Warehouses the distributor no longer lists for the item: out of stock there.
        const listed = new Set(columns.filter((_, w) => item.quantities[w] !== null && item.quantities[w] !== undefined));
        for (let column = 0; column < width; column++) {
          const cell = at * width + column;
          if (!listed.has(column) && page.quantities[cell] !== null && page.quantities[cell] !== 0) {
            page.quantities[cell] = 0;
            wrote = true;
          }
        }
      }
      if (wrote || (merge.kind === 'live_check' && this.position(item.sku) !== null)) {
        const position = this.position(item.sku)!;
        page.as_ofs[position] = asOf;
        page.sources[position] = source;
        changed = true;
      }
    }
    return changed;
  }

  private position(sku: string): number | null {
    if (!this.positions) this.positions = new Map(this.stored.skus.map((code, index) => [code, index]));
    return this.positions.get(sku) ?? null;
  }

  /** The warehouse's column, added to every item of the page (none of which had a row for it) if new. */
  private column(code: string): number {
    const page = this.stored;
    const at = page.warehouses.indexOf(code);
    if (at >= 0) return at;
    const width = page.warehouses.length;
    const quantities: Array<number | null> = [];
    for (let item = 0; item < page.skus.length; item++) {
      for (let column = 0; column < width; column++) quantities.push(page.quantities[item * width + column]!);
      quantities.push(null);
    }
    page.quantities = quantities;
    page.warehouses.push(code);
    return width;
  }

  /** Sets a quantity, adding the item to the page first if new to it. */
  private set(sku: string, column: number, quantity: number): void {
    const page = this.stored;
    const width = page.warehouses.length;
    let at = this.position(sku);
    if (at === null) {
      at = page.skus.length;
      page.skus.push(sku);
      page.as_ofs.push(0);
      page.sources.push('feed');
      for (let w = 0; w < width; w++) page.quantities.push(null);
      this.positions!.set(sku, at);
    }
    page.quantities[at * width + column] = quantity;
  }
}
