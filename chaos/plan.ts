import { DISTRIBUTORS, type DistributorId } from '../domain/distributors.js';
import { isPolledMarketplace } from '../marketplaces/profiles.js';
import { derivedSeed, seededRandom, type Random } from '../sandboxes/seeded-random.js';
import { CHANNELS, CHAOS_CATALOG, type ChaosChannel } from './catalog.js';

/** One drop-ship the run will make happen, decided entirely by the seed. */
export interface PlannedDropship {
  /** Stable across reruns of the same seed: c0001, c0002, … */
  id: string;
  channel: ChaosChannel;
  /** When the order arrives, in ms after the run starts. */
  arriveAtMs: number;
  lines: Array<{ dealerSku: string; quantity: number }>;
  distributors: DistributorId[];
  /** Each distributor's PO ships this long after it appears at the distributor… */
  shipAfterMs: number;
  /** …one package per line instead of one for everything. */
  packagePerLine: boolean;
  /** The marketplace cancels the order once its PO is placed (eBay and Amazon only). */
  cancelledOnChannel: boolean;
  buyerEmail: string;
}

const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

/** N drop-ships spread over all channels and distributors; about one in five spans two distributors. */
export function planDropships(seed: number, n: number, perSecond: number): PlannedDropship[] {
  const random = seededRandom(derivedSeed(seed, 'plan'));
  const plan = Array.from({ length: n }, (_, index): PlannedDropship => {
    const id = `c${String(index + 1).padStart(4, '0')}`;
    // Round robin first, so even a small run reaches every channel and distributor.
    const channel = index < CHANNELS.length ? CHANNELS[index]! : pick(random, CHANNELS);
    const first = index < DISTRIBUTORS.length ? DISTRIBUTORS[index]! : pick(random, DISTRIBUTORS);
    const second =
      random() < 0.2
        ? pick(
            random,
            DISTRIBUTORS.filter((d) => d !== first),
          )
        : null;
    const distributors = second ? [first, second] : [first];
    const lines = distributors.flatMap((distributor) => {
      const items = CHAOS_CATALOG[distributor].items;
      const chosen = random() < 0.3 ? items : [pick(random, items)];
      return chosen.map((item) => ({ dealerSku: item.dealerSku, quantity: 1 + Math.floor(random() * 3) }));
    });
    // Only a polled marketplace reports a later cancellation; Shopify's webhook is orders/create alone.
    const marketplace = isPolledMarketplace(channel);
    return {
      id,
      channel,
      arriveAtMs: Math.round((index / perSecond) * 1000 + random() * 500),
      lines,
      distributors,
      shipAfterMs: 1000 + Math.floor(random() * 4000),
      packagePerLine: random() < 0.5,
      cancelledOnChannel: marketplace && random() < 0.06,
      buyerEmail: `buyer-${id}@example.com`,
    };
  });
  // Even a small run has a marketplace cancel an order after its PO was placed.
  const marketplaceOrders = plan.filter((p) => isPolledMarketplace(p.channel));
  if (!plan.some((p) => p.cancelledOnChannel) && marketplaceOrders.length > 0) marketplaceOrders.at(-1)!.cancelledOnChannel = true;
  return plan;
}
