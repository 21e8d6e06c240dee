import { z } from 'zod';
import { credentialField } from '../credentials.js';
import { defineDistributor } from '../plugin.js';
import { createAutomaticConnector } from './adapter.js';
import { SHIP_METHODS } from './contract.js';
import { automaticProfile } from './profile.js';
import type { AutomaticSandbox, AutomaticSandboxOptions } from './sandbox/index.js';
import { AUTOMATIC_SANDBOX_API_TOKEN } from './sandbox/store.js';

/** Automatic Distributors: the v2 order API. */
export const automaticDistributor = defineDistributor({
  profile: automaticProfile,
  credentials: z.strictObject({ apiToken: credentialField('API token') }),
  // From integrator notes, not a published list.
  shipMethods: { codes: SHIP_METHODS, published: false },
  defaultRatePerSecond: 2,
  endpoint: { env: 'AUTOMATIC_BASE_URL' },
  connect: ({ apiToken }, baseUrl, { timeoutMs }) => createAutomaticConnector({ baseUrl, token: apiToken, timeoutMs }),
  sandbox: {
    port: 4105,
    portEnv: 'AUTOMATIC_SANDBOX_PORT',
    credentials: { apiToken: AUTOMATIC_SANDBOX_API_TOKEN },
    async create({ stock, ...own }: AutomaticSandboxOptions & { stock?: Record<string, unknown> } = {}): Promise<AutomaticSandbox> {
      const { createAutomaticSandbox } = await import('./sandbox/index.js');
      // The sandbox keeps no stock (Automatic's API reports none), only which parts it knows.
      const catalog = stock && Object.fromEntries(Object.keys(stock).map((sku) => [sku, {}]));
      return createAutomaticSandbox({ ...own, ...(catalog ? { catalog } : {}) });
    },
    orders: ({ state }) =>
      state.orders.map((order) => ({
        poNumber: order.header.ponumber,
        lines: order.lines.map((line) => ({ sku: line.partNumber, quantity: line.quantityOrdered })),
      })),
    contract: {
      shipMethod: 'GROUND',
      lines: [
        { distributorSku: '171-1042', quantity: 2 },
        { distributorSku: '240-0033', quantity: 1 },
      ],
      unknownSku: '999-0000',
      placingCall: { method: 'POST', path: '/v2/order/create' },
    },
  },
});
