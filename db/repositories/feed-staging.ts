import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TransactionSql } from 'postgres';
import type { FeedRow } from '../../feeds/row.js';

/** Rows per chunk written to the COPY stream: few enough writes, small enough strings. */
const ROWS_PER_CHUNK = 1000;

/**
 * Puts a batch of feed rows in `staged_feed_rows` by COPY, one stream for the whole batch, for the
 * catalog to be merged from set-based. The table is temporary, of this connection alone, created on
 * its first batch and emptied by every commit: nothing is logged, and no catalog rows churn per batch.
 * Quantities stay an array in the order of the batch's warehouses; `stocked` is the stock as the
 * merge compares it with what is stored in one look per item: the warehouses holding any, as
 * 'CODE=quantity' in code order (byte order, as `collate "C"` sorts), null when none does.
 */
export async function stageFeedRows(tx: TransactionSql, warehouses: string[], rows: FeedRow[]): Promise<void> {
  await tx`
    create temp table if not exists staged_feed_rows (
      sku text not null, cost_cents int not null, quantities int[] not null, stocked text[],
      description text, lead_time_days int, mpn text, brand text
    ) on commit delete rows`;
  await pipeline(Readable.from(copyText(warehouses, rows)), await tx`copy staged_feed_rows from stdin`.writable());
}

/** The rows in COPY's text format: tab-separated, \N for null, backslash escapes. */
function* copyText(warehouses: string[], rows: FeedRow[]): Generator<string> {
  // Each warehouse's array element up to its quantity, quoted and escaped once per batch.
  const inCodeOrder = warehouses.map((code, index) => ({ code, index })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const elements = inCodeOrder.map(({ code, index }) => ({ index, prefix: text(`"${code.replace(/["\\]/g, '\\$&')}=`) }));
  let chunk = '';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let stocked = '';
    for (const { index, prefix } of elements) {
      const quantity = row.quantities[index]!;
      if (quantity > 0) stocked += `${stocked === '' ? '{' : ','}${prefix}${quantity}"`;
    }
    chunk += `${text(row.distributorSku)}\t${row.costCents}\t{${row.quantities.join(',')}}\t${stocked === '' ? NULL : `${stocked}}`}\t${text(row.description)}\t${row.leadTimeDays ?? NULL}\t${text(row.manufacturerPartNumber)}\t${text(row.brand)}\n`;
    if ((i + 1) % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function text(value: string | null): string {
  if (value === null) return NULL;
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}
