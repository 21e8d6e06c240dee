import type { BoundColumns } from './mapping.js';

/*
 * What a dealer's last import of a distributor's feed left in the catalog, remembered as a fingerprint
 * per row, so that the next day's file is compared in memory and only the rows that differ are
 * validated and sent to the database. Fingerprints are 53-bit hashes (exact in a double, so they live
 * in Float64Arrays: 8 bytes a row, no object per row); a row is taken as held only when its
 * fingerprint matches, and two different rows share one with odds of about 1 in 10^15.
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

/** A set of fingerprints in one typed array (open addressing): a million rows in 16 MB, not a Map's ~80. */
export class FingerprintSet {
  private slots: Float64Array;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Float64Array(capacity);
  }

  static of(fingerprints: ArrayLike<number>): FingerprintSet {
    const set = new FingerprintSet(fingerprints.length);
    for (let i = 0; i < fingerprints.length; i++) set.add(fingerprints[i]!);
    return set;
  }

  get size(): number {
    return this.count;
  }

  has(fingerprint: number): boolean {
    const mask = this.slots.length - 1;
    for (let i = (fingerprint >>> 0) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i]!;
      if (slot === fingerprint) return true;
      if (slot === 0) return false;
    }
  }

  /** Adds the fingerprint; false if it was there already. */
  add(fingerprint: number): boolean {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    for (let i = (fingerprint >>> 0) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i]!;
      if (slot === fingerprint) return false;
      if (slot === 0) {
        this.slots[i] = fingerprint;
        this.count++;
        return true;
      }
    }
  }

  /** Empties the set, keeping its memory. */
  clear(): void {
    this.slots.fill(0);
    this.count = 0;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.count = 0;
    for (const slot of old) if (slot !== 0) this.add(slot);
  }
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
  /** One fingerprint per SKU: that of the SKU's row that won (the file's last). */
  rows: Float64Array;
}

/** The same, as the next import reads it back. */
export interface LastFile {
  layout: string;
  rows: FingerprintSet;
}

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
 * Compares a feed file, row by row as it is read, with the rows the dealer's last import left in the
 * catalog, and records this file's rows for the next import to compare with.
 *
 * A row is held (skipped: neither validated nor written) when its every mapped cell is as it was in
 * the last import's file, in the same layout, and nothing else has written that SKU's catalog rows
 * since (another dealer's feed, a live stock check, a hand edit: `changedSince`, found by the caller
 * in the database). Any other row goes the full way. A SKU that appears twice is compared by its last
 * row, as it is written: once a row of a SKU was sent to be written, no later row of it is held.
 */
export class FeedMemory {
  private held: FingerprintSet | null = null;
  private readonly changedSince: FingerprintSet;
  private sentSkus = new FingerprintSet();
  private readonly skus: Fingerprints;
  private readonly rows: Fingerprints;
  private columns: number[] = [];
  private skuColumn = 0;
  private width = 0;
  private layout = '';
  private sku = 0;
  private row = 0;

  private last: LastFile | null;

  /** `held`: the last import's rows; `changedSince`: SKUs written since by anything else. */
  constructor({ held, changedSince }: { held: LastFile | null; changedSince: string[] }) {
    this.last = held;
    this.skus = new Fingerprints(held?.rows.size ?? 0);
    this.rows = new Fingerprints(held?.rows.size ?? 0);
    this.changedSince = FingerprintSet.of(changedSince.map(skuFingerprint));
  }

  /** The file's header is read: from here on rows are compared in its layout. */
  bind(columns: BoundColumns): void {
    this.layout = layoutOf(columns);
    this.width = columns.width;
    this.skuColumn = columns.distributorSku;
    const optional = Object.values(columns.optional).filter((column): column is number => column !== null);
    this.columns = [columns.distributorSku, columns.cost, ...columns.warehouses.map((w) => w.column), ...optional];
    this.held = this.last && this.last.layout === this.layout ? this.last.rows : null;
    this.last = null;
  }

  /**
   * Whether the catalog holds this record as the file has it. Either way the record is fingerprinted;
   * when it is not held, the caller validates it and, if valid, calls sent().
   */
  isHeld(record: string[]): boolean {
    // A short row is never valid, and lacks cells to fingerprint.
    if (record.length < this.width) {
      this.row = 0;
      return false;
    }
    this.row = fingerprintOf(record, this.columns);
    this.sku = skuFingerprint(record[this.skuColumn]!.trim());
    const held =
      this.held !== null && record.length === this.width && this.held.has(this.row) && !this.changedSince.has(this.sku) && !this.sentSkus.has(this.sku);
    if (held) this.remember();
    return held;
  }

  /** The record last passed to isHeld() was valid and goes to the database. */
  sent(): void {
    if (this.row === 0) return;
    if (this.held !== null) this.sentSkus.add(this.sku);
    this.remember();
  }

  /** What the next import compares with: for each SKU, the fingerprint of its last valid row in this file. */
  heldRows(): HeldRows {
    // Done comparing: what the comparison needed goes before the winners' set is built.
    this.held = null;
    this.sentSkus = new FingerprintSet();
    const seen = new FingerprintSet(this.skus.length);
    // The winners are gathered at the end of the list they are taken from, from the last row back.
    let start = this.rows.length;
    for (let i = this.skus.length - 1; i >= 0; i--) if (seen.add(this.skus.at(i))) this.rows.set(--start, this.rows.at(i));
    return { layout: this.layout, rows: this.rows.view(start, this.rows.length) };
  }

  private remember(): void {
    this.skus.push(this.sku);
    this.rows.push(this.row);
  }
}
