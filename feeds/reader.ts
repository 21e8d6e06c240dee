import type { Readable } from 'node:stream';
import { csvRecords, type CsvUnreadable } from './csv-records.js';
import { FeedError } from './errors.js';
import { NO_SLOT, type FeedMemory, type ToWrite } from './fingerprint.js';
import { bindColumns, type BoundColumns, type FeedMapping } from './mapping.js';
import { parseFeedPrice, parseFeedRow, type FeedRow } from './row.js';

export interface BadRow {
  /** Where the row starts in the file; the header is line 1. */
  line: number;
  reason: string;
}

/** A run of consecutive records of the file, small enough to write in one transaction. */
export interface FeedBatch {
  /** The valid rows to write. */
  rows: FeedRow[];
  /** For each of `rows`, what of it to write: the dealer's price, the item and its stock, or both (see FeedMemory). */
  parts: ToWrite[];
  /** For each of `rows`, its item's stock slot if the item is held and only its stock may need writing, else NO_SLOT (FeedMemory.slot). */
  slots: number[];
  /** For each of `rows`, its place in the memory, for FeedMemory.place() once its slot is known (−1: none). */
  remembered: number[];
  /** Valid rows the catalog already holds as the file has them (see FeedMemory): not validated again, nothing to write. */
  held: number;
  badRows: BadRow[];
  /** Warehouse codes, in the order of each row's quantities. */
  warehouses: string[];
  /** Records read, good and bad. */
  read: number;
  /** The last line of the file this batch covers: where an import that stops after it carries on. */
  throughLine: number;
}

export interface ReadFeedOptions {
  /** Records per batch, good and bad alike, so a file of bad rows still comes in bounded pieces. */
  batchSize: number;
  /** Lines up to here were imported by an earlier attempt: they are read past, not returned (but remembered). */
  afterLine?: number;
  /** Compares each row with the dealer's last import and remembers it for the next. */
  memory?: FeedMemory;
}

/**
 * A record this long is a quote that never closes swallowing the rest of the file; past it, nothing
 * can be trusted, and the parser would otherwise hold the remainder in memory.
 */
const MAX_RECORD_BYTES = 256 * 1024;

/**
 * Streams a CSV feed as batches of validated rows. Bad rows are reported with the line they start on
 * (counted here, since quoted values may span lines) and reading goes on; a row the CSV parser cannot
 * make sense of ends the file, reported as a bad row, keeping everything before it.
 */
export async function* readFeedBatches(source: Readable, mapping: FeedMapping, options: ReadFeedOptions): AsyncGenerator<FeedBatch> {
  const afterLine = options.afterLine ?? 0;
  const memory = options.memory;
  // Set by the records' callback, after the last record before it; `as` keeps TypeScript from narrowing it to null for good.
  let unreadable = null as CsvUnreadable | null;
  const records = csvRecords(source, MAX_RECORD_BYTES, (error) => (unreadable = error));

  let columns: BoundColumns | null = null;
  let line = 0;
  let batch: FeedBatch = emptyBatch([]);
  for await (const run of records) {
    for (const record of run) {
      const startLine = line + 1;
      line += linesIn(record);
      if (isBlank(record)) continue;
      if (!columns) {
        columns = bindHeader(record, mapping);
        memory?.bind(columns);
        batch = emptyBatch(columns.warehouses.map((w) => w.code));
        continue;
      }
      if (startLine <= afterLine) {
        // Written by an earlier attempt, but the file as a whole is what the next import compares with.
        if (memory && memory.compare(record) !== 'held' && parseFeedRow(record, columns).ok) memory.sent();
        continue;
      }
      const comparison = memory ? memory.compare(record) : 'all';
      if (comparison === 'held') batch.held++;
      else {
        // Only the price of a row whose shared part is held can be wrong: the rest is a valid row's.
        const result = comparison === 'own' ? parseFeedPrice(record, columns) : parseFeedRow(record, columns);
        if (result.ok) {
          batch.rows.push(result.row);
          batch.parts.push(comparison);
          batch.slots.push(memory ? memory.slot : NO_SLOT);
          batch.remembered.push(memory ? memory.sent() : -1);
        } else batch.badRows.push({ line: startLine, reason: result.reason });
      }
      batch.read++;
      batch.throughLine = line;
      if (batch.read >= options.batchSize) {
        yield batch;
        batch = emptyBatch(batch.warehouses);
      }
    }
  }
  if (!columns)
    throw new FeedError('layout', unreadable ? `The header row could not be read: ${unreadable.message}` : 'The file is empty: it has no header row');
  if (unreadable && line + 1 > afterLine) {
    batch.badRows.push({ line: line + 1, reason: unreadableReason(unreadable) });
    batch.read++;
    batch.throughLine = line + 1;
  }
  if (batch.read > 0) yield batch;
}

function bindHeader(record: string[], mapping: FeedMapping): BoundColumns {
  const bound = bindColumns(record, mapping);
  if (bound.ok) return bound.columns;
  const found = record
    .slice(0, 20)
    .map((name) => `"${name.trim()}"`)
    .join(', ');
  throw new FeedError(
    'layout',
    `The file's header has no ${bound.missing.map((name) => `"${name}"`).join(', ')} column${bound.missing.length > 1 ? 's' : ''} (it has ${found}${record.length > 20 ? ', …' : ''})`,
  );
}

function unreadableReason(error: CsvUnreadable): string {
  const rest = 'the rest of the file was not read';
  if (error.code === 'quote-not-closed') return `a quoted value that starts here is never closed; ${rest}`;
  return `the row runs past ${MAX_RECORD_BYTES / 1024} KB, most likely a quoted value that is never closed; ${rest}`;
}

function emptyBatch(warehouses: string[]): FeedBatch {
  return { rows: [], parts: [], slots: [], remembered: [], held: 0, badRows: [], warehouses, read: 0, throughLine: 0 };
}

function linesIn(record: string[]): number {
  let lines = 1;
  for (const field of record) {
    if (field.includes('\n')) lines += field.split('\n').length - 1;
  }
  return lines;
}

function isBlank(record: string[]): boolean {
  return record.every((field) => field.trim() === '');
}
