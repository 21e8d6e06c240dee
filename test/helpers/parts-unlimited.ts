import { PU_SANDBOX_API_KEY, PU_SANDBOX_DEALER_NUMBER } from '../../distributors/parts-unlimited/sandbox/index.js';
import { putCatalogItems, putStock } from '../../db/repositories/catalog-upsert.js';
import { distributorAccounts, shippingMappings, warehouses } from '../../db/schema/index.js';
import type { Stack } from './stack.js';

/**
 * Gives the stack's dealer a Parts Unlimited account: gloves only PU carries, and the helmet WPS also
 * carries (at a higher cost), so routing has a second distributor to choose and swap to.
 */
export async function addPartsUnlimitedAccount(stack: Stack) {
  const { dealerId, db, cipher } = stack;
  const secret = cipher.encrypt({ dealerNumber: PU_SANDBOX_DEALER_NUMBER, apiKey: PU_SANDBOX_API_KEY });
  await db.insert(distributorAccounts).values({
    dealerId,
    distributor: 'parts_unlimited',
    credentialsCiphertext: secret.ciphertext,
    credentialsKeyId: secret.keyId,
    credentialsSavedAt: new Date(),
  });
  await db.insert(warehouses).values([
    { dealerId, distributor: 'parts_unlimited', code: 'WI', name: 'Janesville, WI', leadTimeDays: 1 },
    { dealerId, distributor: 'parts_unlimited', code: 'NV', name: 'Sparks, NV', leadTimeDays: 1 },
    { dealerId, distributor: 'parts_unlimited', code: 'PA', name: 'Harrisburg, PA', leadTimeDays: 1 },
  ]);
  await putCatalogItems(db, dealerId, [
    { distributor: 'parts_unlimited', distributorSku: '0101-3337', dealerSku: 'HELMET-MX-M', costCents: 7100 },
    { distributor: 'parts_unlimited', distributorSku: '0402-0212', dealerSku: 'GLOVES-L', costCents: 1100 },
  ]);
  await putStock(db, [
    { distributor: 'parts_unlimited', distributorSku: '0101-3337', warehouseCode: 'WI', quantity: 6 },
    { distributor: 'parts_unlimited', distributorSku: '0402-0212', warehouseCode: 'PA', quantity: 30 },
  ]);
  await db
    .insert(shippingMappings)
    .values({ dealerId, channel: 'website', rateName: 'Standard Shipping', distributor: 'parts_unlimited', methodCode: 'ground' });
}
