import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { SYSTEM, type Actor } from '../../domain/actor.js';
import type { Role } from '../../domain/roles.js';
import type { Db, Transaction } from '../client.js';
import { apiKeys, auditEvents } from '../schema/index.js';

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

/** What may be shown of a key after its creation: never the key or its hash. */
const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  role: apiKeys.role,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
};

export type ApiKeySummary = Awaited<ReturnType<typeof listApiKeys>>[number];

/**
 * Creates a key and returns it; only its hash is stored, so this is the one time it can be shown.
 * Audited with who created it (never the key itself).
 */
export async function createApiKey(db: Db, dealerId: string, name: string, actor: Actor = SYSTEM, role: Role = 'owner') {
  const key = `dl_${randomBytes(24).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ dealerId, name, prefix: key.slice(0, 8), hash: hash(key), role })
      .returning(publicColumns);
    await auditKey(tx, dealerId, actor, 'api_key.created', `API key "${name}" (${row!.prefix}…, ${role}) created`, row!.id);
    return { id: row!.id, name: row!.name, prefix: row!.prefix, role: row!.role, createdAt: row!.createdAt, key };
  });
}

/** The live key and the dealer it belongs to, or null for unknown and revoked keys. */
export async function findLiveApiKey(db: Db, key: string): Promise<{ id: string; dealerId: string; role: Role } | null> {
  const [row] = await liveKeyQuery(db).execute({ hash: hash(key) });
  return row ?? null;
}

// Every request runs this lookup: prepared once per database, it skips building the query each time.
const liveKeyQueries = new WeakMap<Db, ReturnType<typeof prepareLiveKeyQuery>>();
const prepareLiveKeyQuery = (db: Db) =>
  db
    .select({ id: apiKeys.id, dealerId: apiKeys.dealerId, role: apiKeys.role })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, sql.placeholder('hash')), isNull(apiKeys.revokedAt)))
    .prepare('live_api_key');
function liveKeyQuery(db: Db) {
  let query = liveKeyQueries.get(db);
  if (!query) liveKeyQueries.set(db, (query = prepareLiveKeyQuery(db)));
  return query;
}

/** The dealer's keys, newest first, revoked ones included so the dealer sees what was turned off. */
export function listApiKeys(db: Db, dealerId: string) {
  return db.select(publicColumns).from(apiKeys).where(eq(apiKeys.dealerId, dealerId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/**
 * Revokes one of the dealer's keys; it stops working on the next request. Revoking it again changes
 * nothing (the first revocation time stays). Null when the dealer has no such key.
 */
export async function revokeApiKey(db: Db, dealerId: string, id: string, actor: Actor = SYSTEM): Promise<ApiKeySummary | null> {
  return db.transaction(async (tx) => {
    const [key] = await tx
      .select(publicColumns)
      .from(apiKeys)
      .where(and(eq(apiKeys.id, id), eq(apiKeys.dealerId, dealerId)))
      .for('update');
    if (!key || key.revokedAt) return key ?? null;
    const [revoked] = await tx.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, id)).returning(publicColumns);
    await auditKey(tx, dealerId, actor, 'api_key.revoked', `API key "${key.name}" (${key.prefix}…) revoked`, key.id);
    return revoked!;
  });
}

async function auditKey(tx: Transaction, dealerId: string, actor: Actor, type: string, summary: string, keyId: string) {
  await tx.insert(auditEvents).values({ dealerId, actorType: actor.type, actorId: actor.id ?? null, type, summary, details: { keyId } });
}
