import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { findChannelAccount } from '../db/repositories/channel-accounts.js';
import { distributorAccounts } from '../db/schema/index.js';
import { MARKETPLACE_NAMES, type PolledMarketplace } from '../domain/channel-orders.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import { connectorFor, type DistributorEndpoints } from '../distributors/registry.js';
import { DistributorError, type DistributorConnector } from '../distributors/types.js';
import { createAmazonOrderSource } from '../marketplaces/amazon/orders.js';
import { CHANNEL_CREDENTIALS } from '../marketplaces/credentials.js';
import { createEbayOrderSource } from '../marketplaces/ebay/orders.js';
import { ChannelError, type ChannelConnector, type ChannelOrderSource } from '../marketplaces/types.js';
import type { CredentialsCipher } from '../security/credentials-cipher.js';

/**
 * Loads a dealer's distributor account and decrypts its credentials inside the activity, so secrets
 * never travel through workflow history.
 */
export function distributorConnectorLoader(db: Db, cipher: CredentialsCipher, endpoints: DistributorEndpoints) {
  return async (dealerId: string, distributor: DistributorId): Promise<DistributorConnector> => {
    const [account] = await db
      .select()
      .from(distributorAccounts)
      .where(and(eq(distributorAccounts.dealerId, dealerId), eq(distributorAccounts.distributor, distributor)));
    if (!account?.credentialsCiphertext || !account.credentialsKeyId) {
      throw new DistributorError('auth', `No ${DISTRIBUTOR_NAMES[distributor]} credentials are saved for this dealer`);
    }
    return connectorFor(distributor, cipher.decrypt(account.credentialsCiphertext, account.credentialsKeyId), endpoints);
  };
}

/**
 * The dealer's own website takes no tracking push: the buyer email and the order note cover it.
 * Marketplace connectors are added per channel.
 */
export function channelConnectorLoader(connectors: Record<string, ChannelConnector>) {
  return async (_dealerId: string, channel: string): Promise<ChannelConnector | null> => {
    if (channel === 'website') return null;
    const connector = connectors[channel];
    if (!connector) throw new Error(`No tracking push is configured for the ${channel} channel`);
    return connector;
  };
}

/** Where the marketplaces' APIs are: production hosts, or sandboxes in tests. */
export interface ChannelEndpoints {
  ebay: string;
  amazon: { baseUrl: string; tokenUrl?: string | undefined };
}

/**
 * Loads a dealer's eBay or Amazon account and decrypts its credentials inside the activity, like
 * distributor accounts: the workflow carries only the dealer and the channel.
 */
export function channelOrderSourceLoader(db: Db, cipher: CredentialsCipher, endpoints: ChannelEndpoints) {
  return async (dealerId: string, channel: PolledMarketplace): Promise<ChannelOrderSource> => {
    const account = await findChannelAccount(db, dealerId, channel);
    if (!account?.credentialsCiphertext || !account.credentialsKeyId) {
      throw new ChannelError('auth', `No ${MARKETPLACE_NAMES[channel]} account is connected for this dealer`);
    }
    const app = CHANNEL_CREDENTIALS[channel].parse(cipher.decrypt(account.credentialsCiphertext, account.credentialsKeyId));
    if (channel === 'ebay') return createEbayOrderSource({ ...app, baseUrl: endpoints.ebay });
    return createAmazonOrderSource({ ...app, ...endpoints.amazon, marketplaceId: account.marketplaceId ?? undefined });
  };
}
