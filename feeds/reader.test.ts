import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FeedError } from './errors.js';
import type { FeedMapping } from './mapping.js';
import { readFeedBatches, type FeedBatch } from './reader.js';

const mapping: FeedMapping = {
  distributorSku: 'Part Number',
  cost: 'Price',
  description: 'Description',
  warehouseQuantities: { ID: 'Boise', PA: 'Elizabethtown' },
};
const HEADER = 'Part Number,Description,Price,Boise,Elizabethtown\n';

/** Feeds the text in small chunks, so records straddle chunk boundaries as they do over a network. */
function source(text: string, chunkBytes: number) {
  const bytes = Buffer.from(text);
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += chunkBytes) yield bytes.subarray(i, i + chunkBytes);
    })(),
  );
}

async function readAll(text: string, options: { batchSize?: number; afterLine?: number; chunkBytes?: number } = {}): Promise<FeedBatch[]> {
  const batches: FeedBatch[] = [];
  for await (const batch of readFeedBatches(source(text, options.chunkBytes ?? 7), mapping, {
    batchSize: options.batchSize ?? 100,
    afterLine: options.afterLine,
  }))
    batches.push(batch);
  return batches;
}
/**
 * A feed of about `bytes` bytes made as it is read, in 64 KB chunks as a file stream gives them; with
 * `runawayAt`, that row's description opens a quote that never closes (no quote after it closes it).
 */
function largeFile(bytes: number, runawayAt?: number) {
  let read = 0;
  let released = false;
  const source = Readable.from(
    (function* () {
      try {
        let row = 0;
        let chunk = HEADER;
        while (read < bytes) {
          while (chunk.length < 64 * 1024) {
            chunk += row === runawayAt ? `B-${row},"runaway,1.00,1,1\n` : `B-${row},Part ${row} assorted,1.00,1,1\n`;
            row++;
          }
          read += chunk.length;
          yield Buffer.from(chunk);
          chunk = '';
        }
      } finally {
        released = true;
      }
    })(),
  );
  return { source, bytesRead: () => read, released: () => released };
}
const skus = (batches: FeedBatch[]) => batches.flatMap((b) => b.rows.map((r) => r.distributorSku));
const bad = (batches: FeedBatch[]) => batches.flatMap((b) => b.badRows);

const FILE =
  '\uFEFF' +
  HEADER + //                                                      1
  'A-1,"Helmet,\nmedium\nblack",65.00,1,2\n' + //                  2–4: quoted value over three lines
  '\n' + //                                                        5: blank
  'A-2,Gloves,abc,1,\n' + //                                       6: bad price
  ',,,,\n' + //                                                    7: empty row from a spreadsheet
  'A-3,12" bar,12.00,0,3\n' + //                                   8: stray quote inside a value
  'A-4,Oil filter,4.50,1\n' + //                                   9: short
  'A-5,"Pads ""front""",22.00,7,0\n'; //                           10

