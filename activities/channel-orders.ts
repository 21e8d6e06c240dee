import { createHash } from 'node:crypto';
import { ApplicationFailure, log } from '@temporalio/activity';
import { appendAuditEvent } from '../db/repositories/audit.js';
import { completeChannelOrderWindow, findChannelOrderCursor, saveChannelOrderPage } from '../db/repositories/channel-order-cursors.js';
import { takeInChannelOrder, type IntakeOutcome } from '../db/repositories/channel-orders.js';
import { MARKETPLACE_NAMES, type PolledMarketplace } from '../marketplaces/profiles.js';
import { ChannelError, type ModifiedWindow, type UnreadableOrder } from '../marketplaces/types.js';
import type { ActivityDeps } from './deps.js';
import { adapterCall } from './failures.js';
import { withHeartbeat } from './heartbeat.js';

export interface ChannelOrderImportRequest {
  dealerId: string;
  channel: PolledMarketplace;
  /** How far the window reaches back before what is already in: orders the marketplace indexed late. */
  overlapMs: number;
  /** How far the window stays behind now: the marketplace's own indexing delay. */
  settleMs: number;
}

/** What the workflow learns: the window and counts, no buyer data. */
export interface ChannelOrderImportSummary {
  window: ModifiedWindow;
  pages: number;
  created: number;
  updated: number;
  unchanged: number;
  dealerTold: number;
  /** Orders the marketplace reported in a shape that could not be read: in the audit trail, not taken in. */
  unreadable?: number;
  /**
   * Auto-processing drop-ships this poll started (including any an earlier, crashed attempt had
   * opened but not started). One started earlier whose workflow has not yet run is read again as
   * still starting, and not counted.
   */
  autoDropships: number;
}

/** Polling eBay and Amazon for the orders modified since the last poll. */
export function channelOrderActivities({
  db,
  channelOrderSource,
  startAutoDropship,
  cancelOrderWork,
}: Pick<ActivityDeps, 'db' | 'channelOrderSource' | 'startAutoDropship' | 'cancelOrderWork'>) {
  return {
    /**
     * Takes in every order the marketplace reports modified in the window after the saved cursor,
     * page by page. Each order is stored idempotently (one per channel order id), the position is
     * saved after each page's orders are committed, and the cursor moves to the window's end only
     * when every page is in. So a retry, a worker restart or an overlapping window may read an order
     * again but never stores it twice, and no order modified up to the cursor is ever skipped.
     * An auto-processing dealer's open orders start their drop-ship as they are taken in; one whose
     * start was lost to a crash is started when the retry or the next poll reads the order again.
     */
    async importChannelOrders(request: ChannelOrderImportRequest): Promise<ChannelOrderImportSummary> {
      const { dealerId, channel } = request;
      return withHeartbeat(async () => {
        const cursor = await findChannelOrderCursor(db, dealerId, channel);
        if (!cursor) {
          throw ApplicationFailure.create({
            type: 'ChannelNotConnected',
            message: `No ${MARKETPLACE_NAMES[channel]} account is connected for this dealer`,
            nonRetryable: true,
          });
        }
        const windowEnd = cursor.windowEnd ?? new Date(Date.now() - request.settleMs);
        const window = { from: new Date(cursor.modifiedThrough.getTime() - request.overlapMs).toISOString(), to: windowEnd.toISOString() };
        const summary: ChannelOrderImportSummary = { window, pages: 0, created: 0, updated: 0, unchanged: 0, dealerTold: 0, autoDropships: 0 };
        // Polled again within the settling time: nothing new can be read yet, and the cursor never moves back.
        if (windowEnd <= cursor.modifiedThrough) return summary;
        const source = await adapterCall(() => channelOrderSource(dealerId, channel));

        let page = cursor.nextPage;
        const resumed = page !== null;
        do {
          const read = await adapterCall(() =>
            source.modifiedOrders(window, page).catch((error: unknown) => {
              // A page reference kept across a restart may have expired: read the window again from its start.
              if (resumed && summary.pages === 0 && error instanceof ChannelError && error.kind === 'invalid') return source.modifiedOrders(window, null);
              throw error;
            }),
          );
          for (const unreadable of read.unreadable ?? []) {
            await recordUnreadable(db, dealerId, channel, unreadable);
            summary.unreadable = (summary.unreadable ?? 0) + 1;
          }
          for (const order of read.orders) {
            const { outcome, autoDropship } = await takeInChannelOrder(db, dealerId, order);
            count(summary, outcome);
            if (outcome.outcome === 'dealer_told') await cancelOrderWork(dealerId, outcome.orderId, MARKETPLACE_NAMES[channel]);
            if (autoDropship && (await startAutoDropship(autoDropship))) summary.autoDropships += 1;
          }
          summary.pages += 1;
          page = read.nextPage;
          if (page) await saveChannelOrderPage(db, dealerId, channel, windowEnd, page);
        } while (page);
        await completeChannelOrderWindow(db, dealerId, channel, windowEnd);
        return summary;
      });
    },
  };
}

/**
 * An order the marketplace reported in a shape we cannot read is left out, so the rest of its page
 * and the cursor move on instead of the poll failing on it forever. It goes in the dealer's audit
 * trail (once per problem) and the worker's log, with its id, so the dealer can take it in by hand.
 */
async function recordUnreadable(db: ActivityDeps['db'], dealerId: string, channel: PolledMarketplace, { channelOrderId, problem }: UnreadableOrder) {
  const name = MARKETPLACE_NAMES[channel];
  const summary = `${name} order ${channelOrderId ?? 'without an id'} could not be read, so it was not taken in: ${problem}`;
  log.warn(summary, { dealerId, channel, channelOrderId });
  await appendAuditEvent(db, {
    dealerId,
    actor: { type: 'channel', id: channel },
    type: 'order.unreadable',
    summary,
    details: { channelOrderId, problem },
    dedupeKey: `order-unreadable:${dealerId}:${channel}:${channelOrderId ?? '-'}:${createHash('sha256').update(problem).digest('hex')}`,
  });
}

function count(summary: ChannelOrderImportSummary, intake: IntakeOutcome): void {
  if (intake.outcome === 'created') summary.created += 1;
  else if (intake.outcome === 'updated') summary.updated += 1;
  else if (intake.outcome === 'dealer_told') summary.dealerTold += 1;
  else summary.unchanged += 1;
}
