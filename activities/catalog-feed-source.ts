import { findCatalogFeed } from '../db/repositories/catalog-feeds.js';
import type { Db } from '../db/client.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import { FeedError } from '../feeds/errors.js';
import { openFeedFile, type FeedDownload, type FeedSecret } from '../feeds/transports/index.js';
import type { CredentialsCipher } from '../security/credentials-cipher.js';

/**
 * Loads a dealer's feed settings and decrypts the feed's secret inside the activity, like distributor
 * credentials, so the password or key never travels through workflow history.
 */
export function catalogFeedOpener(db: Db, cipher: CredentialsCipher) {
  return async (dealerId: string, distributor: DistributorId): Promise<FeedDownload> => {
    const feed = await findCatalogFeed(db, dealerId, distributor);
    if (!feed) throw new FeedError('not_configured', `No ${DISTRIBUTOR_NAMES[distributor]} price/inventory feed is set up for this dealer`);
    const secret: FeedSecret = feed.secretCiphertext && feed.secretKeyId ? cipher.decrypt(feed.secretCiphertext, feed.secretKeyId) : {};
    return openFeedFile(
      { transport: feed.transport, host: feed.host, port: feed.port, path: feed.path, username: feed.username, hostKeySha256: feed.hostKeySha256 },
      secret,
    );
  };
}
