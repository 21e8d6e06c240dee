import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { createApiKey, revokeApiKey } from '../db/repositories/api-keys.js';
import { findDealer } from '../db/repositories/dealers.js';
import type { Actor } from '../domain/actor.js';

/**
 * `npm run api-key -- create --dealer <id> --name <name>` prints a new dealer API key (the only time
 * it is shown); `npm run api-key -- revoke --dealer <id> --id <key id>` turns one off from the next
 * request on. For operators setting up a dealer before it has any key to call /v1/api-keys with.
 */
const USAGE = 'Usage: npm run api-key -- create --dealer <dealer id> --name <name>\n       npm run api-key -- revoke --dealer <dealer id> --id <key id>';
const ADMIN: Actor = { type: 'system', id: 'api-key command' };

const config = loadConfig();
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { dealer: { type: 'string' }, name: { type: 'string' }, id: { type: 'string' } },
});
const [command] = positionals;
if (!config.database.url) fail('DATABASE_URL is not set (for `npm run dev`, postgres://postgres:postgres@127.0.0.1:54329/dropline)');
if (!values.dealer || (command === 'create' && !values.name?.trim()) || (command === 'revoke' && !values.id) || !['create', 'revoke'].includes(command ?? ''))
  fail(USAGE);

const database = createDb(config.database.url, { max: 1 });
try {
  if (!(await findDealer(database.db, values.dealer))) fail(`No dealer "${values.dealer}"`);
  if (command === 'create') {
    const created = await createApiKey(database.db, values.dealer, values.name!.trim(), ADMIN);
    console.log(`Created API key ${created.id} ("${created.name}") for ${values.dealer}. It is shown only now:\n${created.key}`);
  } else {
    const id = values.id!;
    const revoked = /^[0-9a-f-]{36}$/i.test(id) ? await revokeApiKey(database.db, values.dealer, id, ADMIN) : null;
    if (!revoked) fail(`Dealer ${values.dealer} has no API key ${id}`);
    console.log(`Revoked API key ${revoked.id} ("${revoked.name}") of ${values.dealer} at ${revoked.revokedAt!.toISOString()}`);
  }
} finally {
  await database.close();
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
