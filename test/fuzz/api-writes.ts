import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/**
 * Logs every row that connections named `applicationName` (the API's pool) insert, update or delete,
 * through a row trigger on every table. The worker writes to the same database while the fuzz runs
 * (drop-ships the fuzz started, schedules), so a before/after snapshot of the tables could not tell
 * who wrote; the session's application_name can. Rolled-back writes leave no log row, exactly as
 * they leave no data.
 */
export async function logApiWrites(db: Db, applicationName: string) {
  // One implicit transaction, locking the tables one by one while the worker writes them: a deadlock rolls it all back, so it is tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      await installTriggers(db, applicationName);
      break;
    } catch (error) {
      if (attempt >= 5 || !isDeadlock(error)) throw error;
    }
  }

  return {
    /** Id of the newest logged write (0 when none), to compare before and after a request. */
    async last(): Promise<number> {
      const [row] = await db.execute<{ last: string }>(sql`select coalesce(max(id), 0) as last from fuzz_api_writes`);
      return Number(row!.last);
    },
    /** What was written after `id`, e.g. `INSERT orders ×1`. */
    async since(id: number): Promise<string[]> {
      const rows = await db.execute<{ operation: string; table_name: string; rows: string }>(
        sql`select operation, table_name, count(*) as rows from fuzz_api_writes where id > ${id} group by 1, 2 order by 1, 2`,
      );
      return rows.map((r) => `${r.operation} ${r.table_name} ×${r.rows}`);
    },
  };
}

function isDeadlock(error: unknown): boolean {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  return (code ?? cause?.code) === '40P01';
}

async function installTriggers(db: Db, applicationName: string) {
  await db.execute(
    sql.raw(`
    create table fuzz_api_writes (id bigserial primary key, table_name text not null, operation text not null);
    create function fuzz_log_api_write() returns trigger language plpgsql as $$
    begin
      if current_setting('application_name') = ${quote(applicationName)} then
        insert into fuzz_api_writes (table_name, operation) values (tg_table_name, tg_op);
      end if;
      return null;
    end $$;
    do $$
    declare t text;
    begin
      for t in select tablename from pg_tables where schemaname = 'public' and tablename <> 'fuzz_api_writes' loop
        execute format('create trigger fuzz_log_api_write after insert or update or delete on %I for each row execute function fuzz_log_api_write()', t);
      end loop;
    end $$;
  `),
  );
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
