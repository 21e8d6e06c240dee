import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settledSnapshot, stockTables, tableSizes, writesBetween } from '../../bench/feed-stats.js';
import { freshDatabase } from '../helpers/database.js';

/**
 * `npm run bench:feed` counts what an import wrote from Postgres's statistics, which each backend
 * reports on its own schedule (at the latest as it exits). The tables here are the test's own, so it holds whatever shape the
 * catalog takes.
 */
describe('bench feed statistics', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let measuring: postgres.Sql;
  beforeAll(async () => {
    database = await freshDatabase();
    measuring = postgres(database.url, { max: 1, onnotice: () => {} });
    await database.sql`create table bench_items (sku text primary key, cost int)`;
    await database.sql`create table bench_stock (sku text, warehouse_code text, quantity int, primary key (sku, warehouse_code))`;
  });
  afterAll(async () => {
    await measuring.end();
    await database.close();
  });

  it('counts the rows a closed connection wrote, per table, and sizes those tables', async () => {
    const before = await settledSnapshot(measuring);
    const writer = postgres(database.url, { max: 1, onnotice: () => {} });
    await writer`insert into bench_items values ('a', 1), ('b', 2), ('c', 3)`;
    await writer`insert into bench_stock select sku, w, 5 from bench_items, unnest(array['ID', 'CA']) as w`;
    // A quantity changes in place (HOT: no index holds it); a key moves, with a new index entry.
    await writer`update bench_stock set quantity = 0 where sku = 'a'`;
    await writer`update bench_items set sku = 'd' where sku = 'c'`;
    await writer`delete from bench_stock where quantity = 0`;
    // As the bench closes an import's pool: the backend reports what it wrote as it exits.
    await writer.end();

    const writes = await writesBetween(measuring, before, await settledSnapshot(measuring));

    expect(Object.fromEntries(writes.tables)).toEqual({
      bench_items: { inserted: 3, updated: 1, hotUpdated: 0, deleted: 0 },
      bench_stock: { inserted: 6, updated: 2, hotUpdated: 2, deleted: 2 },
    });
    expect(writes.total).toBe(14);
    expect(writes.walBytes).toBeGreaterThan(0);
    const sizes = await tableSizes(measuring, writes.tables.keys());
    expect([...sizes.keys()].sort()).toEqual(['bench_items', 'bench_stock']);
    expect(Math.min(...sizes.values())).toBeGreaterThan(0);
  });

  it('finds the stock tables by their warehouse and quantity columns', async () => {
    const tables = await stockTables(measuring);
    expect(tables).toContain('bench_stock');
    expect(tables).not.toContain('bench_items');
  });
});
