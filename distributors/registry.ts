import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import { createAutomaticConnector } from './automatic/adapter.js';
import { createPartsUnlimitedConnector } from './parts-unlimited/adapter.js';
import { createTuckerRockyConnector } from './tucker-rocky/adapter.js';
import { createWpsConnector } from './wps/adapter.js';
import { DistributorError, type DistributorConnector } from './types.js';

/** Where each distributor's API lives (their sandboxes in development). */
export interface DistributorEndpoints {
  wps: string;
  parts_unlimited: string;
  tucker_rocky: string;
  automatic: string;
}

/** Builds the connector for one dealer account from its decrypted credentials. `timeoutMs` is per HTTP call. */
export function connectorFor(
  distributor: DistributorId,
  credentials: Record<string, string>,
  endpoints: DistributorEndpoints,
  { timeoutMs }: { timeoutMs?: number } = {},
): DistributorConnector {
  switch (distributor) {
    case 'wps': {
      if (!credentials.apiToken) throw new DistributorError('auth', 'The Western Power Sports account has no API token saved');
      return createWpsConnector({ baseUrl: endpoints.wps, token: credentials.apiToken, timeoutMs });
    }
    case 'parts_unlimited': {
      const { dealerNumber, apiKey } = credentials;
      if (!dealerNumber || !apiKey) {
        throw new DistributorError('auth', 'The Parts Unlimited account needs both a dealer number and an API key saved');
      }
      return createPartsUnlimitedConnector({ baseUrl: endpoints.parts_unlimited, dealerNumber, apiKey, timeoutMs });
    }
    case 'tucker_rocky': {
      const { customerNumber, apiKey } = credentials;
      if (!customerNumber || !apiKey) {
        throw new DistributorError('auth', 'The Tucker Rocky account needs both a customer number and an API key saved');
      }
      return createTuckerRockyConnector({ baseUrl: endpoints.tucker_rocky, customerNumber, apiKey, timeoutMs });
    }
    case 'automatic': {
      if (!credentials.apiToken) throw new DistributorError('auth', 'The Automatic Distributors account has no API token saved');
      return createAutomaticConnector({ baseUrl: endpoints.automatic, token: credentials.apiToken, timeoutMs });
    }
    default:
      throw new DistributorError('not_ready', `Dropline cannot place orders with ${DISTRIBUTOR_NAMES[distributor]} yet`);
  }
}
