import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wpsFeedMapping, writeFeedFile, type FeedVariant } from '../../bench/feed-file.js';
import { readFeedBatches } from '../../feeds/reader.js';
import type { FeedRow } from '../../feeds/row.js';

/**
 * The files `npm run bench:feed` compares designs with: what the figures mean rests on them being
 * the same every run, valid to the real reader, and changed only where the variant says.
 */
describe('bench feed files', () => {
  const ROWS = 4000;
  const mapping = wpsFeedMapping();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dropline-bench-feed-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function generate(name: string, variant: FeedVariant) {
    const file = path.join(dir, name);
    const generated = await writeFeedFile(file, mapping, ROWS, variant);
    const rows: FeedRow[] = [];
    let bad = 0;
    for await (const batch of readFeedBatches(createReadStream(file), mapping, { batchSize: 1000 })) {
      rows.push(...batch.rows);
      bad += batch.badRows.length;
    }
    return { file, generated, rows, bad };
  }
  const withoutCost = ({ costCents: _cost, ...rest }: FeedRow) => rest;

  it('writes the same bytes every run, every row valid to the import', async () => {
    const [one, two] = [await generate('one.csv', { dealer: 0 }), await generate('two.csv', { dealer: 0 })];
    // Compared as one value: toEqual on two buffers goes byte by byte.
    expect((await readFile(one.file)).equals(await readFile(two.file))).toBe(true);
    expect(one.generated.bytes).toBe((await readFile(one.file)).length);
    expect(one.bad).toBe(0);
    expect(one.rows).toHaveLength(ROWS);
    // Mostly out of stock, as in real feeds, yet with stock rows to write.
    const stocked = one.rows.flatMap((row) => row.quantities).filter((q) => q > 0).length;
    expect(stocked / (ROWS * 5)).toBeGreaterThan(0.3);
    expect(stocked / (ROWS * 5)).toBeLessThan(0.45);
  });

  it('gives another dealer a file that differs only in cost, on most rows', async () => {
    const [base, dealer] = [await generate('base.csv', { dealer: 0 }), await generate('dealer.csv', { dealer: 7 })];
    expect(dealer.bad).toBe(0);
    expect(dealer.rows.map(withoutCost)).toEqual(base.rows.map(withoutCost));
    const repriced = dealer.rows.filter((row, i) => row.costCents !== base.rows[i]!.costCents).length;
    expect(repriced / ROWS).toBeGreaterThan(0.95);
  });

  it("changes the next day's prices and quantities in the shares asked for, and nothing else", async () => {
    const [base, next] = [await generate('base.csv', { dealer: 0 }), await generate('next.csv', { dealer: 0, changedPrices: 0.05, changedQuantities: 0.2 })];
    expect(next.bad).toBe(0);
    const prices = next.rows.filter((row, i) => row.costCents !== base.rows[i]!.costCents).length;
    const quantities = next.rows.flatMap((row, i) => row.quantities.filter((q, w) => q !== base.rows[i]!.quantities[w])).length;
    expect(prices).toBe(next.generated.pricesChanged);
    expect(quantities).toBe(next.generated.quantitiesChanged);
    expect(prices / ROWS).toBeCloseTo(0.05, 1);
    expect(quantities / (ROWS * 5)).toBeCloseTo(0.2, 1);
    const rest = (row: FeedRow) => ({ ...withoutCost(row), quantities: [] });
    expect(next.rows.map(rest)).toEqual(base.rows.map(rest));
  });
});
