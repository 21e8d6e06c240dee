import { AUTOMATIC_SANDBOX_API_TOKEN } from '../../distributors/automatic/sandbox/index.js';
import { putCatalogItems, putStock } from '../../db/repositories/catalog-upsert.js';
import { distributorAccounts, shippingMappings, warehouses } from '../../db/schema/index.js';
import type { Stack } from './stack.js';

/**
 * Gives the stack's dealer an Automatic Distributors account (the distributor with a cancel API)
 * carrying these parts at its Minneapolis warehouse, with Standard Shipping mapped on the website and Shopify.
 */
export async function addAutomaticAccount(stack: Stack, parts: Array<{ dealerSku: string; distributorSku: string; costCents: number; quantity: number }>) {
  const { dealerId, db, cipher } = stack;
  const secret = cipher.encrypt({ apiToken: AUTOMATIC_SANDBOX_API_TOKEN });
  await db.insert(distributorAccounts).values({
    dealerId,
    distributor: 'automatic',
    credentialsCiphertext: secret.ciphertext,
    credentialsKeyId: secret.keyId,
    credentialsSavedAt: new Date(),
  });
  await db.insert(warehouses).values({ dealerId, distributor: 'automatic', code: 'MN', name: 'Minneapolis, MN', leadTimeDays: 1 });
  await putCatalogItems(
    db,
    dealerId,
    parts.map(({ dealerSku, distributorSku, costCents }) => ({ distributor: 'automatic', dealerSku, distributorSku, costCents })),
  );
  await putStock(
    db,
    parts.map(({ distributorSku, quantity }) => ({ distributor: 'automatic', distributorSku, warehouseCode: 'MN', quantity })),
  );
  await db.insert(shippingMappings).values(
    (['website', 'shopify'] as const).map((channel) => ({
      dealerId,
      channel,
      rateName: 'Standard Shipping',
      distributor: 'automatic' as const,
      methodCode: 'GROUND',
    })),
  );
}
