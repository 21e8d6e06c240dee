import { createHash, randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bool, bytesOf, copyRowsInto, copyRowsOut, int4, int8, literal, text } from '../../db/repositories/copy-binary.js';
import { freshDatabase } from '../helpers/database.js';

/**
 * Binary COPY is how stock pages and feed memories reach Postgres: the encoder gathers small fields
 * into pieces and sends large ones as they are, so rows must come out whole wherever those pieces
 * are cut.
 */
describe('COPY in binary', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;

  beforeAll(async () => {
    database = await freshDatabase();
    await database.db.$client`create table copied (n int not null, big bigint not null, name text not null, flag boolean not null, bytes bytea not null)`;
  });
  afterAll(async () => database?.close());

  it('stores every row as given, fields small and large, across many pieces', async () => {
    // Sizes around the piece (64 KB) and the large-field threshold (8 KB), and empty.
    const sizes = [0, 1, 3_000, 8_191, 8_192, 65_530, 65_536, 200_000];
    const rows = Array.from({ length: 400 }, (_, n) => ({
      n,
      big: 2 ** 40 + n,
      name: `row ${n} — ünïcode`,
      flag: n % 2 === 0,
      bytes: randomBytes(sizes[n % sizes.length]!),
    }));
    await database.db.$client.begin((tx) =>
      copyRowsInto(
        tx,
        'copied',
        ['n', 'big', 'name', 'flag', 'bytes'],
        rows.map((row) => [int4(row.n), int8(row.big), text(row.name), bool(row.flag), row.bytes]),
      ),
    );
    const stored = await database.db.$client<Array<{ n: number; big: string; name: string; flag: boolean; bytes: Buffer }>>`
      select n, big::text as big, name, flag, bytes from copied order by n`;
    // Bytes compared by digest: element by element, megabytes of them take the matcher minutes.
    const digest = (bytes: Buffer) => `${bytes.length}:${createHash('sha256').update(bytes).digest('hex')}`;
    expect(stored.map((row) => ({ ...row, big: Number(row.big), bytes: digest(row.bytes) }))).toEqual(
      rows.map((row) => ({ ...row, bytes: digest(row.bytes) })),
    );

    // And back, by COPY TO: the same bytes, whatever the socket's chunks.
    const read: Array<{ n: number; bytes: string }> = [];
    await copyRowsOut(database.db.$client, 'select n, bytes from copied where n >= 0 order by n', ([n, bytes]) =>
      read.push({ n: n!.readInt32BE(), bytes: digest(bytes!) }),
    );
    expect(read).toEqual(rows.map(({ n, bytes }) => ({ n, bytes: digest(bytes) })));
  });

  it('leaves its connection usable, whatever the size of what it read', async () => {
    // One connection, so each query after a COPY runs on the connection the COPY used. Sizes from one
    // row to several of the socket's reads (64 KB), by way of the stream's limit (16 KB).
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      for (const bytes of [10, 10_000, 20_000, 40_000, 60_000, 100_000, 300_000]) {
        let read = 0;
        await copyRowsOut(sql, `select decode(repeat('ab', ${bytes}), 'hex')`, ([field]) => (read += field!.length));
        expect(read).toBe(bytes);
        expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
      }
    } finally {
      await sql.end();
    }
  });

  it("sends a typed array's bytes as they are in memory", async () => {
    const values = new Float64Array([1.5, 2 ** 53 - 1, -1]);
    await database.db.$client.begin((tx) =>
      copyRowsInto(tx, 'copied', ['n', 'big', 'name', 'flag', 'bytes'], [[int4(-1), int8(0), text(''), bool(false), bytesOf(values.subarray(1))]]),
    );
    const [row] = await database.db.$client<Array<{ bytes: Buffer }>>`select bytes from copied where n = -1`;
    expect([...new Float64Array(row!.bytes.buffer.slice(row!.bytes.byteOffset, row!.bytes.byteOffset + row!.bytes.byteLength))]).toEqual([2 ** 53 - 1, -1]);
  });

  it('reads SQL null as null, and takes any string as a literal', async () => {
    const awkward = "it's a \\ backslash's 'quote'";
    const fields: Array<Buffer | null> = [];
    await copyRowsOut(database.db.$client, `select ${literal(awkward)}::text, null::bytea`, (row) => fields.push(...row));
    expect(fields.map((field) => field?.toString())).toEqual([awkward, undefined]);
  });
});