describe('readFeedBatches', () => {
  it('keeps good rows and reports bad ones on the line they start', async () => {
    const batches = await readAll(FILE);
    expect(skus(batches)).toEqual(['A-1', 'A-3', 'A-5']);
    expect(batches[0]!.rows[0]).toMatchObject({ description: 'Helmet,\nmedium\nblack', quantities: [1, 2] });
    expect(batches[0]!.rows[2]).toMatchObject({ description: 'Pads "front"', costCents: 2200 });
    expect(bad(batches)).toEqual([
      { line: 6, reason: 'Price "abc" is not a price' },
      { line: 9, reason: 'has 4 values but the header has 5 columns' },
    ]);
    expect(batches.at(-1)).toMatchObject({ read: 5, throughLine: 10, warehouses: ['ID', 'PA'] });
  });

  it('counts Windows line endings the same way', async () => {
    const batches = await readAll(FILE.replaceAll('\n', '\r\n'));
    expect(skus(batches)).toEqual(['A-1', 'A-3', 'A-5']);
    expect(bad(batches).map((b) => b.line)).toEqual([6, 9]);
  });

  it('comes in batches of at most batchSize records, bad ones included', async () => {
    const batches = await readAll(FILE, { batchSize: 2 });
    expect(batches.map((b) => [b.read, b.throughLine])).toEqual([
      [2, 6],
      [2, 9],
      [1, 10],
    ]);
  });

  it('resumes after a line, reading past what an earlier attempt imported', async () => {
    const batches = await readAll(FILE, { afterLine: 6 });
    expect(skus(batches)).toEqual(['A-3', 'A-5']);
    expect(bad(batches).map((b) => b.line)).toEqual([9]);
  });

  it('stops at a quote that never closes, keeping the rows before it', async () => {
    const batches = await readAll(HEADER + 'A-1,ok,1.00,1,1\nA-2,"runaway,2.00,1,1\nA-3,lost,3.00,1,1\n');
    expect(skus(batches)).toEqual(['A-1']);
    expect(bad(batches)).toEqual([{ line: 3, reason: 'a quoted value that starts here is never closed; the rest of the file was not read' }]);
  });

  it('stops at a runaway quote without holding the rest of the file in memory', async () => {
    const rest = 'A-9,filler,1.00,1,1\n'.repeat(20_000);
    const batches = await readAll(HEADER + 'A-1,ok,1.00,1,1\nA-2,"runaway,2.00,1,1\n' + rest, { chunkBytes: 16 * 1024 });
    expect(skus(batches)).toEqual(['A-1']);
    expect(bad(batches)).toEqual([
      { line: 3, reason: 'the row runs past 256 KB, most likely a quoted value that is never closed; the rest of the file was not read' },
    ]);
  });

  it('takes a quoted value with something after its closing quote as it stands, and the rows after it stay rows', async () => {
    const batches = await readAll(
      HEADER +
        'A-1,"Helmet 12" visor,30.00,1,1\n' + //  2: the closing quote is followed by more text
        'A-2,ok,1.00,1,1\n' + //                 3
        'A-3,"Pads"  ,2.00,1,1\n' + //           4: spaces after the closing quote are kept, quotes and all
        'A-4,Bar,"5.00" ,1,1\n' + //             5: …so this price is not a price
        'A-5,"a ""b"" c"d,6.00,1,1\n', //         6
    );
    expect(batches.flatMap((b) => b.rows.map((r) => [r.distributorSku, r.description]))).toEqual([
      ['A-1', '"Helmet 12" visor'],
      ['A-2', 'ok'],
      ['A-3', '"Pads"'],
      ['A-5', '"a "b" c"d'],
    ]);
    expect(bad(batches)).toEqual([{ line: 5, reason: 'Price ""5.00"" is not a price' }]);
  });

  it('joins characters split between chunks, and reads a UTF-16 file by its byte-order mark', async () => {
    const text = HEADER + 'A-1,"Café, 20 €",1.00,1,1\nA-2,Über ✓,2.00,1,1\n';
    const utf8 = await readAll(text, { chunkBytes: 1 });
    expect(utf8.flatMap((b) => b.rows.map((r) => r.description))).toEqual(['Café, 20 €', 'Über ✓']);
    const batches: FeedBatch[] = [];
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    for await (const batch of readFeedBatches(Readable.from([utf16.subarray(0, 5), utf16.subarray(5)]), mapping, { batchSize: 100 })) batches.push(batch);
    expect(batches).toEqual(utf8);
  });

  it('reads a large chunk piece by piece as it reads small chunks: values over lines, CRLF, characters beyond 16 bits', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `A-${i},"Fairing 🏍 ${i},\r\nblack",${i}.25,${i % 7},1\r\n`);
    const text = HEADER.replace('\n', '\r\n') + rows.join('');
    const whole = await readAll(text, { chunkBytes: text.length * 4, batchSize: 1000 });
    expect(whole.flatMap((b) => b.rows)).toHaveLength(3000);
    expect(whole.flatMap((b) => b.rows).at(-1)).toMatchObject({ distributorSku: 'A-2999', description: 'Fairing 🏍 2999,\r\nblack', costCents: 299925 });
    expect(whole.map((b) => b.throughLine)).toEqual([2001, 4001, 6001]);
    expect(whole).toEqual(await readAll(text, { chunkBytes: 7, batchSize: 1000 }));
  });

  it('stops at a runaway quote in a large file having read little past it', async () => {
    const file = largeFile(20_000_000, 10);
    const batches: FeedBatch[] = [];
    for await (const batch of readFeedBatches(file.source, mapping, { batchSize: 100 })) batches.push(batch);
    expect(skus(batches)).toHaveLength(10);
    expect(bad(batches)).toEqual([
      { line: 12, reason: 'the row runs past 256 KB, most likely a quoted value that is never closed; the rest of the file was not read' },
    ]);
    expect(file.bytesRead()).toBeLessThan(2_000_000);
    await new Promise(setImmediate);
    expect(file.released()).toBe(true);
  });

  it('reads the file only as far as the batches are taken', async () => {
    const file = largeFile(20_000_000);
    for await (const batch of readFeedBatches(file.source, mapping, { batchSize: 1000 })) {
      expect(batch.rows).toHaveLength(1000);
      break;
    }
    expect(file.bytesRead()).toBeLessThan(2_000_000);
    await new Promise(setImmediate);
    expect(file.released()).toBe(true);
  });

  it('fails the whole file when the header lacks a mapped column', async () => {
    const error = await readAll('Part Number,Price,Boise\nA-1,1.00,1\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect(error).toMatchObject({
      kind: 'layout',
      retryable: false,
      message: 'The file\'s header has no "Elizabethtown" column (it has "Part Number", "Price", "Boise")',
    });
  });

  it('fails an empty file', async () => {
    await expect(readAll('\n\n')).rejects.toMatchObject({ kind: 'layout', message: 'The file is empty: it has no header row' });
  });

  it('passes on a download that breaks', async () => {
    const broken = new Readable({ read() {} });
    broken.push(HEADER + 'A-1,ok,1.00,1,1\n');
    setTimeout(() => broken.destroy(new Error('connection reset')), 10);
    const read = async () => {
      for await (const _batch of readFeedBatches(broken, mapping, { batchSize: 100 }));
    };
    await expect(read()).rejects.toThrow('connection reset');
  });
});
