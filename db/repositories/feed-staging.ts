import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TransactionSql } from 'postgres';
import { FingerprintSet, skuFingerprint } from '../../feeds/fingerprint.js';
import type { FeedRow } from '../../feeds/row.js';

/*
 * A batch of feed rows is staged by COPY, one stream per table to merge, for the catalog to be
 * merged from set-based. Each staging table is temporary, of its connection alone, created on the
 * connection's first batch and emptied by every commit: nothing is logged, and no catalog rows churn
 * per batch. One table per merge, so the three merges run on three connections at once.
 */

/**
 * A batch of feed rows held as the COPY text of its three staging tables, written as the rows are
 * read. Rows kept as objects until the batch was written outlived V8's young generation and piled up
 * as old garbage (a million-row import peaked ~150 MB above what it needed); a batch's text is a few
 * MB outside the heap, and is reused for the batch after next (clear). Each row carries its place in
 * the batch, for the merges to keep the last row of a SKU where one repeats (see lastPerSku).
 */
export class StagedFeedRows {
  /** staged_items (seq, sku, description, lead_time_days, mpn, brand): what the feed says the parts are. */
  readonly items = new CopyText();
  /** staged_prices (seq, sku, cost_cents): the dealer's cost. */
  readonly prices = new CopyText();
  /**
   * staged_stock (seq, sku, quantities, stocked): quantities in the order of `warehouses`; `stocked`
   * is the stock as the merge compares it with what is stored in one look per item: the warehouses
   * holding any, as 'CODE=quantity' in code order (byte order, as `collate "C"` sorts), null when none does.
   */
  readonly stock = new CopyText();
  private rows = 0;
  private sharedRows = 0;
  private readonly skus = new FingerprintSet();
  private repeats = false;
  /** Each warehouse's `stocked` element up to its quantity, quoted and escaped once. */
  private readonly stockedElements: Array<{ index: number; prefix: string }>;

  /** `warehouses`: the codes of each row's quantities, in order. */
  constructor(readonly warehouses: string[]) {
    this.stockedElements = warehouses
      .map((code, index) => ({ code, index }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map(({ code, index }) => ({ index, prefix: text(`"${code.replace(/["\\]/g, '\\$&')}=`) }));
  }

  /** Rows of staged_prices. */
  get size(): number {
    return this.rows;
  }

  /** Rows of staged_items and staged_stock: those whose shared part is not held. */
  get sharedSize(): number {
    return this.sharedRows;
  }

  /** Whether a SKU may be in the batch more than once (two SKUs sharing a fingerprint count too). */
  get hasRepeatedSkus(): boolean {
    return this.repeats;
  }

  /** `ownOnly[i]`: only the price of rows[i] is staged, its items and stock being held (FeedMemory). */
  add(rows: readonly FeedRow[], ownOnly: readonly boolean[] = []): this {
    // A string per table for all the rows, written once: it dies young, as the rows do.
    let items = '';
    let prices = '';
    let stock = '';
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (!this.skus.add(skuFingerprint(row.distributorSku))) this.repeats = true;
      const key = `${this.rows++}\t${text(row.distributorSku)}`;
      prices += `${key}\t${row.costCents}\n`;
      if (ownOnly[i]) continue;
      this.sharedRows++;
      items += `${key}\t${text(row.description)}\t${row.leadTimeDays ?? NULL}\t${text(row.manufacturerPartNumber)}\t${text(row.brand)}\n`;
      let stocked = '';
      for (const { index, prefix } of this.stockedElements) {
        const quantity = row.quantities[index]!;
        if (quantity > 0) stocked += `${stocked === '' ? '{' : ','}${prefix}${quantity}"`;
      }
      stock += `${key}\t{${row.quantities.join(',')}}\t${stocked === '' ? NULL : `${stocked}}`}\n`;
    }
    this.items.append(items);
    this.prices.append(prices);
    this.stock.append(stock);
    return this;
  }

  /** Empties the batch for the next, keeping its memory. */
  clear(): void {
    this.rows = 0;
    this.sharedRows = 0;
    this.skus.clear();
    this.repeats = false;
    this.items.clear();
    this.prices.clear();
    this.stock.clear();
  }
}

/** Text for COPY in one growing buffer. */
class CopyText {
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private length = 0;

  append(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: room is made without measuring the text.
    const room = this.length + text.length * 3;
    if (room > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(room, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    this.length += this.bytes.write(text, this.length);
  }

  clear(): void {
    this.length = 0;
  }

  /** The text in pieces the size of a socket write; views, not copies. */
  *pieces(): Generator<Buffer> {
    for (let start = 0; start < this.length; start += PIECE_BYTES) yield this.bytes.subarray(start, Math.min(start + PIECE_BYTES, this.length));
  }
}

const PIECE_BYTES = 256 * 1024;

/**
 * Each staging table as its merge reads it: one row per SKU, the batch's last (Postgres refuses a
 * statement that upserts the same key twice; across batches too, the later row of the file wins).
 */
export async function stageItems(tx: TransactionSql, batch: StagedFeedRows): Promise<void> {
  await tx`
    create temp table if not exists staged_items (seq int not null, sku text not null, description text, lead_time_days int, mpn text, brand text)
    on commit delete rows`;
  await copyInto(tx, 'staged_items', batch.items);
}

export async function stagePrices(tx: TransactionSql, batch: StagedFeedRows): Promise<void> {
  await tx`create temp table if not exists staged_prices (seq int not null, sku text not null, cost_cents int not null) on commit delete rows`;
  await copyInto(tx, 'staged_prices', batch.prices);
}

export async function stageStock(tx: TransactionSql, batch: StagedFeedRows): Promise<void> {
  await tx`create temp table if not exists staged_stock (seq int not null, sku text not null, quantities int[] not null, stocked text[]) on commit delete rows`;
  await copyInto(tx, 'staged_stock', batch.stock);
}

async function copyInto(tx: TransactionSql, table: string, text: CopyText): Promise<void> {
  await pipeline(Readable.from(text.pieces()), await tx`copy ${tx(table)} from stdin`.writable());
}

/** COPY's text format: \N for null, backslash escapes for backslash, tab and line breaks. */
const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function text(value: string | null): string {
  if (value === null) return NULL;
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}
