import type { BoundColumns } from './mapping.js';

/*
 * What a dealer's last import of a distributor's feed left in the catalog, remembered as a fingerprint
 * per row of the dealer's own cells (SKU and price), and two of its shared cells, the item's and its
 * stock's, with the item's stock slot, for any dealer's next import of the distributor, so that the
 * next day's file is compared in memory and only the parts of rows that differ are validated and sent
 * to the database. Fingerprints are 53-bit hashes
 * (exact in a double, so they live in Float64Arrays: 8 bytes each, no object per row); a row is taken
 * as held only when its fingerprint matches, and two different rows share one with odds of about 1 in 10^15.
 */

/** Fingerprints that are never 0: 0 marks an empty slot of a FingerprintSet. */
function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) || 1;
}

/** cyrb53 (a public-domain 53-bit string hash) over the given cells, each ended by a unit separator. */
function fingerprintOf(cells: string[], columns: readonly number[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const column of columns) {
    const text = cells[column]!;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    h1 = Math.imul(h1 ^ 31, 2654435761);
    h2 = Math.imul(h2 ^ 31, 1597334677);
  }
  return finish(h1, h2);
}

// Reused, so fingerprinting each row's SKU allocates nothing (fingerprintOf runs to the end synchronously).
const ONE_CELL = [''];
const FIRST_CELL = [0] as const;

export function skuFingerprint(sku: string): number {
  ONE_CELL[0] = sku;
  return fingerprintOf(ONE_CELL, FIRST_CELL);
}

/** Fingerprints in one typed array (open addressing): a million in 11 MB, not a Map's ~80. */
abstract class FingerprintTable {
  protected keys: Float64Array;
  private count = 0;

  constructor(expected: number) {
    this.keys = new Float64Array(Math.max(1024, Math.ceil(expected / MAX_LOAD) + 1));
  }

  get size(): number {
    return this.count;
  }

  /** Where the fingerprint is, or the empty slot it would take. */
  protected find(fingerprint: number): number {
    const capacity = this.keys.length;
    for (let i = home(fingerprint, capacity); ; i = i + 1 === capacity ? 0 : i + 1) {
      const key = this.keys[i]!;
      if (key === fingerprint || key === 0) return i;
    }
  }

  /** The slot of the fingerprint, added if it was not there; negative (−1 − slot) if it was. */
  protected insert(fingerprint: number): number {
    if (this.count + 1 > this.keys.length * MAX_LOAD) this.grow(this.keys.length * 2);
    const i = this.find(fingerprint);
    if (this.keys[i] === fingerprint) return -1 - i;
    this.keys[i] = fingerprint;
    this.count++;
    return i;
  }

  /** Empties the table, keeping its memory. */
  clear(): void {
    this.keys.fill(0);
    this.count = 0;
  }

  /** Moves every key (and whatever goes with it) into `capacity` slots. */
  protected abstract grow(capacity: number): void;

  protected rehash(capacity: number, moved: (from: number, to: number) => void): void {
    const old = this.keys;
    this.keys = new Float64Array(capacity);
    this.count = 0;
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) moved(i, this.insert(old[i]!));
  }
}

/** A set of fingerprints. */
export class FingerprintSet extends FingerprintTable {
  constructor(expected = 1024) {
    super(expected);
  }

  static of(fingerprints: ArrayLike<number>): FingerprintSet {
    const set = new FingerprintSet(fingerprints.length);
    for (let i = 0; i < fingerprints.length; i++) set.add(fingerprints[i]!);
    return set;
  }

  has(fingerprint: number): boolean {
    return this.keys[this.find(fingerprint)] === fingerprint;
  }

  /** Adds the fingerprint; false if it was there already. */
  add(fingerprint: number): boolean {
    return this.insert(fingerprint) >= 0;
  }

  protected grow(capacity: number): void {
    this.rehash(capacity, () => {});
  }
}

/** Fingerprints, each with `width` numbers (float64s: any integer to 2^53). */
export class FingerprintMap extends FingerprintTable {
  private values: Float64Array;

  constructor(
    readonly width: number,
    expected = 1024,
  ) {
    super(expected);
    this.values = new Float64Array(this.keys.length * width);
  }

  /** Where the fingerprint's numbers are, for valueAt(), or −1 if it has none. */
  entry(fingerprint: number): number {
    const i = this.find(fingerprint);
    return this.keys[i] === fingerprint ? i : -1;
  }

  /** The `k`-th number of an entry. */
  valueAt(entry: number, k: number): number {
    return this.values[entry * this.width + k]!;
  }

  /** Gives the fingerprint these numbers (`width` of them), replacing any it had. */
  set(fingerprint: number, values: ArrayLike<number>): void {
    const i = this.insert(fingerprint);
    this.values.set(values, (i < 0 ? -1 - i : i) * this.width);
  }

  protected grow(capacity: number): void {
    const old = this.values;
    const { width } = this;
    this.values = new Float64Array(capacity * width);
    this.rehash(capacity, (from, to) => this.values.set(old.subarray(from * width, (from + 1) * width), to * width));
  }
}

