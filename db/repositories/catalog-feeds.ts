import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { DistributorId } from '../../domain/distributors.js';
import type { Db } from '../client.js';
import { catalogFeeds, feedImports } from '../schema/index.js';

export type CatalogFeed = typeof catalogFeeds.$inferSelect;

/** Where, how and when to fetch the file; the secret arrives already encrypted. */
export type CatalogFeedSettings = Omit<
  typeof catalogFeeds.$inferInsert,
  'dealerId' | 'distributor' | 'secretCiphertext' | 'secretKeyId' | 'createdAt' | 'updatedAt'
> & {
  secret?: { ciphertext: string; keyId: string } | undefined;
};

/** The feed with its encrypted secret: for the import activity, which alone decrypts it. */
export async function findCatalogFeed(db: Db, dealerId: string, distributor: DistributorId): Promise<CatalogFeed | null> {
  const [feed] = await db
    .select()
    .from(catalogFeeds)
    .where(and(eq(catalogFeeds.dealerId, dealerId), eq(catalogFeeds.distributor, distributor)));
  return feed ?? null;
}

/** Creates or replaces the feed's settings; leaving the secret out keeps the saved one. */
export async function saveCatalogFeed(db: Db, dealerId: string, distributor: DistributorId, settings: CatalogFeedSettings): Promise<void> {
  const { secret, ...rest } = settings;
  const set = { ...rest, ...(secret ? { secretCiphertext: secret.ciphertext, secretKeyId: secret.keyId } : {}) };
  await db
    .insert(catalogFeeds)
    .values({ dealerId, distributor, ...set })
    .onConflictDoUpdate({ target: [catalogFeeds.dealerId, catalogFeeds.distributor], set: { ...set, updatedAt: new Date() } });
}

/** The dealer's feeds as the settings page sees them: whether a secret is saved, never the secret. */
export async function listCatalogFeeds(db: Db, dealerId: string) {
  const { secretCiphertext: _ciphertext, secretKeyId: _keyId, ...visible } = getTableColumns(catalogFeeds);
  return db
    .select({ ...visible, secretSaved: sql<boolean>`(${catalogFeeds.secretCiphertext} is not null)` })
    .from(catalogFeeds)
    .where(eq(catalogFeeds.dealerId, dealerId))
    .orderBy(catalogFeeds.distributor);
}

/** The latest import summaries of one feed, newest first (not the transactions the import keeps for its next run). */
export async function recentFeedImports(db: Db, dealerId: string, distributor: DistributorId, limit: number) {
  const { sinceXid: _since, writtenXids: _written, ...summary } = getTableColumns(feedImports);
  return db
    .select(summary)
    .from(feedImports)
    .where(and(eq(feedImports.dealerId, dealerId), eq(feedImports.distributor, distributor)))
    .orderBy(desc(feedImports.startedAt))
    .limit(limit);
}
