import { and, count, eq, isNotNull, sql } from 'drizzle-orm';
import type { SetupFacts } from '../../domain/setup-checklist.js';
import type { DistributorId } from '../../domain/distributors.js';
import type { Db } from '../client.js';
import { channelAccounts, dealers, feedImports, orders, shippingMappings } from '../schema/index.js';
import { listDistributorAccounts } from './distributor-accounts.js';

/** Counts what the dealer has set up, for the first-run checklist; a handful of indexed reads. */
export async function findSetupFacts(db: Db, dealerId: string): Promise<SetupFacts | null> {
  const [dealer] = await db.select({ notificationEmail: dealers.notificationEmail }).from(dealers).where(eq(dealers.id, dealerId));
  if (!dealer) return null;
  const countOf = async (query: Promise<Array<{ n: number }>>) => (await query)[0]?.n ?? 0;
  const [accounts, channelsConnected, ordersReceived, feedsImported, mappings] = await Promise.all([
    listDistributorAccounts(db, dealerId),
    countOf(
      db
        .select({ n: count() })
        .from(channelAccounts)
        .where(and(eq(channelAccounts.dealerId, dealerId), isNotNull(channelAccounts.credentialsCiphertext))),
    ),
    // Whether any order came in at all: one row is enough.
    countOf(
      db
        .select({ n: sql<number>`1` })
        .from(orders)
        .where(eq(orders.dealerId, dealerId))
        .limit(1),
    ),
    countOf(
      db
        .select({ n: count() })
        .from(feedImports)
        .where(and(eq(feedImports.dealerId, dealerId), eq(feedImports.status, 'succeeded'))),
    ),
    countOf(db.select({ n: count() }).from(shippingMappings).where(eq(shippingMappings.dealerId, dealerId))),
  ]);
  return {
    distributorAccounts: accounts.map((account) => ({ ...account, distributor: account.distributor as DistributorId })),
    channelsConnected,
    ordersReceived,
    feedsImported,
    shippingMappings: mappings,
    notificationEmail: dealer.notificationEmail,
  };
}
