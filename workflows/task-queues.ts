import type { DistributorId } from '../domain/distributors.js';

/**
 * Every call to a distributor runs on that distributor's own task queue, named after the main one,
 * so the server's per-queue rate limit keeps all workers together under the distributor's quota.
 */
export function distributorTaskQueue(mainTaskQueue: string, distributor: DistributorId): string {
  return `${mainTaskQueue}.${distributor}`;
}
