import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { dropships, exceptions, purchaseOrders } from '../schema/index.js';

/**
 * What the whole deployment has done and what waits on a person, across every dealer: the numbers
 * /metrics reports. Read from Postgres because workers on any machine write them there, so every API
 * process answers the same totals however many workers did the work.
 */
export interface OperationsFacts {
  /** Drop-ships ever opened, by mode (auto / manual). */
  dropshipsByMode: Array<{ mode: string; count: number }>;
  /** Purchase orders by distributor and current status, with how many of them were placed at the distributor. */
  purchaseOrders: Array<{ distributor: string; status: string; count: number; placed: number }>;
  /** Open exceptions by kind. */
  openExceptionsByKind: Array<{ kind: string; count: number }>;
}

/** One scrape's read: three grouped counts, none per dealer. A slow database fails the read rather than holding a connection. */
export async function readOperationsFacts(db: Db): Promise<OperationsFacts> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local statement_timeout = '5s'`);
    const dropshipsByMode = await tx.select({ mode: dropships.mode, count: count() }).from(dropships).groupBy(dropships.mode);
    const pos = await tx
      .select({
        distributor: purchaseOrders.distributor,
        status: purchaseOrders.status,
        count: count(),
        // submitted_at is set once the distributor has the PO (submitted, or found there by a lookup) and never cleared.
        placed: count(purchaseOrders.submittedAt),
      })
      .from(purchaseOrders)
      .groupBy(purchaseOrders.distributor, purchaseOrders.status);
    const openExceptionsByKind = await tx
      .select({ kind: exceptions.kind, count: count() })
      .from(exceptions)
      .where(eq(exceptions.status, 'open'))
      .groupBy(exceptions.kind);
    return { dropshipsByMode, purchaseOrders: pos, openExceptionsByKind };
  });
}
