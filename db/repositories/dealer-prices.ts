import type { TransactionSql } from 'postgres';
import { STOCK_PAGE_ITEMS } from '../schema/index.js';
import { bool, copyRowsInto, int8, type Field } from './copy-binary.js';
import { itemsByPage } from './stock-pages.js';

/*
 * The feed's writer of dealer_price_pages (db/schema/dealer-prices.ts), as stock-pages.ts is of the
 * stock: it locks the pages of its items in page order, merges in memory and writes back only the
 * pages that changed, so a dealer's first import of a 200,000-item file writes some 1,600 rows, and a
 * day on which 5 % of their prices changed rewrites the pages holding them. A page that is not there
 * yet is inserted; if someone else inserted it first (a hand edit through the catalog_items view), the
 * prices are merged again into what they wrote.
 */

export interface PriceWrite {
  dealerId: string;
  distributor: string;
  /** The items priced: their distributor_items.stock_slot. */
  slots: ArrayLike<number>;
  /** Item i's cost in cents is costs[i]; for an item given twice, the later one wins. */
  costs: ArrayLike<number>;
}

/** Writes the prices into the dealer's pages, within `tx`; whether any price changed. */
export async function writePrices(tx: TransactionSql, write: PriceWrite): Promise<boolean> {
  const byPage = itemsByPage(write.slots);
  // The stamp of every price this write changes: the transaction's time, as a table's default was.
  const [{ now } = { now: 0 }] = await tx<Array<{ now: number }>>`select round(extract(epoch from now()) * 1000)::float8 as now`;
  let wrote = false;
  let pending = [...byPage.keys()].sort((a, b) => a - b);
  while (pending.length > 0) {
    const stored = await tx<StoredPage[]>`
      select page::float8 as page, costs, updated_ats from dealer_price_pages
      where dealer_id = ${write.dealerId} and distributor = ${write.distributor} and page = any(${pending}::bigint[])
      order by page for update`;
    const found = new Map(stored.map((row) => [row.page, row]));
    const updates: StoredPage[] = [];
    const inserts: StoredPage[] = [];
    for (const number of pending) {
      // A place with no price holds -1 (db/schema/dealer-prices.ts), as a new page's every place does.
      const page = found.get(number) ?? emptyPage(number);
      if (!merge(page, write, byPage.get(number)!, now)) continue;
      (found.has(number) ? updates : inserts).push(page);
    }
    if (updates.length + inserts.length === 0) break;
    wrote = true;
    await tx`create temp table if not exists staged_price_pages (page bigint not null, costs bytea not null, updated_ats bytea not null, inserted boolean not null) on commit delete rows`;
    // Emptied by commit, and here for a second round in the same transaction.
    await tx`delete from staged_price_pages`;
    await copyRowsInto(
      tx,
      'staged_price_pages',
      ['page', 'costs', 'updated_ats', 'inserted'],
      [...updates.map((page) => stagedPage(page, false)), ...inserts.map((page) => stagedPage(page, true))],
    );
    if (updates.length > 0)
      await tx`
        update dealer_price_pages stored set costs = page.costs, updated_ats = page.updated_ats
        from staged_price_pages page
        where not page.inserted and stored.dealer_id = ${write.dealerId} and stored.distributor = ${write.distributor} and stored.page = page.page`;
    const inserted =
      inserts.length === 0
        ? []
        : await tx<Array<{ page: number }>>`
            insert into dealer_price_pages (dealer_id, distributor, page, costs, updated_ats)
            select ${write.dealerId}, ${write.distributor}, page, costs, updated_ats from staged_price_pages where inserted
            order by page
            on conflict (dealer_id, distributor, page) do nothing
            returning page::float8 as page`;
    const taken = new Set(inserted.map((row) => row.page));
    // Pages someone else inserted first: merged again into what they wrote.
    pending = inserts.map((page) => page.page).filter((page) => !taken.has(page));
  }
  return wrote;
}

/** A dealer_price_pages row as the driver reads and writes it (the byte layouts are in db/schema/dealer-prices.ts). */
interface StoredPage {
  page: number;
  costs: Buffer;
  updated_ats: Buffer;
}

function emptyPage(page: number): StoredPage {
  return { page, costs: Buffer.alloc(4 * STOCK_PAGE_ITEMS, 0xff), updated_ats: Buffer.alloc(8 * STOCK_PAGE_ITEMS) };
}

/** Merges the items' prices (their indexes in `write`, in order) into the page; whether any changed. */
function merge(page: StoredPage, write: PriceWrite, items: readonly number[], now: number): boolean {
  let changed = false;
  for (const item of items) {
    const place = write.slots[item]! % STOCK_PAGE_ITEMS;
    const cost = write.costs[item]!;
    if (page.costs.readInt32BE(4 * place) === cost) continue;
    page.costs.writeInt32BE(cost, 4 * place);
    page.updated_ats.writeUInt32BE(Math.floor(now / 2 ** 32), 8 * place);
    page.updated_ats.writeUInt32BE(now % 2 ** 32, 8 * place + 4);
    changed = true;
  }
  return changed;
}

function stagedPage(page: StoredPage, inserted: boolean): Field[] {
  return [int8(page.page), page.costs, page.updated_ats, bool(inserted)];
}
