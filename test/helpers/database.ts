import { randomUUID } from 'node:crypto';
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
