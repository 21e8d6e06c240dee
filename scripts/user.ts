import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { findDealer } from '../db/repositories/dealers.js';
import { createUser, emailTaken } from '../db/repositories/users.js';
import { MIN_PASSWORD_LENGTH } from '../domain/accounts.js';
import type { Actor } from '../domain/actor.js';
import { isRole, ROLES } from '../domain/roles.js';
import { generatePassword, hashPassword } from '../security/passwords.js';

/**
 * `npm run user -- create --dealer <id> --email <email> --role owner|staff|viewer [--name <name>] [--password <password>]`
 * adds a user who signs in to the dealer UI; without --password one is generated and printed. For
 * operators setting up a dealer's first owner; owners invite everyone else from the Users page.
 */
const USAGE = `Usage: npm run user -- create --dealer <dealer id> --email <email> --role ${ROLES.join('|')} [--name <name>] [--password <password>]`;
const ADMIN: Actor = { type: 'system', id: 'user command' };

const config = loadConfig();
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { dealer: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
});
if (!config.database.url) fail('DATABASE_URL is not set (for `npm run dev`, postgres://postgres:postgres@127.0.0.1:54329/dropline)');
if (positionals[0] !== 'create' || !values.dealer || !values.email?.includes('@') || !isRole(values.role)) fail(USAGE);
if (values.password !== undefined && values.password.length < MIN_PASSWORD_LENGTH) fail(`The password must be at least ${MIN_PASSWORD_LENGTH} characters`);

const database = createDb(config.database.url, { max: 1 });
try {
  if (!(await findDealer(database.db, values.dealer))) fail(`No dealer "${values.dealer}"`);
  const email = values.email.trim();
  if (await emailTaken(database.db, email)) fail(`${email} already has an account`);
  const password = values.password ?? generatePassword();
  const user = await createUser(
    database.db,
    { dealerId: values.dealer, email, name: values.name?.trim() || email.split('@')[0]!, role: values.role, passwordHash: await hashPassword(password) },
    ADMIN,
  );
  console.log(`Created ${user.role} ${user.email} for ${values.dealer}.${values.password ? '' : ` Password (shown only now): ${password}`}`);
} finally {
  await database.close();
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
