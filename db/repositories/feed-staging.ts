import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TransactionSql } from 'postgres';
import { FingerprintSet, NO_SLOT, skuFingerprint, type ToWrite } from '../../feeds/fingerprint.js';
import type { FeedRow } from '../../feeds/row.js';

/*
 * A batch of feed rows: its items are staged by COPY, for the distributor's items to be merged from
 * set-based. The staging table is temporary, of its connection alone, created on the connection's
 * first batch and emptied by every commit: nothing is logged, and no catalog rows churn per batch.
 * Stock and prices are not staged: they are merged into their pages in memory (stock-pages.ts,
 * dealer-prices.ts), by the slots of the items they belong to.
 */

/**
 * A batch of feed rows held as the COPY text of its items' staging table and its quantities and
 * prices as integers, written as the rows are read. Rows kept as objects until the batch was written
 * outlived V8's young generation and piled up as old garbage (a million-row import peaked ~150 MB
 * above what it needed); a batch's text is a few MB outside the heap, and is reused for the batch
 * after next (clear). Each row carries its place in the batch (seq), for the merges to keep the last
 * row of a SKU where one repeats (see lastPerSku), and for its quantities, price and slot to be
 * found. A row whose item is held (FeedMemory) and whose stock slot is known is not staged as an
 * item: its stock and price go straight into its slot.
 */
export class StagedFeedRows {
  /** staged_items (seq, sku, description, lead_time_days, mpn, brand): what the feed says the parts are. */
  readonly items = new CopyText();
  private rows = 0;
  private itemRows = 0;
  /** The SKUs staged as items: only the merge of items must keep to one row per SKU. */
  private readonly skus = new FingerprintSet();
  private repeats = false;
  /** Each row's quantities, in the order of `warehouses`, at seq × warehouses.length (rows with only a price staged hold nothing of use). */
  private quantities = new Int32Array(0);
  /** Each staged item's place in the import's memory, by seq (FeedMemory.sent). */
  private remembered = new Int32Array(0);
  /** Each row's dealer cost, by seq (for the rows with a price to write: priceSeqs). */
  private costs = new Int32Array(0);
  /** Each row's stock slot, by seq, once known (NO_SLOT until then). */
  private slots = new Float64Array(0);
  /** The rows whose price is written, in order. */
  private readonly priceSeqs: number[] = [];
  /** Rows whose price alone is written and whose slot the memory did not know, with their SKUs. */
  private readonly unslotted: { seqs: number[]; skus: string[] } = { seqs: [], skus: [] };
  /** The rows whose stock alone is written, and their slots. */
  private readonly stockOnly: { seqs: number[]; slots: number[] } = { seqs: [], slots: [] };
  /** The slots the items' merge found for rows remembered, to be given to the memory (see learnt). */
  private readonly learntSlots: { remembered: number[]; slots: number[] } = { remembered: [], slots: [] };

  /** `warehouses`: the codes of each row's quantities, in order. */
  constructor(readonly warehouses: string[]) {}

  /** Rows whose price is written. */
  get size(): number {
    return this.priceSeqs.length;
  }

  /** Rows whose stock is written: those whose shared part is not held, staged as items or not. */
  get sharedSize(): number {
    return this.itemRows + this.stockOnly.seqs.length;
  }

  /** Rows of staged_items. */
  get itemSize(): number {
    return this.itemRows;
  }

  /** Whether a SKU may be staged as an item more than once (two SKUs sharing a fingerprint count too). */
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
    const width = this.warehouses.length;
    this.reserve(this.rows + rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const seq = this.rows++;
      const part = parts[i] ?? 'all';
      const slot = slots[i] ?? NO_SLOT;
      this.slots[seq] = slot;
      if (part !== 'shared') {
        this.priceSeqs.push(seq);
        this.costs[seq] = row.costCents;
      }
      if (part === 'own') {
        if (slot === NO_SLOT) {
          this.unslotted.seqs.push(seq);
          this.unslotted.skus.push(row.distributorSku);
        }
        continue;
      }
      this.quantities.set(row.quantities, seq * width);
      if (slot !== NO_SLOT) {
        this.stockOnly.seqs.push(seq);
        this.stockOnly.slots.push(slot);
        continue;
      }
      this.itemRows++;
      if (!this.skus.add(skuFingerprint(row.distributorSku))) this.repeats = true;
      items += `${seq}\t${text(row.distributorSku)}\t${text(row.description)}\t${row.leadTimeDays ?? NULL}\t${text(row.manufacturerPartNumber)}\t${text(row.brand)}\n`;
      this.remembered[seq] = remembered[i] ?? -1;
    }
    this.items.append(items);
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
      this.slots[seq] = slots[i]!;
      if (this.remembered[seq]! < 0) return;
      this.learntSlots.remembered.push(this.remembered[seq]!);
      this.learntSlots.slots.push(slots[i]!);
    });
  }

  /** The SKUs of the rows whose price is written and whose slot is not known yet. */
  get unslottedSkus(): readonly string[] {
    return this.unslotted.skus;
  }

  /** Slots found for unslottedSkus (by SKU). */
  slotted(slots: ReadonlyMap<string, number>): void {
    this.unslotted.seqs.forEach((seq, i) => (this.slots[seq] = slots.get(this.unslotted.skus[i]!) ?? NO_SLOT));
  }

  /**
   * The prices to write, in file order (a SKU's later row wins), by slot: once the items are merged
   * (placed) and any unslotted SKUs are found (slotted), every row has one, but for the earlier rows
   * of a SKU staged as an item more than once, which the merge passed over for its last.
   */
  pricesBySlot(): { slots: number[]; costs: number[] } {
    const slots: number[] = [];
    const costs: number[] = [];
    for (const seq of this.priceSeqs) {
      if (this.slots[seq] === NO_SLOT) {
        if (this.repeats) continue;
        throw new Error(`The stock slot of row ${seq} of the batch is not known`);
      }
      slots.push(this.slots[seq]!);
      costs.push(this.costs[seq]!);
    }
    return { slots, costs };
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
      const length = Math.max(rows, this.remembered.length * 2);
      this.remembered = grownTo(this.remembered, new Int32Array(length));
      this.costs = grownTo(this.costs, new Int32Array(length));
      this.slots = grownTo(this.slots, new Float64Array(length));
    }
  }

  /** Empties the batch for the next, keeping its memory. */
  clear(): void {
    this.rows = 0;
    this.itemRows = 0;
    this.skus.clear();
    this.repeats = false;
    this.items.clear();
    this.priceSeqs.length = 0;
    this.unslotted.seqs.length = 0;
    this.unslotted.skus.length = 0;
    this.stockOnly.seqs.length = 0;
    this.stockOnly.slots.length = 0;
    this.learntSlots.remembered.length = 0;
    this.learntSlots.slots.length = 0;
  }
}

function grownTo<Values extends Int32Array | Float64Array>(values: Values, grown: Values): Values {
  grown.set(values);
  return grown;
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

/** The items' staging table, as mergeItems reads it (catalog-upsert.ts). */
export async function stageItems(tx: TransactionSql, batch: StagedFeedRows): Promise<void> {
  await tx`
    create temp table if not exists staged_items (seq int not null, sku text not null, description text, lead_time_days int, mpn text, brand text)
    on commit delete rows`;
  await copyInto(tx, 'staged_items', batch.items);
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