/**
 * Slots filled at most (linear probing stays short up to about this), with any number of slots: a
 * million fingerprints take 11 MB, where rounding the slots up to a power of two took 16.
 */
const MAX_LOAD = 0.7;

/** A fingerprint's first slot: its low 32 bits (uniform, as a hash's are) scaled to the slots (exact: below 2^53). */
function home(fingerprint: number, capacity: number): number {
  return Math.floor(((fingerprint >>> 0) * capacity) / 4294967296);
}

/** A list of numbers grown by doubling, without an object per entry. */
class Fingerprints {
  private values: Float64Array;
  length = 0;

  /** Sized for the rows expected (the last import's), so that a file like it is never copied to grow. */
  constructor(expected: number) {
    this.values = new Float64Array(Math.max(1024, expected));
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  at(index: number): number {
    return this.values[index]!;
  }

  set(index: number, value: number): void {
    this.values[index] = value;
  }

  /** Values `start` to `end`, without a copy. */
  view(start: number, end: number): Float64Array {
    return this.values.subarray(start, end);
  }
}

/** What an import leaves for the next one to compare with: the rows the catalog holds from its file. */
export interface HeldRows {
  /** The file's layout (see layoutOf): a file laid out otherwise is compared row by row in the database. */
  layout: string;
  /** One fingerprint per SKU, of the dealer's own cells (SKU and price) of the SKU's row that won (the file's last). */
  rows: Float64Array;
  /** For any dealer's next import, in the same order: each row's item cells (SKU and all but price and stock)… */
  items: Float64Array;
  /** …its stock cells (SKU and the warehouses' quantities)… */
  stock: Float64Array;
  /** …and its item's distributor_items.stock_slot, or NO_SLOT where the import did not learn it. */
  slots: Float64Array;
}

/** A slot not known: an item whose stock changed is then found (or made) in distributor_items first. */
export const NO_SLOT = -1;

/** The dealer's last file, as the next import reads it back. */
export interface LastFile {
  layout: string;
  rows: FingerprintSet;
}

/**
 * The distributor's newest file, as the next import reads it back: each row's item fingerprint with
 * its stock slot and its stock fingerprint (SHARED_SLOT, SHARED_STOCK). An item fingerprint is of the
 * SKU too, so it finds the row as long as its item cells are the same.
 */
export interface LastSharedFile {
  layout: string;
  items: FingerprintMap;
}

export const SHARED_SLOT = 0;
export const SHARED_STOCK = 1;

/** A last file, and the SKUs (skuFingerprint) of the rows it covers that something else wrote since: those are compared in full. */
export interface Remembered<File = LastFile> {
  held: File | null;
  changedSince: FingerprintSet;
}

/**
 * What to write of a record: nothing (the catalog holds it as the file has it), only the dealer's
 * own part (their price: the distributor's part, shared with every dealer, is held), only the shared
 * part (the item and its stock: the price is held), or all of it. A shared part whose item is held
 * has only its stock written, into the slot FeedMemory.slot gives.
 */
export type Comparison = 'held' | ToWrite;
export type ToWrite = 'own' | 'shared' | 'all';

/**
 * A file's layout as far as it decides what a row means: its width and which header names the
 * mapped columns have, warehouse by warehouse. Fingerprints of rows in different layouts never match.
 */
export function layoutOf(columns: BoundColumns): string {
  const name = (column: number | null) => (column === null ? null : columns.headers[column]!);
  return JSON.stringify([
    columns.width,
    name(columns.distributorSku),
    name(columns.cost),
    columns.warehouses.map((w) => [w.code, name(w.column)]),
    Object.entries(columns.optional).map(([field, column]) => [field, name(column)]),
  ]);
}

/**
 * Compares a feed file, row by row as it is read, with what the catalog holds, and records this
 * file's rows for the next import to compare with.
 *
 * Each row is compared in three parts. Its price is held when it is as in the dealer's last import's
 * file, in the same layout, and nothing else has written the dealer's price of that SKU since (a hand
 * edit, a deletion: `changedSince`, found by the caller in the database). Its item cells and its
 * stock cells are each held when they are as in the distributor's newest import by any dealer
 * (`shared`) and nothing else wrote the SKU's item or stock since (another dealer's feed, a live stock
 * check). A row held in every part is skipped: neither validated nor written; otherwise only the parts
 * not held are written, and a row whose item is held has its stock written straight into its slot, if
 * known. A SKU that appears twice is compared by its last row, as it is written: once a row of a SKU
 * was sent to be written, no later row of it is held in any part.
 */
export class FeedMemory {
  private held: FingerprintSet | null = null;
  private sharedHeld: LastSharedFile | null = null;
  private readonly changedSince: FingerprintSet;
  private readonly sharedChangedSince: FingerprintSet;
  private sentSkus = new FingerprintSet();
  private readonly skus: Fingerprints;
  private readonly rows: Fingerprints;
  private readonly items: Fingerprints;
  private readonly stock: Fingerprints;
  private readonly slots: Fingerprints;
  private columns: number[] = [];
  private itemColumns: number[] = [];
  private stockColumns: number[] = [];
  private skuColumn = 0;
  private width = 0;
  private layout = '';
  private sku = 0;
  private row = 0;
  private item = 0;
  private stockRow = 0;
  private itemSlot = NO_SLOT;

