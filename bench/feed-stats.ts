import { setTimeout as sleep } from 'node:timers/promises';
import type { Sql } from 'postgres';

/**
 * What an import wrote, measured by Postgres rather than by the import: the table statistics
 * (pg_stat_user_tables) and the WAL position. Nothing here names a catalog table, so the figures
 * mean the same before and after the catalog's tables change shape.
 */
export interface TableWrites {
  inserted: number;
  updated: number;
  /** Of the updates, those that wrote no index entry (HOT: the new version on the old one's page, no indexed column changed). */
  hotUpdated: number;
  deleted: number;
}

export interface WriteSnapshot {
  tables: Map<string, TableWrites>;
  walLsn: string;
}

export interface WritesDelta {
  /** Tables with any row inserted, updated or deleted, by name; a table dropped meanwhile is not seen. */
  tables: Map<string, TableWrites>;
  total: number;
  walBytes: number;
}

const written = (t: TableWrites) => t.inserted + t.updated + t.deleted;
const NONE: TableWrites = { inserted: 0, updated: 0, hotUpdated: 0, deleted: 0 };
/** Tables outside `public` (a temporary staging table, say) keep their schema in the name. */
const TABLE_NAME = `case when schemaname = 'public' then relname else schemaname || '.' || relname end`;

async function snapshot(sql: Sql): Promise<WriteSnapshot> {
  await sql`select pg_stat_force_next_flush()`;
  const rows = await sql.unsafe<Array<{ name: string; ins: string; upd: string; hot: string; del: string }>>(
    `select ${TABLE_NAME} as name, n_tup_ins as ins, n_tup_upd as upd, n_tup_hot_upd as hot, n_tup_del as del from pg_stat_user_tables`,
  );
  const [wal] = await sql<Array<{ lsn: string }>>`select pg_current_wal_lsn()::text as lsn`;
  const tables = new Map(rows.map((r) => [r.name, { inserted: Number(r.ins), updated: Number(r.upd), hotUpdated: Number(r.hot), deleted: Number(r.del) }]));
  return { tables, walLsn: wal!.lsn };
}

const same = (a: WriteSnapshot, b: WriteSnapshot) =>
  a.tables.size === b.tables.size && [...a.tables].every(([name, t]) => written(t) === written(b.tables.get(name) ?? NONE));

/**
 * The statistics once every backend has reported them. A backend reports its counts as it exits,
 * but while it lives at most once a second, and one that wrote within a second of its last report
 * and went idle holds them back for 10 s: so the bench closes the pools that wrote before reading.
 * Their exits report within moments: wait past a second, then read until two reads agree.
 */
export async function settledSnapshot(sql: Sql): Promise<WriteSnapshot> {
  await sleep(1100);
  let last = await snapshot(sql);
  for (let i = 0; i < 20; i++) {
    await sleep(300);
    const next = await snapshot(sql);
    if (same(last, next)) return next;
    last = next;
  }
  return last;
}

export async function writesBetween(sql: Sql, before: WriteSnapshot, after: WriteSnapshot): Promise<WritesDelta> {
  const tables = new Map<string, TableWrites>();
  for (const [name, end] of after.tables) {
    const start = before.tables.get(name) ?? NONE;
    const delta = {
      inserted: end.inserted - start.inserted,
      updated: end.updated - start.updated,
      hotUpdated: end.hotUpdated - start.hotUpdated,
      deleted: end.deleted - start.deleted,
    };
    if (written(delta) > 0) tables.set(name, delta);
  }
  const [wal] = await sql<Array<{ bytes: string }>>`select pg_wal_lsn_diff(${after.walLsn}::pg_lsn, ${before.walLsn}::pg_lsn)::bigint as bytes`;
  return { tables, total: [...tables.values()].reduce((sum, t) => sum + written(t), 0), walBytes: Number(wal!.bytes) };
}

/** On-disk size of each table with its indexes and TOAST (pg_total_relation_size), by name. */
export async function tableSizes(sql: Sql, names: Iterable<string>): Promise<Map<string, number>> {
  const wanted = [...names];
  const rows = await sql.unsafe<Array<{ name: string; bytes: string }>>(
    `select name, pg_total_relation_size(relid) as bytes from (select relid, ${TABLE_NAME} as name from pg_stat_user_tables) t where name = any($1::text[])`,
    [wanted],
  );
  return new Map(rows.map((r) => [r.name, Number(r.bytes)]));
}

export async function rowCounts(sql: Sql, names: Iterable<string>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const name of names) {
    const [row] = await sql<Array<{ n: string }>>`select count(*) as n from ${sql(name)}`;
    counts.set(name, Number(row!.n));
  }
  return counts;
}

/**
 * The tables holding stock, found by their columns (a warehouse code and a quantity, or packed
 * quantities) rather than by name, so a stock table renamed or split out by distributor is still
 * found; views over them are not counted.
 */
export async function stockTables(sql: Sql): Promise<string[]> {
  const rows = await sql<Array<{ name: string }>>`
    select c.table_name as name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.column_name in ('warehouse_code', 'quantity', 'quantities')
    group by c.table_name
    having bool_or(c.column_name = 'quantities') or count(*) = 2
    order by c.table_name`;
  if (rows.length === 0) throw new Error('No table has a quantity or quantities column: bench/feed-stats.ts stockTables() must learn where stock is kept');
  return rows.map((r) => r.name);
}
