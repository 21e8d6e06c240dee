import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../db/migrate.js';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../runtime/postgres.js';
import { freePort } from '../runtime/ports.js';
import { startDevServer } from '../temporal/dev-server.js';

export const TEMPLATE_DATABASE = 'dropline_template';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresServerUrl: string;
    temporalAddress: string;
    temporalCliPath: string | null;
  }
}

/**
 * One real Postgres and one real Temporal dev server for the whole run. Migrations are applied once to
 * a template database; each test file copies it into a fresh database of its own.
 */
export default async function setup(project: TestProject) {
  const log = (line: string) => console.log(`[test setup] ${line}`);
  const dataDir = path.resolve('.data', `test-postgres-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });

  const serverUrl = process.env.DATABASE_URL;
  const postgres = serverUrl ? null : await startEmbeddedPostgres({ dataDir, port: await freePort(), log });
  const postgresServerUrl = serverUrl ?? postgres!.serverUrl;
  await ensureDatabase(postgresServerUrl, TEMPLATE_DATABASE);
  await migrateDatabase(withDatabase(postgresServerUrl, TEMPLATE_DATABASE));

  const temporal = process.env.TEMPORAL_ADDRESS ? null : await startDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH, log });
  project.provide('postgresServerUrl', postgresServerUrl);
  project.provide('temporalAddress', process.env.TEMPORAL_ADDRESS ?? temporal!.address);
  project.provide('temporalCliPath', temporal?.cli?.path ?? null);

  return async () => {
    await temporal?.stop();
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
