import type { z } from 'zod';
import type { ChannelOrder } from '../../domain/channel-orders.js';
import { excerpt } from '../../http/response.js';
import { channelTransport } from '../http.js';
import type { ChannelOrderPage, ChannelOrderSource, ModifiedWindow, UnreadableOrder } from '../types.js';
import type { EbayConnectorOptions } from './adapter.js';
import { createEbayClient } from './client.js';
import { channelOrderFromEbay } from './order-mapping.js';
import * as wire from './wire.js';

export interface EbayOrderSourceOptions extends EbayConnectorOptions {
  /** getOrders' limit: eBay's maximum, so most polls are one call. */
  pageSize?: number;
}

/** eBay's timestamps: YYYY-MM-DDTHH:MM:SS.SSSZ, which is what toISOString writes. */
const ebayTime = (iso: string) => new Date(iso).toISOString();

/**
 * Where the next page starts, and how many orders the window held when it was read: eBay pages by
 * offset over a live result set, so an order modified mid-read drops out of the window and shifts
 * the rest up. Stepping back by the shrinkage rereads a few orders instead of skipping any.
 */
function nextStart(page: string | null): { offset: number; total: number | null } {
  const [offset, total] = (page ?? '0').split(':').map(Number);
  return { offset: offset ?? 0, total: total ?? null };
}

/** The id of an order that could not be read, if it has one. */
function idOf(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { orderId?: unknown }).orderId : undefined;
  return typeof id === 'string' && id !== '' ? id : null;
}

const problemOf = (error: z.ZodError) => excerpt(error.issues.map((issue) => `${issue.path.join('.') || 'order'}: ${issue.message}`).join('; '));

/** Reads a seller's orders by last modification: getOrders with `filter=lastmodifieddate:[from..to]`. */
export function createEbayOrderSource(options: EbayOrderSourceOptions): ChannelOrderSource {
  const transport = channelTransport(options);
  const ebay = createEbayClient(options, transport);
  const limit = options.pageSize ?? 200;

  async function modifiedOrders(window: ModifiedWindow, page: string | null): Promise<ChannelOrderPage> {
    const start = nextStart(page);
    const filter = `lastmodifieddate:[${ebayTime(window.from)}..${ebayTime(window.to)}]`;
    const read = (offset: number) =>
      ebay.request({
        method: 'GET',
        path: `/sell/fulfillment/v1/order?${new URLSearchParams({ filter, limit: String(limit), offset: String(offset) })}`,
        action: `read the orders modified from ${window.from} to ${window.to}`,
        schema: wire.orderPage,
      });
    let answer = await read(start.offset);
    const shrunk = start.total === null ? 0 : start.total - answer.total;
    if (shrunk > 0) answer = await read(Math.max(0, start.offset - shrunk));
    const through = answer.offset + answer.orders.length;
    const orders: ChannelOrder[] = [];
    const unreadable: UnreadableOrder[] = [];
    for (const raw of answer.orders) {
      const read = wire.order.safeParse(raw);
      if (read.success) orders.push(channelOrderFromEbay(read.data));
      else unreadable.push({ channelOrderId: idOf(raw), problem: problemOf(read.error) });
    }
    return { orders, unreadable, nextPage: answer.orders.length > 0 && through < answer.total ? `${through}:${answer.total}` : null };
  }

  return { channel: 'ebay', modifiedOrders };
}
