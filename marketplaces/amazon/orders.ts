import { channelTransport } from '../http.js';
import type { ChannelOrderPage, ChannelOrderSource, ModifiedWindow } from '../types.js';
import type { AmazonConnectorOptions } from './adapter.js';
import { createAmazonClient } from './client.js';
import { INTAKE_DATASETS, PATHS, US_MARKETPLACE_ID } from './contract.js';
import { channelOrderFromAmazon } from './order-mapping.js';
import * as wire from './wire.js';

export interface AmazonOrderSourceOptions extends AmazonConnectorOptions {
  /** searchOrders' maxResultsPerPage: Amazon's maximum, so a poll is one call of a scarce plan. */
  pageSize?: number;
}

/**
 * Reads a seller's merchant-fulfilled orders by last update: Orders 2026-01-01 searchOrders with
 * lastUpdatedAfter/Before, paged by paginationToken, items, recipient and buyer in the same answer
 * (by the app's role, with no Restricted Data Token). One call per page: the plan allows one every
 * three minutes after a burst of 20, and a throttled page fails as rate_limited with that wait, so
 * the poll's activity retry resumes from its last saved page once the plan has refilled.
 */
export function createAmazonOrderSource(options: AmazonOrderSourceOptions): ChannelOrderSource {
  const transport = channelTransport(options);
  const amazon = createAmazonClient(options, transport);
  const marketplaceId = options.marketplaceId ?? US_MARKETPLACE_ID;
  const pageSize = options.pageSize ?? 100;

  async function modifiedOrders(window: ModifiedWindow, page: string | null): Promise<ChannelOrderPage> {
    // A token must come with the same criteria it was issued for [SPEC], so every page sends them all.
    const query = new URLSearchParams({
      marketplaceIds: marketplaceId,
      lastUpdatedAfter: window.from,
      lastUpdatedBefore: window.to,
      fulfilledBy: 'MERCHANT',
      includedData: INTAKE_DATASETS.join(','),
      maxResultsPerPage: String(pageSize),
      ...(page ? { paginationToken: page } : {}),
    });
    const answer = await amazon.request({
      operation: 'searchOrders',
      method: 'GET',
      path: `${PATHS.searchOrders}?${query}`,
      action: `read the orders updated from ${window.from} to ${window.to}`,
      schema: wire.ordersPage,
    });
    return { orders: answer.orders.map(channelOrderFromAmazon), nextPage: answer.pagination?.nextToken ?? null };
  }

  return { channel: 'amazon', modifiedOrders };
}
