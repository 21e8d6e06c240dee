import {
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleHandle,
  type ScheduleOptionsStartWorkflowAction,
  type ScheduleUpdateOptions,
} from '@temporalio/client';
import type { PolledMarketplace } from '../marketplaces/profiles.js';
import { channelOrderScheduleId } from '../domain/ids.js';
import { CHANNEL_ORDER_IMPORT_WORKFLOW, channelOrderImportWorkflowId, type ChannelOrderImportWorkflow } from '../workflows/contracts/channel-order-import.js';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';
import { saveSchedule } from './schedules.js';

export interface OrderPolling {
  everyMs: number;
  overlapMs: number;
  settleMs: number;
}

/**
 * Every five minutes, inside Amazon's searchOrders plan (0.0056 requests a second, one every three
 * minutes, burst 20): a poll of one page leaves the bucket filling, and the burst covers a poll of
 * many pages; a throttled page waits out the plan in the activity's retry. Each poll stops three
 * minutes short of now: Amazon shows most changes about two minutes after they happen and refuses a
 * lastUpdatedBefore less than two minutes before its now (orders_2026-01-01.json, as ordersV0.json
 * did), so the third minute is for our clock running ahead of Amazon's (eBay's knowledge base gives
 * its Trading API GetOrders the same two minutes). Each poll reads back ten minutes before what is
 * already in, for orders shown later than that. Reading an order twice costs only the call: intake
 * is idempotent.
 */
export const ORDER_POLLING: OrderPolling = { everyMs: 5 * 60_000, overlapMs: 10 * 60_000, settleMs: 3 * 60_000 };

/**
 * Creates the Temporal Schedule that polls a dealer's eBay or Amazon orders, or brings an existing
 * one in line (unpaused, with this timing). Idempotent: the schedule id comes from the dealer and
 * the channel.
 */
export async function saveChannelOrderSchedule(
  client: Client,
  taskQueue: string,
  account: { dealerId: string; channel: PolledMarketplace },
  polling: OrderPolling = ORDER_POLLING,
): Promise<ScheduleHandle> {
  const scheduleId = channelOrderScheduleId(account.dealerId, account.channel);
  const schedule: ScheduleUpdateOptions<ScheduleOptionsStartWorkflowAction<ChannelOrderImportWorkflow>> = {
    spec: { intervals: [{ every: polling.everyMs }], jitter: Math.min(30_000, polling.everyMs / 10) },
    action: {
      type: 'startWorkflow',
      workflowType: CHANNEL_ORDER_IMPORT_WORKFLOW,
      workflowId: channelOrderImportWorkflowId(account.dealerId, account.channel),
      taskQueue,
      args: [{ ...account, overlapMs: polling.overlapMs, settleMs: polling.settleMs }],
      typedSearchAttributes: [{ key: SEARCH_ATTRIBUTES.DealerId, value: account.dealerId }],
    },
    policies: {
      // One poll at a time per account; a poll still running when the next is due makes that one unnecessary.
      overlap: ScheduleOverlapPolicy.SKIP,
      // What a poll reads comes from the cursor, not the schedule: after an outage one late poll catches up on everything.
      catchupWindow: Math.max(60_000, polling.everyMs),
    },
    state: { paused: false },
  };
  return saveSchedule(client, scheduleId, schedule);
}

/** Stops polling an account whose credentials are gone; its cursor stays for a reconnection. */
export async function pauseChannelOrderSchedule(client: Client, account: { dealerId: string; channel: PolledMarketplace }, note: string): Promise<void> {
  try {
    await client.schedule.getHandle(channelOrderScheduleId(account.dealerId, account.channel)).pause(note);
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}

/** Stops polling a disconnected account for good; nothing to do when it was never polled. */
export async function deleteChannelOrderSchedule(client: Client, account: { dealerId: string; channel: PolledMarketplace }): Promise<void> {
  try {
    await client.schedule.getHandle(channelOrderScheduleId(account.dealerId, account.channel)).delete();
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}
