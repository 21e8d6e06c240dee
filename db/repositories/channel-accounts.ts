import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { isPolledMarketplace, MARKETPLACE_NAMES, type Marketplace } from '../../marketplaces/profiles.js';
import type { Db } from '../client.js';
import { auditEvents, channelAccounts, channelOrderCursors } from '../schema/index.js';

export type ChannelAccount = typeof channelAccounts.$inferSelect;

/** What the settings page may know about an account: which one it is and whether credentials are there. */
const settingsColumns = {
  channel: channelAccounts.channel,
  configured: sql<boolean>`(${channelAccounts.credentialsCiphertext} is not null and ${channelAccounts.credentialsKeyId} is not null)`,
  credentialsSavedAt: channelAccounts.credentialsSavedAt,
  shopDomain: channelAccounts.shopDomain,
  sellerId: channelAccounts.sellerId,
  marketplaceId: channelAccounts.marketplaceId,
};

export interface ChannelAccountSettings {
  channel: Marketplace;
  configured: boolean;
  credentialsSavedAt: Date | null;
  shopDomain: string | null;
  sellerId: string | null;
  marketplaceId: string | null;
}

export interface ChannelAccountChanges {
  shopDomain?: string | undefined;
  sellerId?: string | undefined;
  marketplaceId?: string | undefined;
  credentials: { ciphertext: string; keyId: string };
}

export async function listChannelAccounts(db: Db, dealerId: string): Promise<ChannelAccountSettings[]> {
  return db.select(settingsColumns).from(channelAccounts).where(eq(channelAccounts.dealerId, dealerId));
}

/** The account with its encrypted credentials, for the code that alone decrypts them. */
export async function findChannelAccount(db: Db, dealerId: string, channel: Marketplace): Promise<ChannelAccount | null> {
  const [account] = await db
    .select()
    .from(channelAccounts)
    .where(and(eq(channelAccounts.dealerId, dealerId), eq(channelAccounts.channel, channel)));
  return account ?? null;
}

/**
 * Connects (or reconnects) the dealer's marketplace account. Orders are taken in from the moment an
 * account is first connected: its order cursor starts then, and a reconnection keeps it, so nothing
 * between the two is skipped. The audit line names no secret.
 */
export async function saveChannelAccount(
  db: Db,
  dealerId: string,
  channel: Marketplace,
  changes: ChannelAccountChanges,
  actor: Actor,
): Promise<ChannelAccountSettings> {
  const set = {
    shopDomain: changes.shopDomain ?? null,
    sellerId: changes.sellerId ?? null,
    marketplaceId: changes.marketplaceId ?? null,
    credentialsCiphertext: changes.credentials.ciphertext,
    credentialsKeyId: changes.credentials.keyId,
    credentialsSavedAt: new Date(),
  };
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(channelAccounts)
      .values({ dealerId, channel, ...set })
      .onConflictDoUpdate({ target: [channelAccounts.dealerId, channelAccounts.channel], set: { ...set, updatedAt: new Date() } })
      .returning(settingsColumns);
    if (isPolledMarketplace(channel)) {
      await tx.insert(channelOrderCursors).values({ dealerId, channel, modifiedThrough: set.credentialsSavedAt }).onConflictDoNothing();
    }
    const account = changes.shopDomain ?? changes.sellerId;
    await tx.insert(auditEvents).values({
      dealerId,
      actorType: actor.type,
      actorId: actor.id ?? null,
      type: 'channel_account.saved',
      summary: `${MARKETPLACE_NAMES[channel]} account connected${account ? ` (${account})` : ''}`,
      details: { channel, account: account ?? null },
    });
    return saved!;
  });
}

/** Forgets the credentials; the order cursor stays, so a later reconnection carries on where intake stopped. */
export async function clearChannelCredentials(db: Db, dealerId: string, channel: Marketplace, actor: Actor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const cleared = await tx
      .update(channelAccounts)
      .set({ credentialsCiphertext: null, credentialsKeyId: null, credentialsSavedAt: null, updatedAt: new Date() })
      .where(and(eq(channelAccounts.dealerId, dealerId), eq(channelAccounts.channel, channel)))
      .returning({ channel: channelAccounts.channel });
    if (cleared.length === 0) return false;
    await tx.insert(auditEvents).values({
      dealerId,
      actorType: actor.type,
      actorId: actor.id ?? null,
      type: 'channel_account.credentials_removed',
      summary: `${MARKETPLACE_NAMES[channel]} credentials removed`,
      details: { channel },
    });
    return true;
  });
}

/**
 * Disconnects the account: it and its credentials are gone, so no poll, push or webhook can use it.
 * The order cursor stays, so connecting the same account again carries on where intake stopped
 * (intake is idempotent: an order read twice is taken in once). Orders already in stay.
 */
export async function deleteChannelAccount(db: Db, dealerId: string, channel: Marketplace, actor: Actor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(channelAccounts)
      .where(and(eq(channelAccounts.dealerId, dealerId), eq(channelAccounts.channel, channel)))
      .returning({ shopDomain: channelAccounts.shopDomain, sellerId: channelAccounts.sellerId });
    if (deleted.length === 0) return false;
    const account = deleted[0]!.shopDomain ?? deleted[0]!.sellerId;
    await tx.insert(auditEvents).values({
      dealerId,
      actorType: actor.type,
      actorId: actor.id ?? null,
      type: 'channel_account.disconnected',
      summary: `${MARKETPLACE_NAMES[channel]} account disconnected${account ? ` (${account})` : ''}`,
      details: { channel, account },
    });
    return true;
  });
}
