import type { Db } from '../db/client.js';
import { seedDemoAccounts, seedDemoChannelAccounts, seedDemoDealer } from '../db/demo-data.js';
import { putCatalogItems, putStock } from '../db/repositories/catalog-upsert.js';
import { shippingMappings, warehouses } from '../db/schema/index.js';
import type { SandboxOptions } from '../distributors/plugin.js';
import { sandboxCredentials } from '../distributors/registry.js';
import { DISTRIBUTORS, type DistributorId } from '../domain/distributors.js';
import { SANDBOX_CHANNEL_ACCOUNTS } from '../sandboxes/channel-accounts.js';
import type { CredentialsCipher } from '../security/credentials-cipher.js';

/**
 * The chaos dealer's world: every dealer SKU is carried by exactly one distributor, so the plan
 * decides which distributors a drop-ship reaches, and every distributor has stock to spare (live
 * stock checks must never be the reason a PO fails here).
 */
export interface ChaosItem {
  dealerSku: string;
  distributorSku: string;
  costCents: number;
  priceCents: number;
}

export const SHIPPING_RATE = 'Standard Shipping';
/** Amazon's orders name only their service level's category (Orders 2026-01-01 fulfillmentServiceLevel). */
export const AMAZON_SHIPPING_RATE = 'STANDARD';
export const CHANNELS = ['website', 'shopify', 'ebay', 'amazon'] as const;
export type ChaosChannel = (typeof CHANNELS)[number];

export const CHAOS_CATALOG: Record<DistributorId, { warehouse: string; methodCode: string; items: ChaosItem[] }> = {
  wps: {
    warehouse: 'ID',
    methodCode: 'BEST',
    items: [
      { dealerSku: 'HELMET-MX-M', distributorSku: '87-9934', costCents: 6500, priceCents: 12995 },
      { dealerSku: 'OIL-FILTER-204', distributorSku: '26-1105', costCents: 450, priceCents: 1295 },
    ],
  },
  parts_unlimited: {
    warehouse: 'WI',
    methodCode: 'ground',
    items: [
      { dealerSku: 'GLOVES-L', distributorSku: '0402-0212', costCents: 1100, priceCents: 2995 },
      { dealerSku: 'GOGGLES-PU', distributorSku: '2110-0001', costCents: 2450, priceCents: 4995 },
    ],
  },
  tucker_rocky: {
    warehouse: 'TX',
    methodCode: 'UG',
    items: [
      { dealerSku: 'TIRE-TR-90', distributorSku: '581010', costCents: 5200, priceCents: 8995 },
      { dealerSku: 'CHAIN-TR-520', distributorSku: '160942', costCents: 3900, priceCents: 6995 },
    ],
  },
  automatic: {
    warehouse: 'NJ',
    methodCode: 'GROUND',
    items: [
      { dealerSku: 'LEVER-AD', distributorSku: '171-1042', costCents: 1800, priceCents: 3495 },
      { dealerSku: 'GRIPS-AD', distributorSku: '240-0033', costCents: 1400, priceCents: 2495 },
    ],
  },
};

/** The stock each sandbox reports: far more than a run orders (sandboxes never decrement it). */
const STOCK = 5000;

/** What one distributor's sandbox stocks: the chaos items at its one warehouse, at their cost. */
export function sandboxStock(distributor: DistributorId): SandboxOptions['stock'] {
  const { warehouse, items } = CHAOS_CATALOG[distributor];
  return Object.fromEntries(items.map((i) => [i.distributorSku, { warehouses: { [warehouse]: STOCK }, price: i.costCents / 100 }]));
}

/** The credentials the API takes to (re)connect each sandbox account. */
export const SANDBOX_CREDENTIALS = sandboxCredentials();

export const distributorOf = (dealerSku: string): DistributorId => DISTRIBUTORS.find((d) => CHAOS_CATALOG[d].items.some((i) => i.dealerSku === dealerSku))!;

export const itemOf = (dealerSku: string): ChaosItem => DISTRIBUTORS.flatMap((d) => CHAOS_CATALOG[d].items).find((i) => i.dealerSku === dealerSku)!;

/** The demo dealer (auto-processing) with accounts, 1-day warehouses, catalog, stock and shipping mappings at all four distributors and channels. */
export async function seedChaosDealer(db: Db, cipher: CredentialsCipher, dealerId: string) {
  const { apiKey } = await seedDemoDealer(db, cipher, { dealerId, autoProcessing: true });
  // The demo dealer's account (with its Tax ID) stays; the others are added.
  await seedDemoAccounts(db, cipher, dealerId, SANDBOX_CREDENTIALS);
  await seedDemoChannelAccounts(db, cipher, dealerId, SANDBOX_CHANNEL_ACCOUNTS);
  for (const distributor of DISTRIBUTORS) {
    const { warehouse, methodCode, items } = CHAOS_CATALOG[distributor];
    await db
      .insert(warehouses)
      .values({ dealerId, distributor, code: warehouse, name: `${distributor} ${warehouse}`, leadTimeDays: 1 })
      .onConflictDoNothing();
    await putCatalogItems(
      db,
      dealerId,
      items.map((i) => ({ distributor, distributorSku: i.distributorSku, dealerSku: i.dealerSku, description: i.dealerSku, costCents: i.costCents })),
      { existing: 'keep' },
    );
    await putStock(
      db,
      items.map((i) => ({ distributor, distributorSku: i.distributorSku, warehouseCode: warehouse, quantity: STOCK })),
      { existing: 'keep' },
    );
    await db
      .insert(shippingMappings)
      .values(
        CHANNELS.map((channel) => ({ dealerId, channel, rateName: channel === 'amazon' ? AMAZON_SHIPPING_RATE : SHIPPING_RATE, distributor, methodCode })),
      )
      .onConflictDoNothing();
  }
  return { apiKey };
}