  private last: LastFile | null;
  private sharedLast: LastSharedFile | null;

  /** `own`: the dealer's last import of the distributor; `shared`: the distributor's newest import by any dealer. */
  constructor(own: Remembered, shared: Remembered<LastSharedFile> = { held: null, changedSince: new FingerprintSet() }) {
    this.last = own.held;
    this.sharedLast = shared.held;
    const expected = Math.max(own.held?.rows.size ?? 0, shared.held?.items.size ?? 0);
    this.skus = new Fingerprints(expected);
    this.rows = new Fingerprints(expected);
    this.items = new Fingerprints(expected);
    this.stock = new Fingerprints(expected);
    this.slots = new Fingerprints(expected);
    this.changedSince = own.changedSince;
    this.sharedChangedSince = shared.changedSince;
  }

  /** The file's header is read: from here on rows are compared in its layout. */
  bind(columns: BoundColumns): void {
    this.layout = layoutOf(columns);
    this.width = columns.width;
    this.skuColumn = columns.distributorSku;
    const optional = Object.values(columns.optional).filter((column): column is number => column !== null);
    this.itemColumns = [columns.distributorSku, ...optional];
    this.stockColumns = [columns.distributorSku, ...columns.warehouses.map((w) => w.column)];
    this.columns = [columns.distributorSku, columns.cost];
    this.held = this.last && this.last.layout === this.layout ? this.last.rows : null;
    this.sharedHeld = this.sharedLast && this.sharedLast.layout === this.layout ? this.sharedLast : null;
    this.last = null;
    this.sharedLast = null;
  }

  /**
   * How much of this record the catalog lacks. Either way the record is fingerprinted; unless it is
   * held, the caller validates it and, if valid, calls sent().
   */
  compare(record: string[]): Comparison {
    this.itemSlot = NO_SLOT;
    // A short row is never valid, and lacks cells to fingerprint.
    if (record.length < this.width) {
      this.row = 0;
      return 'all';
    }
    this.row = fingerprintOf(record, this.columns);
    this.item = fingerprintOf(record, this.itemColumns);
    this.stockRow = fingerprintOf(record, this.stockColumns);
    this.sku = skuFingerprint(record[this.skuColumn]!.trim());
    if (record.length !== this.width || this.sentSkus.has(this.sku)) return 'all';
    const priceHeld = this.held !== null && this.held.has(this.row) && !this.changedSince.has(this.sku);
    const items = this.sharedHeld !== null && !this.sharedChangedSince.has(this.sku) ? this.sharedHeld.items : null;
    const item = items === null ? -1 : items.entry(this.item);
    if (item >= 0) this.itemSlot = items!.valueAt(item, SHARED_SLOT);
    const sharedHeld = item >= 0 && items!.valueAt(item, SHARED_STOCK) === this.stockRow;
    if (priceHeld && sharedHeld) {
      this.remember();
      return 'held';
    }
    return priceHeld ? 'shared' : sharedHeld ? 'own' : 'all';
  }

  /**
   * The stock slot of the record last compared, when its item is held and only its stock may need
   * writing; NO_SLOT when the item is to be written (or its slot was never learnt).
   */
  get slot(): number {
    return this.itemSlot;
  }

  /**
   * The record last passed to compare() was valid and goes to the database. Returns its place in
   * this memory, for place() once its slot is known, or −1 if it is not remembered.
   */
  sent(): number {
    if (this.row === 0) return -1;
    if (this.held !== null || this.sharedHeld !== null) this.sentSkus.add(this.sku);
    return this.remember();
  }

  /** The item of a row sent (its place, as sent() gave it) has this stock slot. */
  place(remembered: number, slot: number): void {
    this.slots.set(remembered, slot);
  }

  /** What the next import compares with: for each SKU, the fingerprints of its last valid row in this file. */
  heldRows(): HeldRows {
    // Done comparing: what the comparison needed goes, and the last import's set, emptied, finds the winners.
    const seen = this.held ?? new FingerprintSet(this.skus.length);
    seen.clear();
    this.held = null;
    this.sharedHeld = null;
    this.sentSkus = new FingerprintSet();
    // The winners are gathered at the end of the lists they are taken from, from the last row back.
    const lists = [this.rows, this.items, this.stock, this.slots];
    const end = this.skus.length;
    let start = end;
    for (let i = end - 1; i >= 0; i--)
      if (seen.add(this.skus.at(i))) {
        start--;
        for (const list of lists) list.set(start, list.at(i));
      }
    const [rows, items, stock, slots] = lists.map((list) => list.view(start, end)) as [Float64Array, Float64Array, Float64Array, Float64Array];
    return { layout: this.layout, rows, items, stock, slots };
  }

  private remember(): number {
    this.skus.push(this.sku);
    this.rows.push(this.row);
    this.items.push(this.item);
    this.stock.push(this.stockRow);
    this.slots.push(this.itemSlot);
    return this.skus.length - 1;
  }
}
