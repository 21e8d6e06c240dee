import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FeedMemory, FingerprintSet, NO_SLOT, skuFingerprint, type HeldRows } from './fingerprint.js';
import type { FeedMapping } from './mapping.js';
import { readFeedBatches } from './reader.js';

const mapping: FeedMapping = { distributorSku: 'Part Number', cost: 'Price', description: 'Description', warehouseQuantities: { ID: 'Boise' } };
const HEADER = 'Part Number,Description,Price,Boise';

/**
 * Reads a file with the memory of the dealer's last import and of the distributor's newest import by
 * anyone (`shared`); returns what was held, written whole and written only in its price, and what the next import gets.
 */
async function read(
  lines: string[],
  last: HeldRows | null,
  { changedSince = [] as string[], afterLine = 0, header = HEADER, shared = null as HeldRows | null, sharedChangedSince = [] as string[] } = {},
) {
  const skus = (list: string[]) => FingerprintSet.of(list.map(skuFingerprint));
  const memory = new FeedMemory(
    { held: last, changedSince: skus(changedSince) },
    // Unless told otherwise, the dealer's last import was also the distributor's newest.
    { held: shared ?? last, changedSince: skus(sharedChangedSince) },
  );
  let held = 0;
  const written: string[] = [];
  const pricesOnly: string[] = [];
  const sharedOnly: string[] = [];
  /** Rows whose item is held: their stock goes straight into the slot, as `sku@slot`. */
  const stockOnly: string[] = [];
  const bad: number[] = [];
  for await (const batch of readFeedBatches(Readable.from([[header, ...lines].join('\n')]), mapping, { batchSize: 2, afterLine, memory })) {
    held += batch.held;
    batch.rows.forEach((row, i) => {
      ({ own: pricesOnly, shared: sharedOnly, all: written })[batch.parts[i]!].push(`${row.distributorSku}@${row.costCents}`);
      if (batch.parts[i] !== 'own' && batch.slots[i] !== NO_SLOT) stockOnly.push(`${row.distributorSku}@${batch.slots[i]}`);
      // As the items' merge would: each new item gets the next slot.
      else if (batch.parts[i] !== 'own' && batch.remembered[i]! >= 0) memory.place(batch.remembered[i]!, slots.next(row.distributorSku));
    });
    bad.push(...batch.badRows.map((row) => row.line));
  }
  return { held, written, pricesOnly, sharedOnly, stockOnly, bad, next: memory.heldRows() };
}

