import type { Db } from '../client.js';
import { listOrders, openExceptionMessages, placedDistributors, type OrderFilter } from './orders.js';
import { previewOrders } from './routing-previews.js';

/** At most this many orders are read to fill one page of a filter on what the preview says; the cursor continues the scan. */
const MAX_SCANNED = 1000;

export type DashboardOrder = Awaited<ReturnType<typeof dashboardOrders>>[number];

/** Orders as the dashboard shows them: items, total, routing preview, where their POs are placed, and what the inbox holds for them. */
async function dashboardOrders(db: Db, dealerId: string, rows: Awaited<ReturnType<typeof listOrders>>) {
  const ids = rows.map((o) => o.id);
  const [previews, placed, attention] = await Promise.all([
    previewOrders(db, dealerId, rows),
    placedDistributors(db, dealerId, ids),
    openExceptionMessages(db, dealerId, ids),
  ]);
  return rows.map((order) => {
    const { lines, preview } = previews.get(order.id)!;
    return {
      ...order,
      items: lines.map((l) => ({ dealerSku: l.dealerSku, title: l.title, quantity: l.quantity })),
      totalCents: lines.reduce((total, l) => total + l.quantity * l.unitPriceCents, 0),
      preview,
      placedWith: placed.get(order.id) ?? [],
      attention: attention.get(order.id) ?? null,
    };
  });
}

/**
 * One page of the dashboard. Filters Postgres can answer narrow the query; `keep` judges what only
 * the routing preview knows (would it route to a distributor, does it need resolving), reading further
 * batches until the page is full. A page cut short by MAX_SCANNED still gives a cursor to read on.
 */
export async function dashboardPage(
  db: Db,
  dealerId: string,
  filter: Omit<OrderFilter, 'needsResolution'>,
  keep: (order: DashboardOrder) => boolean,
): Promise<{ items: DashboardOrder[]; nextCursor: string | null }> {
  const kept: DashboardOrder[] = [];
  let after = filter.after;
  let scanned = 0;
  for (;;) {
    const rows = await listOrders(db, dealerId, { ...filter, after, limit: filter.limit + 1 });
    const more = rows.length > filter.limit;
    const batch = await dashboardOrders(db, dealerId, rows.slice(0, filter.limit));
    for (const order of batch) {
      if (!keep(order)) continue;
      kept.push(order);
      if (kept.length === filter.limit) return { items: kept, nextCursor: more || order !== batch.at(-1) ? order.id : null };
    }
    scanned += batch.length;
    if (!more) return { items: kept, nextCursor: null };
    after = batch.at(-1)!.id;
    if (scanned >= MAX_SCANNED) return { items: kept, nextCursor: after };
  }
}
