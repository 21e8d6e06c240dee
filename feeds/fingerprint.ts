import type { BoundColumns } from './mapping.js';

/*
 * What a dealer's last import of a distributor's feed left in the catalog, remembered as a fingerprint
 * per row of the dealer's own cells (SKU and price), and two of its shared cells, the item's and its
 * stock's, with the item's stock slot, for any dealer's next import of the distributor, so that the
 * next day's file is compared in memory and only the parts of rows that differ are validated and sent
 * to the database. Fingerprints are 53-bit hashes
 * (exact in a double, so they live in Float64Arrays: 8 bytes each, no object per row); a row is taken
 * as held only when its fingerprint matches, and two different rows share one with odds of about 1 in 10^15.
 * A row is found by its SKU's key, the low 32 bits of the SKU's fingerprint (4 bytes a row in each
 * list of SKUs): the row's own fingerprints cover its SKU, so a row found by another SKU that shares
 * the key is only written, never skipped.
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

/** The key a SKU's row is found by in a memory: its fingerprint's low 32 bits (never 0, as a FingerprintSet takes it). */
const skuKeyOf = (fingerprint: number): number => fingerprint % 4294967296 || 1;

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

/** Fingerprints, each with a place (an integer from 0). */
export class FingerprintPlaces extends FingerprintTable {
  private places: Int32Array;

  constructor(expected = 1024) {
    super(expected);
    this.places = new Int32Array(this.keys.length);
  }

  /** The fingerprint's place, or −1 if it has none. */
  get(fingerprint: number): number {
    const i = this.find(fingerprint);
    return this.keys[i] === fingerprint ? this.places[i]! : -1;
  }

  /** Gives the fingerprint its place, replacing any it had. */
  set(fingerprint: number, place: number): void {
    const i = this.insert(fingerprint);
    this.places[i < 0 ? -1 - i : i] = place;
  }

