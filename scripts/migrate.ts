import { loadConfig } from '../config.js';
import { migrateDatabase } from '../db/migrate.js';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL; exits non-zero on any failure. */
const config = loadConfig();
if (!config.database.url) {
  console.error('DATABASE_URL is not set');
  process.exit(1);
}
try {
  await migrateDatabase(config.database.url);
  console.log('Migrations applied');
} catch (error) {
  console.error('Migration failed:', error);
  process.exit(1);
}
