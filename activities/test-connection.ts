import type { DistributorId } from '../domain/distributors.js';
import { DistributorError } from '../distributors/types.js';
import type { Marketplace } from '../marketplaces/profiles.js';
import { ChannelError } from '../marketplaces/types.js';
import type { ActivityDeps } from './deps.js';
import { attemptLimits, DEFAULT_CALL_BUDGET } from './distributor-attempt.js';
import { toActivityFailure } from './failures.js';

export interface ConnectionTestRequest {
  dealerId: string;
  distributor: DistributorId;
}

export interface ChannelConnectionTestRequest {
  dealerId: string;
  channel: Marketplace;
}

/** Reasons are adapter messages, which never carry the credentials they were sent with. */
export type ConnectionTestResult = { ok: true } | { ok: false; reason: string };

/** The dealer's "Test connection" button, run on the worker because the API never calls a distributor. */
export function connectionTestActivities({ distributorConnector, channelConnector, distributorCalls = DEFAULT_CALL_BUDGET }: ActivityDeps) {
  return {
    /**
     * A refusal (bad credentials, missing account, unsupported distributor) is the answer the dealer
     * asked for, so it is returned; transient trouble throws so Temporal may try once more.
     */
    async testDistributorConnection({ dealerId, distributor }: ConnectionTestRequest): Promise<ConnectionTestResult> {
      try {
        const connector = await distributorConnector(dealerId, distributor);
        await connector.testConnection(attemptLimits(distributorCalls));
        return { ok: true };
      } catch (error) {
        if (error instanceof DistributorError && !error.retryable) return { ok: false, reason: error.message };
        throw toActivityFailure(error);
      }
    },

    /** The same for a sales channel: one read-only call through its connector, refusals returned as the answer. */
    async testChannelConnection({ dealerId, channel }: ChannelConnectionTestRequest): Promise<ConnectionTestResult> {
      try {
        const connector = await channelConnector(dealerId, channel);
        await connector!.testConnection();
        return { ok: true };
      } catch (error) {
        if (error instanceof ChannelError && !error.retryable) return { ok: false, reason: error.message };
        throw toActivityFailure(error);
      }
    },
  };
}
