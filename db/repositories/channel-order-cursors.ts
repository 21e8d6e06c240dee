import { and, eq } from 'drizzle-orm';
import type { PolledMarketplace } from '../../marketplaces/profiles.js';
import type { Db } from '../client.js';
import { channelOrderCursors } from '../schema/index.js';

export type ChannelOrderCursor = typeof channelOrderCursors.$inferSelect;

const cursorOf = (dealerId: string, channel: PolledMarketplace) => and(eq(channelOrderCursors.dealerId, dealerId), eq(channelOrderCursors.channel, channel));

/** Null until the dealer first connects the account (saveChannelAccount starts the cursor). */
export async function findChannelOrderCursor(db: Db, dealerId: string, channel: PolledMarketplace): Promise<ChannelOrderCursor | null> {
  const [cursor] = await db.select().from(channelOrderCursors).where(cursorOf(dealerId, channel));
  return cursor ?? null;
}

/** Called once a page's orders are committed: an interrupted import resumes at the next page of the same window. */
export async function saveChannelOrderPage(db: Db, dealerId: string, channel: PolledMarketplace, windowEnd: Date, nextPage: string): Promise<void> {
  await db.update(channelOrderCursors).set({ windowEnd, nextPage, updatedAt: new Date() }).where(cursorOf(dealerId, channel));
}

/** Called once every page of the window is committed: everything modified up to its end is in. */
export async function completeChannelOrderWindow(db: Db, dealerId: string, channel: PolledMarketplace, windowEnd: Date): Promise<void> {
  await db
    .update(channelOrderCursors)
    .set({ modifiedThrough: windowEnd, windowEnd: null, nextPage: null, updatedAt: new Date() })
    .where(cursorOf(dealerId, channel));
}
