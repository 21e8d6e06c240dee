import { z } from 'zod';
import { credentialField } from '../credentials.js';
import { defineDistributor } from '../plugin.js';
import { createPartsUnlimitedConnector } from './adapter.js';
import { partsUnlimitedProfile } from './profile.js';
import type { PartsUnlimitedSandbox, PartsUnlimitedSandboxOptions } from './sandbox/index.js';
import { PU_SANDBOX_API_KEY, PU_SANDBOX_DEALER_NUMBER } from './sandbox/store.js';

/** Parts Unlimited (LeMans): the v2 drop-ship order API. */
export const partsUnlimitedDistributor = defineDistributor({
  profile: partsUnlimitedProfile,
  credentials: z.strictObject({ dealerNumber: credentialField('Dealer number'), apiKey: credentialField('API key') }),
  // PU publishes no shipping-method list.
  shipMethods: { codes: [], published: false },
  // Our best understanding of the dealer file, not yet checked against a live one (see WPS).
  feedMapping: {
    distributorSku: 'Part Number',
    description: 'Part Description',
    cost: 'Dealer Price',
    manufacturerPartNumber: 'Vendor Part Number',
    brand: 'Brand Name',
    warehouseQuantities: { WI: 'WI Qty', NV: 'NV Qty', PA: 'PA Qty' },
  },
  defaultRatePerSecond: 5,
  endpoint: { env: 'PARTS_UNLIMITED_BASE_URL' },
  connect: ({ dealerNumber, apiKey }, baseUrl, { timeoutMs }) => createPartsUnlimitedConnector({ baseUrl, dealerNumber, apiKey, timeoutMs }),
  sandbox: {
    port: 4104,
    portEnv: 'PARTS_UNLIMITED_SANDBOX_PORT',
    credentials: { dealerNumber: PU_SANDBOX_DEALER_NUMBER, apiKey: PU_SANDBOX_API_KEY },
    async create({
      stock,
      ...own
    }: PartsUnlimitedSandboxOptions & { stock?: Record<string, { warehouses: Record<string, number>; price?: number }> } = {}): Promise<PartsUnlimitedSandbox> {
      const { createPartsUnlimitedSandbox } = await import('./sandbox/index.js');
      const catalog = stock && Object.fromEntries(Object.entries(stock).map(([sku, { warehouses, price }]) => [sku, { warehouses, price: price ?? 0 }]));
      return createPartsUnlimitedSandbox({ ...own, ...(catalog ? { catalog } : {}) });
    },
    orders: ({ state }) =>
      state.orders.map((order) => ({
        poNumber: order.purchase_order_number,
        lines: order.line_items.map((line) => ({ sku: line.part_number, quantity: line.ordered })),
      })),
    contract: {
      shipMethod: 'ground',
      lines: [
        { distributorSku: '0101-3337', quantity: 2 },
        { distributorSku: '2110-0001', quantity: 1 },
      ],
      unknownSku: '9999-0000',
      placingCall: { method: 'POST', path: '/api/v2/orders/dropship' },
    },
  },
});
