import { z } from 'zod';
import { credentialField } from '../credentials.js';
import { defineDistributor } from '../plugin.js';
import { createWpsConnector } from './adapter.js';
import { SHIP_VIA_CODES } from './contract.js';
import { wpsProfile } from './profile.js';
import type { WpsSandbox, WpsSandboxOptions } from './sandbox/index.js';
import { WPS_SANDBOX_TOKEN } from './sandbox/store.js';

/** Western Power Sports: Data Depot v4 (carts → items → order). */
export const wpsDistributor = defineDistributor({
  profile: wpsProfile,
  credentials: z.strictObject({ apiToken: credentialField('API token') }),
  // The one distributor that publishes its list, so the only one whose unknown codes are refused.
  shipMethods: { codes: SHIP_VIA_CODES, published: true },
  // Header names are our best understanding of the dealer file, not yet checked against a live one;
  // a missing one fails the import loudly. Warehouse codes are the ones the dealer's warehouse rules use.
  feedMapping: {
    distributorSku: 'Part Number',
    description: 'Description',
    cost: 'Dealer Price',
    leadTimeDays: 'Lead Time Days',
    manufacturerPartNumber: 'Vendor Part Number',
    brand: 'Brand',
    warehouseQuantities: { ID: 'Boise Qty', CA: 'Fresno Qty', PA: 'Elizabethtown Qty', TX: 'Midlothian Qty', IN: 'Ashley Qty' },
  },
  defaultRatePerSecond: 5,
  endpoint: { env: 'WPS_BASE_URL' },
  connect: ({ apiToken }, baseUrl, { timeoutMs }) => createWpsConnector({ baseUrl, token: apiToken, timeoutMs }),
  sandbox: {
    port: 4101,
    portEnv: 'WPS_SANDBOX_PORT',
    credentials: { apiToken: WPS_SANDBOX_TOKEN },
    async create({
      stock,
      ...own
    }: WpsSandboxOptions & { stock?: Record<string, { warehouses: Record<string, number> }> | undefined } = {}): Promise<WpsSandbox> {
      const { createWpsSandbox } = await import('./sandbox/index.js');
      return createWpsSandbox({ ...own, ...(stock ? { catalog: stock } : {}) });
    },
    orders: ({ state }) => {
      // A PO's items move between its order details as they ship or are cancelled; their sum is what was
      // ordered. A PO number ordered again (allowPoReuse) is one more order, its items already counted.
      const counted = new Set<string>();
      return state.orders.map(({ po_number: poNumber }) => {
        const first = !counted.has(poNumber);
        counted.add(poNumber);
        const details = first ? (state.purchaseOrders.get(poNumber)?.order_details ?? []) : [];
        return { poNumber, lines: details.flatMap((detail) => detail.items) };
      });
    },
    contract: {
      shipMethod: 'BEST',
      lines: [
        { distributorSku: '87-9934', quantity: 2 },
        { distributorSku: '26-1105', quantity: 1 },
      ],
      unknownSku: '99-0000',
      placingCall: { method: 'POST', path: '/orders' },
    },
  },
});
