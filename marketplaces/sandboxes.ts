import { MARKETPLACES, type ChannelEndpoints, type Marketplace } from './profiles.js';
import { forEachMarketplace, marketplacePlugin, type MARKETPLACE_PLUGINS } from './registry.js';

type SandboxFactory<M extends Marketplace> = (typeof MARKETPLACE_PLUGINS)[M]['sandbox']['create'];
export type MarketplaceSandboxes = { [M in Marketplace]: ReturnType<SandboxFactory<M>> };
export type MarketplaceSandboxOptions = { [M in Marketplace]?: Parameters<SandboxFactory<M>>[0] };

/**
 * Starts every marketplace's sandbox on loopback, on the given ports (free ones otherwise), for the
 * local run, chaos and tests: the sandboxes, their URLs, and the endpoints that point Dropline at them.
 */
export async function startMarketplaceSandboxes(options: MarketplaceSandboxOptions = {}, ports: Partial<Record<Marketplace, number>> = {}) {
  // One factory per marketplace, each handed its own options: TypeScript cannot pair them in a loop.
  const sandboxes = forEachMarketplace((channel) => marketplacePlugin(channel).sandbox.create(options[channel] as never)) as MarketplaceSandboxes;
  const listening = await Promise.all(MARKETPLACES.map(async (channel) => [channel, await sandboxes[channel].listen(ports[channel])] as const));
  const urls = Object.fromEntries(listening) as Record<Marketplace, string>;
  const endpoints = forEachMarketplace((channel) => marketplacePlugin(channel).sandbox.endpoints(urls[channel])) as ChannelEndpoints;
  return {
    sandboxes,
    urls,
    endpoints,
    close: () => Promise.all(MARKETPLACES.map((channel) => sandboxes[channel].close())),
  };
}