/** Stock slots as distributor_items would give them: one per SKU, in the order first seen. */
const slots = {
  of: new Map<string, number>(),
  next(sku: string): number {
    if (!this.of.has(sku)) this.of.set(sku, this.of.size);
    return this.of.get(sku)!;
  },
};

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

  it('writes the part of a row any mapped cell of which changed, even by a space', async () => {
    const { next } = await read(YESTERDAY, null);
    expect(await read(['A-1,Pads,10.00,4', 'A-2,Filter ,6.50,0', 'A-3,Chain,80.50,3', 'A-4,Bolt,1.00,1'], next)).toMatchObject({
      held: 0,
      sharedOnly: ['A-1@1000', 'A-2@650'],
      pricesOnly: ['A-3@8050'],
      written: ['A-4@100'],
    });
  });

  it('writes only the stock of a row whose item is held, into the slot the last import learnt', async () => {
    const first = await read(YESTERDAY, null);
    const [a1, a2, a3] = ['A-1', 'A-2', 'A-3'].map((sku) => slots.next(sku));
    // A-1's quantity moved; A-2's description and quantity moved (its item is written, slot and all); A-3's price moved.
    const today = await read(['A-1,Pads,10.00,4', 'A-2,Filter kit,6.50,7', 'A-3,Chain,80.50,3'], first.next);
    expect(today).toMatchObject({ sharedOnly: ['A-1@1000', 'A-2@650'], pricesOnly: ['A-3@8050'], stockOnly: [`A-1@${a1}`] });
    // Learnt or kept, every slot is remembered: tomorrow moves every quantity.
    expect(await read(['A-1,Pads,10.00,1', 'A-2,Filter kit,6.50,1', 'A-3,Chain,80.50,1'], today.next)).toMatchObject({
      stockOnly: [`A-1@${a1}`, `A-2@${a2}`, `A-3@${a3}`],
    });
    // An item something else wrote since is written again, its slot found anew.
    expect(await read(['A-1,Pads,10.00,9'], today.next, { sharedChangedSince: ['A-1'] })).toMatchObject({ sharedOnly: ['A-1@1000'], stockOnly: [] });
  });

  it('remembers a slot past what 4 bytes hold as unknown, so that its item is looked up, not written into another slot', async () => {
    const memory = new FeedMemory({ held: null, changedSince: new FingerprintSet() });
    const file = Readable.from([[HEADER, 'A-1,Pads,10.00,5', 'A-2,Filter,6.50,0'].join('\n')]);
    for await (const batch of readFeedBatches(file, mapping, { batchSize: 10, memory })) {
      memory.place(batch.remembered[0]!, 2 ** 31 - 1);
      memory.place(batch.remembered[1]!, 2 ** 31);
    }
    expect([...memory.heldRows().slots]).toEqual([2 ** 31 - 1, NO_SLOT]);
  });

  it('finds the rows of a file with parts added and dropped, or in another order, and holds only what is unchanged', async () => {
    const line = (i: number, price = 10) => `P-${i},Part ${i},${price}.00,${i % 7}`;
    const { next } = await read(
      Array.from({ length: 3000 }, (_, i) => line(i)),
      null,
    );
    // Every 100 rows: one part replaced by a new one, one repriced, one dropped.
    const today = Array.from({ length: 3000 }, (_, i) => (i % 100 === 0 ? line(i + 10_000) : i % 100 === 50 ? line(i, 11) : line(i))).filter(
      (_, i) => i % 100 !== 99,
    );
    const reordered = today.map((text, i) => ({ text, key: (i * 7919) % today.length })).sort((a, b) => a.key - b.key);
    const changed = (result: Awaited<ReturnType<typeof read>>) => ({
      added: result.written.filter((row) => Number(row.slice(2, row.indexOf('@'))) >= 10_000).length,
      // A row not found is written whole; either way its new price is written.
      repriced: [...result.pricesOnly, ...result.written].filter((row) => row.endsWith('@1100')).length,
    });

    const inOrder = await read(today, next);
    expect(changed(inOrder)).toEqual({ added: 30, repriced: 30 });
    expect(inOrder).toMatchObject({ held: today.length - 60, sharedOnly: [] });

    // Out of order, rows not found where expected are written until every SKU's place is looked up.
    const shuffled = await read(
      reordered.map(({ text }) => text),
      next,
    );
    expect(changed(shuffled)).toEqual({ added: 30, repriced: 30 });
    expect(shuffled.held).toBeGreaterThan(today.length - 60 - 1_000);
    expect(shuffled.held + shuffled.written.length + shuffled.pricesOnly.length + shuffled.sharedOnly.length).toBe(today.length);
  });

  it('learns no slot for the lines an earlier attempt committed, so their item is merged next time', async () => {
    const resumed = await read(YESTERDAY, null, { afterLine: 3 });
    const next = await read(['A-1,Pads,10.00,4', 'A-3,Chain,80.00,4'], resumed.next);
    expect(next).toMatchObject({ sharedOnly: ['A-1@1000', 'A-3@8000'], stockOnly: [`A-3@${slots.next('A-3')}`] });
  });

  it('writes the part of a row whose SKU something else wrote since, however unchanged', async () => {
    const { next } = await read(YESTERDAY, null);
    expect(await read(YESTERDAY, next, { changedSince: ['A-2'], sharedChangedSince: ['A-3'] })).toMatchObject({
      held: 1,
      pricesOnly: ['A-2@650'],
      sharedOnly: ['A-3@8000'],
      written: [],
    });
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
    // Yesterday's losing row is today's only one: the catalog holds 12.00, so its price is written.
    expect(await read(['A-1,Pads,10.00,5'], next)).toMatchObject({ held: 0, pricesOnly: ['A-1@1000'] });
    // Written once, a SKU's later rows are written in full, even one that matches yesterday's winner.
    expect(await read(['A-1,Pads,11.00,5', 'A-1,Pads,12.00,5'], next)).toMatchObject({ held: 0, pricesOnly: ['A-1@1100'], written: ['A-1@1200'] });
  });

  it('never holds a bad row, so it is reported every day', async () => {
    const { next } = await read([...YESTERDAY, 'A-4,Bolt,abc,1', 'A-5,Nut,1.00'], null);
    expect(await read([...YESTERDAY, 'A-4,Bolt,abc,1', 'A-5,Nut,1.00'], next)).toMatchObject({ held: 3, written: [], bad: [5, 6] });
  });

  it("writes only the price of a row whose items and stock are as another dealer's import of the distributor left them", async () => {
    const otherDealers = (await read(YESTERDAY, null)).next;
    const mine = YESTERDAY.map((line) => line.replace(/,(\d+)\.(\d+),/, ',$1.99,'));
    const first = await read(mine, null, { shared: otherDealers });
    expect(first).toMatchObject({ held: 0, written: [], pricesOnly: ['A-1@1099', 'A-2@699', 'A-3@8099'] });
    // Tomorrow: a quantity and a description moved, and something else wrote A-3's stock since.
    const tomorrow = ['A-1,Pads,10.99,4', 'A-2,Filter,6.99,0', 'A-3,Chain,80.99,3', 'A-4,Bolt,1.99,9'];
    expect(await read(tomorrow, null, { shared: otherDealers, sharedChangedSince: ['A-3'] })).toMatchObject({
      written: ['A-1@1099', 'A-3@8099', 'A-4@199'],
      pricesOnly: ['A-2@699'],
    });
    // With the dealer's own memory of their prices, a row whose price is as they imported it has only its shared part written, if that.
    expect(await read(tomorrow, first.next, { shared: otherDealers })).toMatchObject({
      held: 2,
      written: ['A-4@199'],
      sharedOnly: ['A-1@1099'],
      pricesOnly: [],
    });
    // A file laid out otherwise is not compared with the shared memory either.
    expect(
      await read(
        mine.map((line) => `${line},x`),
        null,
        { shared: otherDealers, header: `${HEADER},Notes` },
      ),
    ).toMatchObject({ pricesOnly: [] });
  });

  it('remembers every row’s shared part with it, the winner of a repeated SKU for both', async () => {
    const { next } = await read(['A-1,Pads,10.00,5', 'A-1,Pads,12.00,6'], null);
    expect(next.stock).toHaveLength(1);
    expect(await read(['A-1,Pads,9.00,6'], null, { shared: next })).toMatchObject({ pricesOnly: ['A-1@900'] });
    expect(await read(['A-1,Pads,12.00,5'], null, { shared: next })).toMatchObject({ written: ['A-1@1200'] });
  });

  it('remembers the lines an earlier attempt committed, though it does not return them', async () => {
    const resumed = await read(YESTERDAY, null, { afterLine: 3 });
    expect(resumed.written).toEqual(['A-3@8000']);
    expect(await read(YESTERDAY, resumed.next)).toMatchObject({ held: 3, written: [] });
  });
});
