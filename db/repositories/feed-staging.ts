import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TransactionSql } from 'postgres';
import type { FeedRow } from '../../feeds/row.js';

/*
 * A batch of feed rows is staged by COPY, one stream per table to merge, for the catalog to be
 * merged from set-based. Each staging table is temporary, of its connection alone, created on the
 * connection's first batch and emptied by every commit: nothing is logged, and no catalog rows churn
 * per batch. One table per merge, so the three merges run on three connections at once.
 */

/** What the feed says the parts are: staged_items (sku, description, lead_time_days, mpn, brand). */
export async function stageItems(tx: TransactionSql, rows: FeedRow[]): Promise<void> {
  await tx`
    create temp table if not exists staged_items (sku text not null, description text, lead_time_days int, mpn text, brand text)
    on commit delete rows`;
  await copyInto(
    tx,
    'staged_items',
    rows,
    (row) => `${text(row.distributorSku)}\t${text(row.description)}\t${row.leadTimeDays ?? NULL}\t${text(row.manufacturerPartNumber)}\t${text(row.brand)}\n`,
  );
}

/** The dealer's cost: staged_prices (sku, cost_cents). */
export async function stagePrices(tx: TransactionSql, rows: FeedRow[]): Promise<void> {
  await tx`create temp table if not exists staged_prices (sku text not null, cost_cents int not null) on commit delete rows`;
  await copyInto(tx, 'staged_prices', rows, (row) => `${text(row.distributorSku)}\t${row.costCents}\n`);
}

/**
 * Stock: staged_stock (sku, quantities, stocked). Quantities are an array in the order of the batch's
 * warehouses; `stocked` is the stock as the merge compares it with what is stored in one look per
 * item: the warehouses holding any, as 'CODE=quantity' in code order (byte order, as `collate "C"`
 * sorts), null when none does.
 */
export async function stageStock(tx: TransactionSql, warehouses: string[], rows: FeedRow[]): Promise<void> {
  await tx`create temp table if not exists staged_stock (sku text not null, quantities int[] not null, stocked text[]) on commit delete rows`;
  // Each warehouse's array element up to its quantity, quoted and escaped once per batch.
  const inCodeOrder = warehouses.map((code, index) => ({ code, index })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const elements = inCodeOrder.map(({ code, index }) => ({ index, prefix: text(`"${code.replace(/["\\]/g, '\\$&')}=`) }));
  await copyInto(tx, 'staged_stock', rows, (row) => {
    let stocked = '';
    for (const { index, prefix } of elements) {
      const quantity = row.quantities[index]!;
      if (quantity > 0) stocked += `${stocked === '' ? '{' : ','}${prefix}${quantity}"`;
    }
    return `${text(row.distributorSku)}\t{${row.quantities.join(',')}}\t${stocked === '' ? NULL : `${stocked}}`}\n`;
  });
}

/** Rows per chunk written to the COPY stream: few enough writes, small enough strings. */
const ROWS_PER_CHUNK = 1000;

async function copyInto(tx: TransactionSql, table: string, rows: FeedRow[], line: (row: FeedRow) => string): Promise<void> {
  function* chunks(): Generator<string> {
    for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
      let chunk = '';
      for (let i = start; i < Math.min(start + ROWS_PER_CHUNK, rows.length); i++) chunk += line(rows[i]!);
      yield chunk;
    }
  }
  await pipeline(Readable.from(chunks()), await tx`copy ${tx(table)} from stdin`.writable());
}

/** COPY's text format: \N for null, backslash escapes for backslash, tab and line breaks. */
const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function text(value: string | null): string {
  if (value === null) return NULL;
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}
