import { drizzle } from 'drizzle-orm/postgres-js';
import { connect, type Socket } from 'node:net';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Db = ReturnType<typeof createDb>['db'];

/**
 * Without TCP_NODELAY, Nagle's algorithm holds a COPY's closing message until the server has
 * acknowledged the data before it: some 40 ms per COPY on Linux, and feed imports stage every batch
 * by COPY. node-postgres turns it off too. The socket connects in the background (the driver's first
 * writes wait in it; its connect timeout still applies). postgres.js documents the `socket` option
 * ("Custom socket") but leaves it out of its types.
 */
const withoutNagle = {
  socket: ({ host, port, path }: { host: string[]; port: number[]; path: string | false }): Socket =>
    path ? connect({ path }) : connect({ host: host[0]!, port: port[0]!, noDelay: true }),
};

/**
 * Opens a pooled connection. Close it with `close()` on shutdown. `applicationName` tags the pool's
 * sessions in Postgres, so its statements can be told from other pools' (pg_stat_activity, triggers).
 */
export function createDb(url: string, options: { max?: number; applicationName?: string } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    ...withoutNagle,
    ...(options.applicationName ? { connection: { application_name: options.applicationName } } : {}),
  });
  const db = drizzle(sql, { schema, casing: 'snake_case' });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

/** The handle `db.transaction(async (tx) => …)` passes, for repository functions that join a caller's transaction. */
export type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];
