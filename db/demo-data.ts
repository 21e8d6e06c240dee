import { SYSTEM } from '../domain/actor.js';
import type { DistributorId } from '../domain/distributors.js';
import type { ChannelAccountSeed } from '../marketplaces/plugin.js';
import type { Marketplace } from '../marketplaces/profiles.js';
import { WPS_SANDBOX_TOKEN } from '../distributors/wps/sandbox/store.js';
import type { CredentialsCipher } from '../security/credentials-cipher.js';
import type { Db } from './client.js';
import { createApiKey } from './repositories/api-keys.js';
import { putCatalogItems, putStock } from './repositories/catalog-upsert.js';
import { findChannelAccount, saveChannelAccount } from './repositories/channel-accounts.js';
import { createOrder, type NewOrder } from './repositories/orders.js';
import { createUser, findUserForSignIn, setPassword } from './repositories/users.js';
import { dealers, distributorAccounts, shippingMappings, warehouses } from './schema/index.js';

/** Saves sandbox credentials for the other distributors (an account already saved stays), so the local run can test every connection. */
export async function seedDemoAccounts(
  db: Db,
  cipher: CredentialsCipher,
  dealerId: string,
  credentials: Partial<Record<DistributorId, Record<string, string>>>,
) {
  const rows = Object.entries(credentials).map(([distributor, values]) => {
    const secret = cipher.encrypt(values);
    return {
      dealerId,
      distributor,
      credentialsCiphertext: secret.ciphertext,
      credentialsKeyId: secret.keyId,
      credentialsSavedAt: new Date(),
      creditCardOnFile: true,
    };
  });
  if (rows.length) await db.insert(distributorAccounts).values(rows).onConflictDoNothing();
}

/** Connects the dealer's marketplace accounts (e.g. to the sandboxes) as the settings API would; accounts already there stay. */
export async function seedDemoChannelAccounts(db: Db, cipher: CredentialsCipher, dealerId: string, accounts: Partial<Record<Marketplace, ChannelAccountSeed>>) {
  for (const [channel, { credentials, ...account }] of Object.entries(accounts) as Array<[Marketplace, ChannelAccountSeed]>) {
    if (await findChannelAccount(db, dealerId, channel)) continue;
    const secret = cipher.encrypt(credentials);
    await saveChannelAccount(db, dealerId, channel, { ...account, credentials: secret }, SYSTEM);
  }
}

export interface DemoDealerOptions {
  dealerId?: string;
  name?: string;
  autoProcessing?: boolean;
  notificationEmail?: string;
  /** The demo's WPS account; the WPS sandbox's token by default. */
  wpsToken?: string;
}

/**
 * A dealer set up for drop-shipping through WPS: account with Tax ID, warehouses with lead times, a
 * small catalog with stock, and "Standard Shipping" (website, eBay and Shopify) mapped to WPS BEST. Used by the local run and tests.
 */
