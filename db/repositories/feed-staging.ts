import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TransactionSql } from 'postgres';
import { FingerprintSet, NO_SLOT, skuFingerprint, type ToWrite } from '../../feeds/fingerprint.js';
import type { FeedRow } from '../../feeds/row.js';

/*
 * A batch of feed rows is staged by COPY, one stream per table to merge, for the catalog to be
 * merged from set-based. Each staging table is temporary, of its connection alone, created on the
 * connection's first batch and emptied by every commit: nothing is logged, and no catalog rows churn
 * per batch. One table per merge, so the two merges run on two connections at once. Stock is not
 * staged: it is merged into its pages in memory (stock-pages.ts), after the items it belongs to.
 */

/**
 * A batch of feed rows held as the COPY text of its two staging tables and its quantities as
 * integers, written as the rows are read. Rows kept as objects until the batch was written outlived
 * V8's young generation and piled up as old garbage (a million-row import peaked ~150 MB above what
 * it needed); a batch's text is a few MB outside the heap, and is reused for the batch after next
 * (clear). Each row carries its place in the batch (seq), for the merges to keep the last row of a
 * SKU where one repeats (see lastPerSku), and for its quantities to be found. A row whose item is held
 * (FeedMemory) and whose stock slot is known is not staged as an item: its stock goes straight into its
 * slot.
 */
export class StagedFeedRows {
  /** staged_items (seq, sku, description, lead_time_days, mpn, brand): what the feed says the parts are. */
  readonly items = new CopyText();
  /** staged_prices (seq, sku, cost_cents): the dealer's cost. */
  readonly prices = new CopyText();
  private rows = 0;
  private priceRows = 0;
  private itemRows = 0;
  private readonly skus = new FingerprintSet();
  private repeats = false;
  /** Each row's quantities, in the order of `warehouses`, at seq × warehouses.length (rows with only a price staged hold nothing of use). */
  private quantities = new Int32Array(0);
  /** Each staged item's place in the import's memory, by seq (FeedMemory.sent). */
  private remembered = new Int32Array(0);
  /** The rows whose stock alone is written, and their slots. */
  private readonly stockOnly: { seqs: number[]; slots: number[] } = { seqs: [], slots: [] };
  /** The slots the items' merge found for rows remembered, to be given to the memory (see learnt). */
  private readonly learntSlots: { remembered: number[]; slots: number[] } = { remembered: [], slots: [] };

  /** `warehouses`: the codes of each row's quantities, in order. */
  constructor(readonly warehouses: string[]) {}

  /** Rows of staged_prices. */
  get size(): number {
    return this.priceRows;
  }

  /** Rows whose stock is written: those whose shared part is not held, staged as items or not. */
  get sharedSize(): number {
    return this.itemRows + this.stockOnly.seqs.length;
  }

  /** Rows of staged_items. */
  get itemSize(): number {
    return this.itemRows;
  }

  /** Whether a SKU may be in the batch more than once (two SKUs sharing a fingerprint count too). */
  get hasRepeatedSkus(): boolean {
    return this.repeats;
  }

  /**
   * `parts[i]`: what of rows[i] is staged, the rest being held (FeedMemory); all of it if not given.
   * `slots[i]`: the stock slot of a row whose item is held (NO_SLOT otherwise); `remembered[i]`: its
   * place in the import's memory.
   */
  add(rows: readonly FeedRow[], parts: readonly ToWrite[] = [], slots: readonly number[] = [], remembered: readonly number[] = []): this {
    // A string per table for all the rows, written once: it dies young, as the rows do.
    let items = '';
    let prices = '';
    const width = this.warehouses.length;
    this.reserve(this.rows + rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (!this.skus.add(skuFingerprint(row.distributorSku))) this.repeats = true;
      const seq = this.rows++;
      const key = `${seq}\t${text(row.distributorSku)}`;
      const part = parts[i] ?? 'all';
      if (part !== 'shared') {
        this.priceRows++;
        prices += `${key}\t${row.costCents}\n`;
      }
      if (part === 'own') continue;
      this.quantities.set(row.quantities, seq * width);
      const slot = slots[i] ?? NO_SLOT;
      if (slot !== NO_SLOT) {
        this.stockOnly.seqs.push(seq);
        this.stockOnly.slots.push(slot);
        continue;
      }
      this.itemRows++;
      items += `${key}\t${text(row.description)}\t${row.leadTimeDays ?? NULL}\t${text(row.manufacturerPartNumber)}\t${text(row.brand)}\n`;
      this.remembered[seq] = remembered[i] ?? -1;
    }
    this.items.append(items);
    this.prices.append(prices);
    return this;
  }

  /** The quantities of row `seq` (a view, valid until the batch is cleared). */
  quantitiesOf(seq: number): Int32Array {
    const width = this.warehouses.length;
    return this.quantities.subarray(seq * width, (seq + 1) * width);
  }

  /** The rows whose item is held, and their stock slots (seq and slot at the same index). */
  get stockOnlyRows(): { readonly seqs: readonly number[]; readonly slots: readonly number[] } {
    return this.stockOnly;
  }

  /** The merge of the staged items found or made their stock slots (seq and slot at the same index). */
  placed(seqs: readonly number[], slots: readonly number[]): void {
    seqs.forEach((seq, i) => {
      if (this.remembered[seq]! < 0) return;
      this.learntSlots.remembered.push(this.remembered[seq]!);
      this.learntSlots.slots.push(slots[i]!);
    });
  }

  /** Each remembered row's stock slot the batch's write learnt, by its place in the import's memory. */
  learnt(place: (remembered: number, slot: number) => void): void {
    this.learntSlots.remembered.forEach((remembered, i) => place(remembered, this.learntSlots.slots[i]!));
  }

  private reserve(rows: number): void {
    const width = this.warehouses.length;
    if (rows * width > this.quantities.length) {
      const grown = new Int32Array(Math.max(rows * width, this.quantities.length * 2));
      grown.set(this.quantities);
      this.quantities = grown;
    }
    if (rows > this.remembered.length) {
      const grown = new Int32Array(Math.max(rows, this.remembered.length * 2));
      grown.set(this.remembered);
      this.remembered = grown;
    }
  }

  /** Empties the batch for the next, keeping its memory. */
  clear(): void {
    this.rows = 0;
    this.priceRows = 0;
    this.itemRows = 0;
    this.skus.clear();
    this.repeats = false;
    this.items.clear();
    this.prices.clear();
    this.stockOnly.seqs.length = 0;
    this.stockOnly.slots.length = 0;
    this.learntSlots.remembered.length = 0;
    this.learntSlots.slots.length = 0;
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
