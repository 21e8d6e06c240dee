import { setTimeout as sleep } from 'node:timers/promises';
import { channelTransport } from '../http.js';
import type { ChannelOrderPage, ChannelOrderSource, ModifiedWindow } from '../types.js';
import { ChannelError } from '../types.js';
import type { AmazonConnectorOptions } from './adapter.js';
import { createAmazonClient } from './client.js';
import { PATHS, US_MARKETPLACE_ID } from './contract.js';
import { channelOrderFromAmazon } from './order-mapping.js';
import * as wire from './wire.js';

export interface AmazonOrderSourceOptions extends AmazonConnectorOptions {
  /** getOrders' MaxResultsPerPage. 20 keeps one page's getOrderItems calls within that plan's burst of 30. */
  pageSize?: number;
}

/** Throttled getOrderItems calls waited out inside one page before the page gives up. */
const ITEM_THROTTLE_WAITS = 10;

/**
 * Reads a seller's merchant-fulfilled orders by last update: Orders v0 getOrders with
 * LastUpdatedAfter/Before, paged by NextToken, and getOrderItems for each order's lines.
 */
export function createAmazonOrderSource(options: AmazonOrderSourceOptions): ChannelOrderSource {
  const transport = channelTransport(options);
  const amazon = createAmazonClient(options, transport);
  const marketplaceId = options.marketplaceId ?? US_MARKETPLACE_ID;
  const pageSize = options.pageSize ?? 20;

  async function itemsOf(orderId: string): Promise<wire.AmazonOrderItem[]> {
    const items: wire.AmazonOrderItem[] = [];
    let nextToken: string | undefined;
    do {
      const query = nextToken ? `?${new URLSearchParams({ NextToken: nextToken })}` : '';
      const { payload } = await amazon.request({
        operation: 'getOrderItems',
        method: 'GET',
        path: `${PATHS.getOrderItems(orderId)}${query}`,
        action: `read the items of order ${orderId}`,
        schema: wire.orderItemsPage,
      });
      items.push(...payload.OrderItems);
      nextToken = payload.NextToken;
    } while (nextToken);
    return items;
  }

  /**
   * getOrderItems allows 30 calls at once and then one every two seconds, and a page may need more.
   * Failing the page on a throttle would make the retry read every item of it again, so the wait is
   * taken here, as Amazon's plan times it.
   */
  async function paced<T>(call: () => Promise<T>): Promise<T> {
    for (let waits = 0; ; waits += 1) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof ChannelError) || error.kind !== 'rate_limited' || waits >= ITEM_THROTTLE_WAITS) throw error;
        await sleep(error.retryAfterMs ?? 2000);
      }
    }
  }

  async function modifiedOrders(window: ModifiedWindow, page: string | null): Promise<ChannelOrderPage> {
    // The use-case guide says NextToken replaces the other criteria [DOC]; the model, that it only pages
    // them [SPEC]. Sending both is right either way.
    const query = new URLSearchParams({
      MarketplaceIds: marketplaceId,
      LastUpdatedAfter: window.from,
      LastUpdatedBefore: window.to,
      FulfillmentChannels: 'MFN',
      MaxResultsPerPage: String(pageSize),
      ...(page ? { NextToken: page } : {}),
    });
    const { payload } = await amazon.request({
      operation: 'getOrders',
      method: 'GET',
      path: `${PATHS.getOrders}?${query}`,
      action: `read the orders updated from ${window.from} to ${window.to}`,
      schema: wire.ordersPage,
    });
    const orders = [];
    for (const order of payload.Orders) {
      orders.push(channelOrderFromAmazon(order, await paced(() => itemsOf(order.AmazonOrderId))));
    }
    return { orders, nextPage: payload.NextToken ?? null };
  }

  return { channel: 'amazon', modifiedOrders };
}