  protected grow(capacity: number): void {
    const old = this.places;
    this.places = new Int32Array(capacity);
    this.rehash(capacity, (from, to) => (this.places[to] = old[from]!));
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

/** A memory's list: SKU keys, fingerprints or slots. */
export type NumberArray = Float64Array | Uint32Array | Int32Array;

/** A list of numbers grown by doubling, without an object per entry. */
class NumberList<Values extends NumberArray> {
  private values: Values;
  length = 0;

  /** Sized for the rows expected (the last import's), so that a file like it is never copied to grow. */
  constructor(
    private readonly make: (length: number) => Values,
    expected: number,
  ) {
    this.values = make(Math.max(1024, expected));
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = this.make(this.values.length * 2);
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
  view(start: number, end: number): Values {
    return this.values.subarray(start, end) as Values;
  }
}

/**
 * What an import leaves for the next one to compare with: the rows the catalog holds from its file,
 * one per SKU (the SKU's last valid row), in the file's order, each list in the same order.
 */
export interface HeldRows {
  /** The file's layout (see layoutOf): a file laid out otherwise is compared row by row in the database. */
  layout: string;
  /** Each row's SKU's key (the low 32 bits of its skuFingerprint). */
  skus: Uint32Array;
  /** Of the dealer's own cells (SKU and price): for the dealer's next import. */
  rows: Float64Array;
  /** For any dealer's next import: each row's item cells (SKU and all but price and stock)… */
  items: Float64Array;
  /** …its stock cells (SKU and the warehouses' quantities)… */
  stock: Float64Array;
  /** …and its item's distributor_items.stock_slot, or NO_SLOT where the import did not learn it. */
  slots: Int32Array;
}

/** A slot not known: an item whose stock changed is then found (or made) in distributor_items first. */
export const NO_SLOT = -1;

/** Slots past this are remembered as NO_SLOT (their items' stock is written after a look-up), so that a slot takes 4 bytes. */
const MAX_SLOT = 2 ** 31 - 1;

/** The dealer's last file, as the next import reads it back. */
export type LastFile = Pick<HeldRows, 'layout' | 'skus' | 'rows'>;

/** The distributor's newest file, as the next import reads it back. */
export type LastSharedFile = Pick<HeldRows, 'layout' | 'skus' | 'items' | 'stock' | 'slots'>;

/** A last file, and the SKUs (skuFingerprint) of the rows it covers that something else wrote since: those are compared in full. */
export interface Remembered<File = LastFile> {
  held: File | null;
  changedSince: FingerprintSet;
}

/**
 * Finds the rows of a last file by SKU, expecting today's file in the same order as the last: each
 * SKU is looked for just after the last one found, in memory read from start to end, with no table
 * to build or probe. A file out of step (rows added, dropped or moved) is followed a few rows ahead;
 * past that, a row is taken as not found, which only means it is written; and once that happens
 * often, a table of every SKU's place is made, and the file is followed by it.
 */
class RowFinder {
  private next = 0;
  private misses = 0;
  private places: FingerprintPlaces | null = null;

  constructor(private readonly skus: Uint32Array) {}

  /** The place in the last file of the row of the SKU with this key, or −1. */
  find(sku: number): number {
    const { skus } = this;
    const end = Math.min(skus.length, this.next + LOOK_AHEAD);
    for (let at = this.next; at < end; at++) {
      if (skus[at] === sku) {
        this.next = at + 1;
        return at;
      }
    }
    if (this.places === null) {
      if (++this.misses < MISSES_BEFORE_TABLE) return -1;
      this.places = new FingerprintPlaces(skus.length);
      for (let at = 0; at < skus.length; at++) this.places.set(skus[at]!, at);
    }
    const at = this.places.get(sku);
    if (at >= 0) this.next = at + 1;
    return at;
  }
}

/** Rows past the expected one that a SKU is looked for in order: a few parts added or dropped. */
const LOOK_AHEAD = 8;
/** SKUs not found in order before the last file's SKUs are put in a table (a file reordered, many parts added). */
const MISSES_BEFORE_TABLE = 1_000;

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
 * known. A SKU's second row and any after it are written in full (the file's last row of a SKU is
 * what the catalog ends up holding, and what is remembered).
 */
export class FeedMemory {
  private own: { file: LastFile; finder: RowFinder } | null = null;
  private shared: { file: LastSharedFile; finder: RowFinder } | null = null;
  private readonly changedSince: FingerprintSet;
  private readonly sharedChangedSince: FingerprintSet;
  /** Every SKU compared so far. */
  private readonly seen: FingerprintSet;
  private repeated = false;
  private readonly skus: NumberList<Uint32Array>;
  private readonly rows: NumberList<Float64Array>;
  private readonly items: NumberList<Float64Array>;
  private readonly stock: NumberList<Float64Array>;
  private readonly slots: NumberList<Int32Array>;
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

  private ownLast: LastFile | null;
  private sharedLast: LastSharedFile | null;

  /** `own`: the dealer's last import of the distributor; `shared`: the distributor's newest import by any dealer. */
  constructor(own: Remembered, shared: Remembered<LastSharedFile> = { held: null, changedSince: new FingerprintSet() }) {
    this.ownLast = own.held;
    this.sharedLast = shared.held;
    const expected = Math.max(own.held?.skus.length ?? 0, shared.held?.skus.length ?? 0);
    this.seen = new FingerprintSet(expected);
    this.skus = new NumberList((length) => new Uint32Array(length), expected);
    this.rows = new NumberList((length) => new Float64Array(length), expected);
    this.items = new NumberList((length) => new Float64Array(length), expected);
    this.stock = new NumberList((length) => new Float64Array(length), expected);
    this.slots = new NumberList((length) => new Int32Array(length), expected);
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
    const { ownLast, sharedLast } = this;
    this.own = ownLast && ownLast.layout === this.layout ? { file: ownLast, finder: new RowFinder(ownLast.skus) } : null;
    this.shared = sharedLast && sharedLast.layout === this.layout ? { file: sharedLast, finder: new RowFinder(sharedLast.skus) } : null;
    this.ownLast = null;
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
    if (!this.seen.add(this.sku)) this.repeated = true;
    else if (record.length === this.width) return this.held();
    return 'all';
  }

  private held(): Comparison {
    const { own, shared, sku } = this;
    const key = skuKeyOf(sku);
    const mine = own === null ? -1 : own.finder.find(key);
    const priceHeld = mine >= 0 && own!.file.rows[mine] === this.row && !this.changedSince.has(sku);
    // Looked for even if written since, to keep in step with the file.
    const theirs = shared === null ? -1 : shared.finder.find(key);
    const itemHeld = theirs >= 0 && shared!.file.items[theirs] === this.item && !this.sharedChangedSince.has(sku);
    if (itemHeld) this.itemSlot = shared!.file.slots[theirs]!;
    const sharedHeld = itemHeld && shared!.file.stock[theirs] === this.stockRow;
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
    return this.remember();
  }

  /** The item of a row sent (its place, as sent() gave it) has this stock slot. */
  place(remembered: number, slot: number): void {
    this.slots.set(remembered, slot <= MAX_SLOT ? slot : NO_SLOT);
  }

  /** What the next import compares with: for each SKU, the fingerprints of its last valid row in this file. */
  heldRows(): HeldRows {
    this.own = null;
    this.shared = null;
    const lists = [this.skus, this.rows, this.items, this.stock, this.slots];
    const end = this.skus.length;
    let start = 0;
    if (this.repeated) {
      // The winners are gathered at the end of the lists, from the last row back, in their order.
      // By key: of two SKUs that share one, only the later is remembered (the other is written next time).
      const seen = this.seen;
      seen.clear();
      start = end;
      for (let i = end - 1; i >= 0; i--)
        if (seen.add(this.skus.at(i))) {
          start--;
          for (const list of lists) list.set(start, list.at(i));
        }
    }
    const view = <Values extends NumberArray>(list: NumberList<Values>) => list.view(start, end);
    return { layout: this.layout, skus: view(this.skus), rows: view(this.rows), items: view(this.items), stock: view(this.stock), slots: view(this.slots) };
  }

  private remember(): number {
    this.skus.push(skuKeyOf(this.sku));
    this.rows.push(this.row);
    this.items.push(this.item);
    this.stock.push(this.stockRow);
    this.slots.push(this.itemSlot);
    return this.skus.length - 1;
  }
}
