import type { z } from 'zod';
import type { Marketplace, MarketplaceEndpoints, MARKETPLACE_PROFILES, PolledMarketplace } from './profiles.js';
import type { ChannelConnector, ChannelOrderSource } from './types.js';

/** A dealer's saved account on the marketplace, its credentials decrypted (the plug-in checks them against its schema). */
export interface ConnectedAccount {
  secret: unknown;
  shopDomain: string | null;
  sellerId: string | null;
  marketplaceId: string | null;
}

/** An account as it is saved: the plain credentials and the fields that say which account it is. */
export interface ChannelAccountSeed {
  credentials: Record<string, string>;
  shopDomain?: string;
  sellerId?: string;
  marketplaceId?: string;
}

/** A carrier as the marketplace names it: its code, and the name where the code is a catch-all (Amazon's `Other`). */
export interface ChannelCarrier {
  code: string;
  name?: string;
}

/** A marketplace sandbox as the local run and tests drive it: a loopback HTTP server with a `/_control` API. */
export interface SandboxServer {
  listen(port?: number): Promise<string>;
  close(): Promise<unknown>;
}

/**
 * Everything Dropline knows about one marketplace, in one object its folder exports
 * (`marketplaces/<id>/index.ts`). The rest of the code loops over the registry.
 */
export interface MarketplacePluginBase<M extends Marketplace> {
  profile: (typeof MARKETPLACE_PROFILES)[M];
  /** What the account authenticates with, as the dealer pastes it in: checked before it is encrypted, and again when it is read back. */
  credentials: z.ZodObject<Record<string, z.ZodType<string>>>;
  /** Which account it is (not secret, shown back to the dealer). */
  accountFields: z.ZodObject;
  /** The tracking-push connector for one dealer account. */
  connect(account: ConnectedAccount, endpoints: MarketplaceEndpoints<M>): ChannelConnector;
  /** Our carrier (or a distributor's word for one, "UPS GROUND") as the marketplace names it. */
  carrierCode(carrier: string): ChannelCarrier;
  sandbox: {
    create(options?: never): SandboxServer;
    /** Where the marketplace's endpoints are when the sandbox at `url` stands in for them. */
    endpoints(url: string): MarketplaceEndpoints<M>;
    /** The account the sandbox accepts, for the local run and tests. */
    account: ChannelAccountSeed;
    /** How to drive the sandbox, for the banner of `npm run dev`. */
    guide(run: { apiUrl: string; dealerId: string }): string;
  };
}

/** A polled marketplace must say how its orders are read; one that sends webhooks has nothing to poll. */
export type MarketplacePlugin<M extends Marketplace> = MarketplacePluginBase<M> &
  (M extends PolledMarketplace ? { orderSource(account: ConnectedAccount, endpoints: MarketplaceEndpoints<M>): ChannelOrderSource } : { orderSource?: never });
