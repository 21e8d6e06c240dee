import { catalogFeedOpener } from '../activities/catalog-feed-source.js';
import { channelConnectorLoader, channelOrderSourceLoader, distributorConnectorLoader } from '../activities/connectors.js';
import type { ActivityDeps } from '../activities/deps.js';
import type { DistributorCallBudget } from '../activities/distributor-attempt.js';
import type { Db } from '../db/client.js';
import type { DistributorEndpoints } from '../distributors/registry.js';
import type { ChannelEndpoints } from '../marketplaces/profiles.js';
import { createResendSender } from '../notifications/resend-sender.js';
import { feedImportsInProcesses, type FeedImportProcessSettings } from './feed-import-process.js';
import type { CredentialsCipher } from '../security/credentials-cipher.js';
import { startAutoDropship, type DropshipStarter } from '../temporal/dropship-start.js';
import { cancelOrderWork } from '../temporal/order-cancellation.js';
import { requestCancellation, signalListedReport, updateRefusal } from '../temporal/purchase-order-actions.js';
import { saveTrackingSchedule } from '../temporal/tracking-schedule.js';

/** What the activities are wired to: the worker reads it from config, tests and benches from their own sandboxes. */
export interface ActivityWiring {
  db: Db;
  /** Decrypts the dealers' distributor and marketplace credentials inside the activities. */
  cipher: CredentialsCipher;
  /** Each distributor's API; a distributor left out cannot be connected. */
  distributors: DistributorEndpoints;
  marketplaces: ChannelEndpoints;
  email: { apiKey: string; baseUrl: string; from: string };
  /** Where order intake starts an auto-processing dealer's drop-ships. */
  starter: DropshipStarter;
  /** Each distributor call's timeout and the attempt margin; the activities' defaults when left out. */
  distributorCalls?: DistributorCallBudget | undefined;
  /** How each feed import's own process reaches the database and the feed's secret; left out, imports run in this process. */
  feedImportProcess?: Pick<FeedImportProcessSettings, 'databaseUrl' | 'credentialKeys'> | undefined;
}

/** The real dependencies of every activity, built in one place for the worker, the tests' workers and the benches. */
export function activityDeps({ db, cipher, distributors, marketplaces, email, starter, distributorCalls, feedImportProcess }: ActivityWiring): ActivityDeps {
  return {
    db,
    distributorConnector: distributorConnectorLoader(db, cipher, distributors, distributorCalls?.callTimeoutMs),
    ...(distributorCalls ? { distributorCalls } : {}),
    channelConnector: channelConnectorLoader(db, cipher, marketplaces),
    startAutoDropship: (start) => startAutoDropship(starter, start),
    cancelOrderWork: (dealerId, orderId, channelName) => cancelOrderWork(starter.client, db, dealerId, orderId, channelName),
    startDropship: (start, startedBy) => startAutoDropship(starter, start, startedBy),
    // A PO with nothing left to cancel, or no longer tracked, answers false: there is nothing to ask its distributor.
    requestPurchaseOrderCancellation: (dealerId, poNumber, request) =>
      requestCancellation(starter.client, dealerId, poNumber, request).then(
        (state) => state !== null,
        (error: unknown) => {
          if (updateRefusal(error)?.type === 'InvalidState') return false;
          throw error;
        },
      ),
    signalPurchaseOrder: (dealerId, poNumber, news) => signalListedReport(starter.client, dealerId, poNumber, news),
    ensureTrackingPoller: trackingPollers(starter),
    channelOrderSource: channelOrderSourceLoader(db, cipher, marketplaces),
    openCatalogFeed: catalogFeedOpener(db, cipher),
    ...(feedImportProcess ? { runFeedImport: feedImportsInProcesses(feedImportProcess) } : {}),
    email: createResendSender({ apiKey: email.apiKey, baseUrl: email.baseUrl }),
    emailDefaults: { from: email.from },
  };
}

/**
 * Each account's tracking poller is made when its first PO is placed, and brought in line with this
 * process's poll interval by the first PO each process places for the account. The schedule outlives
 * the process; one missing anyway (deleted by hand) only leaves its POs to their safety checks.
 */
function trackingPollers({ client, taskQueue, tracking }: DropshipStarter): ActivityDeps['ensureTrackingPoller'] {
  const made = new Set<string>();
  return async (dealerId, distributor) => {
    if (!tracking.listing?.distributors.includes(distributor)) return;
    const key = `${dealerId}:${distributor}`;
    if (made.has(key)) return;
    await saveTrackingSchedule(client, taskQueue, { dealerId, distributor }, tracking.pollIntervalMs);
    made.add(key);
  };
}
