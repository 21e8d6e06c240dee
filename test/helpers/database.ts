import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDb } from '../../db/client.js';
import { ensureDatabase, withDatabase } from '../../runtime/postgres.js';
import { TEMPLATE_DATABASE } from '../global-setup.js';

/** A fresh, migrated database of this test file's own, on the run's real Postgres server. */
export async function freshDatabase() {
  const name = `test_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  await ensureDatabase(inject('postgresServerUrl'), name, TEMPLATE_DATABASE);
  const url = withDatabase(inject('postgresServerUrl'), name);
  return { url, ...createDb(url, { max: 5 }) };
}

/**
 * A database of its own migrated up to the migration before `tag`, for a migration's test to fill
 * the old way and then migrate to head: the same migration files, the journal cut before `tag`.
 */
export async function databaseMigratedBefore(tag: string): Promise<{ url: string; sql: postgres.Sql; close: () => Promise<void> }> {
  const folder = await mkdtemp(path.join(tmpdir(), 'dropline-migrations-'));
  try {
    await cp(MIGRATIONS, folder, { recursive: true });
    const journalPath = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
    const at = journal.entries.findIndex((entry) => entry.tag === tag);
    if (at < 1) throw new Error(`no migration ${tag} after the first in ${MIGRATIONS}`);
    await writeFile(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));

    const name = `test_before_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await ensureDatabase(inject('postgresServerUrl'), name);
    const url = withDatabase(inject('postgresServerUrl'), name);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    await migrate(drizzle(sql), { migrationsFolder: folder });
    return { url, sql, close: () => sql.end() };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const MIGRATIONS = fileURLToPath(new URL('../../db/migrations', import.meta.url));
