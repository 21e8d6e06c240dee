import { z } from 'zod';
import { credentialField } from '../credentials.js';
import { defineDistributor } from '../plugin.js';
import { createTuckerRockyConnector } from './adapter.js';
import { CARRIER_CODES } from './contract.js';
import { tuckerRockyProfile } from './profile.js';
import type { TuckerRockySandbox, TuckerRockySandboxOptions } from './sandbox/index.js';
import { TUCKER_SANDBOX_API_KEY, TUCKER_SANDBOX_CUSTOMER_NUMBER } from './sandbox/store.js';

/** Tucker Rocky (Tucker Powersports): TRWS, one GET endpoint whose `type` names the call. */
export const tuckerRockyDistributor = defineDistributor({
  profile: tuckerRockyProfile,
  credentials: z.strictObject({ customerNumber: credentialField('Customer number'), apiKey: credentialField('API key') }),
  // The carrier codes we have seen; not a published list.
  shipMethods: { codes: [...CARRIER_CODES.keys()], published: false },
  defaultRatePerSecond: 2,
  endpoint: { env: 'TUCKER_ROCKY_BASE_URL' },
  connect: ({ customerNumber, apiKey }, baseUrl, { timeoutMs }) => createTuckerRockyConnector({ baseUrl, customerNumber, apiKey, timeoutMs }),
  sandbox: {
    port: 4103,
    portEnv: 'TUCKER_ROCKY_SANDBOX_PORT',
    credentials: { customerNumber: TUCKER_SANDBOX_CUSTOMER_NUMBER, apiKey: TUCKER_SANDBOX_API_KEY },
    async create({
      stock,
      ...own
    }: TuckerRockySandboxOptions & { stock?: Record<string, { warehouses: Record<string, number> }> } = {}): Promise<TuckerRockySandbox> {
      const { createTuckerRockySandbox } = await import('./sandbox/index.js');
      const catalog = stock && Object.fromEntries(Object.entries(stock).map(([sku, { warehouses }]) => [sku, warehouses]));
      return createTuckerRockySandbox({ ...own, ...(catalog ? { catalog } : {}) });
    },
    orders: ({ state }) =>
      state.orders.map((order) => ({ poNumber: order.po, lines: order.lines.map((line) => ({ sku: line.itemnum, quantity: line.ordered })) })),
    contract: {
      shipMethod: 'UG',
      lines: [
        { distributorSku: '581010', quantity: 2 },
        { distributorSku: '160942', quantity: 1 },
      ],
      unknownSku: '999999',
      // Every TRWS call is GET /bin/trws; the type parameter tells an order from a lookup.
      placingCall: { method: 'GET', path: '/bin/trws', query: { type: 'ORD' } },
    },
  },
});
