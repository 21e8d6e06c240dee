import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FeedMemory, FingerprintSet, type HeldRows } from './fingerprint.js';
import type { FeedMapping } from './mapping.js';
import { readFeedBatches } from './reader.js';

const mapping: FeedMapping = { distributorSku: 'Part Number', cost: 'Price', description: 'Description', warehouseQuantities: { ID: 'Boise' } };
const HEADER = 'Part Number,Description,Price,Boise';

/** Reads a file with the memory of a last import; returns what was held and written, and what the next import gets. */
async function read(lines: string[], last: HeldRows | null, { changedSince = [] as string[], afterLine = 0, header = HEADER } = {}) {
  const memory = new FeedMemory({ held: last && { layout: last.layout, rows: FingerprintSet.of(last.rows) }, changedSince });
  let held = 0;
  const written: string[] = [];
  const bad: number[] = [];
  for await (const batch of readFeedBatches(Readable.from([[header, ...lines].join('\n')]), mapping, { batchSize: 2, afterLine, memory })) {
    held += batch.held;
    written.push(...batch.rows.map((row) => `${row.distributorSku}@${row.costCents}`));
    bad.push(...batch.badRows.map((row) => row.line));
  }
  return { held, written, bad, next: memory.heldRows() };
}

const YESTERDAY = ['A-1,Pads,10.00,5', 'A-2,Filter,6.50,0', 'A-3,Chain,80.00,3'];

describe('FingerprintSet', () => {
  it('holds what was added, through growing, and nothing else', () => {
    const set = new FingerprintSet(1);
    for (let i = 1; i <= 5000; i++) expect(set.add(i * 7919 + 2 ** 40)).toBe(true);
    expect(set.add(7919 + 2 ** 40)).toBe(false);
    expect(set.size).toBe(5000);
    for (let i = 1; i <= 5000; i++) expect(set.has(i * 7919 + 2 ** 40)).toBe(true);
    expect(set.has(3)).toBe(false);
  });
});

describe('FeedMemory', () => {
  it('holds every row of a file read again, and writes none', async () => {
    const first = await read(YESTERDAY, null);
    expect(first).toMatchObject({ held: 0, written: ['A-1@1000', 'A-2@650', 'A-3@8000'] });
    expect(first.next.rows).toHaveLength(3);
    expect(await read(YESTERDAY, first.next)).toMatchObject({ held: 3, written: [] });
  });

  it('writes a row any mapped cell of which changed, even by a space', async () => {
    const { next } = await read(YESTERDAY, null);
    expect(await read(['A-1,Pads,10.00,4', 'A-2,Filter ,6.50,0', 'A-3,Chain,80.00,3'], next)).toMatchObject({ held: 1, written: ['A-1@1000', 'A-2@650'] });
  });

  it('writes a row whose SKU something else wrote since, however unchanged', async () => {
    const { next } = await read(YESTERDAY, null);
    expect(await read(YESTERDAY, next, { changedSince: ['A-2'] })).toMatchObject({ held: 2, written: ['A-2@650'] });
  });

  it('holds nothing of a file laid out otherwise', async () => {
    const { next } = await read(YESTERDAY, null);
    const extraColumn = await read(
      YESTERDAY.map((line) => `${line},x`),
      next,
      { header: `${HEADER},Notes` },
    );
    expect(extraColumn).toMatchObject({ held: 0, written: ['A-1@1000', 'A-2@650', 'A-3@8000'] });
  });

  it('compares a SKU listed twice by its last row, as it was written', async () => {
    const { next } = await read(['A-1,Pads,10.00,5', 'A-1,Pads,12.00,5'], null);
    expect(next.rows).toHaveLength(1);
    // Yesterday's losing row is today's only one: the catalog holds 12.00, so it is written.
    expect(await read(['A-1,Pads,10.00,5'], next)).toMatchObject({ held: 0, written: ['A-1@1000'] });
    // Written once, a SKU's later rows are written too, even one that matches yesterday's winner.
    expect(await read(['A-1,Pads,11.00,5', 'A-1,Pads,12.00,5'], next)).toMatchObject({ held: 0, written: ['A-1@1100', 'A-1@1200'] });
  });

  it('never holds a bad row, so it is reported every day', async () => {
    const { next } = await read([...YESTERDAY, 'A-4,Bolt,abc,1', 'A-5,Nut,1.00'], null);
    expect(await read([...YESTERDAY, 'A-4,Bolt,abc,1', 'A-5,Nut,1.00'], next)).toMatchObject({ held: 3, written: [], bad: [5, 6] });
  });

  it('remembers the lines an earlier attempt committed, though it does not return them', async () => {
    const resumed = await read(YESTERDAY, null, { afterLine: 3 });
    expect(resumed.written).toEqual(['A-3@8000']);
    expect(await read(YESTERDAY, resumed.next)).toMatchObject({ held: 3, written: [] });
  });
});
