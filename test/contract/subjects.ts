import { connectorFor, distributorPlugin, type DistributorEndpoints } from '../../distributors/registry.js';
import type { PurchaseOrderRequest } from '../../distributors/types.js';
import type { DistributorId } from '../../domain/distributors.js';
import type { ConnectorSubject } from './connector-contract.js';

const shipTo = { name: 'Jane Rider', line1: '123 Main St', city: 'Boise', region: 'ID', postalCode: '83702', country: 'US', phone: '208-555-1234' };

/** Credentials of the same shape the sandbox accepts, every value wrong. */
const wrong = (credentials: Record<string, string>) => Object.fromEntries(Object.keys(credentials).map((field) => [field, `wrong-${field}`]));

/**
 * A distributor's connector against its own sandbox, described by its plug-in: the credentials the
 * sandbox accepts, a PO it can fill, an item it does not carry and the call that places an order.
 */
export function subjectFor(distributor: DistributorId): ConnectorSubject {
  const { sandbox: plugin } = distributorPlugin(distributor);
  const { shipMethod, lines, unknownSku, placingCall } = plugin.contract;
  return {
    distributor,
    async start(options = {}) {
      const sandbox = await plugin.create(options);
      const baseUrl = await sandbox.listen();
      const endpoints = { [distributor]: baseUrl } as DistributorEndpoints;
      return {
        baseUrl,
        connector: (credentials = 'valid') => connectorFor(distributor, credentials === 'valid' ? plugin.credentials : wrong(plugin.credentials), endpoints),
        purchaseOrder: (poNumber): PurchaseOrderRequest => ({ poNumber, shipTo, shipMethod, buyerEmail: 'jane@example.com', lines }),
        unknownSku,
        placingCall,
        // Some distributors look PO numbers up in any case; none takes the same number twice in two cases.
        ordersAt: (poNumber) => plugin.orders(sandbox).filter((order) => order.poNumber.toUpperCase() === poNumber.toUpperCase()).length,
        close: () => sandbox.close(),
      };
    },
  };
}
