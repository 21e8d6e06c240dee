import { amazon } from './amazon/index.js';
import { ebay } from './ebay/index.js';
import type { ConnectedAccount, MarketplacePlugin } from './plugin.js';
import { MARKETPLACES, type ChannelEndpoints, type Marketplace, type MarketplaceEndpoints, type PolledMarketplace } from './profiles.js';
import { shopify } from './shopify/index.js';
import type { ChannelConnector, ChannelOrderSource } from './types.js';

/**
 * Every marketplace's plug-in, one line each. The mapped type makes the compiler name a marketplace
 * of MARKETPLACE_PROFILES that has no plug-in here, or a polled one without an order source.
 */
export const MARKETPLACE_PLUGINS = { ebay, amazon, shopify } satisfies { [M in Marketplace]: MarketplacePlugin<M> };

type Plugins = { [M in Marketplace]: MarketplacePlugin<M> };
const plugins: Plugins = MARKETPLACE_PLUGINS;
// The same plug-ins seen by what polled ones add, so TypeScript can pair each with its endpoints.
const polled: { [M in PolledMarketplace]: { orderSource(account: ConnectedAccount, endpoints: MarketplaceEndpoints<M>): ChannelOrderSource } } =
  MARKETPLACE_PLUGINS;

export function marketplacePlugin<M extends Marketplace>(channel: M): Plugins[M] {
  return plugins[channel];
}

/** The tracking-push connector for the dealer's account on the channel. */
export function connectChannel<M extends Marketplace>(channel: M, account: ConnectedAccount, endpoints: ChannelEndpoints): ChannelConnector {
  return plugins[channel].connect(account, endpoints[channel]);
}

/** Reads the orders of the dealer's account on a polled channel. */
export function channelOrderSource<M extends PolledMarketplace>(channel: M, account: ConnectedAccount, endpoints: ChannelEndpoints): ChannelOrderSource {
  return polled[channel].orderSource(account, endpoints[channel]);
}

/** Builds one value per marketplace, keyed by its id. */
export function forEachMarketplace<T>(build: (channel: Marketplace) => T): Record<Marketplace, T> {
  return Object.fromEntries(MARKETPLACES.map((channel) => [channel, build(channel)])) as Record<Marketplace, T>;
}
