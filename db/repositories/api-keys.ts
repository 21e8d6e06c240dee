import { and, eq, isNull } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../client.js';
import { apiKeys } from '../schema/index.js';

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

/** Creates a key and returns it; only its hash is stored, so this is the one time it can be shown. */
export async function createApiKey(db: Db, dealerId: string, name: string): Promise<{ id: string; key: string }> {
  const key = `dl_${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ dealerId, name, prefix: key.slice(0, 8), hash: hash(key) })
    .returning({ id: apiKeys.id });
  return { id: row!.id, key };
}

/** The dealer a live key belongs to, or null for unknown and revoked keys. */
export async function dealerForApiKey(db: Db, key: string): Promise<string | null> {
  const [row] = await db
    .select({ dealerId: apiKeys.dealerId })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hash(key)), isNull(apiKeys.revokedAt)));
  return row?.dealerId ?? null;
}

export async function revokeApiKey(db: Db, dealerId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.dealerId, dealerId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}
