import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { findChannelAccount, type ChannelAccount } from '../db/repositories/channel-accounts.js';
import { distributorAccounts } from '../db/schema/index.js';
import { takesTracking } from '../domain/channels.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import { connectorFor, type DistributorEndpoints } from '../distributors/registry.js';
import { DistributorError, type DistributorConnector } from '../distributors/types.js';
import type { ConnectedAccount } from '../marketplaces/plugin.js';
import { channelOrderSource, connectChannel } from '../marketplaces/registry.js';
import { isMarketplace, MARKETPLACE_NAMES, type ChannelEndpoints, type PolledMarketplace } from '../marketplaces/profiles.js';
import { ChannelError, type ChannelConnector, type ChannelOrderSource } from '../marketplaces/types.js';
import type { CredentialsCipher } from '../security/credentials-cipher.js';

/**
 * Loads a dealer's distributor account and decrypts its credentials inside the activity, so secrets
 * never travel through workflow history. `callTimeoutMs` bounds each HTTP call of the connectors.
 */
export function distributorConnectorLoader(db: Db, cipher: CredentialsCipher, endpoints: DistributorEndpoints, callTimeoutMs?: number) {
  return async (dealerId: string, distributor: DistributorId): Promise<DistributorConnector> => {
    const [account] = await db
      .select()
      .from(distributorAccounts)
      .where(and(eq(distributorAccounts.dealerId, dealerId), eq(distributorAccounts.distributor, distributor)));
    if (!account?.credentialsCiphertext || !account.credentialsKeyId) {
      throw new DistributorError('auth', `No ${DISTRIBUTOR_NAMES[distributor]} credentials are saved for this dealer`);
    }
    return connectorFor(distributor, cipher.decrypt(account.credentialsCiphertext, account.credentialsKeyId), endpoints, { timeoutMs: callTimeoutMs });
  };
}

/**
 * Loads the dealer's account on the order's channel and builds its tracking-push connector, with the
 * credentials decrypted inside the activity (never in workflow history, never logged). The dealer's
 * own website takes no push: the buyer email and the order note cover it. A channel the dealer has
 * not connected is a permanent failure, so the push lands in front of the dealer instead of retrying.
 * Connectors are kept per account while its credentials stay the same, so OAuth tokens are reused.
 */
export function channelConnectorLoader(db: Db, cipher: CredentialsCipher, endpoints: ChannelEndpoints) {
  const built = new Map<string, { ciphertext: string; connector: ChannelConnector }>();
  return async (dealerId: string, channel: string): Promise<ChannelConnector | null> => {
    if (!takesTracking(channel)) return null;
    if (!isMarketplace(channel)) throw new ChannelError('invalid', `Dropline cannot push tracking to the ${channel} channel`);
    const account = await findChannelAccount(db, dealerId, channel);
    if (!account?.credentialsCiphertext || !account.credentialsKeyId) {
      throw new ChannelError('auth', `No ${MARKETPLACE_NAMES[channel]} account is connected for this dealer, so tracking cannot be pushed there`);
    }
    const cacheKey = `${dealerId}:${channel}`;
    const cached = built.get(cacheKey);
    if (cached?.ciphertext === account.credentialsCiphertext) return cached.connector;
    const connector = connectChannel(channel, connected(account, cipher.decrypt(account.credentialsCiphertext, account.credentialsKeyId)), endpoints);
    built.set(cacheKey, { ciphertext: account.credentialsCiphertext, connector });
    return connector;
  };
}

/**
 * Loads a dealer's account on a polled marketplace and decrypts its credentials inside the activity,
 * like distributor accounts: the workflow carries only the dealer and the channel.
 */
export function channelOrderSourceLoader(db: Db, cipher: CredentialsCipher, endpoints: ChannelEndpoints) {
  return async (dealerId: string, channel: PolledMarketplace): Promise<ChannelOrderSource> => {
    const account = await findChannelAccount(db, dealerId, channel);
    if (!account?.credentialsCiphertext || !account.credentialsKeyId) {
      throw new ChannelError('auth', `No ${MARKETPLACE_NAMES[channel]} account is connected for this dealer`);
    }
    return channelOrderSource(channel, connected(account, cipher.decrypt(account.credentialsCiphertext, account.credentialsKeyId)), endpoints);
  };
}

function connected(account: ChannelAccount, secret: unknown): ConnectedAccount {
  return { secret, shopDomain: account.shopDomain, sellerId: account.sellerId, marketplaceId: account.marketplaceId };
}
