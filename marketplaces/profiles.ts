import { amazonProfile } from './amazon/profile.js';
import { ebayProfile } from './ebay/profile.js';
import { shopifyProfile } from './shopify/profile.js';

/**
 * The plain facts about each marketplace: no I/O, no imports but the channels' own profile.ts, so
 * domain/ and the workflows may read them (eslint allows this one module). Everything that talks to
 * a marketplace is its plug-in in [registry.ts](registry.ts).
 */
export interface MarketplaceProfile {
  id: string;
  /** As the dealer and the buyer know it. */
  name: string;
  /** Orders are asked for on a schedule, or the marketplace sends them to `/webhooks/<id>/<dealerId>`. */
  intake: { kind: 'poll' } | { kind: 'webhook'; topics: readonly string[] };
  /**
   * The environment variables naming its API, with their default outside production (the real
   * host). One with a default must be set in production; one without stays unset unless given.
   */
  endpoints: Record<string, { env: string; default?: string }>;
  /** Where `npm run dev` starts its sandbox. */
  sandboxPort: { env: string; default: number };
}

/** One line per marketplace. */
export const MARKETPLACE_PROFILES = {
  ebay: ebayProfile,
  amazon: amazonProfile,
  shopify: shopifyProfile,
} as const satisfies Record<string, MarketplaceProfile>;

/** The marketplaces orders are taken in from; the dealer's website posts to the API instead. */
export type Marketplace = keyof typeof MARKETPLACE_PROFILES;
export const MARKETPLACES = Object.keys(MARKETPLACE_PROFILES) as Marketplace[];

type Profile<M extends Marketplace> = (typeof MARKETPLACE_PROFILES)[M];

/** Marketplaces that are asked for their orders on a schedule; the others send webhooks. */
export type PolledMarketplace = { [M in Marketplace]: Profile<M>['intake']['kind'] extends 'poll' ? M : never }[Marketplace];
export const POLLED_MARKETPLACES = MARKETPLACES.filter((m): m is PolledMarketplace => MARKETPLACE_PROFILES[m].intake.kind === 'poll');

export const isMarketplace = (channel: string): channel is Marketplace => Object.hasOwn(MARKETPLACE_PROFILES, channel);
export const isPolledMarketplace = (channel: string): channel is PolledMarketplace => (POLLED_MARKETPLACES as readonly string[]).includes(channel);

export const MARKETPLACE_NAMES = Object.fromEntries(MARKETPLACES.map((m) => [m, MARKETPLACE_PROFILES[m].name])) as Record<Marketplace, string>;

/** Where one marketplace's API is: each endpoint a URL, or undefined where it has no default and none was given. */
export type MarketplaceEndpoints<M extends Marketplace> = {
  -readonly [K in keyof Profile<M>['endpoints']]: Profile<M>['endpoints'][K] extends { default: string } ? string : string | undefined;
};

/** Where the marketplaces' APIs are: production hosts, or sandboxes in tests and local runs. */
export type ChannelEndpoints = { [M in Marketplace]: MarketplaceEndpoints<M> };

/** Each marketplace's endpoints from environment values (`read` gives a variable's value, if set). */
export function channelEndpoints(read: (env: string) => string | undefined): ChannelEndpoints {
  const of = (m: Marketplace) =>
    Object.fromEntries(
      Object.entries(MARKETPLACE_PROFILES[m].endpoints).map(([key, setting]) => [
        key,
        read(setting.env) ?? ('default' in setting ? setting.default : undefined),
      ]),
    );
  return Object.fromEntries(MARKETPLACES.map((m) => [m, of(m)])) as ChannelEndpoints;
}

/** The environment variables that point a process at these endpoints (the reverse of channelEndpoints). */
export function channelEndpointEnv(endpoints: ChannelEndpoints): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of MARKETPLACES) {
    for (const [key, setting] of Object.entries(MARKETPLACE_PROFILES[m].endpoints)) {
      const value = (endpoints[m] as Record<string, string | undefined>)[key];
      if (value !== undefined) env[setting.env] = value;
    }
  }
  return env;
}
