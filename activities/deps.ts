import type { Db } from '../db/client.js';
import type { Actor } from '../domain/actor.js';
import type { CancellationInput } from '../domain/cancellation.js';
import type { DropshipStart } from '../db/repositories/dropships.js';
import type { PolledMarketplace } from '../marketplaces/profiles.js';
import type { DistributorId } from '../domain/distributors.js';
import type { ListedReport } from '../domain/purchase-order.js';
import type { DistributorConnector } from '../distributors/types.js';
import type { FeedDownload } from '../feeds/transports/index.js';
import type { ChannelConnector, ChannelOrderSource } from '../marketplaces/types.js';
import type { EmailSender } from '../notifications/types.js';
import type { FeedImportRunner } from './catalog-feed.js';
import type { DistributorCallBudget } from './distributor-attempt.js';

/** What activities need from the outside world; the worker passes real ones, tests may pass others. */
export interface ActivityDeps {
  db: Db;
  /** A connector for the dealer's account with the distributor (credentials decrypted inside). */
  distributorConnector(dealerId: string, distributor: DistributorId): Promise<DistributorConnector>;
  /** The call timeout the connectors were built with, and the attempt margin; DEFAULT_CALL_BUDGET otherwise. */
  distributorCalls?: DistributorCallBudget;
  /** The connector for a sales channel, or null for channels with nothing to push to (the dealer's website). */
  channelConnector(dealerId: string, channel: string): Promise<ChannelConnector | null>;
  /** Starts (idempotently) the workflow of a drop-ship that order intake opened for an auto-processing dealer; false when it was already started. */
  startAutoDropship(start: DropshipStart): Promise<boolean>;
  /** Starts (idempotently) an opened drop-ship's workflow, e.g. an automatic failover's re-route. */
  startDropship(start: DropshipStart, startedBy: Actor): Promise<boolean>;
  /** After a buyer cancelled on the channel: cancels the order's waiting drop-ships and asks its POs' distributors to cancel. */
  cancelOrderWork(dealerId: string, orderId: string, channelName: string): Promise<void>;
  /** Asks a running PO workflow to request cancellation at its distributor; false when the PO is no longer tracked. */
  requestPurchaseOrderCancellation(dealerId: string, poNumber: string, request: CancellationInput): Promise<boolean>;
  /**
   * Tells a running PO workflow what its distributor's order list now reports of it (the listedReport
   * signal); false when the PO is no longer tracked.
   */
  signalPurchaseOrder(dealerId: string, poNumber: string, news: ListedReport): Promise<boolean>;
  /**
   * Makes sure the dealer's account at the distributor has its tracking poller (a Temporal Schedule),
   * when POs of that distributor are tracked by listing; nothing otherwise.
   */
  ensureTrackingPoller(dealerId: string, distributor: DistributorId): Promise<void>;
  /** Reads the orders of the dealer's eBay or Amazon account (its credentials decrypted inside). */
  channelOrderSource(dealerId: string, channel: PolledMarketplace): Promise<ChannelOrderSource>;
  /** Opens the dealer's price/inventory file from the distributor (the feed's secret decrypted inside). */
  openCatalogFeed(dealerId: string, distributor: DistributorId): Promise<FeedDownload>;
  /** Where a feed import runs: the worker runs each in a process of its own; left out, it runs here. */
  runFeedImport?: FeedImportRunner;
  email: EmailSender;
  emailDefaults: { from: string };
}
