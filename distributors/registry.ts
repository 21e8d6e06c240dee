import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import { createWpsConnector } from './wps/adapter.js';
import { DistributorError, type DistributorConnector } from './types.js';

/** Where each distributor's API lives (their sandboxes in development). */
export interface DistributorEndpoints {
  wps: string;
}

/** Builds the connector for one dealer account from its decrypted credentials. */
export function connectorFor(
  distributor: DistributorId,
  credentials: Record<string, string>,
  endpoints: DistributorEndpoints,
): DistributorConnector {
  switch (distributor) {
    case 'wps': {
      if (!credentials.apiToken) throw new DistributorError('auth', 'The Western Power Sports account has no API token saved');
      return createWpsConnector({ baseUrl: endpoints.wps, token: credentials.apiToken });
    }
    default:
      throw new DistributorError('not_ready', `Dropline cannot place orders with ${DISTRIBUTOR_NAMES[distributor]} yet`);
  }
}
