import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { FINISHED_DROPSHIP_STATUSES } from '../db/repositories/dropships.js';
import { dropships, purchaseOrders } from '../db/schema/index.js';
import type { Actor } from '../domain/actor.js';
import { AT_DISTRIBUTOR } from '../domain/po-actions.js';
import { cancelUpdate, type DropshipWorkflow } from '../workflows/contracts/dropship.js';
import { requestCancellation, updateRefusal } from './purchase-order-actions.js';

const CHANNEL: Actor = { type: 'channel' };

/**
 * What a buyer's cancellation on the channel does once a drop-ship exists: drop-ships still waiting for
 * the dealer are cancelled, and every PO at a distributor is asked to cancel what has not shipped.
 * Safe to repeat: a drop-ship already decided and a PO already asked refuse quietly.
 */
export async function cancelOrderWork(client: Client, db: Db, dealerId: string, orderId: string, channelName: string): Promise<void> {
  const reason = `The buyer cancelled the order on ${channelName}`;
  const waiting = await db
    .select({ workflowId: dropships.workflowId })
    .from(dropships)
    .where(and(eq(dropships.dealerId, dealerId), eq(dropships.orderId, orderId), notInArray(dropships.status, FINISHED_DROPSHIP_STATUSES)));
  for (const { workflowId } of waiting) {
    await client.workflow
      .getHandle<DropshipWorkflow>(workflowId)
      .executeUpdate(cancelUpdate, { args: [{ actor: CHANNEL, reason }] })
      .catch(ignoreRefusal);
  }
  const placed = await db
    .select({ poNumber: purchaseOrders.poNumber })
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.dealerId, dealerId), eq(purchaseOrders.orderId, orderId), inArray(purchaseOrders.status, [...AT_DISTRIBUTOR])));
  for (const { poNumber } of placed) {
    await requestCancellation(client, dealerId, poNumber, { actor: CHANNEL, reason }).catch(ignoreRefusal);
  }
}

function ignoreRefusal(error: unknown): void {
  if (error instanceof WorkflowNotFoundError || updateRefusal(error)) return;
  throw error;
}
