import { AUTOMATIC_SANDBOX_API_TOKEN, createAutomaticSandbox } from '../../distributors/automatic/sandbox/index.js';
import { connectorFor, type DistributorEndpoints } from '../../distributors/registry.js';
import { createPartsUnlimitedSandbox, PU_SANDBOX_API_KEY, PU_SANDBOX_DEALER_NUMBER } from '../../distributors/parts-unlimited/sandbox/index.js';
import { createTuckerRockySandbox, TUCKER_SANDBOX_API_KEY, TUCKER_SANDBOX_CUSTOMER_NUMBER } from '../../distributors/tucker-rocky/sandbox/index.js';
import type { PurchaseOrderRequest } from '../../distributors/types.js';
import { createWpsSandbox, WPS_SANDBOX_TOKEN } from '../../distributors/wps/sandbox/index.js';
import { DISTRIBUTORS } from '../../domain/distributors.js';
import type { ConnectorSubject } from './connector-contract.js';

const shipTo = { name: 'Jane Rider', line1: '123 Main St', city: 'Boise', region: 'ID', postalCode: '83702', country: 'US', phone: '208-555-1234' };

/** Every distributor at the same sandbox URL: the registry picks the one it needs. */
const endpointsAt = (baseUrl: string) => Object.fromEntries(DISTRIBUTORS.map((d) => [d, baseUrl])) as unknown as DistributorEndpoints;

const order = (poNumber: string, shipMethod: string, lines: PurchaseOrderRequest['lines']): PurchaseOrderRequest => ({
  poNumber,
  shipTo,
  shipMethod,
  buyerEmail: 'jane@example.com',
  lines,
});

export const wpsSubject: ConnectorSubject = {
  distributor: 'wps',
  async start() {
    const sandbox = createWpsSandbox();
    const baseUrl = await sandbox.listen();
    return {
      baseUrl,
      connector: (credentials = 'valid') => connectorFor('wps', { apiToken: credentials === 'valid' ? WPS_SANDBOX_TOKEN : 'wrong-token' }, endpointsAt(baseUrl)),
      purchaseOrder: (poNumber) => order(poNumber, 'BEST', [{ distributorSku: '87-9934', quantity: 2 }, { distributorSku: '26-1105', quantity: 1 }]),
      unknownSku: '99-0000',
      placingCall: { method: 'POST', path: '/orders' },
      ordersAt: (poNumber) => sandbox.state.orders.filter((o) => o.po_number === poNumber).length,
      close: () => sandbox.close(),
    };
  },
};

export const partsUnlimitedSubject: ConnectorSubject = {
  distributor: 'parts_unlimited',
  async start() {
    const sandbox = createPartsUnlimitedSandbox();
    const baseUrl = await sandbox.listen();
    return {
      baseUrl,
      connector: (credentials = 'valid') =>
        connectorFor('parts_unlimited', { dealerNumber: PU_SANDBOX_DEALER_NUMBER, apiKey: credentials === 'valid' ? PU_SANDBOX_API_KEY : 'wrong-key' }, endpointsAt(baseUrl)),
      purchaseOrder: (poNumber) => order(poNumber, 'ground', [{ distributorSku: '0101-3337', quantity: 2 }, { distributorSku: '2110-0001', quantity: 1 }]),
      unknownSku: '9999-0000',
      placingCall: { method: 'POST', path: '/api/v2/orders/dropship' },
      ordersAt: (poNumber) => sandbox.state.orders.filter((o) => o.purchase_order_number === poNumber).length,
      close: () => sandbox.close(),
    };
  },
};

export const automaticSubject: ConnectorSubject = {
  distributor: 'automatic',
  async start() {
    const sandbox = createAutomaticSandbox();
    const baseUrl = await sandbox.listen();
    return {
      baseUrl,
      connector: (credentials = 'valid') => connectorFor('automatic', { apiToken: credentials === 'valid' ? AUTOMATIC_SANDBOX_API_TOKEN : 'wrong-token' }, endpointsAt(baseUrl)),
      purchaseOrder: (poNumber) => order(poNumber, 'GROUND', [{ distributorSku: '171-1042', quantity: 2 }, { distributorSku: '240-0033', quantity: 1 }]),
      unknownSku: '999-0000',
      placingCall: { method: 'POST', path: '/v2/order/create' },
      ordersAt: (poNumber) => sandbox.state.orders.filter((o) => o.header.ponumber.toUpperCase() === poNumber.toUpperCase()).length,
      close: () => sandbox.close(),
    };
  },
};

export const tuckerRockySubject: ConnectorSubject = {
  distributor: 'tucker_rocky',
  async start() {
    const sandbox = createTuckerRockySandbox();
    const baseUrl = await sandbox.listen();
    return {
      baseUrl,
      connector: (credentials = 'valid') =>
        connectorFor('tucker_rocky', { customerNumber: TUCKER_SANDBOX_CUSTOMER_NUMBER, apiKey: credentials === 'valid' ? TUCKER_SANDBOX_API_KEY : 'wrong-key' }, endpointsAt(baseUrl)),
      purchaseOrder: (poNumber) => order(poNumber, 'UG', [{ distributorSku: '581010', quantity: 2 }, { distributorSku: '160942', quantity: 1 }]),
      unknownSku: '999999',
      // Every TRWS call is GET /bin/trws; the type parameter tells an order from a lookup.
      placingCall: { method: 'GET', path: '/bin/trws', query: { type: 'ORD' } },
      ordersAt: (poNumber) => sandbox.state.orders.filter((o) => o.po === poNumber).length,
      close: () => sandbox.close(),
    };
  },
};