export async function seedDemoDealer(db: Db, cipher: CredentialsCipher, options: DemoDealerOptions) {
  const dealerId = options.dealerId ?? 'demo';
  await db
    .insert(dealers)
    .values({
      id: dealerId,
      name: options.name ?? 'Ridge Line Powersports',
      autoProcessing: options.autoProcessing ?? true,
      dropshipCutoffCents: 1000,
      distributorPreference: ['wps'],
      notificationEmail: options.notificationEmail ?? 'parts@ridgeline.example',
      emailFrom: 'Ridge Line Powersports <orders@ridgeline.example>',
    })
    .onConflictDoNothing();
  const secret = cipher.encrypt({ apiToken: options.wpsToken ?? WPS_SANDBOX_TOKEN });
  await db
    .insert(distributorAccounts)
    .values({
      dealerId,
      distributor: 'wps',
      credentialsCiphertext: secret.ciphertext,
      credentialsKeyId: secret.keyId,
      credentialsSavedAt: new Date(),
      taxIdOnFile: true,
    })
    .onConflictDoNothing();
  await db
    .insert(warehouses)
    .values([
      { dealerId, distributor: 'wps', code: 'ID', name: 'Boise, ID', leadTimeDays: 1 },
      { dealerId, distributor: 'wps', code: 'CA', name: 'Fresno, CA', leadTimeDays: 1 },
      { dealerId, distributor: 'wps', code: 'PA', name: 'Elizabethtown, PA', leadTimeDays: 1 },
      { dealerId, distributor: 'wps', code: 'TX', name: 'Midlothian, TX', leadTimeDays: 3 },
      { dealerId, distributor: 'wps', code: 'IN', name: 'Ashley, IN', leadTimeDays: 3 },
    ])
    .onConflictDoNothing();
  const items: Array<{
    distributor: DistributorId;
    distributorSku: string;
    dealerSku: string;
    description: string;
    costCents: number;
    stock: Record<string, number>;
  }> = [
    { distributor: 'wps', distributorSku: '87-9934', dealerSku: 'HELMET-MX-M', description: 'MX helmet, medium', costCents: 6500, stock: { ID: 12, CA: 3 } },
    { distributor: 'wps', distributorSku: '26-1105', dealerSku: 'OIL-FILTER-204', description: 'Oil filter HF204', costCents: 450, stock: { PA: 25, TX: 4 } },
    { distributor: 'wps', distributorSku: '12-0127', dealerSku: 'BRAKE-PADS-FA', description: 'Brake pads, front', costCents: 2200, stock: { IN: 7 } },
  ];
  await putCatalogItems(
    db,
    dealerId,
    items.map(({ stock: _stock, ...item }) => item),
    { existing: 'keep' },
  );
  await putStock(
    db,
    items.flatMap((item) =>
      Object.entries(item.stock).map(([warehouseCode, quantity]) => ({
        distributor: item.distributor,
        distributorSku: item.distributorSku,
        warehouseCode,
        quantity,
      })),
    ),
    { existing: 'keep' },
  );
  await db
    .insert(shippingMappings)
    .values([
      { dealerId, channel: 'website', rateName: 'Standard Shipping', distributor: 'wps', methodCode: 'BEST' },
      { dealerId, channel: 'ebay', rateName: 'Standard Shipping', distributor: 'wps', methodCode: 'BEST' },
      { dealerId, channel: 'shopify', rateName: 'Standard Shipping', distributor: 'wps', methodCode: 'BEST' },
    ])
    .onConflictDoNothing();
  const apiKey = await createApiKey(db, dealerId, 'demo key');
  return { dealerId, apiKey: apiKey.key };
}

/** A website order for the demo catalog. */
export function demoOrder(channelOrderId: string): Omit<NewOrder, 'dealerId' | 'channel'> & { channelOrderId: string } {
  return {
    channelOrderId,
    buyer: { name: 'Jane Rider', email: 'jane.rider@example.com', phone: '2085551234' },
    shipTo: { name: 'Jane Rider', line1: '123 Main St', city: 'Boise', region: 'ID', postalCode: '83702', country: 'US', phone: '2085551234' },
    shippingRateName: 'Standard Shipping',
    lines: [
      { sku: 'HELMET-MX-M', title: 'MX helmet, medium', quantity: 1, unitPriceCents: 12995 },
      { sku: 'OIL-FILTER-204', title: 'Oil filter HF204', quantity: 2, unitPriceCents: 1295 },
    ],
  };
}

export async function seedDemoOrder(db: Db, dealerId: string, channelOrderId = 'WEB-1001') {
  return createOrder(db, { dealerId, channel: 'website', ...demoOrder(channelOrderId) });
}

export const DEMO_OWNER_EMAIL = 'owner@ridgeline.example';

/**
 * The demo dealer's owner, with this password hash: created on the first run, its password replaced on
 * each later one (a local run prints the new password, and nobody could print the old one).
 */
export async function seedDemoOwner(db: Db, dealerId: string, passwordHash: string) {
  const existing = await findUserForSignIn(db, DEMO_OWNER_EMAIL);
  if (existing) await setPassword(db, existing.id, passwordHash);
  else await createUser(db, { dealerId, email: DEMO_OWNER_EMAIL, name: 'Demo Owner', role: 'owner', passwordHash }, SYSTEM);
  return { email: DEMO_OWNER_EMAIL };
}
