import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Db = ReturnType<typeof createDb>['db'];

/**
 * Opens a pooled connection. Close it with `close()` on shutdown. `applicationName` tags the pool's
 * sessions in Postgres, so its statements can be told from other pools' (pg_stat_activity, triggers).
 */
export function createDb(url: string, options: { max?: number; applicationName?: string } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    ...(options.applicationName ? { connection: { application_name: options.applicationName } } : {}),
  });
  const db = drizzle(sql, { schema, casing: 'snake_case' });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

/** The handle `db.transaction(async (tx) => …)` passes, for repository functions that join a caller's transaction. */
export type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];
